/** Absolute path of the bundled OpenAPI document (one JSON file, no external `$ref`). */
export declare const specPath: string;
/** The bundled OpenAPI document, parsed once. */
export declare const spec: OpenApiDocument;
export default spec;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; [key: string]: unknown };
  servers: Array<{ url: string; description?: string }>;
  paths: Record<string, Record<string, any>>;
  webhooks: Record<string, Record<string, any>>;
  components: Record<string, Record<string, any>>;
  [key: string]: unknown;
}
