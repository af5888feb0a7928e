import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cpLength, cpSlice } from '../../../lib/text/codepoints';
import { diffEdits, mapSpans, remapOffsets } from './remap';

/** The span of the first occurrence of `part` in `text`, in code points. */
function spanOf(text: string, part: string, from = 0) {
  const i = text.indexOf(part, from);
  if (i < 0) throw new Error(`${part} not in ${text}`);
  const start = cpLength(text.slice(0, i));
  return { start, end: start + cpLength(part) };
}
const textOf = (text: string, s: { start: number; end: number }) => cpSlice(text, s.start, s.end);

describe('diffEdits', () => {
  it('finds no edits in equal texts and one in a small correction', () => {
    expect(diffEdits('abc', 'abc')).toEqual([]);
    expect(diffEdits('De moedr zei nee.', 'De moeder zei nee.')).toEqual([{ start: 7, end: 7, length: 1 }]);
  });

  it('applying the edits to the old text gives the new text (code points, emoji, many lines)', () => {
    const apply = (old: string, now: string) => {
      const cps = [...old];
      const fresh = [...now];
      const out: string[] = [];
      let at = 0;
      let nat = 0;
      for (const e of diffEdits(old, now)) {
        out.push(...cps.slice(at, e.start));
        nat += e.start - at;
        out.push(...fresh.slice(nat, nat + e.length));
        nat += e.length;
        at = e.end;
      }
      out.push(...cps.slice(at));
      return out.join('');
    };
    const pairs: [string, string][] = [
      ['R: Ik 👍🏽 vond het fijn.\nI: En toen?\nR: Toen niet.', 'R: Ik 👍 vond het heel fijn.\nI: En daarna?\nR: Toen niet 😀.'],
      ['a\r\nb\r\nc', 'a\nb\nc'],
      ['', 'nieuw'],
      ['oud', ''],
      ['Zoe\u0308 en Zoë', 'Zoë en Zoe\u0308'],
    ];
    for (const [a, b] of pairs) expect(apply(a, b)).toBe(b);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), (a, b) => apply(a, b) === b),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('remapOffsets', () => {
  it('moves a coding with its text when text is inserted before it', () => {
    const old = 'I: Hoe ging het?\nR: Het contact met mijn moeder was fijn.';
    const now = 'I: Hoe ging het thuis, vertel eens?\nR: Het contact met mijn moeder was fijn.';
    const c = { id: 'c1', ...spanOf(old, 'contact met mijn moeder') };
    const r = remapOffsets(old, now, [c]);
    expect(r.dropped).toEqual([]);
    expect(r.kept[0].id).toBe('c1');
    expect(textOf(now, r.kept[0])).toBe('contact met mijn moeder');
  });

  it('drops a coding whose text was deleted and reports it; keeps the others', () => {
    const old = 'Eerste zin. Tweede zin over school. Derde zin.';
    const now = 'Eerste zin. Derde zin.';
    const gone = { id: 'weg', ...spanOf(old, 'over school') };
    const stays = { id: 'blijft', ...spanOf(old, 'Derde zin') };
    const r = remapOffsets(old, now, [gone, stays]);
    expect(r.dropped.map((c) => c.id)).toEqual(['weg']);
    expect(r.kept.map((c) => [c.id, textOf(now, c)])).toEqual([['blijft', 'Derde zin']]);
  });

  it('a coding grows with text typed inside it, not with text typed at its edges', () => {
    const old = 'ik vond het fijn daar';
    const c = spanOf(old, 'vond het fijn');
    expect(textOf('ik vond het heel fijn daar', remapOffsets(old, 'ik vond het heel fijn daar', [c]).kept[0])).toBe('vond het heel fijn');
    expect(textOf('ik ja vond het fijn echt daar', remapOffsets(old, 'ik ja vond het fijn echt daar', [c]).kept[0])).toBe('vond het fijn');
  });

  it('keeps offsets right around emoji and combining characters (code points, not UTF-16)', () => {
    const old = 'R: 👨‍👩‍👧 Zoe\u0308 zei: het was 😀 fijn bij oma.';
    const now = 'R: 👨‍👩‍👧👍🏽 Zoe\u0308 zei toen: het was 😀 erg fijn bij oma.';
    const a = spanOf(old, 'Zoe\u0308');
    const b = spanOf(old, '😀 fijn bij oma');
    const r = remapOffsets(old, now, [a, b]);
    expect(r.dropped).toEqual([]);
    expect(textOf(now, r.kept[0])).toBe('Zoe\u0308');
    expect(textOf(now, r.kept[1])).toBe('😀 erg fijn bij oma');
    expect(r.kept[1].start - r.kept[0].start).toBe(cpLength('Zoe\u0308 zei toen: het was '));
  });

  it('handles CRLF turned into LF', () => {
    const old = 'I: Vraag?\r\nR: Antwoord over de voogd.\r\nI: Dank.';
    const now = 'I: Vraag?\nR: Antwoord over de voogd.\nI: Dank.';
    const c = spanOf(old, 'Antwoord over de voogd.');
    const d = spanOf(old, 'Dank');
    const r = remapOffsets(old, now, [c, d]);
    expect(r.kept.map((s) => textOf(now, s))).toEqual(['Antwoord over de voogd.', 'Dank']);
  });

  it('a replacement overlapping a coding is taken in whole (pseudonymisation)', () => {
    const old = 'Jan Jansen woont in Utrecht.';
    // replace "Jan Jansen" by "[Naam 1]" and "Utrecht" by "[Plaats 1]"
    const edits = [
      { start: 0, end: 10, length: 8 },
      { start: 20, end: 27, length: 10 },
    ];
    const now = '[Naam 1] woont in [Plaats 1].';
    const r = mapSpans(edits, [
      { start: 0, end: 10 }, // exactly the name
      { start: 4, end: 16 }, // part of the name and more
      { start: 11, end: 16 }, // "woont": untouched
      { start: 0, end: 28 }, // everything
    ]);
    expect(r.dropped).toEqual([]);
    expect(r.kept.map((s) => textOf(now, s))).toEqual(['[Naam 1]', '[Naam 1] woont', 'woont', now]);
  });

  it('every kept span stays inside the new text and keeps start < end (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(fc.tuple(fc.nat(80), fc.nat(80)), { maxLength: 10 }), (a, b, pairs) => {
        const n = cpLength(a);
        const spans = pairs.map(([x, y]) => ({ start: Math.min(x, y) % (n + 1), end: Math.max(x, y) % (n + 1) })).filter((s) => s.end > s.start);
        const r = remapOffsets(a, b, spans);
        expect(r.kept.length + r.dropped.length).toBe(spans.length);
        for (const s of r.kept) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(cpLength(b));
          expect(s.end).toBeGreaterThan(s.start);
        }
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it('is fast on a long transcript with a few corrections', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => (i % 97 === 0 ? '\n' : '') + ['kind', 'moeder', 'voogd', 'school', 'thuis', '👍🏽'][i % 6]).join(' ');
    const edited = words.replace('voogd school', 'gezinsvoogd school').replace(/thuis 👍🏽 kind/, 'thuis kind');
    const spans = Array.from({ length: 2_000 }, (_, i) => ({ start: i * 50, end: i * 50 + 20 }));
    const t0 = performance.now();
    const r = remapOffsets(words, edited, spans);
    const ms = performance.now() - t0;
    console.log(`remapOffsets: ${cpLength(words)} code points, 2000 spans: ${ms.toFixed(1)} ms`);
    expect(r.kept.length).toBe(2_000);
    expect(ms).toBeLessThan(5_000);
  });
});
