import autocannon, { type Request as LoadRequest } from 'autocannon';

/** One HTTP target under load; `next` gives each request its own body and headers (e.g. a new SKU). */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  next?: () => { body?: string; headers?: Record<string, string> };
}

/** Requests per second that `target` sustains with 10 connections for `seconds`. */
export async function requestsPerSecond(target: LoadTarget, seconds = 5): Promise<number> {
  const { url, headers = {}, method = 'GET', next } = target;
  const requests = next
    ? [{ method, setupRequest: (req: LoadRequest): LoadRequest => {
      const extra = next();
      return { ...req, body: extra.body, headers: { ...req.headers, ...extra.headers } };
    } }]
    : undefined;
  const result = await autocannon({ url, headers, method, connections: 10, duration: seconds, ...(requests ? { requests } : {}) });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result.requests.average;
}

/**
 * Throughput of every target in interleaved rounds (A, B, C, A, B, C, …) after a one-second
 * warm-up of each: a burst of load from elsewhere on a shared machine then lands on every target
 * alike. Returns each target's requests per second, round by round.
 */
export async function interleavedRps(
  targets: Record<string, LoadTarget>,
  { rounds = 3, seconds = 5 } = {},
): Promise<Record<string, number[]>> {
  for (const target of Object.values(targets)) await requestsPerSecond(target, 1);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, target] of Object.entries(targets)) {
      const rps = await requestsPerSecond(target, seconds);
      samples[name]!.push(rps);
      console.log(`  round ${r + 1}: ${name} ${Math.round(rps)} req/s`);
    }
  }
  return samples;
}
