const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * When attempt n+1 is due after attempt n failed (index n = attempts made): the first attempt is
 * immediate, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 24 h. Eight attempts in all.
 */
export const RETRY_DELAYS_MS = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;

/** Seconds or an HTTP date, as milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * SECOND;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * When to try again after failed attempt `attempt` (1-based), or null when it was the last:
 * the schedule, spread by ±`jitter` from a minute up, and never before a receiver's
 * `Retry-After` (capped at a day). `delays` replaces the schedule (its length is the number of
 * attempts); the default is the spec's.
 *
 * @example
 * nextAttemptAt(1, Date.parse('2026-01-01T00:00:00Z'), null, 0); // '2026-01-01T00:00:05.000Z'
 */
export function nextAttemptAt(
  attempt: number,
  finishedAt: number,
  retryAfter: number | null,
  jitter: number,
  delays: readonly number[] = RETRY_DELAYS_MS,
): string | null {
  if (attempt >= delays.length) return null;
  const base = delays[attempt]!;
  let delay = base + (base >= MINUTE ? Math.round(base * jitter * (Math.random() * 2 - 1)) : 0);
  if (retryAfter !== null) delay = Math.max(delay, Math.min(retryAfter, 24 * HOUR));
  return new Date(finishedAt + delay).toISOString();
}
