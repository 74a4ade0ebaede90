// The bundled spec as JSON: bundlers inline it and Node reads it, so the core stays free of node:fs.
import document from '@nexuscommerce/spec/openapi.json' with { type: 'json' };

/** The parts of an OpenAPI 3.1 document the server reads. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  info?: { version?: string };
  [key: string]: unknown;
}

/**
 * The Partner API spec this build of the server implements.
 *
 * @example
 * Object.keys(bundledSpec.paths).includes('/v1/products'); // true
 */
export const bundledSpec = document as unknown as OpenApiDocument;
