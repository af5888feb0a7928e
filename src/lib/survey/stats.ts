/**
 * Survey statistics: frequencies per question, numeric summaries with a 95% confidence interval (t distribution),
 * crosstabs with Pearson's chi-square test, completion figures, and small-cell suppression for publication.
 *
 * Percentages are over the respondents who answered the question (`base`), not over all responses; `missing` counts
 * the others (not shown, skipped or not reached). For checkbox questions percentages can add up to more than 100.
 */
import { chiSquareSf, tQuantile } from '../stats/distributions';
import { compiled, type CompiledSurvey } from './answers';
import { localText } from './definition';
import type { Answers, QuestionInfo, QuestionType, ResponseRecord, SurveyDefinition } from './types';

export interface CategoryCount {
  value: string | number | boolean;
  label: string;
  count: number;
  /** count / base × 100; null when base is 0. */
  percent: number | null;
}

export interface NumericSummary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  /** 95% confidence interval of the mean, mean ± t(0.975, n−1)·sd/√n; null when n < 2. */
  ci95: [number, number] | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface QuestionSummary {
  question: string;
  /** Matrix questions: one summary per row, with the row value here. */
  row?: string;
  type: QuestionType;
  inputType?: string;
  /** Question title (+ " – row" for matrix rows) in the requested locale. */
  title: string;
  /** Responses that answered. */
  base: number;
  /** Responses that did not (not shown, skipped, not reached). */
  missing: number;
  /** Counts per option, in the order of the definition (closed questions only). */
  categories?: CategoryCount[];
  /** Checkbox: several options per respondent, percentages may add up to more than 100. */
  multiple?: boolean;
  /** Rating and number questions. */
  numeric?: NumericSummary;
}

type Source = SurveyDefinition | CompiledSurvey;
type Resp = ResponseRecord | Answers;

function answersOf(r: Resp): Answers {
  const a = (r as ResponseRecord).answers;
  return typeof a === 'object' && a !== null && 'id' in r && 'version' in r ? a : (r as Answers);
}

const pct = (count: number, base: number) => (base > 0 ? (count / base) * 100 : null);
const answered = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** n, mean, sd, 95% CI (t), median, min and max of a list of numbers (non-finite values are ignored). */
export function summarizeNumbers(values: number[]): NumericSummary {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null, median: null, min: null, max: null };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const median = n % 2 === 1 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
  if (n < 2) return { n, mean, sd: null, ci95: null, median, min: xs[0], max: xs[n - 1] };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95: [mean - half, mean + half], median, min: xs[0], max: xs[n - 1] };
}

function categories(q: QuestionInfo, values: unknown[], locale: string | undefined, base: number): CategoryCount[] {
  return q.choices.map((c) => {
    const count = values.filter((v) => (Array.isArray(v) ? v.some((x) => x === c.value) : v === c.value)).length;
    return { value: c.value, label: localText(c.text, locale), count, percent: pct(count, base) };
  });
}

/**
 * Per question: counts and percentages (radiogroup, dropdown, checkbox, boolean, rating, each matrix row) and
 * numeric summaries (rating, number). Text, comment, date, email and ranking questions get base/missing only
 * (rank statistics: use the export).
 */
