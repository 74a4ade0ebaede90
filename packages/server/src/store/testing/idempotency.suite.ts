import { describe, expect, it } from 'vitest';
import type { IdempotencyClaimInput } from '../idempotency.js';
import type { Store } from '../port.js';
import { LIVE_A, LIVE_B, TEST_A } from './fixtures.js';

const claim = (over: Partial<IdempotencyClaimInput> = {}): IdempotencyClaimInput => ({
  key: 'idem-1',
  fingerprint: 'fp-1',
  now: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-02T00:00:00.000Z',
  lockedUntil: '2026-01-01T00:01:00.000Z',
  ...over,
});
const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();

/** Idempotency claims, replays and take-overs, on every adapter. */
export function idempotencySuite(store: () => Store): void {
  describe('idempotency keys', () => {
    it('claims once, then reports in progress, conflict and replay', async () => {
      expect(await store().idempotency.claim(TEST_A, claim())).toEqual({ outcome: 'claimed' });
      expect(await store().idempotency.claim(TEST_A, claim())).toEqual({ outcome: 'in_progress' });
      expect(await store().idempotency.claim(TEST_A, claim({ fingerprint: 'fp-2' }))).toEqual({ outcome: 'conflict' });
      const response = { status: 201, headers: { location: '/v1/products/X' }, body: '{"data":{}}' };
      await store().idempotency.complete(TEST_A, 'idem-1', response);
      expect(await store().idempotency.claim(TEST_A, claim())).toEqual({ outcome: 'replay', response });
    });

    it('scopes keys by account and mode', async () => {
      await store().idempotency.claim(TEST_A, claim());
      expect(await store().idempotency.claim(LIVE_A, claim())).toEqual({ outcome: 'claimed' });
      expect(await store().idempotency.claim(LIVE_B, claim())).toEqual({ outcome: 'claimed' });
    });

    it('forgets released claims and expired records, and takes over abandoned claims', async () => {
      await store().idempotency.claim(TEST_A, claim());
      await store().idempotency.release(TEST_A, 'idem-1');
      expect(await store().idempotency.claim(TEST_A, claim({ fingerprint: 'fp-2' }))).toEqual({ outcome: 'claimed' });
      // The lock of the claim above ends at 00:01: a retry after it may run again.
      expect(await store().idempotency.claim(TEST_A, claim({ fingerprint: 'fp-2', now: minute(2) }))).toEqual({ outcome: 'claimed' });
      await store().idempotency.complete(TEST_A, 'idem-1', { status: 200, headers: {}, body: '{}' });
      const later = claim({ now: '2026-01-02T00:00:00.000Z', expiresAt: '2026-01-03T00:00:00.000Z', lockedUntil: '2026-01-02T00:01:00.000Z' });
      expect(await store().idempotency.claim(TEST_A, later)).toEqual({ outcome: 'claimed' });
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, () => store().idempotency.claim(TEST_A, claim())));
      expect(results.filter((r) => r.outcome === 'claimed')).toHaveLength(1);
    });
  });
}
