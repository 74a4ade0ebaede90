import { ingest } from './ingest.js';
import type { Clock } from './internal/clock.js';
import type { JobHandle } from './jobs.js';
import { paginate } from './pagination.js';
import type { ResourceTable, Resources } from './resource-types.js';
import type { JobAccepted } from './schema.js';
import type { CallOptions } from './transport.js';

/** Sends one request and throws ApiError for a non-2xx; `data` is the parsed JSON body. */
export type Invoke = (request: {
  method: string;
  path: string;
  pathParams: Record<string, unknown> | undefined;
  query: Record<string, unknown> | undefined;
  body: unknown;
  options: CallOptions;
}) => Promise<{ data: unknown; response: Response }>;

const OPTION_KEYS = new Set(['signal', 'timeoutMs', 'maxRetries', 'idempotencyKey', 'requestId', 'headers', 'waitForRateLimit', 'onRateLimitWait']);

/** Splits `{ status: 'active', signal }` into query parameters and call options, in one pass. */
function splitOptions(input: Record<string, unknown> | undefined): [Record<string, unknown> | undefined, CallOptions] {
  if (input === undefined) return [undefined, {}];
  let query: Record<string, unknown> | undefined;
  const options: Record<string, unknown> = {};
  for (const key in input) (OPTION_KEYS.has(key) ? options : (query ??= {}))[key] = input[key];
  return [query, options];
}

/**
 * Builds `client.<resource>.<method>()` for every line of `table`, all through one `invoke`.
 * Argument order: path parameters in path order, then the body (POST/PATCH/PUT), then one object
 * of query parameters and call options.
 */
export function buildResources<Paths, T extends ResourceTable>(
  table: T,
  invoke: Invoke,
  jobHandle: (accepted: JobAccepted, response: Response) => JobHandle,
  clock?: Clock,
): Resources<Paths, T> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const [resource, operations] of Object.entries(table)) {
    const methods: Record<string, unknown> = (resources[resource] = {});
    for (const [name, spec] of Object.entries(operations)) {
      const [verb, path] = spec.split(' ') as [string, string];
      const names = Array.from(path.matchAll(/\{(\w+)\}/g), (m) => m[1]!);
      const hasBody = verb === 'POST' || verb === 'PATCH' || verb === 'PUT';
      const method = verb === 'LIST' ? 'GET' : verb === 'ACTION' ? 'POST' : verb;
      methods[name] = (...args: unknown[]) => {
        let pathParams: Record<string, unknown> | undefined;
        if (names.length > 0) {
          pathParams = {};
          for (let i = 0; i < names.length; i++) pathParams[names[i]!] = args[i];
        }
        const body = hasBody ? args[names.length] : undefined;
        const [query, options] = splitOptions(args[names.length + (hasBody ? 1 : 0)] as Record<string, unknown> | undefined);
        const send = (q: Record<string, unknown> | undefined) => invoke({ method, path, pathParams, query: q, body, options });
        if (verb === 'LIST') {
          return paginate(async (cursor) => (await send(cursor ? { ...query, cursor } : query)).data as never);
        }
        return send(query).then(({ data, response }) => {
          const envelope = data as { data?: JobAccepted } | undefined;
          if (response.status === 202 && envelope?.data?.job_id) return jobHandle(envelope.data, response);
          return envelope && typeof envelope === 'object' && 'data' in envelope ? envelope.data : envelope;
        });
      };
    }
    if (typeof methods['batch'] === 'function') {
      const batch = methods['batch'] as (body: unknown, options: CallOptions) => Promise<JobHandle>;
      methods['ingest'] = (source: Iterable<unknown>, options: CallOptions = {}) => {
        const [ingestOptions, callOptions] = splitOptions(options as Record<string, unknown>);
        return ingest(source, (items, o) => batch({ items }, { ...callOptions, ...o }), {
          clock,
          ...ingestOptions,
          signal: options.signal,
          onRateLimitWait: options.onRateLimitWait,
        });
      };
    }
  }
  return resources as Resources<Paths, T>;
}