export function summarizeQuestions(definition: Source, responses: Resp[], opts: { locale?: string } = {}): QuestionSummary[] {
  const { info } = compiled(definition);
  const all = responses.map(answersOf);
  const out: QuestionSummary[] = [];
  for (const q of info.questions) {
    const title = localText(q.title, opts.locale);
    if (q.type === 'matrix') {
      for (const r of q.rows) {
        const key = String(r.value);
        const values = all.map((a) => {
          const m = a[q.name];
          return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>)[key] : undefined;
        });
        const given = values.filter(answered);
        out.push({
          question: q.name,
          row: key,
          type: q.type,
          title: `${title} – ${localText(r.text, opts.locale)}`,
          base: given.length,
          missing: all.length - given.length,
          categories: categories(q, given, opts.locale, given.length),
        });
      }
      continue;
    }
    const given = all.map((a) => a[q.name]).filter(answered);
    const s: QuestionSummary = { question: q.name, type: q.type, title, base: given.length, missing: all.length - given.length };
    if (q.inputType) s.inputType = q.inputType;
    if (['radiogroup', 'dropdown', 'checkbox', 'boolean', 'rating'].includes(q.type)) s.categories = categories(q, given, opts.locale, given.length);
    if (q.type === 'checkbox') s.multiple = true;
    if (q.type === 'rating' || (q.type === 'text' && q.inputType === 'number')) s.numeric = summarizeNumbers(given.filter((v): v is number => typeof v === 'number'));
    out.push(s);
  }
  return out;
}

export interface ChiSquareResult {
  chiSquare: number | null;
  df: number | null;
  p: number | null;
  /**
   * Cramér's V = √(χ² / (n · (min(r, c) − 1))) over the non-empty rows (r) and columns (c): 0 = no association,
   * 1 = perfect association. Null when there is no test.
   */
  cramersV: number | null;
  /** Expected counts under independence (rows/columns with total 0 get 0). */
  expected: number[][];
  /** Cells (of the non-empty rows/columns) with expected count < 5, and < 1. */
  cellsTested: number;
  expectedBelow5: number;
  expectedBelow1: number;
  /** Dutch warnings: too few categories, or expected counts too small for the chi-square approximation. */
  warnings: string[];
}

/**
 * Pearson's chi-square test of independence (no continuity correction). Rows and columns whose total is 0 are left
 * out of the test (and of df). Warns when more than 20% of the expected counts are below 5 or any is below 1
 * (Cochran's rule); the p-value is then unreliable (consider merging categories or an exact test).
 */
export function chiSquareTest(counts: number[][]): ChiSquareResult {
  const rowTotals = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const nCols = Math.max(0, ...counts.map((r) => r.length));
  const colTotals = Array.from({ length: nCols }, (_, j) => counts.reduce((s, r) => s + (r[j] ?? 0), 0));
  const n = rowTotals.reduce((s, x) => s + x, 0);
  const expected = counts.map((_, i) => colTotals.map((ct) => (n > 0 ? (rowTotals[i] * ct) / n : 0)));
  const rows = rowTotals.map((t, i) => (t > 0 ? i : -1)).filter((i) => i >= 0);
  const cols = colTotals.map((t, j) => (t > 0 ? j : -1)).filter((j) => j >= 0);
  const warnings: string[] = [];
  if (rows.length < 2 || cols.length < 2) {
    warnings.push('Te weinig gevulde categorieën voor een chi-kwadraattoets (minstens twee rijen en twee kolommen nodig).');
    return { chiSquare: null, df: null, p: null, cramersV: null, expected, cellsTested: 0, expectedBelow5: 0, expectedBelow1: 0, warnings };
  }
  let chi = 0;
  let below5 = 0;
  let below1 = 0;
  for (const i of rows) {
    for (const j of cols) {
      const e = expected[i][j];
      chi += ((counts[i][j] ?? 0) - e) ** 2 / e;
      if (e < 5) below5++;
      if (e < 1) below1++;
    }
  }
  const cells = rows.length * cols.length;
  const df = (rows.length - 1) * (cols.length - 1);
  if (below5 / cells > 0.2 || below1 > 0) {
    warnings.push(
      `De chi-kwadraattoets is onbetrouwbaar: ${below5} van de ${cells} verwachte aantallen zijn kleiner dan 5` +
        (below1 > 0 ? ` en ${below1} kleiner dan 1` : '') +
        '. Voeg categorieën samen of gebruik een exacte toets.',
    );
  }
  return { chiSquare: chi, df, p: chiSquareSf(chi, df), cramersV: cramersV(chi, n, rows.length, cols.length), expected, cellsTested: cells, expectedBelow5: below5, expectedBelow1: below1, warnings };
}

