// The bundled spec as JSON: bundlers inline it and Node reads it, so the core stays free of node:fs.
import document from '@nexuscommerce/spec/openapi.json' with { type: 'json' };
import type { OpenApiDocument } from '@nexuscommerce/spec/walk';

export type { OpenApiDocument };

/**
 * The Partner API spec this build of the server implements.
 *
 * @example
 * Object.keys(bundledSpec.paths).includes('/v1/products'); // true
 */
export const bundledSpec = document as unknown as OpenApiDocument;
