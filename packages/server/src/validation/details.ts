import type { ErrorObject } from 'ajv';
import type { ErrorDetail } from '../errors.js';
import { issueOf, typeIssue } from './issues.js';

const SERVER_MANAGED = new Set(['listings', 'created_at', 'updated_at']);

/**
 * Turns Ajv errors into the API's error details: one per field, with a dotted path
 * (`items.3.gtin`) and the batch item's `index`. Branch errors of `oneOf` (`string` or `null`)
 * merge into one issue instead of contradicting each other.
 *
 * @example
 * toDetails(validate.errors); // [{ index: 3, field: 'items.3.gtin', issue: '…' }]
 */
export function toDetails(errors: ErrorObject[] | null | undefined, options: { wrapped?: boolean } = {}): ErrorDetail[] {
  const byField = new Map<string, { types: string[]; issues: string[] }>();
  for (const error of errors ?? []) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    let segments = error.instancePath.split('/').slice(1).map(unescape);
    let issue = issueOf(error);
    if (error.keyword === 'required') {
      segments = [...segments, String(error.params.missingProperty)];
      issue = 'is required';
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const property = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      segments = [...segments, property];
      issue = SERVER_MANAGED.has(property) ? 'is managed by the server and cannot be set' : 'is not a known field';
    }
    // A single object sent to a batch operation was wrapped as items[0]; report it unwrapped.
    if (options.wrapped && segments[0] === 'items' && segments[1] === '0') segments = segments.slice(2);
    const field = segments.join('.') || 'body';
    const entry = byField.get(field) ?? { types: [], issues: [] };
    if (error.keyword === 'type') entry.types.push(...String(error.params.type).split(','));
    else if (!entry.issues.includes(issue)) entry.issues.push(issue);
    byField.set(field, entry);
  }
  return [...byField.entries()].map(([field, { types, issues }]) => {
    const issue = types.length && !issues.length ? typeIssue(types) : issues.join('; ');
    // Bodies with `items` are batches: name the item, as the error envelope promises.
    const index = options.wrapped ? undefined : /^items\.(\d+)(\.|$)/.exec(field)?.[1];
    return index === undefined ? { field, issue } : { index: Number(index), field, issue };
  });
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
