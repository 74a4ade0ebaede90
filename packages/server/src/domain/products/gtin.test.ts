import { describe, expect, it } from 'vitest';
import { isValidGtin } from './gtin.js';

describe('isValidGtin', () => {
  it.each(['96385074', '036000291452', '4006381333931', '00012345600012'])('accepts %s', (gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each(['96385075', '036000291453', '4006381333932', '00012345600013', '1234567', '12345678901', '400638133393X', ''])(
    'refuses %s',
    (gtin) => {
      expect(isValidGtin(gtin)).toBe(false);
    },
  );
});
