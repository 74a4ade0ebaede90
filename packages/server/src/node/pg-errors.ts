// Socket errors of a database that is down, restarting or out of reach.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

// SQLSTATEs of a server that is shutting down, starting up or full: class 08 (connection
// exception), admin_shutdown, crash_shutdown, cannot_connect_now and too_many_connections.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

// pg's own words when a connection ends under a query or cannot be made in time.
const LOST_MESSAGES = /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection timeout|not queryable/i;

/**
 * True when a `pg` error means the database cannot be reached right now (so the request may be
 * retried), false for an error of the query itself (a constraint, a syntax error, …).
 *
 * @example
 * isConnectionLoss(Object.assign(new Error('the database system is shutting down'), { code: '57P03' })); // true
 */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  // Node reports a refused dual-stack connect as an AggregateError whose parts carry the codes.
  if (error instanceof AggregateError && error.errors.some(isConnectionLoss)) return true;
  return LOST_MESSAGES.test(error.message);
}
