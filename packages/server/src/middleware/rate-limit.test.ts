import { describe, expect, it } from 'vitest';
import { setup } from '../test/harness.js';

describe('rate limits', () => {
  it('reports the tighter window on every authenticated response and answers 429 past it', async () => {
    const { call, newKey } = await setup();
    const key = await newKey({ rateLimits: { per_minute: 2, per_hour: 100 } });
    const first = await call('GET', '/v1/products', { key });
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    // Errors after authentication carry the headers too.
    const missing = await call('GET', '/v1/products/NOPE', { key });
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await call('GET', '/v1/products', { key });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('reports the hour window when it is the tighter one, and uses the plan by default', async () => {
    const { call, newKey } = await setup();
    const key = await newKey({ rateLimits: { per_minute: 50, per_hour: 3 } });
    expect((await call('GET', '/v1/products', { key })).headers.get('x-ratelimit-limit')).toBe('3');
    const growth = await newKey({ plan: 'growth' });
    expect((await call('GET', '/v1/products', { key: growth })).headers.get('x-ratelimit-limit')).toBe('300');
  });

  it('limits health per client IP, without rate-limit headers on success', async () => {
    const { call } = await setup({ clientIp: () => '10.0.0.9', unauthenticatedPerMinute: 2 });
    const res = await call('GET', '/v1/health', { key: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    await call('GET', '/v1/health', { key: null });
    const refused = await call('GET', '/v1/health', { key: null });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });
});
