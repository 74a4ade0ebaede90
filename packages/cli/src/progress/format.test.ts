import { describe, expect, it } from 'vitest';
import { formatDuration, plainLine } from './format.js';

describe('progress numbers', () => {
  it('says records, share, pace, failures and time left', () => {
    expect(plainLine('products', { done: 12_000, failed: 3, total: 20_000, elapsedMs: 6000 })).toBe(
      'products: 12,000/20,000 records (60%), 2,000 records/s, 3 failed, ETA 4s',
    );
  });

  it('has no ETA before the first batch or without a total (stdin)', () => {
    expect(plainLine('inventory', { done: 0, failed: 0, total: 500, elapsedMs: 0 })).toBe('inventory: 0/500 records (0%), 0 records/s, 0 failed, ETA ?');
    expect(plainLine('orders', { done: 300, failed: 1, total: undefined, elapsedMs: 3000 })).toBe('orders: 300/? records, 100 records/s, 1 failed, ETA ?');
  });

  it('writes durations as people read them', () => {
    expect([formatDuration(4.4), formatDuration(185), formatDuration(7860)]).toEqual(['4s', '3m 05s', '2h 11m']);
  });
});
