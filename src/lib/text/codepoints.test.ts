import { describe, expect, it } from 'vitest';
import { CodePointIndex, cpLength, cpSlice, cpToUtf16, utf16ToCp } from './codepoints';

const EMOJI = 'a😀b'; // 😀 is a surrogate pair
const COMBINING = 'Zoe\u0308 😀\r\nx'; // Zoë with U+0308, emoji, CRLF

describe('code points', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(cpLength('')).toBe(0);
    expect(cpLength(EMOJI)).toBe(3);
    expect(EMOJI.length).toBe(4);
    expect(cpLength(COMBINING)).toBe(9); // Z o e ̈ space 😀 \r \n x
    expect(cpLength('\ud800x')).toBe(2); // lone surrogate counts as one
  });

  it('converts both ways', () => {
    expect(cpToUtf16(EMOJI, 0)).toBe(0);
    expect(cpToUtf16(EMOJI, 2)).toBe(3);
    expect(cpToUtf16(EMOJI, 3)).toBe(4);
    expect(cpToUtf16(EMOJI, 99)).toBe(4);
    expect(utf16ToCp(EMOJI, 3)).toBe(2);
    expect(utf16ToCp(EMOJI, 4)).toBe(3);
    expect(utf16ToCp(EMOJI, 2)).toBe(1); // inside the pair → the pair's offset
    expect(utf16ToCp(EMOJI, -5)).toBe(0);
  });

  it('slices by code points', () => {
    expect(cpSlice(EMOJI, 1, 2)).toBe('😀');
    expect(cpSlice(EMOJI, 2)).toBe('b');
    expect(cpSlice(COMBINING, 0, 4)).toBe('Zoe\u0308');
    expect(cpSlice(COMBINING, 6, 8)).toBe('\r\n');
    expect(cpSlice(EMOJI, 2, 1)).toBe('');
  });

  it('CodePointIndex agrees with the free functions', () => {
    for (const text of [EMOJI, COMBINING, '', 'abc', '😀😀x😀', '\ud800\ud800😀']) {
      const idx = new CodePointIndex(text);
      expect(idx.length).toBe(cpLength(text));
      for (let cp = 0; cp <= idx.length + 1; cp++) expect(idx.toUtf16(cp)).toBe(cpToUtf16(text, cp));
      for (let u = 0; u <= text.length + 1; u++) expect(idx.toCp(u)).toBe(utf16ToCp(text, u));
      for (let s = 0; s <= idx.length; s++) for (let e = s; e <= idx.length; e++) expect(idx.slice(s, e)).toBe(cpSlice(text, s, e));
    }
  });

  it('indexes a long text quickly', () => {
    const text = 'woord 😀 Zoë '.repeat(20_000);
    const t0 = performance.now();
    const idx = new CodePointIndex(text);
    let sum = 0;
    for (let cp = 0; cp < idx.length; cp += 7) sum += idx.toUtf16(cp) - idx.toCp(idx.toUtf16(cp));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(sum).toBeGreaterThan(0);
  });
});
