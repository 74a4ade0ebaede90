/**
 * Runs `tick` again and again in the background until stopped. A tick that found no work is
 * followed by a pause of `idleMs`, cut short by `wake()`; a tick that throws is reported and the
 * loop goes on. Job workers, the webhook dispatcher and the janitor all run on it. `tick` is given
 * a `stopping()` to ask between steps, so long work can wind down at `stop()`.
 *
 * @example
 * const loop = backgroundLoop((stopping) => worker.runOnce({ stopping }), { idleMs: 1000, onError: log });
 * loop.start();
 * await loop.stop();
 */
export function backgroundLoop(tick: (stopping: () => boolean) => Promise<boolean>, options: { idleMs: number; onError: (error: unknown) => void }) {
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  const stopping = () => !running && loop !== undefined;

  async function run(): Promise<void> {
    while (running) {
      let busy = false;
      try {
        busy = await tick(stopping);
      } catch (error) {
        options.onError(error);
      }
      if (!busy && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.idleMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
      }
    }
  }

  return {
    /** True between `stop()` being called and the loop ending: work in progress should wind down. */
    get stopping(): boolean {
      return stopping();
    },
    start(): void {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop(): Promise<void> {
      running = false;
      wakeUp?.();
      await loop;
      loop = undefined;
    },
    wake(): void {
      wakeUp?.();
    },
  };
}
