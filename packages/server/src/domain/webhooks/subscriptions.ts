import type { WebhookEndpointRecord } from '../../store/webhooks.js';

/**
 * The outbox positions of an endpoint's subscriptions after a create or a PATCH, `head` being
 * the position of the last event written. A type subscribed now starts at `head`: the endpoint
 * receives the events written after this moment, never older ones. A type it kept keeps its
 * position; a removed one is forgotten (subscribing again starts anew). Enabling a disabled
 * endpoint subscribes every type anew, so it gets nothing of what happened while it was off.
 *
 * @example
 * subscriptionPositions(null, { events: ['order.created'], enabled: true }, 42); // { 'order.created': 42 }
 */
export function subscriptionPositions(
  current: Pick<WebhookEndpointRecord, 'events' | 'enabled' | 'event_positions'> | null,
  next: Pick<WebhookEndpointRecord, 'events' | 'enabled'>,
  head: number,
): Record<string, number> {
  const anew = current === null || (!current.enabled && next.enabled);
  return Object.fromEntries(next.events.map((type) => [type, anew ? head : (current.event_positions[type] ?? head)]));
}
