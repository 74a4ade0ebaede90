import type { Clock } from '../internal/clock.js';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * Virtual time for tests. With `auto` on, whenever the code under test is idle (nothing left but
 * timers), time jumps to the next timer and fires it, so a 30 s backoff costs nothing and tests
 * never depend on how fast the machine is. `delays` records every timer asked for, in order.
 */
export class FakeClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private pumping = false;
  readonly delays: number[] = [];
  /** Called with each requested delay, before the timer is queued (tests abort from here). */
  onTimer: ((ms: number) => void) | undefined;

  constructor(start = 1_700_000_000_000, readonly auto = true) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    this.delays.push(ms);
    this.onTimer?.(ms);
    const timer = { id: this.nextId++, at: this.time + ms, callback };
    this.timers.push(timer);
    this.kick();
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Moves time forward, firing what falls due (a slow server, say). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (let t = this.earliest(); t && t.at <= until; t = this.earliest()) this.fire(t);
    this.time = until;
  }

  private earliest(): Timer | undefined {
    return this.timers.reduce<Timer | undefined>((a, t) => (!a || t.at < a.at ? t : a), undefined);
  }

  private fire(timer: Timer): void {
    this.clearTimeout(timer.id);
    this.time = Math.max(this.time, timer.at);
    timer.callback();
  }

  private kick(): void {
    if (!this.auto || this.pumping) return;
    this.pumping = true;
    // A few macrotask turns let every pending promise chain (and in-memory fetch) settle first.
    const idle = (turns: number) =>
      setImmediate(() => {
        if (turns > 0) return idle(turns - 1);
        this.pumping = false;
        const next = this.earliest();
        if (next) {
          this.fire(next);
          this.kick();
        }
      });
    idle(5);
  }
}
