/** An event as a delivery carries it: the spec's `{id, type, created_at, data}`. */
export interface EventEnvelope {
  id: string;
  type: string;
  created_at: string;
  data: unknown;
}

/**
 * The exact JSON body of an event's deliveries, signed as it is. The dispatcher and the mock's
 * recorder both build bodies here, so a recorded webhook is byte for byte what a receiver gets.
 *
 * @example
 * eventBody({ id: 'evt_1', type: 'ping', created_at: '2026-01-01T00:00:00.000Z', data: {} });
 * // '{"id":"evt_1","type":"ping","created_at":"2026-01-01T00:00:00.000Z","data":{}}'
 */
export function eventBody(event: EventEnvelope): string {
  return JSON.stringify({ id: event.id, type: event.type, created_at: event.created_at, data: event.data });
}
