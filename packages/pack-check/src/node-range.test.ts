import { describe, expect, it } from 'vitest';
import { minimumOf, satisfies } from './node-range.js';

describe('satisfies', () => {
  it.each([
    ['20.0.0', '>=20', true],
    ['19.9.9', '>=20', false],
    ['22.12.0', '>=22.12.0', true],
    ['22.11.9', '>=22.12.0', false],
    ['22.12.0', '^22.11 || ^24 || >=26', true],
    ['23.0.0', '^22.11 || ^24 || >=26', false],
    ['25.1.0', '^22.11 || ^24 || >=26', false],
    ['26.0.0', '^22.11 || ^24 || >=26', true],
    ['20.18.0', '^20.19.0 || ^22.13.0 || ^23.5.0 || >=24.0.0', false],
    ['20.19.0', '^20.19.0 || ^22.13.0 || ^23.5.0 || >=24.0.0', true],
    ['24.0.0', '>= 22', true],
    ['18.20.0', '>=18.0.0 <19', true],
    ['19.0.0', '>=18.0.0 <19', false],
    ['20.5.1', '~20.5', true],
    ['20.6.0', '~20.5', false],
    ['0.3.0', '^0.2.1', false],
    ['21.0.0', '>20', true],
    ['20.9.9', '>20', false],
    ['20.2.0', '20.x', true],
    ['21.0.0', '20.x', false],
    ['16.0.0', '*', true],
    ['20.3.0', '18 - 20.3', true],
    ['20.4.0', '18 - 20.3', false],
    ['22.0.0', '<=22', true],
    ['23.0.0', '<=22', false],
  ])('%s in %s is %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => satisfies('20.0.0', 'latest')).toThrow(/cannot read/);
  });
});

describe('minimumOf', () => {
  it('completes a partial minimum', () => {
    expect(minimumOf('>=22.12')).toBe('22.12.0');
    expect(minimumOf('>= 20')).toBe('20.0.0');
  });

  it('asks for the ">=" form', () => {
    expect(() => minimumOf('^20 || ^22')).toThrow(/">=<version>"/);
  });
});
