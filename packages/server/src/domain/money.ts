import { formatMinor, minorUnits } from '../store/sort-keys.js';

export { formatMinor, minorUnits };

/** The currency of every account (wallets, order totals); accounts carry no currency setting yet. */
export const ACCOUNT_CURRENCY = 'INR';

/**
 * Tax on a tax-exclusive line at a percentage rate such as `"18.00"`, rounded half-up to the
 * minor unit. BigInt keeps `amount × rate` exact for any amount the spec allows.
 *
 * @example
 * lineTax(159800, '18.00'); // 28764 (287.64)
 */
export function lineTax(lineMinor: number, taxRate: string): number {
  const rateHundredths = BigInt(minorUnits(taxRate));
  return Number((BigInt(lineMinor) * rateHundredths + 5000n) / 10000n);
}
