/**
 * Whether a string is a GTIN-8, -12, -13 or -14 with a correct GS1 check digit. The spec's
 * schema only bounds the length so that this rule answers 422 INVALID_GTIN, not 400.
 *
 * @example
 * isValidGtin('4006381333931'); // true
 * isValidGtin('4006381333932'); // false
 */
export function isValidGtin(value: string): boolean {
  if (!/^(\d{8}|\d{12,14})$/.test(value)) return false;
  const digits = [...value].map(Number);
  const check = digits.pop()!;
  // From the right, excluding the check digit, weights alternate 3, 1, 3, …
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
