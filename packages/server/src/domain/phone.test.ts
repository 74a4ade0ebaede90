import { describe, expect, it } from 'vitest';
import { isE164 } from './phone.js';

describe('isE164', () => {
  it('accepts strict E.164 numbers of 8 to 15 digits', () => {
    expect(isE164('+919812345678')).toBe(true);
    expect(isE164('+12025550123')).toBe(true);
    expect(isE164('+12345678')).toBe(true);
    expect(isE164('+123456789012345')).toBe(true);
  });
  it('rejects anything else', () => {
    for (const bad of ['919812345678', '+91 98123 45678', '+91-9812345678', '+0919812345678', '+1234567',
      '+1234567890123456', '', '+', '++919812345678', '+91981234567a', ' +919812345678', '+919812345678\n']) {
      expect(isE164(bad), bad).toBe(false);
    }
  });
});
