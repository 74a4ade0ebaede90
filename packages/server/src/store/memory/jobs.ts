import { JOB_LIST, MAX_JOB_ERRORS, type JobRecord, type JobState, type JobsPort } from '../jobs.js';
import type { Journal } from './journal.js';
import { bucketOf, listSorts, tablePage } from './keyset.js';
import { partitionOf, partKey, Table, type Located } from './table.js';

type Row = JobState & Pick<JobRecord, 'payload'>;

const state = ({ payload: _input, ...job }: Row): JobState => job;
const claimable = (job: Row, types: string[], now: string) =>
  types.includes(job.type) && (job.status === 'queued' || (job.status === 'running' && (job.lease_expires_at ?? '') <= now));

/**
 * Jobs in memory: a declared table with queues across partitions for claims (open jobs, oldest
 * first), the health check (queued jobs) and retention (finished jobs). Transactions run one at a
 * time, so a claim is simply "find and mark".
 *
 * @example
 * const jobs = memoryJobs(journal);
 */
export function memoryJobs(journal: Journal): JobsPort {
  const jobs = new Table<Row>({
    keys: ['id'],
    sorts: { ...listSorts(JOB_LIST), finished_at: (j) => j.finished_at ?? '' },
    buckets: { type: (j) => j.type, status: (j) => j.status },
    queues: {
      open: { when: (j) => j.status === 'queued' || j.status === 'running', sort: 'created_at' },
      queued: { when: (j) => j.status === 'queued', sort: 'created_at' },
      finished: { when: (j) => j.finished_at !== null, sort: 'finished_at' },
    },
  }, journal);
  const first = (queue: string, until: (row: Row) => boolean) => {
    let found: Located<Row> | undefined;
    jobs.scan(queue, (located) => {
      if (until(located.row)) found = located;
      return found === undefined;
    });
    return found;
  };

  return {
    async create(p, job) {
      jobs.write(partKey(p), {
        ...job, processed: 0, succeeded: 0, failed: 0, errors: [], started_at: null, finished_at: null, lease_owner: null, lease_expires_at: null,
      });
    },
    async get(p, id) {
      const row = jobs.get(partKey(p), id);
      return row ? { id: row.id, type: row.type, status: row.status, total: row.total, request_id: row.request_id, payload: row.payload, created_at: row.created_at } : null;
    },
    async getState(p, id) {
      const row = jobs.get(partKey(p), id);
      return row ? state(row) : null;
    },
    async list(p, query) {
      const { type, status } = query.filters;
      const bucket = bucketOf([['type', type], ['status', status]]);
      const page = tablePage(jobs, partKey(p), JOB_LIST, query, {
        ...(bucket ? { bucket } : {}),
        ...(type && status ? { where: (j: Row) => j.status === status } : {}),
      });
      return { ...page, items: page.items.map(state) };
    },
    async claim({ owner, now, leaseUntil, types, only }) {
      const asked = only && jobs.get(partKey(only.partition), only.id);
      const found = only
        ? asked && claimable(asked, types, now) ? { part: partKey(only.partition), row: asked } : undefined
        : first('open', (row) => claimable(row, types, now));
      if (!found) return null;
      const claimed = jobs.write(found.part, {
        ...found.row, status: 'running', started_at: found.row.started_at ?? now, lease_owner: owner, lease_expires_at: leaseUntil,
      });
      return { ...claimed, partition: partitionOf(found.part) };
    },
    async update(p, id, patch) {
      const row = jobs.get(partKey(p), id);
      if (!row) return;
      const { appendError, ...fields } = patch;
      const errors = appendError && row.errors.length < MAX_JOB_ERRORS ? [...row.errors, appendError] : row.errors;
      jobs.write(partKey(p), { ...row, ...fields, errors });
    },
    oldestQueuedAt: async () => first('queued', () => true)?.row.created_at ?? null,
    async pruneFinished(before, limit) {
      const expired: Located<Row>[] = [];
      jobs.scan('finished', (located) => (located.row.finished_at! < before && expired.push(located) < limit));
      for (const { part, row } of expired) jobs.remove(part, row.id);
      return expired.length;
    },
  };
}
