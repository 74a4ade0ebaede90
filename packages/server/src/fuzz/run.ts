import { createResponseChecker } from '@nexuscommerce/spec/check';
import fc from 'fast-check';
import { PLAN_LIMITS } from '../config.js';
import { bundledSpec } from '../spec/document.js';
import type { Store } from '../store/port.js';
import { setup } from '../test/harness.js';
import { fuzzCase, type FuzzCase } from './cases.js';
import { specRequests, type SpecRequest } from './spec-requests.js';

/** How a run is sized: a fixed seed in `pnpm test`, a random one and many more runs in `pnpm fuzz`. */
export interface FuzzSettings {
  seed: number;
  runs: number;
  /** An answer slower than this is a hang. */
  answerTimeoutMs: number;
}

/**
 * `pnpm test` runs a fixed seed briefly; `pnpm fuzz` sets `NEXUS_FUZZ=long` for a random seed and
 * more runs. `NEXUS_FUZZ_SEED` and `NEXUS_FUZZ_RUNS` replay or resize either.
 */
export function fuzzSettings(env: Record<string, string | undefined>, shortRuns: number): FuzzSettings {
  const long = env.NEXUS_FUZZ === 'long';
  return {
    seed: env.NEXUS_FUZZ_SEED ? Number(env.NEXUS_FUZZ_SEED) : long ? Math.floor(Math.random() * 2 ** 31) : 20_261_202,
    runs: env.NEXUS_FUZZ_RUNS ? Number(env.NEXUS_FUZZ_RUNS) : long ? shortRuns * 20 : shortRuns,
    answerTimeoutMs: 15_000,
  };
}

const checker = createResponseChecker(bundledSpec);
const requests = specRequests();
const NO_LIMITS = Object.fromEntries(Object.keys(PLAN_LIMITS).map((plan) => [plan, { per_minute: 1e9, per_hour: 1e9 }])) as typeof PLAN_LIMITS;

export interface FuzzReport {
  /** Statuses seen per operation. */
  observed: Map<string, Set<number>>;
  /** Requests answered 2xx although one part was hostile (it was harmless for that operation). */
  accepted: number;
}

/**
 * Sends generated hostile requests to an app on `store` and fails on the first answer that is a
 * 5xx, slower than the timeout, not the documented envelope of that operation, or a 4xx that
 * changed what the API shows. The seed is in the failure message.
 */
export async function fuzzApp(store: Store, settings: FuzzSettings): Promise<FuzzReport> {
  const { app, key } = await setup({ planLimits: NO_LIMITS, unauthenticatedPerMinute: 1e9 }, store);
  let counter = 0;
  const send = async (c: Pick<FuzzCase, 'path' | 'headers' | 'body'> & { request: SpecRequest }) => {
    const headers = new Headers({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
    if (c.request.method === 'POST' || c.request.method === 'PATCH') headers.set('idempotency-key', `fuzz-${++counter}`);
    for (const [name, value] of Object.entries(c.headers)) {
      if (value === null) headers.delete(name);
      else headers.set(name, value);
    }
    const body = c.request.takesBody ? (c.body ?? JSON.stringify(c.request.body)) : undefined;
    const request = new Request(`http://localhost${c.path}`, { method: c.request.method, headers, body });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${settings.answerTimeoutMs} ms`)), settings.answerTimeoutMs);
    });
    try {
      const res = await Promise.race([app.fetch(request), hang]);
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    } finally {
      clearTimeout(timer);
    }
  };
  // What the API shows: every read at the spec's example path, without the parts that change per call.
  const reads = requests.filter((r) => r.method === 'GET' && r.operationId !== 'getHealth');
  const snapshot = async () => {
    const seen: unknown[] = [];
    for (const request of reads) {
      const res = await send({ request, path: request.path, headers: {} });
      seen.push([request.operationId, res.status, res.body?.data ?? res.body?.error?.code]);
    }
    return JSON.stringify(seen);
  };

  // Records at the spec's example keys, so hostile updates meet real rows.
  for (const request of requests.filter((r) => r.method === 'POST' && r.pathParams.length === 0 && r.body !== undefined)) {
    await send({ request, path: request.path, headers: {} });
  }

  const report: FuzzReport = { observed: new Map(), accepted: 0 };
  let before = await snapshot();
  const property = fc.asyncProperty(fuzzCase(requests), async (c) => {
    const res = await send(c);
    const id = c.request.operationId;
    report.observed.set(id, (report.observed.get(id) ?? new Set()).add(res.status));
    const problems = checker.response({ method: c.request.method, url: c.path, status: res.status, headers: res.headers, body: res.body });
    if (res.status >= 500) problems.unshift(`answered ${res.status}`);
    if (c.mustRefuse && res.status < 400) problems.unshift(`accepted it with ${res.status}`);
    if (res.status >= 400 && res.headers.get('x-request-id') !== res.body?.request_id) problems.push('X-Request-Id differs from the body');
    if (problems.length) throw new Error(`${c.request.method} ${c.path.slice(0, 200)} (${c.defect}): ${problems.join('; ')}\n${JSON.stringify(res.body)?.slice(0, 500)}`);
    if (res.status < 300) report.accepted++;
    // A read cannot write; only the other methods pay for a snapshot.
    if (c.request.method === 'GET') return;
    const after = await snapshot();
    if (res.status >= 400 && after !== before) {
      throw new Error(`${c.request.method} ${c.path.slice(0, 200)} (${c.defect}) answered ${res.status} but changed what the API shows`);
    }
    before = after;
  });
  try {
    await fc.assert(property, { seed: settings.seed, numRuns: settings.runs, endOnFailure: true });
  } catch (error) {
    throw new Error(`Fuzz failed with seed ${settings.seed}; replay with NEXUS_FUZZ_SEED=${settings.seed}.\n${(error as Error).message}`, { cause: error });
  }
  return report;
}
