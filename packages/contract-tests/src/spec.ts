import { spec } from '@nexuscommerce/spec';
import { createResponseChecker } from '@nexuscommerce/spec/check';
import { deref as derefIn, listOperations, type SpecOperation } from '@nexuscommerce/spec/walk';

export { spec, type SpecOperation };

/** Every operation of the spec, read with the walker the server and the mock use. */
export const operations = listOperations(spec);
export const operationIds = operations.map((o) => o.operationId);

/** The one checker of answers and webhook payloads (the server's own tests use it too). */
export const checker = createResponseChecker(spec);

/** A `$ref` of the bundled spec, resolved. */
export const deref = <T = Record<string, any>>(node: unknown): T => derefIn<T>(spec, node);
