import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, defaultRetryPolicy, isRetryableStatus, parseRetryAfter } from './retry.js';

const policy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };
const base = { retry: 0, retryAfter: null, nowMs: 0, remainingMs: 1e9, policy, random: () => 0.5 };

describe('isRetryableStatus', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });
  it.each([400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 501])('never retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
  it('retries 409 only while the first request with the key is still running', () => {
    expect(isRetryableStatus(409, 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    expect(isRetryableStatus(409, 'IDEMPOTENCY_CONFLICT')).toBe(false);
    expect(isRetryableStatus(409, 'DUPLICATE_SKU')).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1_500);
  });
  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });
});

describe('backoffDelay (full jitter)', () => {
  it('stays within [0, min(max, base * 2^retry))', () => {
    for (let retry = 0; retry < 10; retry++) {
      const ceiling = Math.min(8_000, 500 * 2 ** retry);
      expect(backoffDelay(retry, policy, () => 0)).toBe(0);
      const top = backoffDelay(retry, policy, () => 0.999_999);
      expect(top).toBeLessThan(ceiling);
      expect(top).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });
  it('is capped at maxDelayMs however many retries', () => {
    expect(backoffDelay(30, policy, () => 0.999_999)).toBeLessThan(8_000);
  });
});

describe('decideRetry', () => {
  it('waits what Retry-After says rather than backing off', () => {
    expect(decideRetry({ ...base, status: 429, retryAfter: '2' })).toEqual({ retry: true, delayMs: 2_000 });
  });
  it('backs off when there is no Retry-After, and after network errors', () => {
    expect(decideRetry({ ...base, status: 503 })).toEqual({ retry: true, delayMs: 250 });
    expect(decideRetry({ ...base, status: undefined, retry: 1 })).toEqual({ retry: true, delayMs: 500 });
  });
  it('gives up when Retry-After exceeds maxRetryAfterMs, reporting the wait', () => {
    expect(decideRetry({ ...base, status: 429, retryAfter: '61' })).toEqual({ retry: false, retryAfterMs: 61_000 });
  });
  it('gives up when the wait would outlast the overall timeout', () => {
    expect(decideRetry({ ...base, status: 429, retryAfter: '5', remainingMs: 4_000 })).toEqual({
      retry: false,
      retryAfterMs: 5_000,
    });
  });
  it('stops after maxRetries', () => {
    expect(decideRetry({ ...base, status: 500, retry: 5 })).toEqual({ retry: false, retryAfterMs: undefined });
  });
  it('does not retry a client error', () => {
    expect(decideRetry({ ...base, status: 422 }).retry).toBe(false);
  });
  it('has sensible defaults', () => {
    expect(defaultRetryPolicy).toEqual({ maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 });
  });
});