/** Cramér's V of a chi-square statistic over n observations in an r × c table (null when undefined). */
export function cramersV(chiSquare: number, n: number, rows: number, cols: number): number | null {
  const k = Math.min(rows, cols) - 1;
  if (!(n > 0) || k < 1 || !Number.isFinite(chiSquare) || chiSquare < 0) return null;
  return Math.min(1, Math.sqrt(chiSquare / (n * k)));
}

export interface CrosstabAxis {
  /** The reference as given: a question name, or `matrix.row`. */
  ref: string;
  title: string;
  categories: { value: string | number | boolean; label: string }[];
}

export interface Crosstab extends ChiSquareResult {
  rows: CrosstabAxis;
  cols: CrosstabAxis;
  /** counts[i][j]: responses with row category i and column category j. */
  counts: number[][];
  rowTotals: number[];
  colTotals: number[];
  /** Responses that answered both questions. */
  n: number;
}

const CROSSTAB_TYPES = new Set<QuestionType>(['radiogroup', 'dropdown', 'boolean', 'rating']);

function axis(info: ReturnType<typeof compiled>['info'], ref: string, locale?: string): { axis: CrosstabAxis; get: (a: Answers) => unknown } {
  const [name, row, ...rest] = ref.split('.');
  const q = info.questions.find((x) => x.name === name);
  if (!q || rest.length > 0) throw new Error(`Onbekende vraag '${ref}'.`);
  const cats = q.choices.map((c) => ({ value: c.value, label: localText(c.text, locale) }));
  if (q.type === 'matrix') {
    const r = q.rows.find((x) => String(x.value) === row);
    if (!r) throw new Error(`Geef bij tabelvraag '${name}' een rij op: '${name}.<rij>'.`);
    return {
      axis: { ref, title: `${localText(q.title, locale)} – ${localText(r.text, locale)}`, categories: cats },
      get: (a) => {
        const m = a[name];
        return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>)[row] : undefined;
      },
    };
  }
  if (row !== undefined || !CROSSTAB_TYPES.has(q.type)) {
    throw new Error(`Vraag '${ref}' is geen gesloten vraag met één antwoord (enkelvoudige keuze, keuzelijst, ja/nee, beoordeling of tabelrij).`);
  }
  return { axis: { ref, title: localText(q.title, locale), categories: cats }, get: (a) => a[name] };
}

/**
 * Crosstab of two closed single-answer questions (radiogroup, dropdown, boolean, rating, or a matrix row `name.row`),
 * over the responses that answered both, with Pearson's chi-square test (see chiSquareTest). Throws on an unknown or
 * unsuitable reference.
 */
export function crosstab(definition: Source, responses: Resp[], rowRef: string, colRef: string, opts: { locale?: string } = {}): Crosstab {
  const { info } = compiled(definition);
  const r = axis(info, rowRef, opts.locale);
  const c = axis(info, colRef, opts.locale);
  const counts = r.axis.categories.map(() => c.axis.categories.map(() => 0));
  let n = 0;
  for (const resp of responses) {
    const a = answersOf(resp);
    const i = r.axis.categories.findIndex((x) => x.value === r.get(a));
    const j = c.axis.categories.findIndex((x) => x.value === c.get(a));
    if (i < 0 || j < 0) continue;
    counts[i][j]++;
    n++;
  }
  const rowTotals = counts.map((row) => row.reduce((s, x) => s + x, 0));
  const colTotals = c.axis.categories.map((_, j) => counts.reduce((s, row) => s + row[j], 0));
  return { rows: r.axis, cols: c.axis, counts, rowTotals, colTotals, n, ...chiSquareTest(counts) };
}

