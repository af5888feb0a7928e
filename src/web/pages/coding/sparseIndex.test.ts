import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../../lib/text/codepoints';
import { SparseCodePoints } from './sparseIndex';

describe('SparseCodePoints', () => {
  it('converts like CodePointIndex, also with emoji, combining marks, line breaks and lone surrogates', () => {
    const samples = ['', 'abc', 'a😀b', 'Zoe\u0308 👍🏽\r\nx', '😀😀x😀', '\ud800\ud800😀', 'x\udc00y', '👨‍👩‍👧 en ❤️'];
    for (const text of samples) {
      const want = new CodePointIndex(text);
      const got = new SparseCodePoints(text);
      expect(got.length).toBe(want.length);
      for (let cp = -1; cp <= want.length + 1; cp++) expect(got.toUtf16(cp)).toBe(want.toUtf16(cp));
      for (let u = -1; u <= text.length + 1; u++) expect(got.toCp(u)).toBe(want.toCp(u));
    }
  });

  it('agrees with CodePointIndex on random text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '\n', 'é', '\u0301', '😀', '🏽', '\ud83d', '\ude00', '‍'), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const want = new CodePointIndex(text);
        const got = new SparseCodePoints(text);
        expect(got.length).toBe(want.length);
        for (let cp = 0; cp <= want.length; cp++) expect(got.toUtf16(cp)).toBe(want.toUtf16(cp));
        for (let u = 0; u <= text.length; u++) expect(got.toCp(u)).toBe(want.toCp(u));
      }),
    );
  });

  it('builds fast on a long text with few emoji', () => {
    const text = 'Ik vond het moeilijk, zei ze. 👍🏽 '.repeat(4000);
    const t0 = performance.now();
    const idx = new SparseCodePoints(text);
    expect(idx.toCp(text.length)).toBe(idx.length);
    expect(performance.now() - t0).toBeLessThan(200);
  });
});
