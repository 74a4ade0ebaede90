import type { AsyncStoreOps, DueDelivery, JobState, UnpublishedEvent, WebhookDeliveryRecord, WebhookEndpointRecord } from '../async-port.js';
import { DELIVERY_LIST, JOB_LIST, MAX_JOB_ERRORS, WEBHOOK_LIST } from '../async-port.js';
import type { JobRecord, OutboxEvent, Partition } from '../types.js';
import { keysetPage } from './keyset.js';

type Setter = <K, V>(map: Map<K, V>, key: K, value: V) => void;

const part = (p: Partition) => `${p.accountId}|${p.mode}`;
const copy = <T>(value: T): T => structuredClone(value);
const partitionOf = (key: string): Partition => {
  const [accountId, mode] = key.split('|');
  return { accountId: accountId!, mode: mode as Partition['mode'] };
};

/** State the jobs and webhooks ops keep besides the memory store's own maps. */
export interface AsyncMemoryState {
  /** The memory store's jobs map: rows are stored as JobState. */
  jobs: Map<string, JobRecord>;
  /** The memory store's outbox, by partition. */
  events: Map<string, OutboxEvent[]>;
  published: Map<string, string>;
  endpoints: Map<string, WebhookEndpointRecord>;
  deliveries: Map<string, WebhookDeliveryRecord>;
}

export function createAsyncMemoryState(jobs: Map<string, JobRecord>, events: Map<string, OutboxEvent[]>): AsyncMemoryState {
  return { jobs, events, published: new Map(), endpoints: new Map(), deliveries: new Map() };
}

const copyPage = <T>(page: { items: T[]; hasMore: boolean; total?: number }) => ({ ...page, items: page.items.map(copy) });

/** A job row as JobState (its input included), whether or not a worker touched it yet. */
function jobState(row: JobRecord): JobState & Pick<JobRecord, 'payload'> {
  return {
    processed: 0,
    succeeded: 0,
    failed: 0,
    errors: [],
    started_at: null,
    finished_at: null,
    lease_owner: null,
    lease_expires_at: null,
    ...copy(row),
  };
}

/**
 * The jobs and webhooks operations of the memory store. Transactions of the memory store run one
 * at a time, so a claim is simply "find and mark" and needs no row locks.
 */
