import progress from 'cli-progress';
import { type ProgressState, measures, plainLine } from './format.js';

export interface Progress {
  update(done: number, failed: number): void;
  setTotal(total: number): void;
  /** Draws the final state and lets go of the output. */
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total: number | undefined;
  stream: NodeJS.WritableStream & { isTTY?: boolean };
  /** Seconds between lines when the output is not a terminal. */
  intervalSeconds: number;
  now?: () => number;
}

/**
 * A progress bar (cli-progress) on a terminal; on anything else (CI logs, files) a plain line every
 * `intervalSeconds`, and one at the end. Both show records, records/s, failures and the ETA.
 * @example
 * const bar = startProgress({ label: 'products', total: 20_000, stream: process.stderr, intervalSeconds: 5 });
 * bar.update(500, 0);
 * bar.stop();
 */
export function startProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const state: ProgressState = { done: 0, failed: 0, total: options.total, elapsedMs: 0 };
  const current = () => ({ ...state, elapsedMs: now() - startedAt });
  return options.stream.isTTY ? bar(options, current, state) : lines(options, current, state);
}

function bar(options: ProgressOptions, current: () => ProgressState, state: ProgressState): Progress {
  const known = options.total !== undefined;
  const format = known
    ? `${options.label} {bar} {percent} | {done}/{totalText} records | {rate} records/s | {failed} failed | ETA {eta_text}`
    : `${options.label} {done} records | {rate} records/s | {failed} failed`;
  const view = new progress.SingleBar({ format, stream: options.stream, barsize: 30, gracefulExit: true }, progress.Presets.shades_classic);
  const payload = () => {
    const m = measures(current());
    return { done: m.done, totalText: m.total, rate: m.rate, failed: m.failed, eta_text: m.eta, percent: m.percent.padStart(4) };
  };
  view.start(options.total ?? 0, 0, payload());
  return {
    update(done, failed) {
      Object.assign(state, { done, failed });
      view.update(done, payload());
    },
    setTotal(total) {
      state.total = total;
      view.setTotal(total);
    },
    stop() {
      view.update(state.done, payload());
      view.stop();
    },
  };
}

function lines(options: ProgressOptions, current: () => ProgressState, state: ProgressState): Progress {
  const print = () => options.stream.write(`${plainLine(options.label, current())}\n`);
  const timer = setInterval(print, Math.max(0.1, options.intervalSeconds) * 1000);
  timer.unref();
  return {
    update(done, failed) {
      Object.assign(state, { done, failed });
    },
    setTotal(total) {
      state.total = total;
    },
    stop() {
      clearInterval(timer);
      print();
    },
  };
}
