import { expect, it } from 'vitest';
import { resolveHost } from './resolve-host.js';
import { isPrivateHost } from '../domain/webhooks/targets.js';

it('resolves a name through the system resolver, every address of it', async () => {
  const addresses = await resolveHost('localhost');
  expect(addresses.length).toBeGreaterThan(0);
  expect(addresses.every((address) => isPrivateHost(address))).toBe(true);
  expect(await resolveHost('127.0.0.1')).toEqual(['127.0.0.1']);
  await expect(resolveHost('no-such-host.invalid')).rejects.toThrow();
});
