import type { AsyncStoreOps, BatchErrorRecord, JobState, WebhookDeliveryRecord, WebhookEndpointRecord } from '../async-port.js';
import { DELIVERY_LIST, JOB_LIST, MAX_JOB_ERRORS, WEBHOOK_LIST } from '../async-port.js';
import type { Partition } from '../types.js';
import type { SqlExecutor } from './client.js';
import { inPartition, keysetPage } from './keyset.js';
import { iso, isoOrNull, json, jobFromRow } from './rows.js';

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

function endpointFromRow(row: Row): WebhookEndpointRecord {
  return {
    id: row.id as string,
    url: row.url as string,
    events: row.events as string[],
    description: (row.description as string | null) ?? null,
    enabled: row.enabled as boolean,
    disabled_reason: (row.disabled_reason as WebhookEndpointRecord['disabled_reason']) ?? null,
    secret: row.secret as string,
    previous_secret: (row.previous_secret as string | null) ?? null,
    previous_secret_expires_at: isoOrNull(row.previous_secret_expires_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

function deliveryFromRow(row: Row): WebhookDeliveryRecord {
  return {
    id: row.id as string,
    endpoint_id: row.endpoint_id as string,
    url: row.url as string,
    event_id: row.event_id as string,
    event_type: row.event_type as string,
    payload: row.payload as string,
    attempt: Number(row.attempt),
    status: row.status as WebhookDeliveryRecord['status'],
    status_code: row.status_code == null ? null : Number(row.status_code),
    duration_ms: row.duration_ms == null ? null : Number(row.duration_ms),
    request_id: row.request_id as string,
    next_retry_at: isoOrNull(row.next_retry_at),
    delivered_at: isoOrNull(row.delivered_at),
    locked_until: isoOrNull(row.locked_until),
    created_at: iso(row.created_at),
  };
}

const partitionOf = (row: Row): Partition => ({ accountId: row.account_id as string, mode: row.mode as Partition['mode'] });

const ENDPOINT_COLUMNS = `account_id, mode, id, url, events, description, enabled, disabled_reason, secret,
  previous_secret, previous_secret_expires_at, created_at, updated_at`;
const ENDPOINT_VALUES = `$1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11::timestamptz, $12::timestamptz, $13::timestamptz`;
const endpointParams = (p: Partition, e: WebhookEndpointRecord) => [
  p.accountId, p.mode, e.id, e.url, json(e.events), e.description, e.enabled, e.disabled_reason, e.secret,
  e.previous_secret, e.previous_secret_expires_at, e.created_at, e.updated_at,
];

const DELIVERY_COLUMNS = `account_id, mode, id, endpoint_id, url, event_id, event_type, payload, attempt, status,
  status_code, duration_ms, request_id, next_retry_at, delivered_at, locked_until, created_at`;
const DELIVERY_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamptz,
  $15::timestamptz, $16::timestamptz, $17::timestamptz`;
const deliveryParams = (p: Partition, d: WebhookDeliveryRecord) => [
  p.accountId, p.mode, d.id, d.endpoint_id, d.url, d.event_id, d.event_type, d.payload, d.attempt, d.status,
  d.status_code, d.duration_ms, d.request_id, d.next_retry_at, d.delivered_at, d.locked_until, d.created_at,
];

/** The jobs and webhooks operations of the SQL store (PGlite and PostgreSQL). */
export function asyncSqlOps(db: SqlExecutor): AsyncStoreOps {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async listJobs(p, query) {
      const c = inPartition(p);
      if (query.filters.type !== undefined) c.where.push(`type = ${c.add(query.filters.type)}`);
      if (query.filters.status !== undefined) c.where.push(`status = ${c.add(query.filters.status)}`);
      return keysetPage(db, JOB_LIST, query, { table: 'jobs', columns: JOB_STATE_COLUMNS, conditions: c, fromRow: jobStateFromRow });
    },
    async getJobState(p, id, options) {
      const [row] = await db.query(
        `SELECT ${JOB_STATE_COLUMNS} FROM jobs WHERE account_id = $1 AND mode = $2 AND id = $3 ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), id],
      );
      return row ? jobStateFromRow(row) : null;
    },
    async claimJob({ owner, now, leaseUntil, types, only }) {
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
    async updateJob(p, id, patch) {
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

    async insertWebhookEndpoint(p, e) {
      await db.query(`INSERT INTO webhook_endpoints (${ENDPOINT_COLUMNS}) VALUES (${ENDPOINT_VALUES})`, endpointParams(p, e));
    },
    async getWebhookEndpoint(p, id, options) {
      const [row] = await db.query(
        `SELECT * FROM webhook_endpoints WHERE account_id = $1 AND mode = $2 AND id = $3 ${options?.forUpdate ? 'FOR UPDATE' : ''}`,
        [...pk(p), id],
      );
      return row ? endpointFromRow(row) : null;
    },
    async updateWebhookEndpoint(p, e) {
      const rows = await db.query(
        `UPDATE webhook_endpoints SET (${ENDPOINT_COLUMNS}) = (${ENDPOINT_VALUES})
         WHERE account_id = $1 AND mode = $2 AND id = $3 RETURNING id`,
        endpointParams(p, e),
      );
      return rows.length > 0;
    },
    async deleteWebhookEndpoint(p, id) {
      // Deliveries go with it (ON DELETE CASCADE).
      const rows = await db.query('DELETE FROM webhook_endpoints WHERE account_id = $1 AND mode = $2 AND id = $3 RETURNING id', [...pk(p), id]);
      return rows.length > 0;
    },
    listWebhookEndpoints: (p, query) =>
      keysetPage(db, WEBHOOK_LIST, query, { table: 'webhook_endpoints', columns: '*', conditions: inPartition(p), fromRow: endpointFromRow }),
    async subscribedEndpoints(p, eventType) {
      const rows = await db.query(
        `SELECT * FROM webhook_endpoints WHERE account_id = $1 AND mode = $2 AND enabled AND events ? $3 ORDER BY created_at, id`,
        [...pk(p), eventType],
      );
      return rows.map(endpointFromRow);
    },

    async insertWebhookDelivery(p, d) {
      await db.query(`INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS}) VALUES (${DELIVERY_VALUES})`, deliveryParams(p, d));
    },
    async getWebhookDelivery(p, endpointId, id) {
      const [row] = await db.query(
        'SELECT * FROM webhook_deliveries WHERE account_id = $1 AND mode = $2 AND endpoint_id = $3 AND id = $4',
        [...pk(p), endpointId, id],
      );
      return row ? deliveryFromRow(row) : null;
    },
    async updateWebhookDelivery(p, d) {
      await db.query(
        `UPDATE webhook_deliveries SET (${DELIVERY_COLUMNS}) = (${DELIVERY_VALUES})
         WHERE account_id = $1 AND mode = $2 AND id = $3`,
        deliveryParams(p, d),
      );
    },
    async listWebhookDeliveries(p, query) {
      const c = inPartition(p);
      c.where.push(`endpoint_id = ${c.add(query.filters.endpoint_id)}`);
      if (query.filters.status !== undefined) c.where.push(`status = ${c.add(query.filters.status)}`);
      if (query.filters.event_type !== undefined) c.where.push(`event_type = ${c.add(query.filters.event_type)}`);
      return keysetPage(db, DELIVERY_LIST, query, { table: 'webhook_deliveries', columns: '*', conditions: c, fromRow: deliveryFromRow });
    },
    async claimDueDeliveries({ now, lockUntil, limit }) {
      const rows = await db.query(
        `UPDATE webhook_deliveries SET locked_until = $2::timestamptz
         WHERE (account_id, mode, id) IN (
           SELECT account_id, mode, id FROM webhook_deliveries
           WHERE status = 'pending' AND next_retry_at <= $1::timestamptz
             AND (locked_until IS NULL OR locked_until <= $1::timestamptz)
           ORDER BY next_retry_at LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [now, lockUntil, limit],
      );
      return rows.map((row) => ({ ...deliveryFromRow(row), partition: partitionOf(row) }));
    },
    async claimUnpublishedEvents(limit) {
      const rows = await db.query(
        `SELECT * FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      return rows.map((row) => ({
        id: row.id as string,
        type: row.type as string,
        data: row.data,
        created_at: iso(row.created_at),
        partition: partitionOf(row),
        request_id: (row.request_id as string | null) ?? null,
      }));
    },
    async markEventsPublished(ids, at) {
      if (ids.length === 0) return;
      await db.query('UPDATE outbox_events SET published_at = $2::timestamptz WHERE id = ANY($1::text[])', [ids, at]);
    },
    async pruneExpired(before, limit) {
      // One batch per table; the caller repeats while full batches come back.
      const batches: [table: string, key: string, expired: string][] = [
        ['jobs', 'account_id, mode, id', 'finished_at < $1::timestamptz'],
        ['webhook_deliveries', 'account_id, mode, id', 'created_at < $1::timestamptz'],
        ['outbox_events', 'seq', 'published_at < $1::timestamptz'],
      ];
      let deleted = 0;
      for (const [table, key, expired] of batches) {
        const rows = await db.query(
          `DELETE FROM ${table} WHERE (${key}) IN (SELECT ${key} FROM ${table} WHERE ${expired} LIMIT $2) RETURNING 1`,
          [before, limit],
        );
        deleted += rows.length;
      }
      return deleted;
    },
    async backlog() {
      // Both minimums come from partial indexes (jobs_queued, outbox_events_unpublished).
      const [row] = await db.query<{ job: unknown; event: unknown }>(
        `SELECT (SELECT min(created_at) FROM jobs WHERE status = 'queued') AS job,
                (SELECT created_at FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT 1) AS event`,
      );
      return {
        oldestQueuedJobAt: row?.job == null ? null : iso(row.job),
        oldestUnpublishedEventAt: row?.event == null ? null : iso(row.event),
      };
    },
  };
}
