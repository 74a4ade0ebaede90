import { eventBody, signWebhook, type Clock, type OutboxEvent, type WebhookHeaders } from '@nexuscommerce/server';

/** One webhook as a receiver would get it: the exact body and its signature headers. */
export interface RecordedWebhook {
  id: string;
  type: string;
  created_at: string;
  data: unknown;
  /** The raw JSON body `{id, type, created_at, data}`, exactly as signed. */
  body: string;
  headers: WebhookHeaders;
  /** Attempts to forward it (Node, `forwardWebhooksTo`). */
  deliveries: WebhookDelivery[];
}

export interface WebhookDelivery {
  url: string;
  status: number | null;
  error?: string;
  at: string;
}

/** Sends a recorded webhook somewhere real; the Node entry provides one. */
export type WebhookForwarder = (webhook: RecordedWebhook) => Promise<WebhookDelivery>;

export type WebhookListener = (webhook: RecordedWebhook) => void;

/**
 * The webhooks the mock has seen: every domain event the server wrote to its outbox, signed.
 *
 * @example
 * mock.webhooks.on('product.created', (hook) => console.log(hook.data));
 * await verifyWebhook({ payload: hook.body, headers: hook.headers, secret: mock.webhooks.secret });
 */
export interface WebhookRecorder {
  /** The `whsec_…` secret the recorded webhooks are signed with. */
  readonly secret: string;
  /** Recorded webhooks, oldest first; only those of `type` when given. */
  list(type?: string): RecordedWebhook[];
  /** Calls `listener` for each new webhook of `type` (`'*'` for all); returns an unsubscribe. */
  on(type: string, listener: WebhookListener): () => void;
  /** Resolves when every forward started so far has finished. */
  settled(): Promise<void>;
  clear(): void;
}

/** The recorder plus the hooks `createMockApi` drives it with. */
export interface WebhookRecorderControl extends WebhookRecorder {
  record(events: OutboxEvent[]): Promise<void>;
  setSecret(secret: string): void;
  /** Makes `settled()` wait for this work too (deliveries to webhook endpoints). */
  track(work: Promise<unknown>): void;
}

export function createWebhookRecorder(options: { secret: string; clock: Clock; forward?: WebhookForwarder }): WebhookRecorderControl {
  let secret = options.secret;
  let recorded: RecordedWebhook[] = [];
  const listeners = new Map<string, Set<WebhookListener>>();
  const pending = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => {});
  };

  const notify = (webhook: RecordedWebhook) => {
    for (const type of [webhook.type, '*']) for (const listener of listeners.get(type) ?? []) listener(webhook);
  };

  return {
    get secret() {
      return secret;
    },
    setSecret(next) {
      secret = next;
    },
    list: (type) => recorded.filter((w) => type === undefined || w.type === type),
    on(type, listener) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(listener);
      return () => void listeners.get(type)?.delete(listener);
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    clear() {
      recorded = [];
    },
    track,
    async record(events) {
      const timestamp = Math.floor(options.clock.now().getTime() / 1000);
      for (const event of events) {
        const body = eventBody(event);
        const headers = await signWebhook({ id: event.id, timestamp, body, secret });
        const webhook: RecordedWebhook = { ...event, body, headers, deliveries: [] };
        recorded.push(webhook);
        notify(webhook);
        if (options.forward) track(options.forward(webhook).then((d) => webhook.deliveries.push(d)));
      }
    },
  };
}
