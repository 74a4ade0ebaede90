import type { JobHandleInit } from './jobs.js';
import type { Job } from './schema.js';

const BATCH_MARK = /^(\d+):([a-z0-9]+)$/;

/**
 * A short digest of a batch's records (32-bit FNV-1a of their JSON, in base 36). It goes into the
 * batch's request id, so a later run can tell whether its batch `n` holds the same records as the
 * job an earlier run left, without the records being stored anywhere.
 * @example
 * contentMark([{ sku: 'A' }]); // '1q9ve2x' (say)
 */
export function contentMark(items: unknown[]): string {
  const text = JSON.stringify(items);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * The jobs that earlier attempts of run `runId` started, by batch number, each with the
 * `contentMark` of the records it was sent. Ingest sends batch `n` with
 * `X-Request-Id: ${runId}:${n}:${mark}`, and the server records that id on the job, so the run's
 * jobs can be told apart from any others. The jobs of the replayed batch's type are walked
 * newest first, back to the replayed job itself (the first batch of the first attempt): one
 * request per 200 jobs made since the run began, instead of one replayed request per batch.
 * A client that cannot list jobs finds nothing, and every batch is simply sent again (the server
 * replays what it already did).
 */
export async function findEarlierJobs(
  replayed: Pick<JobHandleInit, 'listJobs' | 'type' | 'createdAt'>,
  runId: string,
  signal: AbortSignal,
  onRateLimitWait?: ((waitMs: number) => void) | undefined,
): Promise<Map<number, { job: Job; mark: string }>> {
  const found = new Map<number, { job: Job; mark: string }>();
  const since = replayed.createdAt ? Date.parse(replayed.createdAt) : Number.NEGATIVE_INFINITY;
  const prefix = `${runId}:`;
  for (let cursor: string | undefined, more = !!replayed.listJobs; more; ) {
    const page = await replayed.listJobs!({ type: replayed.type, limit: 200, cursor, signal, waitForRateLimit: true, onRateLimitWait });
    for (const job of page.data) {
      if (Date.parse(job.created_at) < since) return found;
      const mark = job.request_id.startsWith(prefix) && BATCH_MARK.exec(job.request_id.slice(prefix.length));
      // Newest first: a batch sent again after the idempotency window keeps its latest job.
      if (mark && !found.has(Number(mark[1]))) found.set(Number(mark[1]), { job, mark: mark[2]! });
    }
    cursor = page.meta.next_cursor ?? undefined;
    more = page.meta.has_more && cursor !== undefined;
  }
  return found;
}
