import type { JobState } from '../../store/jobs.js';

/** A job as the API shows it (the spec's `Job`). */
export interface JobView {
  id: string;
  type: string;
  status: JobState['status'];
  progress: { total: number; processed: number; succeeded: number; failed: number };
  errors: JobState['errors'];
  request_id: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export function jobView(job: JobState): JobView {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: { total: job.total, processed: job.processed, succeeded: job.succeeded, failed: job.failed },
    errors: job.errors,
    request_id: job.request_id ?? '',
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
  };
}

/** The records a job processes: `payload.items` of a batch, else the payload itself (a sync). */
export function jobRecords(payload: unknown): unknown[] {
  const items = (payload as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? items : [payload];
}
