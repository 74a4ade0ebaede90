import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { StoreOps } from '../store/port.js';
import type { JobRecord, Partition } from '../store/types.js';

/** The `{data}` of a 202 answer (the spec's `JobAccepted`). */
export interface JobAccepted {
  job_id: string;
  type: string;
  status: JobRecord['status'];
  total: number;
  request_id?: string;
  created_at: string;
}

/**
 * Stores a queued job with its input. Workers (not part of this slice) pick queued jobs up.
 *
 * @example
 * const job = await queueJob(tx, clock, partition, { type: 'products.batch', total: 2, payload, requestId });
 */
export async function queueJob(
  tx: StoreOps,
  clock: Clock,
  p: Partition,
  input: { type: string; total: number; payload: unknown; requestId: string },
): Promise<JobRecord> {
  const job: JobRecord = {
    id: newId('job'),
    type: input.type,
    status: 'queued',
    total: input.total,
    request_id: input.requestId,
    payload: input.payload,
    created_at: clock.now().toISOString(),
  };
  await tx.createJob(p, job);
  return job;
}

export function jobAccepted(job: JobRecord): JobAccepted {
  return {
    job_id: job.id,
    type: job.type,
    status: job.status,
    total: job.total,
    ...(job.request_id ? { request_id: job.request_id } : {}),
    created_at: job.created_at,
  };
}