export interface PageDropOff {
  page: number;
  name?: string;
  /** Responses that reached this page (completed, or last page ≥ this page). */
  reached: number;
  /** Incomplete responses whose last page is this page. */
  droppedOut: number;
  /** droppedOut / reached; null when reached is 0. */
  dropOutRate: number | null;
}

export interface CompletionStats {
  invited: number | null;
  started: number;
  completed: number;
  /** completed / started. */
  completionRate: number | null;
  /** completed / invited. */
  responseRate: number | null;
  /** Median of completedAt − startedAt over completed responses with both times (seconds). */
  medianDurationSeconds: number | null;
  pages: PageDropOff[];
}

function time(v: string | Date | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/**
 * Invited / started / completed, completion and response rate, median duration, and drop-off per page.
 * Every response counts as started. `lastPage` is the furthest page index (0-based) an incomplete response reached;
 * a missing `lastPage` counts as page 0; values beyond the last page count as the last page.
 */
export function completionStats(
  responses: Pick<ResponseRecord, 'startedAt' | 'completedAt' | 'lastPage'>[],
  opts: { invited?: number | null; pageCount: number; pageNames?: string[] },
): CompletionStats {
  const started = responses.length;
  const done = responses.filter((r) => time(r.completedAt) !== null);
  const completed = done.length;
  const durations = done
    .map((r) => {
      const s = time(r.startedAt);
      const e = time(r.completedAt);
      return s !== null && e !== null && e >= s ? (e - s) / 1000 : null;
    })
    .filter((d): d is number => d !== null);
  const pageCount = Math.max(1, opts.pageCount);
  const lastOf = (r: Pick<ResponseRecord, 'lastPage'>) => Math.min(pageCount - 1, Math.max(0, Number.isInteger(r.lastPage) ? (r.lastPage as number) : 0));
  const incomplete = responses.filter((r) => time(r.completedAt) === null).map(lastOf);
  const pages: PageDropOff[] = Array.from({ length: pageCount }, (_, p) => {
    const reached = completed + incomplete.filter((l) => l >= p).length;
    const droppedOut = incomplete.filter((l) => l === p).length;
    const entry: PageDropOff = { page: p, reached, droppedOut, dropOutRate: reached > 0 ? droppedOut / reached : null };
    if (opts.pageNames?.[p] !== undefined) entry.name = opts.pageNames[p];
    return entry;
  });
  const invited = opts.invited ?? null;
  return {
    invited,
    started,
    completed,
    completionRate: started > 0 ? completed / started : null,
    responseRate: invited !== null && invited > 0 ? completed / invited : null,
    medianDurationSeconds: summarizeNumbers(durations).median,
    pages,
  };
}

export interface Suppressed<T> {
  cells: T;
  /** True when at least one cell was suppressed. */
  suppressed: boolean;
  suppressedCount: number;
}

/**
 * Small-cell suppression for publication: every count below `threshold` becomes null (primary suppression only;
 * totals computed from the original table can still reveal a single suppressed cell — suppress or round those too).
 * `keepZeros: true` leaves zeros visible.
 */
export function suppress(table: number[], threshold: number, opts?: { keepZeros?: boolean }): Suppressed<(number | null)[]>;
export function suppress(table: number[][], threshold: number, opts?: { keepZeros?: boolean }): Suppressed<(number | null)[][]>;
export function suppress(table: number[] | number[][], threshold: number, opts: { keepZeros?: boolean } = {}): Suppressed<(number | null)[] | (number | null)[][]> {
  let count = 0;
  const cell = (x: number) => {
    if (x < threshold && !(opts.keepZeros && x === 0)) {
      count++;
      return null;
    }
    return x;
  };
  const cells = (table as unknown[]).map((row) => (Array.isArray(row) ? (row as number[]).map(cell) : cell(row as number)));
  return { cells: cells as (number | null)[] | (number | null)[][], suppressed: count > 0, suppressedCount: count };
}
