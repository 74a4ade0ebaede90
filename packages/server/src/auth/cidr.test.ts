import { describe, expect, it } from 'vitest';
import { ipAllowed, ipInCidr } from './cidr.js';

describe('ipInCidr', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['192.168.1.7', '192.168.1.7', true],
    ['192.168.1.8', '192.168.1.7/32', false],
    ['::ffff:10.0.0.1', '10.0.0.0/8', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['::1', '::1/128', true],
    ['10.0.0.1', '::/0', false],
    ['not-an-ip', '10.0.0.0/8', false],
    ['10.0.0.1', '10.0.0.0/33', false],
  ])('%s in %s → %s', (ip, cidr, expected) => {
    expect(ipInCidr(ip, cidr)).toBe(expected);
  });

  it('allows anything with an empty list and nothing unknown with a list', () => {
    expect(ipAllowed(undefined, [])).toBe(true);
    expect(ipAllowed(undefined, ['10.0.0.0/8'])).toBe(false);
  });
});
