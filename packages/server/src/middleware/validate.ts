import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError, type ErrorDetail } from '../errors.js';
import type { CompiledOperation } from '../validation/compile.js';
import { toDetails } from '../validation/details.js';
import { textDetails, textIssue } from '../validation/text.js';

/** Fields that would let a caller pick an account; the account always comes from the key. */
const TENANT_FIELDS = ['account_id', 'client_id', 'tenant_id'];

/**
 * Bodies with more JSON values than this get only the first problem found: collecting every error
 * costs Ajv more than linear time in the number of errors (decision 038).
 */
const EXPLAIN_LIMIT = 5_000;

/** Errors that say the value is too big: nothing under them is worth validating first. */
const SIZE_KEYWORDS = new Set(['maxItems', 'maxLength', 'maxProperties']);

/**
 * Validates parameters and body against the operation's schemas from the spec. Query strings
 * are coerced (`limit=20` → 20) and defaults applied; the validated values replace the raw ones.
 * Query parameters the operation does not declare are ignored (decision 040).
 */
export function validate(op: CompiledOperation): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const query: Record<string, unknown> = {};
    const details: ErrorDetail[] = [];
    for (const name of op.queryNames) {
      const values = url.searchParams.getAll(name);
      if (values.length === 0) continue;
      if (values.length > 1) details.push({ field: name, issue: 'must be given once' });
      const issue = values.map(textIssue).find(Boolean);
      if (issue) details.push({ field: name, issue });
      query[name] = values[0];
    }
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const params = { query, path: { ...c.req.param() } as Record<string, string>, headers };
    if (!op.validateParams(params)) {
      const found = toDetails(op.validateParams.errors);
      // A malformed path key (`/products/%FF`) names no record: 404, as the spec lists for
      // these operations, rather than a 400 that GET operations do not document.
      const pathErrors = found.filter((d) => d.field.startsWith('path.'));
      if (pathErrors.length > 0) {
        throw new ApiError('NOT_FOUND', 'No such record.', pathErrors.map((d) => ({ ...d, field: d.field.slice(5) })));
      }
      // Strip the query/headers level: clients know `limit`, not `query.limit`.
      for (const d of found) details.push({ ...d, field: d.field.replace(/^(query|headers)\./, '') });
    }

    let body = c.get('body');
    if (op.validateBody && body !== undefined) {
      // The list form is exactly `{items: [...]}`; anything else is one record. A record may have an
      // `items` field of its own (an order's lines), so the key alone does not tell them apart.
      const listForm = isObject(body) && 'items' in body && Object.keys(body).length === 1;
      const wrapped = op.batchBody && !listForm;
      if (wrapped) body = { items: [body] };
      if (!op.validateBody(body)) {
        appendAll(details, tenantFieldDetails(body, wrapped));
        appendAll(details, bodyDetails(op, body, wrapped));
      } else {
        appendAll(details, batchIndexed(textDetails(c.get('body')), !wrapped && op.batchBody));
      }
    }
    if (details.length > 0) throw ApiError.validation(dedupe(details));
    c.set('params', params);
    c.set('body', body);
    return next();
  };
}

/**
 * The details for a body the first-error validator refused: all of them when the body is small
 * and not oversized, else just that first one (for an oversized array, its size).
 */
function bodyDetails(op: CompiledOperation, body: unknown, wrapped: boolean): ErrorDetail[] {
  const first = op.validateBody!.errors ?? [];
  if (first.some((e) => SIZE_KEYWORDS.has(e.keyword)) || countValues(body, EXPLAIN_LIMIT) > EXPLAIN_LIMIT) {
    return toDetails(first, { wrapped });
  }
  const explain = op.explainBody!();
  explain(body);
  return toDetails(explain.errors, { wrapped });
}

/** How many JSON values `value` holds, counting no further than just past `limit`. */
function countValues(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= limit) {
    const next = stack.pop();
    count++;
    if (Array.isArray(next)) for (const v of next) stack.push(v);
    else if (isObject(next)) for (const v of Object.values(next)) stack.push(v);
  }
  return count;
}

function tenantFieldDetails(body: unknown, wrapped: boolean): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const check = (value: unknown, prefix: string, index?: number) => {
    if (!isObject(value)) return;
    for (const field of TENANT_FIELDS) {
      if (field in value) {
        const detail: ErrorDetail = { field: prefix + field, issue: 'is not allowed: the account comes from the API key' };
        details.push(index === undefined ? detail : { index, ...detail });
      }
    }
  };
  if (wrapped) return (check((body as { items: unknown[] }).items[0], ''), details);
  check(body, '');
  if (isObject(body) && Array.isArray(body.items)) body.items.forEach((item, i) => check(item, `items.${i}.`, i));
  return details;
}

/** In a batch sent as `{items: [...]}`, a detail under `items.N` names its item. */
function batchIndexed(details: ErrorDetail[], batch: boolean): ErrorDetail[] {
  if (!batch) return details;
  return details.map((d) => {
    const index = /^items\.(\d+)(\.|$)/.exec(d.field)?.[1];
    return index === undefined ? d : { index: Number(index), ...d };
  });
}

/** `push(...many)` puts every element on the call stack; a loop does not. */
function appendAll<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}

function dedupe(details: ErrorDetail[]): ErrorDetail[] {
  // A tenant field is also an unknown field to the schema; keep the more helpful first issue.
  const seen = new Set<string>();
  return details.filter((d) => !seen.has(d.field) && seen.add(d.field));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
