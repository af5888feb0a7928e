/**
 * The "11-proef" of a Dutch citizen service number (BSN): with digits d1…d9,
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11, and the number may not be all zeros.
 * Accepts the digits with optional dots or spaces ("123.456.782").
 */
export function isValidBsn(value: string): boolean {
  const digits = value.replace(/[.\s]/g, '');
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}
