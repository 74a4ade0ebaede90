import type { Partition } from '../partition.js';
import { DELIVERY_LIST, WEBHOOK_LIST, type WebhookDeliveryRecord, type WebhookEndpointRecord, type WebhooksPort } from '../webhooks.js';
import type { SqlExecutor } from './client.js';
import { inPartition, keysetPage } from './keyset.js';
import { iso, isoOrNull, json } from './rows.js';
import { rowByKey } from './by-key.js';

type Row = Record<string, unknown>;

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
    event_positions: row.event_positions as Record<string, number>,
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
  previous_secret, previous_secret_expires_at, event_positions, created_at, updated_at`;
const ENDPOINT_VALUES = `$1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11::timestamptz, $12::text::jsonb,
  $13::timestamptz, $14::timestamptz`;
const endpointParams = (p: Partition, e: WebhookEndpointRecord) => [
  p.accountId, p.mode, e.id, e.url, json(e.events), e.description, e.enabled, e.disabled_reason, e.secret,
  e.previous_secret, e.previous_secret_expires_at, json(e.event_positions), e.created_at, e.updated_at,
];

const DELIVERY_COLUMNS = `account_id, mode, id, endpoint_id, url, event_id, event_type, payload, attempt, status,
  status_code, duration_ms, request_id, next_retry_at, delivered_at, locked_until, created_at`;
const DELIVERY_VALUES = `$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::timestamptz,
  $15::timestamptz, $16::timestamptz, $17::timestamptz`;
const deliveryParams = (p: Partition, d: WebhookDeliveryRecord) => [
  p.accountId, p.mode, d.id, d.endpoint_id, d.url, d.event_id, d.event_type, d.payload, d.attempt, d.status,
  d.status_code, d.duration_ms, d.request_id, d.next_retry_at, d.delivered_at, d.locked_until, d.created_at,
];

/**
 * Webhook endpoints and deliveries in SQL. Dispatchers claim due deliveries with `FOR UPDATE SKIP
 * LOCKED` and a lock time, so no two send the same attempt.
 *
 * @example
 * const webhooks = sqlWebhooks(db);
 */
export function sqlWebhooks(db: SqlExecutor): WebhooksPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async insertEndpoint(p, e) {
      await db.query(`INSERT INTO webhook_endpoints (${ENDPOINT_COLUMNS}) VALUES (${ENDPOINT_VALUES})`, endpointParams(p, e));
    },
    async getEndpoint(p, id, options) {
      const row = await rowByKey(db, { table: 'webhook_endpoints', columns: '*', key: 'id' }, p, id, options?.forUpdate);
      return row ? endpointFromRow(row) : null;
    },
    async updateEndpoint(p, e) {
      const rows = await db.query(
        `UPDATE webhook_endpoints SET (${ENDPOINT_COLUMNS}) = (${ENDPOINT_VALUES})
         WHERE account_id = $1 AND mode = $2 AND id = $3 RETURNING id`,
        endpointParams(p, e),
      );
      return rows.length > 0;
    },
    async deleteEndpoint(p, id) {
      // Deliveries go with it (ON DELETE CASCADE).
      const rows = await db.query('DELETE FROM webhook_endpoints WHERE account_id = $1 AND mode = $2 AND id = $3 RETURNING id', [...pk(p), id]);
      return rows.length > 0;
    },
    listEndpoints: (p, query) =>
      keysetPage(db, WEBHOOK_LIST, query, { table: 'webhook_endpoints', columns: '*', conditions: inPartition(p), fromRow: endpointFromRow }),
    async subscribedEndpoints(p, eventType, position) {
      const rows = await db.query(
        `SELECT * FROM webhook_endpoints WHERE account_id = $1 AND mode = $2 AND enabled AND events ? $3
           AND coalesce((event_positions ->> $3)::bigint, 0) < $4 ORDER BY created_at, id`,
        [...pk(p), eventType, position],
      );
      return rows.map(endpointFromRow);
    },
    async lockSubscriptions(p, mode) {
      const lock = mode === 'change' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
      await db.query(`SELECT ${lock}(hashtextextended($1 || '|' || $2 || '|webhook-subscriptions', 0))`, pk(p));
    },

    async insertDelivery(p, d) {
      await db.query(`INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS}) VALUES (${DELIVERY_VALUES})`, deliveryParams(p, d));
    },
    async getDelivery(p, endpointId, id) {
      const [row] = await db.query(
        'SELECT * FROM webhook_deliveries WHERE account_id = $1 AND mode = $2 AND endpoint_id = $3 AND id = $4',
        [...pk(p), endpointId, id],
      );
      return row ? deliveryFromRow(row) : null;
    },
    async updateDelivery(p, d) {
      await db.query(
        `UPDATE webhook_deliveries SET (${DELIVERY_COLUMNS}) = (${DELIVERY_VALUES})
         WHERE account_id = $1 AND mode = $2 AND id = $3`,
        deliveryParams(p, d),
      );
    },
    async listDeliveries(p, query) {
      const c = inPartition(p);
      c.where.push(`endpoint_id = ${c.add(query.filters.endpoint_id)}`);
      if (query.filters.status !== undefined) c.where.push(`status = ${c.add(query.filters.status)}`);
      if (query.filters.event_type !== undefined) c.where.push(`event_type = ${c.add(query.filters.event_type)}`);
      return keysetPage(db, DELIVERY_LIST, query, { table: 'webhook_deliveries', columns: '*', conditions: c, fromRow: deliveryFromRow });
    },
    async claimDue({ now, lockUntil, limit }) {
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
    async pruneDeliveries(before, limit) {
      const rows = await db.query(
        `DELETE FROM webhook_deliveries WHERE (account_id, mode, id) IN (SELECT account_id, mode, id FROM webhook_deliveries WHERE created_at < $1::timestamptz LIMIT $2) RETURNING 1`,
        [before, limit],
      );
      return rows.length;
    },
  };
}
