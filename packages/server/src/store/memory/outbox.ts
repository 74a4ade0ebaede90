import type { OutboxEvent, OutboxPort } from '../outbox.js';
import type { Journal } from './journal.js';
import { partitionOf, partKey, Table, type Located } from './table.js';

interface Row extends OutboxEvent {
  position: number;
  /** The partition's key: the outbox is one table across partitions, in position order. */
  part: string;
  published_at: string | null;
}

// One table for every partition: positions, claims and retention run across them.
const OUTBOX = '';

const event = ({ position: _p, part: _part, published_at: _at, ...rest }: Row): OutboxEvent => rest;

/**
 * The outbox in memory: one table across partitions in position order, with an index per
 * partition (for `read`), a queue of unpublished events and one of published events (retention).
 *
 * @example
 * const outbox = memoryOutbox(journal);
 */
export function memoryOutbox(journal: Journal): OutboxPort {
  const events = new Table<Row>({
    keys: ['position'],
    unique: { id: (e) => e.id },
    sorts: { position: (e) => e.position, published_at: (e) => e.published_at ?? '' },
    buckets: { part: (e) => e.part },
    queues: {
      unpublished: { when: (e) => e.published_at === null, sort: 'position' },
      published: { when: (e) => e.published_at !== null, sort: 'published_at' },
    },
  }, journal);
  // Like a SQL sequence: it only moves forward, even when a transaction rolls back.
  let position = 0;
  const collect = (queue: string, take: (row: Row, found: Located<Row>[]) => boolean) => {
    const found: Located<Row>[] = [];
    events.scan(queue, (located) => take(located.row, found) && found.push(located) > 0);
    return found;
  };

  return {
    async append(p, added) {
      for (const e of added) events.write(OUTBOX, { ...e, position: ++position, part: partKey(p), published_at: null });
    },
    head: async () => position,
    async read(p, { after = 0, limit = Number.POSITIVE_INFINITY } = {}) {
      const page = events.page(OUTBOX, { sort: 'position', order: 'asc', limit, after: { value: after, key: String(after) }, bucket: ['part', partKey(p)] });
      return { events: page.items.map(event), position: page.items.at(-1)?.position ?? after };
    },
    async claimUnpublished(limit) {
      return collect('unpublished', (_row, found) => found.length < limit).map(({ row }) => ({
        ...event(row), request_id: row.request_id ?? null, partition: partitionOf(row.part), position: row.position,
      }));
    },
    async markPublished(ids, at) {
      for (const id of ids) {
        const row = events.find(OUTBOX, 'id', id);
        if (row) events.write(OUTBOX, { ...row, published_at: at });
      }
    },
    oldestUnpublishedAt: async () => collect('unpublished', (_row, found) => found.length < 1)[0]?.row.created_at ?? null,
    async prunePublished(before, limit) {
      const expired = collect('published', (row, found) => row.published_at! < before && found.length < limit);
      for (const { row } of expired) events.remove(OUTBOX, String(row.position));
      return expired.length;
    },
  };
}
