// Reading the spec without validating anything: runtime-neutral and dependency-free, so the
// browser mock can use it as well as the server, the contract tests and the spec's own tests.
export { HTTP_METHODS, type HttpMethod, type OpenApiDocument } from './document.js';
export { atPointer, deref, escapePointer } from './refs.js';
export { documentedResponse, firstExample, jsonMedia, listOperations, type SpecOperation } from './operations.js';
export { createOperationMatcher, type OperationMatcher } from './matcher.js';
export { collectExamples, type ExampleSite } from './examples.js';
