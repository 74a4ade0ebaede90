import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError, type ErrorDetail } from '../errors.js';
import type { CompiledOperation } from '../validation/compile.js';
import { toDetails } from '../validation/details.js';

/** Fields that would let a caller pick an account; the account always comes from the key. */
const TENANT_FIELDS = ['account_id', 'client_id', 'tenant_id'];

/**
 * Validates parameters and body against the operation's schemas from the spec. Query strings
 * are coerced (`limit=20` → 20) and defaults applied; the validated values replace the raw ones.
 */
export function validate(op: CompiledOperation): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const query: Record<string, unknown> = {};
    const details: ErrorDetail[] = [];
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      if (values.length > 1) details.push({ field: name, issue: 'must be given once' });
      if (values.some((v) => v.includes('\u0000'))) details.push({ field: name, issue: 'must not contain U+0000' });
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
      details.push(...found.map((d) => ({ ...d, field: d.field.replace(/^(query|headers)\./, '') })));
    }

    let body = c.get('body');
    let wrapped = false;
    if (op.validateBody && body !== undefined) {
      details.push(...tenantFieldDetails(body));
      // The list form is exactly `{items: [...]}`; anything else is one record. A record may have an
      // `items` field of its own (an order's lines), so the key alone does not tell them apart.
      const listForm = isObject(body) && 'items' in body && Object.keys(body).length === 1;
      if (op.batchBody && !listForm) {
        body = { items: [body] };
        wrapped = true;
      }
      if (!op.validateBody(body)) {
        details.push(...toDetails(op.validateBody.errors, { wrapped }));
      } else {
        // Only once the schema has bounded the depth: this walk recurses.
        details.push(...nulDetails(c.get('body'), []));
      }
    }
    if (details.length > 0) throw ApiError.validation(dedupe(details));
    c.set('params', params);
    c.set('body', body);
    return next();
  };
}

function tenantFieldDetails(body: unknown): ErrorDetail[] {
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
  check(body, '');
  if (isObject(body) && Array.isArray(body.items)) body.items.forEach((item, i) => check(item, `items.${i}.`, i));
  return details;
}

/** PostgreSQL cannot store U+0000 in text or jsonb; refusing it here keeps that a 400, not a 500. */
function nulDetails(value: unknown, path: string[]): ErrorDetail[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [{ field: path.join('.') || 'body', issue: 'must not contain U+0000' }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulDetails(v, [...path, String(i)]));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => [
      ...(k.includes('\u0000') ? [{ field: [...path, k].join('.'), issue: 'must not contain U+0000' }] : []),
      ...nulDetails(v, [...path, k]),
    ]);
  }
  return [];
}

function dedupe(details: ErrorDetail[]): ErrorDetail[] {
  // A tenant field is also an unknown field to the schema; keep the more helpful first issue.
  const seen = new Set<string>();
  return details.filter((d) => !seen.has(d.field) && seen.add(d.field));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
