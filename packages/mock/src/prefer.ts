import type { OpenApiDocument } from '@nexuscommerce/spec';
import { errorResponse, requestIdOf } from './error-envelope.js';
import type { Scenario } from './scenario.js';
import { deref, type SpecOperation } from './spec-operations.js';

/** `Prefer: code=404, example=not_found` → `{ code: '404', example: 'not_found' }` (Prism's syntax). */
export function parsePrefer(header: string | null): { code?: string; example?: string } {
  const out: { code?: string; example?: string } = {};
  for (const match of (header ?? '').matchAll(/(?:^|[\s,;])(code|example)=("?)([^",;\s]+)\2/g)) {
    out[match[1] as 'code' | 'example'] = match[3]!;
  }
  return out;
}

/**
 * Answers `Prefer: code=<status>` and/or `example=<name>` with the spec's documented example for
 * the operation, as Prism does, so one header forces the same answer from both mocks. Requests
 * without those preferences go on to the server. Credentials are not checked for forced answers.
 */
export function preferExamples(doc: OpenApiDocument): Scenario {
  return async (request, next, { operation }) => {
    const prefer = parsePrefer(request.headers.get('prefer'));
    if (!operation || (!prefer.code && !prefer.example)) return next(request);
    const found = documentedExample(doc, operation, prefer);
    if (!found) {
      const wanted = [prefer.code && `code=${prefer.code}`, prefer.example && `example=${prefer.example}`].filter(Boolean).join(', ');
      return errorResponse(request, 'VALIDATION_FAILED', `The spec documents no response for ${operation.operationId} matching Prefer: ${wanted}.`, {}, [
        { field: 'Prefer', issue: `no documented response for ${wanted}` },
      ]);
    }
    const headers = new Headers(found.headers);
    const body = found.body === undefined ? null : JSON.stringify(found.body);
    if (body !== null) headers.set('content-type', 'application/json; charset=utf-8');
    // The example's own request_id, when it has one, so header and body agree.
    const bodyRequestId = (found.body as { request_id?: unknown } | undefined)?.request_id;
    headers.set('X-Request-Id', typeof bodyRequestId === 'string' ? bodyRequestId : requestIdOf(request));
    return new Response(body, { status: found.status, headers });
  };
}

interface Documented {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function documentedExample(doc: OpenApiDocument, op: SpecOperation, prefer: { code?: string; example?: string }): Documented | null {
  const statuses = Object.keys(op.operation.responses ?? {})
    .filter((s) => /^\d{3}$/.test(s))
    .sort();
  const candidates = prefer.code ? statuses.filter((s) => s === prefer.code) : statuses;
  for (const status of candidates) {
    const response = deref(doc, op.operation.responses[status]);
    const media = response.content?.['application/json'];
    const examples = exampleMap(doc, media);
    if (prefer.example && !(prefer.example in examples)) continue;
    const name = prefer.example ?? Object.keys(examples)[0];
    return { status: Number(status), body: name === undefined ? undefined : examples[name], headers: exampleHeaders(doc, response.headers) };
  }
  return null;
}

/** Named examples of a media type; a lone `example` is named `default`. */
function exampleMap(doc: OpenApiDocument, media: Record<string, any> | undefined): Record<string, unknown> {
  if (!media) return {};
  if ('example' in media) return { default: media.example };
  return Object.fromEntries(Object.entries(media.examples ?? {}).map(([name, ex]) => [name, deref<{ value: unknown }>(doc, ex).value]));
}

/** Response headers the spec gives an example for (Retry-After, X-RateLimit-*, Location…). */
function exampleHeaders(doc: OpenApiDocument, headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'x-request-id') continue;
    const header = deref(doc, ref);
    const schema = deref(doc, header.schema ?? {});
    const value = header.example ?? schema.examples?.[0] ?? schema.example;
    if (value !== undefined) out[name] = String(value);
  }
  return out;
}
