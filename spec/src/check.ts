// Validating against the spec (Ajv, JSON Schema 2020-12): the server's request validation and
// every test that checks an answer or a webhook against the contract compile schemas here.
export { createSchemaCompiler, type SchemaCompiler } from './schema-compiler.js';
export { createResponseChecker, type ObservedResponse, type ResponseChecker } from './response-checker.js';
export type { HeadersLike } from './headers.js';
