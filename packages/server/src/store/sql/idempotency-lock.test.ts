import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, type StoreHarness } from '../testing/harness.js';
import type { IdempotencyClaimInput } from '../idempotency.js';

const input = (fingerprint = 'fp-1'): IdempotencyClaimInput => ({
  key: 'k-1', fingerprint, now: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-02T00:00:00.000Z', lockedUntil: '2026-01-01T00:01:00.000Z',
});
const p = { accountId: 'acct_lock', mode: 'test' as const };

// A request's claim stays uncommitted until the request ends: a concurrent claim of the key must
// answer at once (in progress), not wait on the first request's row; then replay once it commits.
onPostgres('idempotency claims inside an open transaction (PostgreSQL)', (open) => {
  describe('idempotency claims inside an open transaction (PostgreSQL)', () => {
    let h: StoreHarness;
    beforeAll(async () => {
      h = await open();
    }, 60_000);
    afterAll(() => h?.close());

    it('answer in progress without waiting while the first request runs, then replay or conflict', async () => {
      const store = h.store();
      let release!: () => void;
      const running = new Promise<void>((resolve) => (release = resolve));
      let claimed!: () => void;
      const hasClaimed = new Promise<void>((resolve) => (claimed = resolve));
      const first = store.transaction(async (tx) => {
        expect(await tx.idempotency.claim(p, input())).toEqual({ outcome: 'claimed' });
        claimed();
        await running;
        await tx.idempotency.complete(p, 'k-1', { status: 201, headers: {}, body: '{}' });
      });
      await hasClaimed;
      expect(await store.idempotency.claim(p, input())).toEqual({ outcome: 'in_progress' });
      expect(await store.transaction((tx) => tx.idempotency.claim(p, input('fp-2')))).toEqual({ outcome: 'in_progress' });
      release();
      await first;
      expect(await store.idempotency.claim(p, input())).toEqual({ outcome: 'replay', response: { status: 201, headers: {}, body: '{}' } });
      expect(await store.idempotency.claim(p, input('fp-2'))).toEqual({ outcome: 'conflict' });
    });

    it('forgets a claim whose transaction rolled back', async () => {
      const store = h.store();
      await store.transaction(async (tx) => {
        await tx.idempotency.claim(p, { ...input(), key: 'k-2' });
        throw new Error('crashed');
      }).catch(() => undefined);
      expect(await store.idempotency.claim(p, { ...input(), key: 'k-2' })).toEqual({ outcome: 'claimed' });
    });
  });
});
