import type { Clock } from '../../clock.js';
import { emit } from '../events.js';
import type { CursorSigner } from '../cursor.js';
import { listPage, pick, type ListEnvelope } from '../list-page.js';
import { ApiError } from '../../errors.js';
import type { Store } from '../../store/port.js';
import { FINISHED_JOB_STATUSES, JOB_LIST, type JobListQuery, type JobStatus } from '../../store/jobs.js';
import type { Partition } from '../../store/partition.js';
import { jobNotifier } from './notifier.js';
import { jobView, type JobView } from './view.js';

export const JOB_FIELDS = ['id', 'type', 'status', 'progress', 'errors', 'request_id', 'created_at', 'started_at', 'finished_at'] as const;

export interface ListJobsInput {
  limit: number;
  cursor?: string;
  sort: 'created_at';
  order: 'asc' | 'desc';
  fields?: string;
  include_total?: boolean;
  type?: string;
  status?: JobStatus;
}

const WRITE_SCOPE_OF_TYPE = (type: string) => `${type.split('.')[0]}:write`;

/**
 * The Jobs use cases: list, get (with long poll) and cancel.
 *
 * @example
 * const jobs = jobService({ store, clock, cursors });
 * const job = await jobs.get(partition, 'job_…', 20);
 */
export function jobService({ store, clock, cursors }: { store: Store; clock: Clock; cursors: CursorSigner }) {
  const notFound = (id: string) => ApiError.notFound(`No job ${id}.`);
  const notifier = jobNotifier(store);

  return {
    list(p: Partition, input: ListJobsInput): Promise<ListEnvelope<JobView>> {
      return listPage(input, pick<JobListQuery['filters']>(input, ['type', 'status']), {
        list: JOB_LIST, noun: 'job', fields: JOB_FIELDS, view: jobView,
        partition: p, cursors,
        fetch: (query) => store.jobs.list(p, query),
      });
    },

    /** The job; with `waitSeconds`, first waits (at most that long) for it to finish. */
    async get(p: Partition, id: string, waitSeconds = 0): Promise<JobView> {
      const job = await store.jobs.getState(p, id);
      if (!job) throw notFound(id);
      if (waitSeconds <= 0 || FINISHED_JOB_STATUSES.includes(job.status)) return jobView(job);
      await notifier.waitFor(p, id, waitSeconds * 1000);
      return jobView((await store.jobs.getState(p, id)) ?? job);
    },

    /** Stops a queued or running job; the worker sees it at its next record and skips the rest. */
    async cancel(p: Partition, id: string, scopes: string[]): Promise<JobView> {
      const view = await store.transaction(async (tx) => {
        const job = await tx.jobs.getState(p, id, { forUpdate: true });
        if (!job) throw notFound(id);
        const scope = WRITE_SCOPE_OF_TYPE(job.type);
        if (!scopes.includes(scope)) {
          throw new ApiError('SCOPE_DENIED', 'This API key lacks the scope this operation needs.', [{ field: 'scope', issue: `missing scope ${scope}` }]);
        }
        if (FINISHED_JOB_STATUSES.includes(job.status)) {
          throw new ApiError('INVALID_STATE_TRANSITION', `Job ${id} has already finished and cannot be cancelled.`, [
            { field: 'status', issue: `is ${job.status}; only queued or running jobs can be cancelled` },
          ]);
        }
        const finished_at = clock.now().toISOString();
        await tx.jobs.update(p, id, { status: 'cancelled', finished_at, lease_owner: null, lease_expires_at: null });
        const cancelled = jobView({ ...job, status: 'cancelled', finished_at });
        await emit(tx, clock, p, 'job.completed', cancelled);
        return cancelled;
      });
      notifier.notify(p, id);
      return view;
    },
  };
}
