/**
 * Pure helpers of the survey results page: which questions can filter or be crosstabbed, the filter chips as URL
 * values (`filter=vraag:waarde`), row percentages of a crosstab, and the Vega-Lite specs of the charts (bars of
 * counts and percentages, 100% stacked Likert bars, means with a 95% confidence interval). Only types come from
 * vega-lite here: Vega itself is loaded lazily by ChartFigure.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { QuestionResult } from '../../../shared/surveys';

export interface RefOption {
  value: string;
  label: string;
}
/** A closed question (or a row of a Likert matrix) as a filter or crosstab axis: `ref` is `name` or `name.row`. */
export interface ClosedRef {
  ref: string;
  label: string;
  options: RefOption[];
  multiple: boolean;
}

const SINGLE = new Set(['radiogroup', 'dropdown', 'boolean', 'rating']);

/** Closed questions and matrix rows, in questionnaire order. `single`: leave out multiple choice (crosstabs). */
export function closedRefs(questions: QuestionResult[], opts: { single?: boolean } = {}): ClosedRef[] {
  const out: ClosedRef[] = [];
  for (const q of questions) {
    if (q.type === 'matrix' && q.rows) {
      for (const r of q.rows) out.push({ ref: `${q.name}.${r.value}`, label: `${q.title} – ${r.label}`, options: r.options.map((o) => ({ value: String(o.value), label: o.label })), multiple: false });
    } else if (q.options && (SINGLE.has(q.type) || (q.type === 'checkbox' && !opts.single))) {
      out.push({ ref: q.name, label: q.title, options: q.options.map((o) => ({ value: String(o.value), label: o.label })), multiple: q.type === 'checkbox' });
    }
  }
  return out;
}

export interface FilterChip {
  ref: string;
  value: string;
}

/** `vraag:waarde` → chip (the value is everything after the first colon); malformed values are dropped. */
export function parseFilterParams(values: string[]): FilterChip[] {
  const out: FilterChip[] = [];
  for (const v of values) {
    const i = v.indexOf(':');
    if (i <= 0) continue;
    const chip = { ref: v.slice(0, i), value: v.slice(i + 1) };
    if (!out.some((c) => c.ref === chip.ref && c.value === chip.value)) out.push(chip);
  }
  return out;
}

export const filterParam = (c: FilterChip) => `${c.ref}:${c.value}`;

/** The label of a chip: "Rol: pleegzorg" (falls back to the raw reference and value). */
export function chipLabel(c: FilterChip, refs: ClosedRef[]): { question: string; answer: string } {
  const r = refs.find((x) => x.ref === c.ref);
  return { question: r?.label ?? c.ref, answer: r?.options.find((o) => o.value === c.value)?.label ?? c.value };
}

/** Row percentages of a crosstab (null where a count or the row total is withheld, or the row is empty). */
export function rowPercents(counts: (number | null)[][], rowTotals: (number | null)[]): (number | null)[][] {
  return counts.map((row, i) => row.map((c) => (c === null || rowTotals[i] === null || !rowTotals[i] ? null : (c / (rowTotals[i] as number)) * 100)));
}

/** "0,006", "< 0,001" (the locale's decimal mark). */
export function formatP(p: number, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return p < 0.001 ? `< ${nf.format(0.001)}` : nf.format(p);
}

// ---- charts ------------------------------------------------------------------------------------------------------

export interface ChartText {
  /** axis title of percentages */
  percent: string;
  /** the text of a withheld count ("< 10") */
  withheld: string;
  /** axis title of the mean chart */
  mean: string;
  /** formats a number in the UI language */
  num: (n: number) => string;
}

const ROW_HEIGHT = 28;
const LABEL_LIMIT = 240;

/** Horizontal bars, one per answer option: the percentage, labelled "count (percent)"; withheld options show "< 10". */
export function barSpec(q: QuestionResult, text: ChartText): TopLevelSpec | null {
  if (!q.options?.length || q.options.every((o) => o.count === null && o.percent === null)) return null;
  const values = q.options.map((o) => ({
    label: o.label,
    percent: o.count === null ? null : (o.percent ?? 0),
    at: o.count === null ? 0 : (o.percent ?? 0),
    text: o.count === null ? text.withheld : `${text.num(o.count)} (${text.num(o.percent ?? 0)}%)`,
  }));
  const y = { field: 'label', type: 'nominal' as const, sort: q.options.map((o) => o.label), title: null, axis: { labelLimit: LABEL_LIMIT } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: Math.max(ROW_HEIGHT, values.length * ROW_HEIGHT),
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    encoding: { y },
    layer: [
      { mark: { type: 'bar', color: '#1d4f91', cornerRadiusEnd: 2 }, encoding: { x: { field: 'percent', type: 'quantitative', title: text.percent, scale: { domain: [0, 100] } } } },
      { mark: { type: 'text', align: 'left', dx: 4, color: '#1b1b1b', fontSize: 12 }, encoding: { x: { field: 'at', type: 'quantitative' }, text: { field: 'text' } } },
    ],
  } as TopLevelSpec;
}

