import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenApiDocument } from './document.js';

export type { OpenApiDocument } from './document.js';

/** The bundled document: every part the Partner API spec always has. */
export type BundledSpec = OpenApiDocument & Required<Pick<OpenApiDocument, 'openapi' | 'info' | 'webhooks' | 'components'>>;

/** Absolute path of the bundled OpenAPI document (one JSON file, no external `$ref`). */
// `../dist/` resolves the same from the built `dist/index.js` and from `src/index.ts` in tests.
export const specPath: string = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));

/**
 * The bundled OpenAPI document, parsed once. Node only (it reads a file); bundlers and browsers
 * import `@nexuscommerce/spec/openapi.json` instead.
 *
 * @example
 * import { spec } from '@nexuscommerce/spec';
 * Object.keys(spec.webhooks); // ['order.created', …]
 */
export const spec: BundledSpec = JSON.parse(readFileSync(specPath, 'utf8'));

export default spec;
