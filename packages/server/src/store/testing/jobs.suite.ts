import { describe, expect, it } from 'vitest';
import type { Store } from '../port.js';
import { LIVE_A, TEST_A } from './fixtures.js';

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Jobs per partition, on every adapter (claims and leases run through the worker's tests on each adapter). */
export function jobsSuite(store: () => Store): void {
  describe('jobs', () => {
    it('stores jobs per partition', async () => {
      const job = { id: 'job_1234567890abcdef', type: 'products.batch', status: 'queued' as const, total: 2, request_id: 'req_1', payload: { items: [1, 2] }, created_at: minute(0) };
      await store().jobs.create(TEST_A, job);
      expect(await store().jobs.get(TEST_A, job.id)).toEqual(job);
      expect(await store().jobs.get(LIVE_A, job.id)).toBeNull();
    });
  });
}
