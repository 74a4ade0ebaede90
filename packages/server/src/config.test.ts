import { expect, it } from 'vitest';
import { backgroundTimingFromEnv } from './config.js';

it('reads the lease and the webhook schedule from the environment, leaving unset ones to the defaults', () => {
  expect(backgroundTimingFromEnv({})).toEqual({});
  expect(backgroundTimingFromEnv({
    NEXUS_JOB_LEASE_MS: '1500',
    NEXUS_WEBHOOK_RETRY_DELAYS_MS: '0, 500,1000',
    NEXUS_WEBHOOK_TIMEOUT_MS: '2000',
    NEXUS_WEBHOOK_LOCK_MS: '',
  })).toEqual({ leaseMs: 1500, retryDelaysMs: [0, 500, 1000], webhookTimeoutMs: 2000 });
});

it('refuses a value that is not whole milliseconds, naming the variable', () => {
  expect(() => backgroundTimingFromEnv({ NEXUS_JOB_LEASE_MS: '1.5s' })).toThrow(/NEXUS_JOB_LEASE_MS/);
  expect(() => backgroundTimingFromEnv({ NEXUS_JOB_LEASE_MS: '0' })).toThrow(/at least 1/);
  expect(() => backgroundTimingFromEnv({ NEXUS_WEBHOOK_RETRY_DELAYS_MS: '0,,5' })).toThrow(/NEXUS_WEBHOOK_RETRY_DELAYS_MS/);
});
