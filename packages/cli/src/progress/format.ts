/** Where a run stands, as both progress displays show it. */
export interface ProgressState {
  done: number;
  failed: number;
  /** Unknown when reading stdin. */
  total: number | undefined;
  elapsedMs: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** `45s`, `3m 05s`, `2h 10m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * The numbers both displays print: records per second over the whole run so far, and the time
 * left at that pace (`?` until there is a pace, or without a total).
 */
export function measures(state: ProgressState): { rate: string; eta: string; done: string; total: string; failed: string; percent: string } {
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? state.done / seconds : 0;
  const left = state.total === undefined ? undefined : Math.max(0, state.total - state.done);
  const eta = left === undefined || rate === 0 ? '?' : formatDuration(left / rate);
  const percent = state.total ? `${Math.min(100, Math.floor((state.done / state.total) * 100))}%` : '';
  return { rate: count(rate), eta, done: count(state.done), total: state.total === undefined ? '?' : count(state.total), failed: count(state.failed), percent };
}

/**
 * The line printed when the output is not a terminal.
 * @example
 * plainLine('products', { done: 12000, failed: 3, total: 20000, elapsedMs: 6000 });
 * // 'products: 12,000/20,000 records (60%), 2,000 records/s, 3 failed, ETA 4s'
 */
export function plainLine(label: string, state: ProgressState): string {
  const m = measures(state);
  const share = m.percent ? ` (${m.percent})` : '';
  return `${label}: ${m.done}/${m.total} records${share}, ${m.rate} records/s, ${m.failed} failed, ETA ${m.eta}`;
}
