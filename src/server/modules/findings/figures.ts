/**
 * Snapshots of survey and case-file figures linked as evidence: taking them from the surveys results and the dossier
 * monitor (as their services return them), comparing a snapshot with the live figure, and disclosure control of a
 * stored snapshot for readers without raw-data access (the committee), with the rules of surveys/disclosure.ts. Pure.
 */
import type { Crosstab, QuestionResult } from '../../../shared/surveys';
import type { MonitorResponse } from '../../../shared/dossiers';
import type { IndicatorFigure, IndicatorKey, SurveyFigure } from '../../../shared/findings';
import { controlCount, controlList, controlTable, filteredWithheld } from '../surveys/disclosure';

/** The counts of the rest group (all completed responses minus the filtered ones), kept with a filtered snapshot. */
export interface RestCounts {
  n: number;
  counts: number[] | number[][];
  rowTotals?: number[];
  colTotals?: number[];
}

/** A question's figure from the (uncontrolled) results, `ref` = name or matrixName.row; null when it has no options. */
export function questionFigure(questions: QuestionResult[], ref: string): SurveyFigure | null {
  let q = questions.find((x) => x.name === ref);
  let options = q?.options ?? null;
  let title = q?.title ?? '';
  if (!q) {
    const dot = ref.lastIndexOf('.');
    if (dot > 0) {
      q = questions.find((x) => x.name === ref.slice(0, dot) && x.rows);
      const row = q?.rows?.find((r) => r.value === ref.slice(dot + 1));
      if (q && row) {
        options = row.options;
        title = `${q.title} – ${row.label}`;
      }
    }
  }
  if (!q || !options) return null;
  return {
    kind: 'question',
    title,
    n: q.n,
    options: options.map((o) => ({ value: String(o.value), label: o.label, count: o.count, percent: o.percent })),
  };
}

export function crosstabFigure(t: Crosstab): SurveyFigure {
  return {
    kind: 'crosstab',
    rowTitle: t.row.title,
    colTitle: t.col.title,
    n: t.total,
    rowLabels: t.rowLabels.map((l) => l.label),
    colLabels: t.colLabels.map((l) => l.label),
    counts: t.counts,
    rowTotals: t.rowTotals,
    colTotals: t.colTotals,
  };
}

const num = (x: number | null) => x ?? 0;

/** The rest group's counts: the unfiltered figure minus the filtered one (same shape). */
export function restCounts(all: SurveyFigure, filtered: SurveyFigure): RestCounts {
  if (all.kind === 'question' && filtered.kind === 'question') {
    return { n: num(all.n) - num(filtered.n), counts: all.options.map((o, i) => num(o.count) - num(filtered.options[i]?.count ?? 0)) };
  }
  if (all.kind === 'crosstab' && filtered.kind === 'crosstab') {
    return {
      n: num(all.n) - num(filtered.n),
      counts: all.counts.map((r, i) => r.map((c, j) => num(c) - num(filtered.counts[i]?.[j] ?? 0))),
      rowTotals: all.rowTotals.map((c, i) => num(c) - num(filtered.rowTotals[i] ?? 0)),
      colTotals: all.colTotals.map((c, i) => num(c) - num(filtered.colTotals[i] ?? 0)),
    };
  }
  throw new Error('restCounts: figures of different kinds');
}

/**
 * Disclosure control of a snapshot (for the committee): a figure whose n (or, when filtered, the rest group's n) is
 * below the threshold is withheld entirely; otherwise small cells are withheld with secondary suppression, and
 * with the rest group's counts as a differencing guard.
 */
export function controlFigure(f: SurveyFigure, threshold: number, rest: RestCounts | null): SurveyFigure {
  const n = num(f.n);
  const withheld = filteredWithheld(n, n + (rest?.n ?? 0), threshold, rest !== null);
  if (f.kind === 'question') {
    const cells = withheld ? f.options.map(() => null) : controlList(f.options.map((o) => num(o.count)), threshold, rest ? (rest.counts as number[]) : undefined).cells;
    return {
      ...f,
      n: withheld ? null : controlCount(n, threshold),
      options: f.options.map((o, i) => ({ ...o, count: cells[i], percent: cells[i] === null ? null : o.percent })),
    };
  }
  if (withheld) {
    return { ...f, n: null, counts: f.counts.map((r) => r.map(() => null)), rowTotals: f.rowTotals.map(() => null), colTotals: f.colTotals.map(() => null) };
  }
  return {
    ...f,
    n: controlCount(n, threshold),
    counts: controlTable(f.counts.map((r) => r.map(num)), threshold, rest ? (rest.counts as number[][]) : undefined).cells,
    rowTotals: controlList(f.rowTotals.map(num), threshold, rest?.rowTotals).cells,
    colTotals: controlList(f.colTotals.map(num), threshold, rest?.colTotals).cells,
  };
}

const numbersOf = (f: SurveyFigure): (number | null)[] =>
  f.kind === 'question' ? [f.n, ...f.options.map((o) => o.count)] : [f.n, ...f.counts.flat(), ...f.rowTotals, ...f.colTotals];

/** Has the figure changed? Compares n and every count (labels may be reworded without the figure changing). */
export function surveyChanged(snapshot: SurveyFigure, live: SurveyFigure): boolean {
  if (snapshot.kind !== live.kind) return true;
  const a = numbersOf(snapshot);
  const b = numbersOf(live);
  return a.length !== b.length || a.some((x, i) => x !== b[i]);
}

// ---- case-file indicators ------------------------------------------------------------------------------------

/** An indicator's figure from one monitor group; null when the group is absent or (for the committee) withheld. */
export function indicatorFigure(m: MonitorResponse, key: IndicatorKey, group: string): IndicatorFigure | null {
  const g = m.groups.find((x) => x.key === group);
  if (!g || !g.result) return g ? { value: null, n: g.n, events: null } : null;
  const r = g.result;
  const km = (day: number) => r.reunification.km.find((p) => p.day === day)?.cum ?? null;
  switch (key) {
    case 'reunified_365':
      return { value: km(365), n: g.n, events: null };
    case 'reunified_730':
      return { value: km(730), n: g.n, events: null };
    case 'reentry_12m':
      return { value: r.reentry_12m.share, n: r.reentry_12m.n, events: r.reentry_12m.events };
    case 'emergency_share':
      return { value: r.emergency_share.share, n: r.emergency_share.n, events: r.emergency_share.events };
    case 'moves_mean':
      return { value: r.moves.mean, n: g.n, events: null };
    case 'moves_share_any':
      return { value: r.moves.share_any, n: g.n, events: null };
    case 'parent_help_rr':
      return { value: r.parent_help_rr.rr, n: g.n, events: null };
  }
}

/**
 * Disclosure control of an indicator snapshot, like the monitor's: withheld when n is below the threshold; a share
 * is withheld when its events or non-events are small; the risk ratio (whose cells are not in the snapshot) is only
 * shown when the live, controlled monitor shows it too (`liveShown`).
 */
export function controlIndicator(key: IndicatorKey, f: IndicatorFigure, threshold: number, liveShown: boolean): IndicatorFigure {
  const n = f.n ?? 0;
  if (n < threshold) return { value: null, n: null, events: null };
  const small = (k: number) => k > 0 && k < threshold;
  if (f.events !== null && (small(f.events) || small(n - f.events))) return { value: null, n, events: null };
  if (key === 'parent_help_rr' && !liveShown) return { value: null, n, events: null };
  return f;
}

export const indicatorChanged = (a: IndicatorFigure, b: IndicatorFigure) => a.value !== b.value || a.n !== b.n || a.events !== b.events;