/** Colours of an ordered scale from "disagree" (red) through grey to "agree" (blue); ColorBrewer RdBu, grey middle. */
export function likertPalette(k: number): string[] {
  const P: Record<number, string[]> = {
    1: ['#2166ac'],
    2: ['#d6604d', '#4393c3'],
    3: ['#d6604d', '#a8a8a8', '#4393c3'],
    4: ['#b2182b', '#f4a582', '#92c5de', '#2166ac'],
    5: ['#b2182b', '#f4a582', '#a8a8a8', '#92c5de', '#2166ac'],
    6: ['#b2182b', '#d6604d', '#f4a582', '#92c5de', '#4393c3', '#2166ac'],
    7: ['#b2182b', '#d6604d', '#f4a582', '#a8a8a8', '#92c5de', '#4393c3', '#2166ac'],
  };
  if (P[k]) return P[k];
  // longer scales (rating 0–10): interpolate between the ends of the 7-step palette
  const ends = P[7];
  return Array.from({ length: k }, (_, i) => ends[Math.round((i / (k - 1)) * (ends.length - 1))]);
}

/**
 * 100% stacked horizontal bars: one bar per statement of a Likert matrix (or one for a rating question), segments in
 * the order of the scale. Withheld cells leave a gap (no segment).
 */
export function likertSpec(q: QuestionResult, text: ChartText): TopLevelSpec | null {
  const rows = q.rows ?? (q.options ? [{ value: q.name, label: q.title, options: q.options }] : null);
  if (!rows?.length || !rows[0].options.length) return null;
  const scale = rows[0].options.map((o) => o.label);
  const values = rows.flatMap((r) => r.options.map((o, i) => ({ row: r.label, option: o.label, order: i, percent: o.count === null ? null : (o.percent ?? 0) })));
  if (values.every((v) => v.percent === null)) return null;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: Math.max(ROW_HEIGHT, rows.length * (ROW_HEIGHT + 6)),
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values },
    mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 1 },
    encoding: {
      y: { field: 'row', type: 'nominal', sort: rows.map((r) => r.label), title: null, axis: q.rows ? { labelLimit: LABEL_LIMIT } : null },
      x: { field: 'percent', type: 'quantitative', stack: 'zero', title: text.percent, scale: { domain: [0, 100] } },
      color: { field: 'option', type: 'ordinal', scale: { domain: scale, range: likertPalette(scale.length) }, legend: { orient: 'bottom', title: null, direction: 'horizontal', columns: Math.min(scale.length, 4) } },
      order: { field: 'order', type: 'quantitative' },
    },
  } as TopLevelSpec;
}

/** The mean as a point with its 95% confidence interval as an error bar, on the scale of the question. */
export function meanSpec(q: QuestionResult, text: ChartText): TopLevelSpec | null {
  if (!q.mean) return null;
  const { mean, lo, hi } = q.mean;
  const scaleValues = (q.options ?? []).map((o) => Number(o.value)).filter(Number.isFinite);
  const domain = scaleValues.length >= 2 ? [Math.min(...scaleValues, lo), Math.max(...scaleValues, hi)] : undefined;
  const x = { type: 'quantitative' as const, title: text.mean, scale: domain ? { domain, nice: false } : { zero: false } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 44,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values: [{ label: q.title, mean, lo, hi }] },
    encoding: { y: { field: 'label', type: 'nominal', title: null, axis: null } },
    layer: [
      { mark: { type: 'rule', color: '#1d4f91', strokeWidth: 2 }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
      { mark: { type: 'tick', color: '#1d4f91', thickness: 2, size: 14 }, encoding: { x: { ...x, field: 'lo' } } },
      { mark: { type: 'tick', color: '#1d4f91', thickness: 2, size: 14 }, encoding: { x: { ...x, field: 'hi' } } },
      { mark: { type: 'point', filled: true, size: 90, color: '#a4161a', shape: 'diamond' }, encoding: { x: { ...x, field: 'mean' } } },
    ],
  } as TopLevelSpec;
}

/** Which charts a question gets. */
export function chartsFor(q: QuestionResult): { bars: boolean; likert: boolean; mean: boolean } {
  return {
    bars: ['radiogroup', 'dropdown', 'checkbox', 'boolean'].includes(q.type) && !!q.options,
    likert: (q.type === 'matrix' && !!q.rows?.length) || (q.type === 'rating' && !!q.options),
    mean: !!q.mean,
  };
}
