import type { OutboxPort } from '../outbox.js';
import type { Partition } from '../partition.js';
import type { SqlExecutor } from './client.js';
import { eventFromRow, iso, json } from './rows.js';

type Row = Record<string, unknown>;

const partitionOf = (row: Row): Partition => ({ accountId: row.account_id as string, mode: row.mode as Partition['mode'] });

/**
 * The outbox in SQL: `seq` is each event's position. The dispatcher claims unpublished events
 * with `FOR UPDATE SKIP LOCKED`, oldest first.
 *
 * @example
 * const outbox = sqlOutbox(db);
 */
export function sqlOutbox(db: SqlExecutor): OutboxPort {
  const pk = (p: Partition) => [p.accountId, p.mode];
  return {
    async append(p, events) {
      if (events.length === 0) return;
      const params: unknown[] = pk(p);
      // Rows take their seq in VALUES order, which keeps the outbox in the order given.
      const tuples = events.map((e) => {
        const n = params.push(e.id, e.type, json(e.data), e.created_at, e.request_id ?? null);
        return `($${n - 4}, $1, $2, $${n - 3}, $${n - 2}::text::jsonb, $${n - 1}::timestamptz, $${n})`;
      });
      await db.query(`INSERT INTO outbox_events (id, account_id, mode, type, data, created_at, request_id) VALUES ${tuples.join(', ')}`, params);
    },
    async head() {
      // The sequence, not max(seq): it counts events whose transaction has not committed yet too,
      // so a subscription taken now never reaches back to one of them.
      const [row] = await db.query<{ head: unknown }>(
        "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('outbox_events', 'seq')::regclass), 0) AS head",
      );
      return Number(row?.head ?? 0);
    },
    async read(p, { after = 0, limit } = {}) {
      const rows = await db.query(
        `SELECT seq, id, type, data, created_at, request_id FROM outbox_events
         WHERE account_id = $1 AND mode = $2 AND seq > $3 ORDER BY seq ${limit === undefined ? '' : 'LIMIT $4'}`,
        [...pk(p), after, ...(limit === undefined ? [] : [limit])],
      );
      return { events: rows.map(eventFromRow), position: rows.length > 0 ? Number(rows.at(-1)!.seq) : after };
    },
    async claimUnpublished(limit) {
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
        position: Number(row.seq),
      }));
    },
    async markPublished(ids, at) {
      if (ids.length === 0) return;
      await db.query('UPDATE outbox_events SET published_at = $2::timestamptz WHERE id = ANY($1::text[])', [ids, at]);
    },
    async oldestUnpublishedAt() {
      // From the partial index outbox_events_unpublished.
      const [row] = await db.query<{ at: unknown }>('SELECT created_at AS at FROM outbox_events WHERE published_at IS NULL ORDER BY seq LIMIT 1');
      return row?.at == null ? null : iso(row.at);
    },
    async prunePublished(before, limit) {
      const rows = await db.query(
        `DELETE FROM outbox_events WHERE (seq) IN (SELECT seq FROM outbox_events WHERE published_at < $1::timestamptz LIMIT $2) RETURNING 1`,
        [before, limit],
      );
      return rows.length;
    },
  };
}