export function asyncMemoryOps(state: AsyncMemoryState, set: Setter): AsyncStoreOps {
  const { jobs, endpoints, deliveries } = state;
  const inPart = <T>(map: Map<string, T>, p: Partition) =>
    [...map.entries()].filter(([k]) => k.startsWith(`${part(p)}|`)).map(([, v]) => v);

  return {
    async listJobs(p, query) {
      const rows = inPart(jobs, p)
        .map(jobState)
        .filter((j) => (query.filters.type === undefined || j.type === query.filters.type)
          && (query.filters.status === undefined || j.status === query.filters.status));
      return copyPage(keysetPage(rows, JOB_LIST, query));
    },
    async getJobState(p, id) {
      const row = jobs.get(`${part(p)}|${id}`);
      return row ? jobState(row) : null;
    },
    async claimJob({ owner, now, leaseUntil, types, only }) {
      const onlyKey = only && `${part(only.partition)}|${only.id}`;
      const candidates = [...jobs.entries()]
        .filter(([key]) => onlyKey === undefined || key === onlyKey)
        .map(([key, row]) => ({ key, job: jobState(row) }))
        .filter(({ job }) => types.includes(job.type)
          && (job.status === 'queued' || (job.status === 'running' && (job.lease_expires_at ?? '') <= now)))
        .sort((a, b) => (a.job.created_at < b.job.created_at ? -1 : a.job.created_at > b.job.created_at ? 1 : 0));
      const first = candidates[0];
      if (!first) return null;
      const claimed = {
        ...first.job,
        status: 'running' as const,
        started_at: first.job.started_at ?? now,
        lease_owner: owner,
        lease_expires_at: leaseUntil,
      };
      set(jobs, first.key, claimed as JobRecord);
      return { ...copy(claimed), partition: partitionOf(first.key) };
    },
    async updateJob(p, id, patch) {
      const key = `${part(p)}|${id}`;
      const row = jobs.get(key);
      if (!row) return;
      const { appendError, ...fields } = patch;
      const next = { ...jobState(row), ...fields };
      if (appendError && next.errors.length < MAX_JOB_ERRORS) next.errors = [...next.errors, appendError];
      set(jobs, key, next as JobRecord);
    },

    async insertWebhookEndpoint(p, endpoint) {
      set(endpoints, `${part(p)}|${endpoint.id}`, copy(endpoint));
    },
    async getWebhookEndpoint(p, id) {
      const row = endpoints.get(`${part(p)}|${id}`);
      return row ? copy(row) : null;
    },
    async updateWebhookEndpoint(p, endpoint) {
      const key = `${part(p)}|${endpoint.id}`;
      if (!endpoints.has(key)) return false;
      set(endpoints, key, copy(endpoint));
      return true;
    },
    async deleteWebhookEndpoint(p, id) {
      const key = `${part(p)}|${id}`;
      if (!endpoints.has(key)) return false;
      // `set` to undefined and filter on read keeps the undo log simple.
      set(endpoints, key, undefined as unknown as WebhookEndpointRecord);
      endpoints.delete(key);
      for (const [k, d] of deliveries) {
        if (k.startsWith(`${part(p)}|`) && d.endpoint_id === id) {
          set(deliveries, k, undefined as unknown as WebhookDeliveryRecord);
          deliveries.delete(k);
        }
      }
      return true;
    },
    async listWebhookEndpoints(p, query) {
      return copyPage(keysetPage(inPart(endpoints, p), WEBHOOK_LIST, query));
    },
    async subscribedEndpoints(p, eventType) {
      return inPart(endpoints, p).filter((e) => e.enabled && e.events.includes(eventType)).map(copy);
    },

    async insertWebhookDelivery(p, delivery) {
      set(deliveries, `${part(p)}|${delivery.id}`, copy(delivery));
    },
    async getWebhookDelivery(p, endpointId, id) {
      const row = deliveries.get(`${part(p)}|${id}`);
      return row && row.endpoint_id === endpointId ? copy(row) : null;
    },
    async updateWebhookDelivery(p, delivery) {
      const key = `${part(p)}|${delivery.id}`;
      if (deliveries.has(key)) set(deliveries, key, copy(delivery));
    },
    async listWebhookDeliveries(p, query) {
      const { endpoint_id, status, event_type } = query.filters;
      const rows = inPart(deliveries, p).filter((d) => d.endpoint_id === endpoint_id
        && (status === undefined || d.status === status)
        && (event_type === undefined || d.event_type === event_type));
      return copyPage(keysetPage(rows, DELIVERY_LIST, query));
    },
    async claimDueDeliveries({ now, lockUntil, limit }) {
      const due = [...deliveries.entries()]
        .filter(([, d]) => d.status === 'pending' && d.next_retry_at !== null && d.next_retry_at <= now
          && (d.locked_until === null || d.locked_until <= now))
        .sort(([, a], [, b]) => ((a.next_retry_at ?? '') < (b.next_retry_at ?? '') ? -1 : 1))
        .slice(0, limit);
      const out: DueDelivery[] = [];
      for (const [key, d] of due) {
        const locked = { ...d, locked_until: lockUntil };
        set(deliveries, key, locked);
        out.push({ ...copy(locked), partition: partitionOf(key) });
      }
      return out;
    },
    async claimUnpublishedEvents(limit) {
      const out: UnpublishedEvent[] = [];
      for (const [key, list] of state.events) {
        for (const event of list) {
          if (!state.published.has(event.id)) {
            out.push({ ...copy(event), partition: partitionOf(`${key}|`), request_id: event.request_id ?? null });
          }
        }
      }
      // The outbox order across partitions does not matter; within one, appends are in order.
      return out.slice(0, limit);
    },
    async markEventsPublished(ids, at) {
      for (const id of ids) set(state.published, id, at);
    },
    async pruneExpired(before, limit) {
      const remove = <V>(map: Map<string, V>, keys: string[]) => {
        for (const key of keys.slice(0, limit)) {
          set(map, key, undefined as unknown as V);
          map.delete(key);
        }
        return Math.min(keys.length, limit);
      };
      const finishedBefore = (row: JobRecord) => {
        const finished = jobState(row).finished_at;
        return finished !== null && finished < before;
      };
      let deleted = remove(jobs, [...jobs].filter(([, row]) => finishedBefore(row)).map(([key]) => key));
      deleted += remove(deliveries, [...deliveries].filter(([, d]) => d.created_at < before).map(([key]) => key));
      const old = new Set([...state.published].filter(([, at]) => at < before).map(([id]) => id).slice(0, limit));
      for (const [key, list] of state.events) {
        if (list.some((e) => old.has(e.id))) set(state.events, key, list.filter((e) => !old.has(e.id)));
      }
      return deleted + remove(state.published, [...old]);
    },
    async backlog() {
      const oldest = (times: string[]) => times.reduce<string | null>((min, t) => (min === null || t < min ? t : min), null);
      return {
        oldestQueuedJobAt: oldest([...jobs.values()].map(jobState).filter((j) => j.status === 'queued').map((j) => j.created_at)),
        oldestUnpublishedEventAt: oldest([...state.events.values()].flat().filter((e) => !state.published.has(e.id)).map((e) => e.created_at)),
      };
    },
  };
}
