import type { ServerKeysPort } from '../server-keys.js';

/**
 * Server keys in memory: they live as long as the store (a fresh store, a fresh cursor key).
 *
 * @example
 * const serverKeys = memoryServerKeys();
 */
export function memoryServerKeys(): ServerKeysPort {
  const keys = new Map<string, string>();
  return {
    async ensure(name, candidate) {
      if (!keys.has(name)) keys.set(name, candidate);
      return keys.get(name)!;
    },
  };
}
