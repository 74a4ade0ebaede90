import type { LocksPort } from '../locks.js';

/**
 * Value locks in memory: nothing to do, transactions of the memory store already run one at a time.
 *
 * @example
 * const locks = memoryLocks();
 */
export function memoryLocks(): LocksPort {
  return { hold: async () => {} };
}
