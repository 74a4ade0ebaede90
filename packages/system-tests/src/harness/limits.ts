import { call, type ServerProcess } from './server.js';

/** What a burst of `GET /v1/me` calls got: admitted (2xx), limited (429), anything else. */
export interface Burst {
  admitted: number;
  limited: number;
  other: number[];
}

/**
 * Sends `total` requests with one key, spread round-robin over `servers`, `concurrency` at a time.
 *
 * @example
 * const burst = await burstOf([api1, api2], key, 80);
 */
export async function burstOf(servers: ServerProcess[], key: string, total: number, concurrency = 4): Promise<Burst> {
  const burst: Burst = { admitted: 0, limited: 0, other: [] };
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < total; i = next++) {
      const res = await call(servers[i % servers.length]!.url, key, 'GET', '/v1/me');
      if (res.status === 200) burst.admitted++;
      else if (res.status === 429 && res.body?.error?.code === 'RATE_LIMITED' && res.headers.get('retry-after')) burst.limited++;
      else burst.other.push(res.status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return burst;
}

/**
 * True when the servers count one key together: calls alternating between them see
 * `X-RateLimit-Remaining` go down by exactly one each time.
 */
export async function countedTogether(servers: ServerProcess[], key: string, calls = 6): Promise<boolean> {
  let previous: number | undefined;
  for (let i = 0; i < calls; i++) {
    const res = await call(servers[i % servers.length]!.url, key, 'GET', '/v1/me');
    const remaining = Number(res.headers.get('x-ratelimit-remaining'));
    if (res.status !== 200 || (previous !== undefined && remaining !== previous - 1)) return false;
    previous = remaining;
  }
  return true;
}
