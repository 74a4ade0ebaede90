import { type Clock, sleep } from './internal/clock.js';

/**
 * What the client knows of its key's rate limit, from the `X-RateLimit-*` headers of every
 * answer. Calls made with `waitForRateLimit` (bulk ingest does) wait in `ready()` for the window
 * to reset instead of sending a request the server would refuse; other calls only feed it.
 */
export interface Pacer {
  /** A request is about to be sent: it costs one from the window. */
  sent(): void;
  /** A request ended: with the answer's headers, or `undefined` when no answer came. */
  settled(headers: Headers | undefined): void;
  /** After a 429: nothing more until `ms` from now. */
  hold(ms: number): void;
  /** Resolves when a request may be sent; `onWait` hears of each wait before it starts. */
  ready(signal: AbortSignal | undefined, onWait?: ((waitMs: number) => void) | undefined): Promise<void>;
}

/** @example const pacer = createPacer(systemClock); await pacer.ready(signal); */
export function createPacer(clock: Clock): Pacer {
  // `remaining` may go below 0 while requests leave after a reset nobody has reported yet.
  let remaining = Number.POSITIVE_INFINITY;
  let resetAt = 0;
  let window = 0;
  let inFlight = 0;
  return {
    sent() {
      remaining--;
      inFlight++;
    },
    settled(headers) {
      inFlight--;
      const left = headers?.get('x-ratelimit-remaining');
      const reset = Number(headers?.get('x-ratelimit-reset'));
      if (!left || !reset || reset < window) return; // no headers, or a late answer from an old window
      // Count the requests still in flight as spent: the server may have counted them already.
      const estimate = Number(left) - inFlight;
      remaining = reset === window ? Math.min(remaining, estimate) : estimate;
      if (reset > window) {
        window = reset;
        // Reset is a server time: measured against the server's Date when it sent one, so a
        // client clock that runs ahead or behind does not make us wake too early or too late.
        const serverNow = Date.parse(headers!.get('date') ?? '');
        resetAt = clock.now() + reset * 1000 - (Number.isNaN(serverNow) ? clock.now() : serverNow);
      }
    },
    hold(ms) {
      remaining = 0;
      resetAt = Math.max(resetAt, clock.now() + ms);
    },
    async ready(signal, onWait) {
      for (let wait = resetAt - clock.now(); remaining <= 0 && wait > 0; wait = resetAt - clock.now()) {
        onWait?.(wait);
        await sleep(wait, signal, clock);
      }
    },
  };
}
