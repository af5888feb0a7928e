/**
 * Impact tracking, pure: the current status of a recommendation and the statuses over time (stacked counts per month
 * or quarter). Used by the server (summary, export) and the web dashboard (with its filters).
 *
 * Rules:
 * - The current status is the latest entry by date; on the same date the latest recorded (createdAt, then id).
 * - The series runs from the period of the earliest entry to the period of `asOf`. In each period a recommendation
 *   counts with the status in force at the end of that period (its latest entry dated on or before the period's last
 *   day). A recommendation enters the series in the period of its first entry: before that nothing is known about it.
 */
export type Granularity = 'month' | 'quarter';

export interface Entry<S extends string = string> {
  id: string;
  status: S;
  /** YYYY-MM-DD */
  date: string;
  /** ISO timestamp of recording */
  createdAt: string;
}

/** Sorts entries oldest first: by date, then recording time, then id. Returns a new array. */
export function sortEntries<E extends Entry>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The entry in force: the latest by date (ties: latest recorded); optionally only entries dated on or before `until`. */
export function currentEntry<E extends Entry>(entries: readonly E[], until?: string): E | null {
  const sorted = sortEntries(until ? entries.filter((e) => e.date <= until) : entries);
  return sorted.at(-1) ?? null;
}

/** The period a date falls in: '2025-02' (month) or '2025-Q1' (quarter). */
export function periodOf(date: string, g: Granularity): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  return g === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The last day (YYYY-MM-DD) of a period. */
export function periodEnd(period: string, g: Granularity): string {
  const y = Number(period.slice(0, 4));
  const lastMonth = g === 'month' ? Number(period.slice(5, 7)) : Number(period.slice(6)) * 3;
  const day = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return `${y}-${String(lastMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The periods from the one holding `from` to the one holding `to`, inclusive (empty when to < from). */
export function periods(from: string, to: string, g: Granularity): string[] {
  if (to < from) return [];
  const step = g === 'month' ? 1 : 3;
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  if (g === 'quarter') m = Math.floor((m - 1) / 3) * 3 + 1;
  const last = periodOf(to, g);
  const out: string[] = [];
  for (;;) {
    const p = periodOf(`${y}-${String(m).padStart(2, '0')}-01`, g);
    out.push(p);
    if (p === last) return out;
    m += step;
    if (m > 12) {
      m -= 12;
      y++;
    }
  }
}

export interface Point<S extends string = string> {
  period: string;
  status: S;
  count: number;
}

/**
 * Stacked counts per period and status (every status of `statuses` in every period, zeros included, in that order),
 * over the recommendations' histories. `asOf` (YYYY-MM-DD) is the last day shown.
 */
export function statusSeries<S extends string>(histories: readonly (readonly Entry<S>[])[], statuses: readonly S[], g: Granularity, asOf: string): Point<S>[] {
  const all = histories.flat().filter((e) => e.date <= asOf);
  if (!all.length) return [];
  const first = all.reduce((min, e) => (e.date < min ? e.date : min), all[0].date);
  const out: Point<S>[] = [];
  for (const p of periods(first, asOf, g)) {
    const end = periodEnd(p, g);
    const counts = new Map<S, number>(statuses.map((s) => [s, 0]));
    for (const h of histories) {
      const e = currentEntry(h, end);
      if (e && counts.has(e.status)) counts.set(e.status, counts.get(e.status)! + 1);
    }
    for (const s of statuses) out.push({ period: p, status: s, count: counts.get(s)! });
  }
  return out;
}

/** Today's date in the Netherlands (YYYY-MM-DD). */
export function todayInNl(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
