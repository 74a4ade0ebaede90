import { describe, expect, it } from 'vitest';
import type { Store } from '../port.js';

/** Server keys on every adapter: the first candidate wins and stays. */
export function serverKeysSuite(store: () => Store): void {
  describe('server keys', () => {
    it('keep the first candidate of each name, whatever later callers offer', async () => {
      const first = await store().serverKeys.ensure('suite-a', 'first');
      const concurrent = await Promise.all([store().serverKeys.ensure('suite-b', 'one'), store().serverKeys.ensure('suite-b', 'two')]);
      expect(first).toBe('first');
      expect(await store().serverKeys.ensure('suite-a', 'second')).toBe('first');
      expect(concurrent[0]).toBe(concurrent[1]);
      expect(['one', 'two']).toContain(concurrent[0]);
    });
  });
}
