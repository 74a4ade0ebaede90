import { JOB_LIST, MAX_JOB_ERRORS, type BatchErrorRecord, type JobState, type JobsPort } from '../jobs.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { inPartition, keysetPage } from './keyset.js';
import { iso, isoOrNull, json, jobFromRow } from './rows.js';
import { rowByKey } from './by-key.js';

type Row = Record<string, unknown>;

/** Every column of a job but its input. */
const JOB_STATE_COLUMNS = `account_id, mode, id, type, status, total, request_id, created_at, processed, succeeded,
  failed, errors, started_at, finished_at, lease_owner, lease_expires_at`;

function jobStateFromRow(row: Row): JobState {
  const { payload: _payload, ...record } = jobFromRow(row);
  return {
    ...record,
    processed: Number(row.processed),
    succeeded: Number(row.succeeded),
    failed: Number(row.failed),
    errors: row.errors as BatchErrorRecord[],
    started_at: isoOrNull(row.started_at),
    finished_at: isoOrNull(row.finished_at),
    lease_owner: (row.lease_owner as string | null) ?? null,
    lease_expires_at: isoOrNull(row.lease_expires_at),
  };
}
const partitionOf = (row: Row): Partition => ({ accountId: row.account_id as string, mode: row.mode as Partition['mode'] });

/**
 * Jobs in SQL. Workers claim with `FOR UPDATE SKIP LOCKED`, so several workers (and processes)
 * never take the same job; progress reads leave out the input, which can be megabytes.
 *
 * @example
 * const jobs = sqlJobs(db);
 */
export function sqlJobs(db: SqlExecutor): JobsPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async create(p, j) {
      await db.query(
        `INSERT INTO jobs (account_id, mode, id, type, status, total, request_id, payload, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::timestamptz)`,
        [...pk(p), j.id, j.type, j.status, j.total, j.request_id, json(j.payload), j.created_at],
      );
    },
    async get(p, id) {
      const [row] = await db.query('SELECT * FROM jobs WHERE account_id = $1 AND mode = $2 AND id = $3', [...pk(p), id]);
      return row ? jobFromRow(row) : null;
    },
    async list(p, query) {
      const c = inPartition(p);
      if (query.filters.type !== undefined) c.where.push(`type = ${c.add(query.filters.type)}`);
      if (query.filters.status !== undefined) c.where.push(`status = ${c.add(query.filters.status)}`);
      return keysetPage(db, JOB_LIST, query, { table: 'jobs', columns: JOB_STATE_COLUMNS, conditions: c, fromRow: jobStateFromRow });
    },
    async getState(p, id, options) {
      const row = await rowByKey(db, { table: 'jobs', columns: JOB_STATE_COLUMNS, key: 'id' }, p, id, options?.forUpdate);
      return row ? jobStateFromRow(row) : null;
    },
    async claim({ owner, now, leaseUntil, types, only }) {
      // SKIP LOCKED: a job another worker is claiming (or processing a record of) is passed over.
      const params: unknown[] = [owner, now, leaseUntil, types];
      const which = only ? `AND (account_id, mode, id) = ($${params.push(only.partition.accountId)}, $${params.push(only.partition.mode)}, $${params.push(only.id)})` : '';
      const [row] = await db.query(
        `UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, $2::timestamptz),
           lease_owner = $1, lease_expires_at = $3::timestamptz
         WHERE (account_id, mode, id) = (
           SELECT account_id, mode, id FROM jobs
           WHERE type = ANY($4::text[])
             AND (status = 'queued' OR (status = 'running' AND lease_expires_at <= $2::timestamptz)) ${which}
           ORDER BY created_at, id LIMIT 1
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        params,
      );
      return row ? { ...jobStateFromRow(row), payload: row.payload, partition: partitionOf(row) } : null;
    },
    async update(p, id, patch) {
      const sets: string[] = [];
      const params: unknown[] = [...pk(p), id];
      for (const name of ['status', 'processed', 'succeeded', 'failed', 'lease_owner'] as const) {
        if (patch[name] !== undefined) sets.push(`${name} = $${params.push(patch[name])}`);
      }
      for (const name of ['finished_at', 'lease_expires_at'] as const) {
        if (patch[name] !== undefined) sets.push(`${name} = $${params.push(patch[name])}::timestamptz`);
      }
      if (patch.appendError) {
        const n = params.push(json([patch.appendError]));
        sets.push(`errors = CASE WHEN jsonb_array_length(errors) < ${MAX_JOB_ERRORS} THEN errors || $${n}::text::jsonb ELSE errors END`);
      }
      if (sets.length === 0) return;
      await db.query(`UPDATE jobs SET ${sets.join(', ')} WHERE account_id = $1 AND mode = $2 AND id = $3`, params);
    },
    async oldestQueuedAt() {
      // From the partial index jobs_queued.
      const [row] = await db.query<{ at: unknown }>("SELECT min(created_at) AS at FROM jobs WHERE status = 'queued'");
      return row?.at == null ? null : iso(row.at);
    },
    async pruneFinished(before, limit) {
      const rows = await db.query(
        `DELETE FROM jobs WHERE (account_id, mode, id) IN (SELECT account_id, mode, id FROM jobs WHERE finished_at < $1::timestamptz LIMIT $2) RETURNING 1`,
        [before, limit],
      );
      return rows.length;
    },
  };
}
