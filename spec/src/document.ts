/**
 * The parts of an OpenAPI 3.1 document the toolkit reads. Anything else passes through untyped.
 */
export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; [key: string]: unknown };
  paths: Record<string, Record<string, any>>;
  webhooks?: Record<string, Record<string, any>>;
  components?: Record<string, Record<string, any>>;
  [key: string]: unknown;
}

/** The HTTP methods an OpenAPI path item can hold operations for, in the order we list them. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
