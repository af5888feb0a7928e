/**
 * Signals per theme per month (pure), with disclosure control for readers who may not see single signals (the
 * committee): counts from 1 up to the study threshold are withheld, with secondary suppression along months and
 * themes (the survey module's controlTable), and a monthly total is withheld when it is below the threshold or when
 * a cell of its month is withheld.
 */
import { controlCount, controlTable } from '../surveys/disclosure';
import type { SignalCounts } from '../../../shared/legal';

export const NO_THEME = 'none';

export interface CountInput {
  signalId: string;
  receivedOn: string;
  themeIds: string[];
}

/** Every month from the first to the last (YYYY-MM), so that the chart shows gaps as zero. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while ((y < ly || (y === ly && m <= lm)) && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function countSignals(
  signals: CountInput[],
  themeNames: Map<string, string>,
  opts: { control: boolean; threshold: number; noThemeLabel: string },
): SignalCounts {
  const base = { controlled: opts.control, threshold: opts.threshold };
  if (signals.length === 0) return { months: [], themes: [], cells: [], totals: [], suppressed: false, ...base };
  const months = monthRange(signals.reduce((a, s) => (s.receivedOn < a ? s.receivedOn : a), '9999').slice(0, 7), signals.reduce((a, s) => (s.receivedOn > a ? s.receivedOn : a), '0000').slice(0, 7));
  const mi = new Map(months.map((m, i) => [m, i]));
  const themeIds = [...new Set(signals.flatMap((s) => (s.themeIds.length ? s.themeIds : [NO_THEME])))].sort((a, b) =>
    a === NO_THEME ? 1 : b === NO_THEME ? -1 : (themeNames.get(a) ?? a).localeCompare(themeNames.get(b) ?? b, 'nl'),
  );
  const ti = new Map(themeIds.map((t, i) => [t, i]));
  const table = months.map(() => themeIds.map(() => 0));
  const totals = months.map(() => 0);
  for (const s of signals) {
    const m = mi.get(s.receivedOn.slice(0, 7))!;
    totals[m]++;
    for (const t of s.themeIds.length ? s.themeIds : [NO_THEME]) table[m][ti.get(t)!]++;
  }
  const cells = opts.control ? controlTable(table, opts.threshold).cells : table;
  // a month's total is withheld when small, and when a cell of that month is withheld (else total minus the shown
  // cells could give the withheld one back: most signals carry one theme)
  const shownTotals = totals.map((n, i) => (!opts.control ? n : cells[i].some((c) => c === null) ? null : controlCount(n, opts.threshold)));
  return {
    months,
    themes: themeIds.map((id) => ({ id, name: id === NO_THEME ? opts.noThemeLabel : (themeNames.get(id) ?? id) })),
    cells: months.flatMap((month, i) => themeIds.map((themeId, j) => ({ month, themeId, n: cells[i][j] }))),
    totals: months.map((month, i) => ({ month, n: shownTotals[i] })),
    suppressed: cells.some((r) => r.some((c) => c === null)) || shownTotals.some((n) => n === null),
    ...base,
  };
}
