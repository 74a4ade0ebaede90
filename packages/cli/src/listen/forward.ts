import type { IncomingHttpHeaders } from 'node:http';

/** The handler's answer (or ours, when it could not be reached), as sent back to the API. */
export interface Forwarded {
  status: number;
  body: string;
  contentType?: string | undefined;
  ms: number;
  /** Why the handler gave no answer. */
  error?: string | undefined;
}

// Hop-by-hop and framing headers belong to one connection, not to the message.
const NOT_FORWARDED = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);
// The API gives up on a delivery after 15 s; answer before that so it records our 504, not a timeout.
const HANDLER_TIMEOUT_MS = 14_000;
const MAX_ANSWER = 4096;

/**
 * POSTs the delivery, byte for byte and with its signature headers, to the partner's handler.
 * @example
 * const answer = await forward('http://localhost:3000/hooks', req.headers, rawBody);
 */
export async function forward(url: string, incoming: IncomingHttpHeaders, body: Buffer): Promise<Forwarded> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, { method: 'POST', headers, body: new Uint8Array(body), redirect: 'manual', signal: AbortSignal.timeout(HANDLER_TIMEOUT_MS) });
    const text = (await res.text()).slice(0, MAX_ANSWER);
    return { status: res.status, body: text, contentType: res.headers.get('content-type') ?? undefined, ms: ms() };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const why = timedOut ? `no answer within ${HANDLER_TIMEOUT_MS / 1000}s` : String((error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
    return { status: timedOut ? 504 : 502, body: `the handler at ${url} could not be reached: ${why}\n`, ms: ms(), error: why };
  }
}
