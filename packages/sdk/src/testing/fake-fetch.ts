/** One request as the fake network saw it (body read as text). */
export interface SeenRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

type Step = Response | Error | ((request: Request) => Response | Promise<Response>);

/** A `fetch` that answers with `steps` in order and records every request it gets. */
export function scriptedFetch(...steps: Step[]) {
  const seen: SeenRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: await request.text(),
    });
    const step = steps.shift();
    if (step === undefined) throw new Error(`scriptedFetch: no answer left for ${request.method} ${request.url}`);
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request) : step;
  };
  return { fetch, seen };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function apiError(status: number, code: string, headers: Record<string, string> = {}): Response {
  return json(status, { request_id: 'req_server', error: { code, message: `${code} happened`, details: [] } }, headers);
}

/** A fetch that never answers but rejects, like the real one, when its request is aborted. */
export function hangingFetch(onRequest?: (request: Request) => void) {
  return (request: Request) =>
    new Promise<Response>((_, reject) => {
      onRequest?.(request);
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
    });
}
