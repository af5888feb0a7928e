import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseCodePoints as CodePointIndex } from './sparseIndex';
import { snapToGrapheme, utf16RangeToCp } from './offsets';
import { assignLanes, buildBlocks, distribute, splitSegments } from './segments';

const cpSlice = (text: string, r: { start: number; end: number } | null) => (r ? [...text].slice(r.start, r.end).join('') : null);

describe('snapToGrapheme', () => {
  const text = 'a👍🏽b Zoe\u0308 x\r\ny';
  // UTF-16: a=0, 👍=1-2, 🏽=3-4, b=5, ' '=6, Z=7, o=8, e=9, U+0308=10, ' '=11, x=12, \r=13, \n=14, y=15

  it('leaves boundaries alone', () => {
    for (const i of [0, 1, 5, 6, 7, 9, 11, 12, 13, 15, 16]) {
      expect(snapToGrapheme(text, i, 'back')).toBe(i);
      expect(snapToGrapheme(text, i, 'forward')).toBe(i);
    }
  });

  it('moves out of an emoji with a skin tone, a combining accent and CR LF', () => {
    for (const i of [2, 3, 4]) {
      expect(snapToGrapheme(text, i, 'back')).toBe(1);
      expect(snapToGrapheme(text, i, 'forward')).toBe(5);
    }
    expect(snapToGrapheme(text, 10, 'back')).toBe(9);
    expect(snapToGrapheme(text, 10, 'forward')).toBe(11);
    expect(snapToGrapheme(text, 14, 'back')).toBe(13);
    expect(snapToGrapheme(text, 14, 'forward')).toBe(15);
  });

  it('clamps', () => {
    expect(snapToGrapheme(text, -3, 'back')).toBe(0);
    expect(snapToGrapheme(text, 99, 'forward')).toBe(text.length);
  });
});

describe('utf16RangeToCp', () => {
  const text = 'Zij zei 👍🏽 en toen:\nZoe\u0308 😀 kwam.';
  const idx = new CodePointIndex(text);

  it('converts UTF-16 ranges to code points', () => {
    const at = (s: string) => text.indexOf(s);
    const r = utf16RangeToCp(idx, at('👍'), at(' en'));
    expect(r).toEqual({ start: 8, end: 10 });
    expect(cpSlice(text, r)).toBe('👍🏽');
    expect(cpSlice(text, utf16RangeToCp(idx, at('toen'), at('Zoe') + 4))).toBe('toen:\nZoe\u0308');
    expect(cpSlice(text, utf16RangeToCp(idx, at('😀'), text.length))).toBe('😀 kwam.');
  });

  it('widens a range that cuts a character, accepts reversed ends, and gives null for empty ranges', () => {
    const e = text.indexOf('👍');
    expect(cpSlice(text, utf16RangeToCp(idx, e + 1, e + 3))).toBe('👍🏽'); // inside both surrogate pairs
    const z = text.indexOf('Zoe');
    expect(cpSlice(text, utf16RangeToCp(idx, z + 3, z))).toBe('Zoe\u0308'); // ends before the combining mark
    expect(utf16RangeToCp(idx, 4, 4)).toBeNull();
    expect(utf16RangeToCp(idx, -10, 0)).toBeNull();
  });

  it('maps offsets inside segment text nodes the way the view does (prefix length of the block text)', () => {
    // The DOM holds each block's text split into segments (one text node each); a DOM point (node k, offset o)
    // is at UTF-16 position block.from + (length of nodes before k) + o. Check every pair of such points.
    const doc = 'I: Was het 👍🏽?\nR: Ja! Zoe\u0308 zei: 👨‍👩‍👧 is fijn.\r\nI: Oké.';
    const di = new CodePointIndex(doc);
    const turns = [
      { start: 0, end: 15, speaker: 'I' },
      { start: 15, end: 48, speaker: 'R' },
      { start: 48, end: 55, speaker: 'I' },
    ];
    const blocks = buildBlocks(di, turns);
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 14],
      [15, 46],
      [48, 55],
    ]);
    const codings = [
      { id: 'a', codeId: 'k', start: 3, end: 13 }, // "Was het 👍🏽"
      { id: 'b', codeId: 'k', start: 11, end: 40 }, // across two turns
      { id: 'c', codeId: 'k', start: 32, end: 37 }, // the family emoji
      { id: 'd', codeId: 'k', start: 25, end: 34 }, // starts at the combining mark, ends inside the family emoji
    ];
    const lists = distribute(blocks, codings);
    const points: { pos: number; node: string; offset: number }[] = [];
    blocks.forEach((b, i) => {
      const clipped = lists[i].map((c) => ({ start: Math.max(c.start, b.start), end: Math.min(c.end, b.end) }));
      const segs = splitSegments(b, clipped, assignLanes(clipped));
      let before = 0;
      for (const s of segs) {
        const nodeText = doc.slice(di.toUtf16(s.start), di.toUtf16(s.end));
        for (let o = 0; o <= nodeText.length; o++) points.push({ pos: b.from + before + o, node: nodeText, offset: o });
        before += nodeText.length;
      }
      expect(before).toBe(b.to - b.from);
    });
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const boundaries = new Set([...segmenter.segment(doc)].map((g) => g.index).concat(doc.length));
    for (const a of points) {
      for (const b of points) {
        if (b.pos <= a.pos) continue;
        const r = utf16RangeToCp(di, a.pos, b.pos)!;
        const got = cpSlice(doc, r)!;
        if (boundaries.has(a.pos) && boundaries.has(b.pos)) expect(got).toBe(doc.slice(a.pos, b.pos));
        else expect(got.includes(doc.slice(a.pos, b.pos))).toBe(true); // widened to whole characters
        expect(boundaries.has(di.toUtf16(r.start)) && boundaries.has(di.toUtf16(r.end))).toBe(true);
      }
    }
  });

  it('round-trips: code points → UTF-16 → code points at character boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', ' ', '\n', '\r\n', 'é', 'e\u0301', '👍🏽', '😀', '👨‍👩‍👧', 'ij'), { maxLength: 40 }), fc.nat(), fc.nat(), (parts, x, y) => {
        const s = parts.join('');
        const i = new CodePointIndex(s);
        // the parts' edges are character (grapheme) boundaries
        const cuts = [0];
        for (const p of parts) cuts.push(cuts.at(-1)! + p.length);
        const a = cuts[x % cuts.length];
        const b = cuts[y % cuts.length];
        const r = utf16RangeToCp(i, a, b);
        if (a === b) {
          expect(r).toBeNull();
        } else {
          expect(i.toUtf16(r!.start)).toBe(Math.min(a, b));
          expect(i.toUtf16(r!.end)).toBe(Math.max(a, b));
        }
      }),
    );
  });
});
