import autocannon from 'autocannon';

/** Requests per second that `url` sustains with 10 connections for `seconds`, after a short warm-up. */
export async function requestsPerSecond(url: string, headers: Record<string, string>, seconds = 5): Promise<number> {
  await autocannon({ url, headers, connections: 10, duration: 1 });
  const result = await autocannon({ url, headers, connections: 10, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result.requests.average;
}
