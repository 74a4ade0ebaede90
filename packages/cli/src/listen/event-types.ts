import type { Schemas } from '@nexuscommerce/sdk';

type EventType = Schemas['WebhookEventType'];

// `satisfies` keeps this list equal to the spec's event types: a missing or unknown one does not compile.
const ALL: Record<EventType, true> = {
  'order.created': true,
  'order.updated': true,
  'order.completed': true,
  'order.cancelled': true,
  'product.created': true,
  'product.updated': true,
  'product.deleted': true,
  'customer.created': true,
  'customer.updated': true,
  'inventory.updated': true,
  'inventory.low': true,
  'wallet.recharged': true,
  'job.completed': true,
  ping: true,
} satisfies Record<EventType, true>;

/** Every event type an endpoint can subscribe to. */
export const EVENT_TYPES = Object.keys(ALL) as EventType[];

/**
 * `--events` as a list, checked against the spec's event types; all of them when not given.
 * Returns the unknown names instead when there are any.
 */
export function parseEvents(flag: string | undefined): { events: EventType[] } | { unknown: string[] } {
  if (flag === undefined) return { events: EVENT_TYPES };
  const names = flag.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !Object.hasOwn(ALL, n));
  return unknown.length || names.length === 0 ? { unknown } : { events: [...new Set(names)] as EventType[] };
}
