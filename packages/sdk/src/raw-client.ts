import type { Client, ClientOptions, Middleware } from 'openapi-fetch';

const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'request'] as const;

/**
 * openapi-fetch's client, loaded on its first call. The resource methods do not need it, so an
 * app that never uses `raw` never loads it (it is a third of the SDK's weight in a browser
 * bundle). Middleware given to `use`/`eject` before then is applied in order once it is loaded.
 * @example
 * const raw = lazyOpenapiFetch<paths>({ baseUrl, fetch });
 * const { data } = await raw.GET('/v1/me');
 */
export function lazyOpenapiFetch<Paths extends {}>(options: ClientOptions): Client<Paths> {
  let client: Client<Paths> | undefined;
  let loading: Promise<Client<Paths>> | undefined;
  const queued: ((loaded: Client<Paths>) => void)[] = [];
  const load = () =>
    (loading ??= import('openapi-fetch').then((module) => {
      // A resolver that hands its CommonJS build to import() puts the function one level down.
      const { default: create } = module as unknown as { default: typeof module.default & { default?: typeof module.default } };
      client = (create.default ?? create)<Paths>(options);
      for (const apply of queued) apply(client);
      return client;
    }));
  const now = (apply: (loaded: Client<Paths>) => void) => (client ? apply(client) : void queued.push(apply));
  const raw: Record<string, unknown> = {
    use: (...middleware: Middleware[]) => now((loaded) => loaded.use(...middleware)),
    eject: (...middleware: Middleware[]) => now((loaded) => loaded.eject(...middleware)),
  };
  for (const method of METHODS) {
    raw[method] = async (...args: unknown[]) => ((await load())[method] as (...a: unknown[]) => unknown)(...args);
  }
  return raw as unknown as Client<Paths>;
}
