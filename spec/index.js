import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the bundled OpenAPI document (one JSON file, no external `$ref`). */
export const specPath = fileURLToPath(new URL('./dist/openapi.json', import.meta.url));

/** The bundled OpenAPI document, parsed once. */
export const spec = JSON.parse(readFileSync(specPath, 'utf8'));

export default spec;
