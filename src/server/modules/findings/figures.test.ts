import { describe, expect, it } from 'vitest';
import type { SurveyFigure } from '../../../shared/findings';
import { controlFigure, controlIndicator, indicatorChanged, restCounts, surveyChanged } from './figures';

const q = (n: number, counts: number[]): SurveyFigure => ({
  kind: 'question',
  title: 'Vraag',
  n,
  options: counts.map((c, i) => ({ value: String(i), label: `o${i}`, count: c, percent: n ? (100 * c) / n : null })),
});
const x = (counts: number[][]): SurveyFigure => ({
  kind: 'crosstab',
  rowTitle: 'r',
  colTitle: 'c',
  n: counts.flat().reduce((a, b) => a + b, 0),
  rowLabels: counts.map((_, i) => `r${i}`),
  colLabels: counts[0].map((_, j) => `c${j}`),
  counts,
  rowTotals: counts.map((r) => r.reduce((a, b) => a + b, 0)),
  colTotals: counts[0].map((_, j) => counts.reduce((a, r) => a + r[j], 0)),
});

describe('survey snapshots', () => {
  it('notices a changed count or n, not a reworded label', () => {
    expect(surveyChanged(q(10, [4, 6]), q(10, [4, 6]))).toBe(false);
    expect(surveyChanged(q(10, [4, 6]), { ...(q(10, [4, 6]) as Extract<SurveyFigure, { kind: 'question' }>), title: 'Anders' })).toBe(false);
    expect(surveyChanged(q(10, [4, 6]), q(11, [5, 6]))).toBe(true);
    expect(surveyChanged(q(10, [4, 6]), q(10, [4, 6, 0]))).toBe(true);
    expect(surveyChanged(x([[1, 2]]), x([[1, 3]]))).toBe(true);
    expect(surveyChanged(q(3, [1, 2]), x([[1, 2]]))).toBe(true);
  });
  it('derives the rest group from the unfiltered figure', () => {
    expect(restCounts(q(30, [10, 20]), q(18, [6, 12]))).toEqual({ n: 12, counts: [4, 8] });
    expect(restCounts(x([[5, 5], [3, 7]]), x([[5, 5], [0, 0]]))).toMatchObject({ n: 10, counts: [[0, 0], [3, 7]], rowTotals: [0, 10], colTotals: [3, 7] });
  });
  it('withholds small cells for the committee (with secondary suppression), and everything below the threshold', () => {
    const c = controlFigure(q(30, [2, 28]), 5, null);
    expect(c.kind === 'question' && c.options.map((o) => o.count)).toEqual([null, null]);
    const ok = controlFigure(q(30, [10, 20]), 5, null);
    expect(ok.kind === 'question' && ok.options.map((o) => o.count)).toEqual([10, 20]);
    const tiny = controlFigure(q(3, [1, 2]), 5, null);
    expect(tiny.n).toBeNull();
    const t = controlFigure(x([[2, 10], [10, 10]]), 5, null);
    expect(t.kind === 'crosstab' && t.counts.flat().filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
  });
  it('guards against differencing: a filtered figure whose rest group is small is withheld', () => {
    const f = controlFigure(q(28, [10, 18]), 5, { n: 2, counts: [1, 1] });
    expect(f.n).toBeNull();
    expect(f.kind === 'question' && f.options.every((o) => o.count === null && o.percent === null)).toBe(true);
    const g = controlFigure(q(20, [10, 10]), 5, { n: 12, counts: [2, 10] });
    expect(g.kind === 'question' && g.options.map((o) => o.count)).toEqual([null, null]);
  });
});

describe('indicator snapshots', () => {
  it('withholds small groups and shares with few events', () => {
    expect(controlIndicator('moves_mean', { value: 1.2, n: 3, events: null }, 5, true)).toEqual({ value: null, n: null, events: null });
    expect(controlIndicator('reentry_12m', { value: 0.1, n: 30, events: 3 }, 5, true)).toEqual({ value: null, n: 30, events: null });
    expect(controlIndicator('reentry_12m', { value: 0.5, n: 30, events: 15 }, 5, true)).toEqual({ value: 0.5, n: 30, events: 15 });
    expect(controlIndicator('parent_help_rr', { value: 1.5, n: 30, events: null }, 5, false).value).toBeNull();
  });
  it('compares value, n and events', () => {
    expect(indicatorChanged({ value: 0.5, n: 30, events: 15 }, { value: 0.5, n: 30, events: 15 })).toBe(false);
    expect(indicatorChanged({ value: 0.5, n: 30, events: 15 }, { value: 0.5, n: 31, events: 15 })).toBe(true);
  });
});
