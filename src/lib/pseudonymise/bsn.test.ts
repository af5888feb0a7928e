import { describe, expect, it } from 'vitest';
import { isValidBsn } from './bsn';

describe('11-proef', () => {
  it('accepts numbers that pass it, also grouped with dots or spaces', () => {
    for (const n of ['111222333', '123456782', '999990111', '999.990.925', '999 992 405']) expect(isValidBsn(n)).toBe(true);
  });

  it('rejects numbers that fail it, all zeros, and the wrong number of digits', () => {
    for (const n of ['123456789', '111222334', '246813579', '000000000', '12345678', '1234567820', '12345678a', '']) expect(isValidBsn(n)).toBe(false);
  });

  it('weights the digits 9…2 and the last digit −1', () => {
    // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66 = 6·11
    expect(isValidBsn('111222333')).toBe(true);
    // Swapping two different digits changes the weighted sum by their difference: no longer divisible.
    expect(isValidBsn('111223233')).toBe(false);
  });
});
