import { describe, expect, it } from 'vitest';
import { agreementTable, clip, cut, decide, disagreementItems, documentItems, lineSpans, normalise, predefinedUnits, sameSpans, type DocumentInput, type Span } from './units';

const doc = (text: string, coders: (Record<string, Span[]> | null)[], turns: Span[] = []): DocumentInput => ({
  documentId: 'd',
  text,
  length: [...text].length,
  turns,
  coders: coders.map((c) => (c ? new Map(Object.entries(c)) : null)),
});

describe('characters as units', () => {
  it('reproduces the character-level example: 1000 characters, A codes 0–100, B codes 50–150 → 90 %, κ = 0.444', () => {
    // the worked example of the research notes (§4): NVivo-style percentage 90 %, standard character-level κ 0.444
    const t = agreementTable('characters', [doc('x'.repeat(1000), [{ k: [{ start: 0, end: 100 }] }, { k: [{ start: 50, end: 150 }] }])], ['k'], 2);
    expect(t.perCode[0].units).toBe(1000);
    expect(t.perCode[0].percent).toBeCloseTo(0.9, 10);
    expect(t.perCode[0].kappa!).toBeCloseTo(0.444, 3);
    // α on the same 2 × 1000 data: n = 2000, o01 = o10 = 100 → α = 1 − 1999·200 / (2·200·1800)
    expect(t.perCode[0].alpha!).toBeCloseTo(1 - (1999 * 200) / (2 * 200 * 1800), 10);
  });

  it('folds stretches with the same values into weighted units and merges overlapping codings of one coder', () => {
    const items = documentItems('characters', doc('y'.repeat(20), [{ k: [{ start: 0, end: 5 }, { start: 3, end: 8 }] }, { k: [{ start: 0, end: 8 }] }]), ['k']);
    expect(items.map((i) => [i.start, i.end, i.weight, i.values])).toEqual([
      [0, 8, 8, [true, true]],
      [8, 20, 12, [false, false]],
    ]);
  });

  it('treats a coder without any coding in a document as missing, not absent', () => {
    const t = agreementTable('characters', [doc('z'.repeat(10), [{ k: [{ start: 0, end: 4 }] }, null])], ['k'], 2);
    expect(t.perCode[0].units).toBe(0);
    expect(t.perCode[0].percent).toBeNull();
    expect(t.perCode[0].kappa).toBeNull();
  });
});

describe('turns and sentences as units', () => {
  const text = 'I: Hoe ging het? Was het goed?\nR: Het ging goed. Dhr. Jansen hielp ons.\nI: En daarna?';
  const turns = lineSpans(text);

  it('uses the speaker turns (or the lines of a text without turns)', () => {
    expect(turns).toHaveLength(3);
    expect(predefinedUnits('turns', text, [])).toEqual(turns);
    expect(predefinedUnits('turns', text, [{ start: 31, end: 71 }])).toEqual([{ start: 31, end: 71 }]);
  });

  it('splits turns into Dutch sentences (abbreviations do not end a sentence)', () => {
    const s = predefinedUnits('sentences', text, turns).map((u) => [...text].slice(u.start, u.end).join(''));
    expect(s).toEqual(['I: Hoe ging het?', 'Was het goed?', 'R: Het ging goed.', 'Dhr. Jansen hielp ons.', 'I: En daarna?']);
  });

  it('marks a code present in a unit when a coding overlaps it, and computes per code and pooled statistics', () => {
    // code a: both coders in turn 2; code b: coder 1 in turn 1, coder 2 in turn 3
    const d = doc(text, [
      { a: [{ start: 34, end: 40 }], b: [{ start: 3, end: 10 }] },
      { a: [{ start: 50, end: 60 }], b: [{ start: 75, end: 80 }] },
    ]);
    const t = agreementTable('turns', [d], ['a', 'b'], 2);
    const a = t.perCode.find((r) => r.codeId === 'a')!;
    const b = t.perCode.find((r) => r.codeId === 'b')!;
    expect([a.units, a.percent, a.kappa]).toEqual([3, 1, 1]);
    expect(b.percent).toBeCloseTo(1 / 3, 12);
    // b: A = [1,0,0], B = [0,0,1]: po = 1/3, pe = (1/3)(1/3) + (2/3)(2/3) = 5/9 → κ = (1/3 − 5/9)/(4/9) = −0.5
    expect(b.kappa!).toBeCloseTo(-0.5, 12);
    // pooled: 6 unit × code items, 4 agree
    expect(t.overall.units).toBe(6);
    expect(t.overall.percent).toBeCloseTo(4 / 6, 12);

    const items = disagreementItems('turns', d, ['a', 'b']);
    expect(items.map((i) => [i.codeId, i.start, i.agree])).toEqual([
      ['a', 31, true],
      ['b', 0, false],
      ['b', 72, false],
    ]);
    expect(items[0].spans).toEqual([[{ start: 34, end: 40 }], [{ start: 50, end: 60 }]]);
  });
});

describe('span arithmetic of adjudication', () => {
  it('normalises, clips and cuts', () => {
    expect(normalise([{ start: 5, end: 9 }, { start: 0, end: 5 }, { start: 12, end: 14 }, { start: 13, end: 13 }])).toEqual([
      { start: 0, end: 9 },
      { start: 12, end: 14 },
    ]);
    expect(clip([{ start: 0, end: 10 }], { start: 4, end: 20 })).toEqual([{ start: 4, end: 10 }]);
    expect(cut([{ start: 0, end: 10 }], { start: 4, end: 6 })).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 10 },
    ]);
  });

  it('replaces the decision inside the unit only, and is idempotent', () => {
    const unit = { start: 10, end: 20 };
    const once = decide([{ start: 0, end: 12 }], unit, [{ start: 15, end: 30 }]);
    expect(once).toEqual([
      { start: 0, end: 10 },
      { start: 15, end: 20 },
    ]);
    expect(decide(once, unit, [{ start: 15, end: 30 }])).toEqual(once);
    expect(decide(once, unit, [])).toEqual([{ start: 0, end: 10 }]);
    expect(sameSpans(once, [{ start: 15, end: 20 }, { start: 0, end: 10 }])).toBe(true);
  });
});
