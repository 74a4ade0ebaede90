/**
 * Sort keys shared by the store adapters, so memory and SQL order rows identically.
 *
 * @example
 * customerNameKey('Asha Verma'); // 'asha verma'
 * minorUnits('1885.64'); // 188564
 */

/** ASCII-only lower case: what PostgreSQL's `lower()` does under COLLATE "C", in every store. */
export function customerNameKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** A 2-decimal amount string as integer minor units. */
export function minorUnits(amount: string): number {
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? amount.slice(1) : amount).split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

/** Integer minor units as a 2-decimal amount string. */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
