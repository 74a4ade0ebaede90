import type { Clock } from '../../clock.js';
import { ApiError } from '../../errors.js';
import { newId } from '../../ids.js';
import { jobNotifier } from './notifier.js';
import type { Store, StoreOps } from '../../store/port.js';
import type { JobRecord } from '../../store/jobs.js';
import type { Partition } from '../../store/partition.js';

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
 * Stores a queued job with its input, inside the caller's transaction. Prefer `submitJob`,
 * which also tells this process's workers once the job is committed.
 *
 * @example
 * const job = await queueJob(tx, clock, partition, { type: 'products.batch', total: 2, payload });
 */
export async function queueJob(
  tx: StoreOps,
  clock: Clock,
  p: Partition,
  input: { type: string; total: number; payload: unknown },
): Promise<JobRecord> {
  const job: JobRecord = {
    id: newId('job'),
    type: input.type,
    status: 'queued',
    total: input.total,
    // The request that asks for the job travels with the partition, as for events.
    request_id: p.requestId ?? null,
    payload: input.payload,
    created_at: clock.now().toISOString(),
  };
  await tx.jobs.create(p, job);
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

/**
 * Queues a job in its own transaction (after `check`, which may refuse it), then announces it to
 * the workers of this process (`jobNotifier(store).onQueued`), so they start without waiting.
 *
 * @example
 * return submitJob(store, clock, p, { type: 'products.sync', total: 1, payload });
 */
export async function submitJob(
  store: Store,
  clock: Clock,
  p: Partition,
  input: { type: string; total: number; payload: unknown },
  check?: (tx: StoreOps) => Promise<void>,
): Promise<JobAccepted> {
  const job = await store.transaction(async (tx) => {
    await check?.(tx);
    return queueJob(tx, clock, p, input);
  });
  jobNotifier(store).queued({ partition: { accountId: p.accountId, mode: p.mode }, id: job.id });
  return jobAccepted(job);
}

/** A `…/batch` job: the per-key batch limit is checked first (a 400 for the whole request). */
export async function submitBatch(store: Store, clock: Clock, p: Partition, type: string, items: unknown[], batchLimit: number): Promise<JobAccepted> {
  if (items.length > batchLimit) {
    throw ApiError.validation([{ field: 'items', issue: `must have at most ${batchLimit} items for this API key` }]);
  }
  return submitJob(store, clock, p, { type, total: items.length, payload: { items } });
}
