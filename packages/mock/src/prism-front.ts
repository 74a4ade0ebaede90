import { errorResponse } from './error-envelope.js';

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;
// Hop-by-hop headers belong to one connection; fetch refuses some of them anyway.
const HOP_BY_HOP = ['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'expect', 'upgrade', 'te', 'trailer'];

interface Violation {
  location?: string[];
  severity?: string;
  message?: string;
}

/**
 * What stands between a client and the Prism process, with two jobs Prism 5.16 gets wrong:
 * - a JSON body that does not parse never gets an answer from Prism (it waits for the end of a
 *   request it has already read); it is answered here, `400 VALIDATION_FAILED` as the server does;
 * - a request Prism finds invalid gets the operation's first `422` or `400` example, which can
 *   say `INVALID_GTIN` about a missing title; it is answered `400 VALIDATION_FAILED` with Prism's
 *   violations as the details (and in `sl-violations`, as Prism sends them).
 * Everything else is Prism's answer, passed on unchanged.
 */
export function prismFront(prismUrl: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const carriesBody = request.method !== 'GET' && request.method !== 'HEAD';
    const bytes = carriesBody ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array(0);
    const syntax = jsonSyntaxError(request.headers.get('content-type'), bytes);
    if (syntax !== null) {
      return errorResponse(request, 'VALIDATION_FAILED', 'The body is not valid JSON.', {}, [{ field: 'body', issue: `is not valid JSON: ${syntax}` }]);
    }
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    for (const name of HOP_BY_HOP) headers.delete(name);
    const answer = await fetch(new URL(url.pathname + url.search, prismUrl), {
      method: request.method,
      headers,
      body: bytes.length > 0 ? bytes : undefined,
      redirect: 'manual',
    });
    return (await asValidationError(request, answer)) ?? passOn(answer);
  };
}

function jsonSyntaxError(contentType: string | null, bytes: Uint8Array): string | null {
  if (bytes.length === 0 || !JSON_TYPE.test(contentType ?? '')) return null;
  try {
    JSON.parse(new TextDecoder().decode(bytes));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

async function asValidationError(request: Request, answer: Response): Promise<Response | null> {
  const report = answer.headers.get('sl-violations');
  if (!report || (answer.status !== 400 && answer.status !== 422)) return null;
  let violations: Violation[];
  try {
    violations = (JSON.parse(report) as Violation[]).filter((v) => v.location?.[0] === 'request' && v.severity === 'Error');
  } catch {
    // Prism truncates a long report ("Too many violations! …"); it still says the request was invalid.
    violations = [{ location: ['request'], message: report.slice(0, 500) }];
  }
  if (violations.length === 0) return null;
  await answer.body?.cancel();
  // Keep Prism's example headers (rate limits, sl-violations); the body and its type are ours.
  const headers = Object.fromEntries([...answer.headers].filter(([name]) => !['content-type', 'content-length', 'x-request-id'].includes(name)));
  return errorResponse(request, 'VALIDATION_FAILED', 'The request does not match the spec.', headers, violations.map(toDetail));
}

function toDetail(violation: Violation): { field: string; issue: string } {
  const location = violation.location ?? [];
  const message = violation.message ?? 'is invalid';
  const missing = /required property '([^']+)'/.exec(message)?.[1];
  const path = [...location.slice(2), ...(missing ? [missing] : [])];
  return { field: path.join('.') || location[1] || 'request', issue: message };
}

function passOn(answer: Response): Response {
  const headers = new Headers(answer.headers);
  // fetch has already decoded and measured the body.
  for (const name of ['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']) headers.delete(name);
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers });
}
