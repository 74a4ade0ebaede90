import { signalExitCode } from './exit-codes.js';

export interface Interrupt {
  signal: AbortSignal;
  /** The exit code for the signal that fired, if one did. */
  readonly exitCode: number | undefined;
  dispose(): void;
}

/**
 * Turns the first Ctrl-C or SIGTERM into an abort, so a run stops cleanly (in-flight requests
 * end, the summary says how to resume); a second one exits at once.
 * @example
 * const interrupt = onInterrupt();
 * await work({ signal: interrupt.signal });
 */
export function onInterrupt(onFirst?: (signal: NodeJS.Signals) => void): Interrupt {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (exitCode !== undefined) process.exit(exitCode);
    exitCode = signalExitCode(signal);
    onFirst?.(signal);
    controller.abort(new Error(`stopped by ${signal}`));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
