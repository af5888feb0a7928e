import { describe, expect, it } from 'vitest';
import { contextOf, decideKind, decisionOf, initialDecisions, kindSummary, setDecision, spansToApply, type Proposal } from './pseudonymModel';
import { SparseCodePoints } from './sparseIndex';

const TEXT = 'I: Dag Sanne 👍🏽, woon je in Zwolle?\nR: Ja, bij Jeugdzorg Oost in Zwolle.';
const idx = new SparseCodePoints(TEXT);
const at = (s: string, from = 0) => {
  const u = TEXT.indexOf(s, from);
  return { start: idx.toCp(u), end: idx.toCp(u + s.length) };
};
const P: Proposal[] = [
  { index: 0, ...at('Sanne'), kind: 'name', text: 'Sanne' },
  { index: 1, ...at('Zwolle'), kind: 'place', text: 'Zwolle' },
  { index: 2, ...at('Jeugdzorg Oost'), kind: 'place', text: 'Jeugdzorg Oost' },
  { index: 3, ...at('Zwolle', TEXT.indexOf('Oost')), kind: 'place', text: 'Zwolle' },
];

describe('pseudonymisation decisions', () => {
  it('accepts nothing at first', () => {
    const d = initialDecisions(P);
    expect(spansToApply(P, d, []).spans).toEqual([]);
    expect(kindSummary(d, P, ['name', 'place', 'date'])).toEqual([
      { kind: 'name', total: 1, accepted: 0 },
      { kind: 'place', total: 3, accepted: 0 },
    ]);
  });
  it('accepts all of a kind, after a corrected kind', () => {
    let d = setDecision(initialDecisions(P), 2, { kind: 'institution' }, P);
    d = decideKind(d, P, 'place');
    expect(decisionOf(d, P[2])).toEqual({ accepted: false, kind: 'institution' });
    d = setDecision(d, 2, { accepted: true }, P);
    const { spans, dropped } = spansToApply(P, d, []);
    expect(spans.map((s) => [s.index, s.kind])).toEqual([
      [1, 'place'],
      [2, 'institution'],
      [3, 'place'],
    ]);
    expect(dropped).toEqual([]);
    expect(decideKind(d, P, 'place', false).get(1)!.accepted).toBe(false);
  });
  it('adds marked fragments and drops overlaps (the first, longer one wins)', () => {
    const d = decideKind(initialDecisions(P), P, 'name');
    const sanne = at('Sanne');
    const marked = [
      { id: 'm1', start: sanne.start - 4, end: sanne.end, kind: 'name', text: 'Dag Sanne' },
      { id: 'm2', ...at('Ja'), kind: 'date', text: 'Ja' },
    ];
    const { spans, dropped } = spansToApply(P, d, marked);
    expect(spans.map((s) => [s.start, s.end, s.index])).toEqual([
      [sanne.start - 4, sanne.end, undefined],
      [at('Ja').start, at('Ja').end, undefined],
    ]);
    expect(dropped.map((s) => s.index)).toEqual([0]);
  });
  it('shows a span with some context, in code points around emoji', () => {
    const z = at('Zwolle');
    const ctx = contextOf(idx, z.start, z.end, 12);
    expect(ctx.text).toBe('Zwolle');
    expect(ctx.before.endsWith('woon je in ')).toBe(true);
    expect(ctx.after.startsWith('? R: Ja')).toBe(true);
    const s = at('Sanne');
    expect(contextOf(idx, s.start, s.end, 4).after).toContain('👍🏽');
  });
});
