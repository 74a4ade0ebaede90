import { referenceResponse } from '@nexuscommerce/spec/reference';

type FetchHandler<Env> = (request: Request, env: Env) => Response | Promise<Response>;

/**
 * Serves the API reference page (built by `@nexuscommerce/spec`) at `GET /docs` in front of the
 * API. Node-only: the page is read from the spec package's files, which edge runtimes lack, so
 * the runtime-neutral core never sees this route.
 *
 * @example
 * serve({ fetch: withReferencePage(app.fetch), port: 4010 });
 */
export function withReferencePage<Env>(fetch: FetchHandler<Env>): FetchHandler<Env> {
  return (request, env) => {
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (read && new URL(request.url).pathname === '/docs') return referenceResponse(request);
    return fetch(request, env);
  };
}
