import { describe, expect, it } from 'vitest';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { QuestionResult } from '../../../shared/surveys';
import { barSpec, chartsFor, chipLabel, closedRefs, filterParam, formatP, likertPalette, likertSpec, meanSpec, parseFilterParams, rowPercents, type ChartText } from './results-model';

const blank = { page: 'p1', suppressed: false, rows: null, mean: null, ranks: null, texts: null };
const rol: QuestionResult = {
  ...blank,
  name: 'rol',
  title: 'Rol',
  type: 'radiogroup',
  n: 40,
  options: [
    { value: 'jb', label: 'Jeugdbeschermer', count: 20, percent: 50 },
    { value: 'pz', label: 'Pleegzorg', count: 14, percent: 35 },
    { value: 'an', label: 'Anders', count: null, percent: null },
  ],
};
const wacht: QuestionResult = { ...blank, name: 'wacht', title: 'Wachtlijst', type: 'boolean', n: 40, options: [{ value: true, label: 'Ja', count: 20, percent: 50 }, { value: false, label: 'Nee', count: 20, percent: 50 }] };
const hulp: QuestionResult = { ...blank, name: 'hulp', title: 'Hulp', type: 'checkbox', n: 40, options: [{ value: 'thuis', label: 'Thuis', count: 30, percent: 75 }] };
const tev: QuestionResult = {
  ...blank,
  name: 'tev',
  title: 'Tevreden',
  type: 'rating',
  n: 40,
  options: [1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v), count: 8, percent: 20 })),
  mean: { mean: 3, lo: 2.55, hi: 3.45, sd: 1.4, n: 40 },
};
const stel: QuestionResult = {
  ...blank,
  name: 'stel',
  title: 'Stellingen',
  type: 'matrix',
  n: 34,
  options: null,
  rows: [
    { value: 'ouders', label: 'Ouders betrokken', options: [{ value: 'oneens', label: 'Oneens', count: 7, percent: 20.6 }, { value: 'eens', label: 'Eens', count: 27, percent: 79.4 }] },
    { value: 'kind', label: 'Kind betrokken', options: [{ value: 'oneens', label: 'Oneens', count: null, percent: null }, { value: 'eens', label: 'Eens', count: 30, percent: 88.2 }] },
  ],
};
const open: QuestionResult = { ...blank, name: 'toel', title: 'Toelichting', type: 'comment', n: 5, options: null, texts: ['x'] };
const all = [rol, wacht, hulp, tev, stel, open];

const text: ChartText = { percent: 'Percentage', withheld: '< 10', mean: 'Gemiddelde', num: (n) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(n) };

async function svgOf(spec: TopLevelSpec): Promise<string> {
  const runtime = parse(compile({ ...spec, width: 400 } as TopLevelSpec).spec, undefined, { ast: true });
  const view = new View(runtime, { expr: expressionInterpreter, renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

describe('closed questions for filters and crosstabs', () => {
  it('lists closed questions and matrix rows; crosstabs leave out multiple choice', () => {
    expect(closedRefs(all).map((r) => r.ref)).toEqual(['rol', 'wacht', 'hulp', 'tev', 'stel.ouders', 'stel.kind']);
    expect(closedRefs(all, { single: true }).map((r) => r.ref)).toEqual(['rol', 'wacht', 'tev', 'stel.ouders', 'stel.kind']);
    expect(closedRefs(all)[1].options).toEqual([{ value: 'true', label: 'Ja' }, { value: 'false', label: 'Nee' }]);
    expect(closedRefs(all)[4].label).toBe('Stellingen – Ouders betrokken');
  });

  it('reads and writes filter chips', () => {
    expect(parseFilterParams(['rol:pz', 'stel.kind:eens', 'kapot', ':x', 'rol:pz', 'tijd:10:30'])).toEqual([
      { ref: 'rol', value: 'pz' },
      { ref: 'stel.kind', value: 'eens' },
      { ref: 'tijd', value: '10:30' },
    ]);
    expect(filterParam({ ref: 'wacht', value: 'true' })).toBe('wacht:true');
    expect(chipLabel({ ref: 'wacht', value: 'true' }, closedRefs(all))).toEqual({ question: 'Wachtlijst', answer: 'Ja' });
    expect(chipLabel({ ref: 'weg', value: 'x' }, closedRefs(all))).toEqual({ question: 'weg', answer: 'x' });
  });

  it('row percentages skip withheld counts and empty rows', () => {
    expect(rowPercents([[15, 5], [null, 10], [0, 0]], [20, null, 0])).toEqual([[75, 25], [null, null], [null, null]]);
  });

  it('formats p-values', () => {
    expect(formatP(0.0059817, 'nl-NL')).toBe('0,006');
    expect(formatP(0.00001, 'nl-NL')).toBe('< 0,001');
    expect(formatP(0.5, 'en-GB')).toBe('0.500');
  });
});

describe('chart specs', () => {
  it('chooses the charts per question type', () => {
    expect(chartsFor(rol)).toEqual({ bars: true, likert: false, mean: false });
    expect(chartsFor(tev)).toEqual({ bars: false, likert: true, mean: true });
    expect(chartsFor(stel)).toEqual({ bars: false, likert: true, mean: false });
    expect(chartsFor(open)).toEqual({ bars: false, likert: false, mean: false });
  });

  it('bars: percentages with "count (percent)" labels, "< 10" for withheld options; renders to SVG', async () => {
    const spec = barSpec(rol, text)!;
    const values = (spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values.map((v) => v.text)).toEqual(['20 (50%)', '14 (35%)', '< 10']);
    expect(values[2].percent).toBeNull();
    const svg = await svgOf(spec);
    expect(svg).toContain('<svg');
    expect(svg).toContain('Jeugdbeschermer');
    expect(svg).toContain('14 (35%)');
    expect(barSpec({ ...rol, options: rol.options!.map((o) => ({ ...o, count: null, percent: null })) }, text)).toBeNull();
  });

  it('Likert: 100% stacked per statement in scale order, also for a single rating; renders to SVG', async () => {
    const spec = likertSpec(stel, text)!;
    const values = (spec as { data: { values: Record<string, unknown>[] } }).data.values;
    expect(values).toHaveLength(4);
    expect(values[2]).toMatchObject({ row: 'Kind betrokken', option: 'Oneens', percent: null });
    expect(await svgOf(spec)).toContain('Ouders betrokken');
    expect(await svgOf(likertSpec(tev, text)!)).toContain('<svg');
    expect(likertPalette(5)).toHaveLength(5);
    expect(likertPalette(11)).toHaveLength(11);
  });

  it('means: a point and a 95% CI on the scale of the question; renders to SVG', async () => {
    const spec = meanSpec(tev, text)!;
    expect((spec as { data: { values: unknown[] } }).data.values).toEqual([{ label: 'Tevreden', mean: 3, lo: 2.55, hi: 3.45 }]);
    expect(JSON.stringify(spec)).toContain('"domain":[1,5]');
    expect(await svgOf(spec)).toContain('Gemiddelde');
    expect(meanSpec(rol, text)).toBeNull();
  });
});
