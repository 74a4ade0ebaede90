/**
 * Whether a string is a strict E.164 phone number: `+`, then 8 to 15 digits in all (country code
 * first, so never a leading 0), no spaces or punctuation. The spec's schema only bounds the length
 * so that this rule answers 422 INVALID_PHONE, not 400.
 *
 * @example
 * isE164('+919812345678'); // true
 * isE164('+91 98123 45678'); // false
 * isE164('919812345678'); // false
 */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(value);
}
