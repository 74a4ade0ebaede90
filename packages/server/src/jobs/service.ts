import type { Clock } from '../clock.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { emit } from '../domain/events.js';
import { ApiError } from '../errors.js';
import type { Store } from '../store/port.js';
import { FINISHED_JOB_STATUSES, type JobStatus } from '../store/async-port.js';
import type { Partition } from '../store/types.js';
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

export interface ListPage<T> {
  data: Partial<T>[];
  meta: { limit: number; next_cursor: string | null; has_more: boolean; total?: number };
}

/** `fields=` handling shared by the jobs and webhooks lists: unknown names are 400. */
export function parseFields(fields: string | undefined, known: readonly string[], keyField: string, noun: string): Set<string> | null {
  if (!fields) return null;
  const requested = fields.split(',');
  const unknown = requested.filter((f) => !known.includes(f));
  if (unknown.length > 0) throw ApiError.validation(unknown.map((f) => ({ field: 'fields', issue: `${f} is not a ${noun} field` })));
  return new Set([keyField, ...requested]);
}

export function project<T extends object>(item: T, fields: Set<string> | null): Partial<T> {
  return fields ? (Object.fromEntries(Object.entries(item).filter(([k]) => fields.has(k))) as Partial<T>) : item;
}

/** Decodes a `(timestamp, id)` keyset cursor, refusing tampered timestamps before SQL sees them. */
export function decodeTimeCursor(cursor: string | undefined, binding: unknown): { value: string; id: string } | undefined {
  if (!cursor) return undefined;
  const { value, key } = decodeCursor(cursor, binding);
  const instant = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !(instant >= Date.parse('0001-01-01T00:00:00Z') && instant <= Date.parse('9999-12-31T23:59:59Z'))) {
    throw ApiError.validation([{ field: 'cursor', issue: 'is not a cursor this API issued' }]);
  }
  return { value, id: key };
}

const WRITE_SCOPE_OF_TYPE = (type: string) => `${type.split('.')[0]}:write`;

/**
 * The Jobs use cases: list, get (with long poll) and cancel.
 *
 * @example
 * const jobs = jobService({ store, clock });
 * const job = await jobs.get(partition, 'job_…', 20);
 */
export function jobService({ store, clock }: { store: Store; clock: Clock }) {
  const notFound = (id: string) => ApiError.notFound(`No job ${id}.`);
  const notifier = jobNotifier(store);

  return {
    async list(p: Partition, input: ListJobsInput): Promise<ListPage<JobView>> {
      const fields = parseFields(input.fields, JOB_FIELDS, 'id', 'job');
      const filters = { ...(input.type !== undefined ? { type: input.type } : {}), ...(input.status !== undefined ? { status: input.status } : {}) };
      const binding = { sort: input.sort, order: input.order, filters };
      const after = decodeTimeCursor(input.cursor, binding);
      const page = await store.listJobs(p, {
        filters, sort: 'created_at', order: input.order, limit: input.limit, includeTotal: input.include_total === true,
        ...(after ? { after } : {}),
      });
      const last = page.items.at(-1);
      return {
        data: page.items.map((j) => project(jobView(j), fields)),
        meta: {
          limit: input.limit,
          next_cursor: page.hasMore && last ? encodeCursor({ value: last.created_at, key: last.id }, binding) : null,
          has_more: page.hasMore,
          ...(page.total !== undefined ? { total: page.total } : {}),
        },
      };
    },

    /** The job; with `waitSeconds`, first waits (at most that long) for it to finish. */
    async get(p: Partition, id: string, waitSeconds = 0): Promise<JobView> {
      const job = await store.getJobState(p, id);
      if (!job) throw notFound(id);
      if (waitSeconds <= 0 || FINISHED_JOB_STATUSES.includes(job.status)) return jobView(job);
      await notifier.waitFor(p, id, waitSeconds * 1000);
      return jobView((await store.getJobState(p, id)) ?? job);
    },

    /** Stops a queued or running job; the worker sees it at its next record and skips the rest. */
    async cancel(p: Partition, id: string, scopes: string[]): Promise<JobView> {
      const view = await store.transaction(async (tx) => {
        const job = await tx.getJobState(p, id, { forUpdate: true });
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
        await tx.updateJob(p, id, { status: 'cancelled', finished_at, lease_owner: null, lease_expires_at: null });
        const cancelled = jobView({ ...job, status: 'cancelled', finished_at });
        await emit(tx, clock, p, 'job.completed', cancelled);
        return cancelled;
      });
      notifier.notify(p, id);
      return view;
    },
  };
}
