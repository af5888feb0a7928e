/**
 * Survival statistics for the case-file study: Kaplan–Meier with Greenwood's variance, the Aalen–Johansen cumulative
 * incidence with one competing event, and a risk ratio with a Wald interval. Pure functions, no I/O.
 *
 * The estimates are meant to be identical to R's `survival::survfit` (checked in survival.test.ts when Rscript is
 * available):
 * - KM: at every distinct time with at least one event, S(t) = S(t−)·(1 − d/n), where n counts everyone whose time is
 *   ≥ t (censored at t are still at risk at t). `greenwood` is the cumulative Σ d/(n(n−d)), the variance of log S, which
 *   survfit reports as `std.err` for the curve. When S reaches 0 the sum is +Infinity.
 * - The 95% interval is survfit's default conf.type = "log": exp(log S ± z·√greenwood), upper capped at 1.
 *   R gives NA for both limits when S = 0; we return lower = upper = 0 there (the only value the limits can take).
 * - Values at a day are read from the right-continuous step function; after the last event time the last value is
 *   carried forward, like summary(fit, times = …, extend = TRUE). Before the first event time S = 1 with the interval
 *   [1, 1] (R: std.err 0).
 */

/** z for a two-sided 95% interval: qnorm(0.975), the value R uses. */
export const Z95 = 1.959963984540054;

export type KmCurve = {
  time: number[];
  surv: number[];
  nRisk: number[];
  nEvent: number[];
  greenwood: number[];
  /** number of observations the curve was estimated from (kmAt returns null when 0); absent on hand-built curves */
  n?: number;
};

export type AjCurve = {
  time: number[];
  cif: number[];
  /** number of observations the curve was estimated from (ajAt returns null when 0) */
  n?: number;
};

/**
 * Sorted copies of the times: `all` holds every time, `sel[k]` the times whose index satisfies selector k. Typed-array
 * sorts without a comparator are numeric and fast; KM and AJ only need counts per distinct time, not an index order.
 */
function sortedTimes(times: number[], selectors: ((i: number) => boolean)[]): { all: Float64Array; sel: Float64Array[] } {
  const n = times.length;
  const all = new Float64Array(n);
  const counts = selectors.map(() => 0);
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (!Number.isFinite(t)) throw new RangeError(`Tijd ${i} is geen eindig getal: ${t}`);
    all[i] = t;
    for (let k = 0; k < selectors.length; k++) if (selectors[k](i)) counts[k]++;
  }
  const sel = counts.map((c) => new Float64Array(c));
  const fill = counts.map(() => 0);
  for (let i = 0; i < n; i++) for (let k = 0; k < selectors.length; k++) if (selectors[k](i)) sel[k][fill[k]++] = times[i];
  all.sort();
  for (const a of sel) a.sort();
  return { all, sel };
}

/** Length of the run of value t in the sorted array a from index i. */
function runLength(a: Float64Array, i: number, t: number): number {
  let j = i;
  while (j < a.length && a[j] === t) j++;
  return j - i;
}

export function kaplanMeier(times: number[], events: (0 | 1)[]): KmCurve {
  if (times.length !== events.length) throw new RangeError('times en events moeten even lang zijn');
  const n = times.length;
  const {
    all,
    sel: [ev],
  } = sortedTimes(times, [(i) => events[i] === 1]);
  const curve: KmCurve = { time: [], surv: [], nRisk: [], nEvent: [], greenwood: [], n };
  let atRisk = n;
  let s = 1;
  let gw = 0;
  let i = 0;
  let j = 0; // position in the sorted event times
  while (i < n) {
    const t = all[i];
    const leaving = runLength(all, i, t);
    const d = runLength(ev, j, t);
    j += d;
    i += leaving;
    if (d > 0) {
      s *= 1 - d / atRisk;
      gw += atRisk === d ? Number.POSITIVE_INFINITY : d / (atRisk * (atRisk - d));
      curve.time.push(t);
      curve.surv.push(s);
      curve.nRisk.push(atRisk);
      curve.nEvent.push(d);
      curve.greenwood.push(gw);
    }
    atRisk -= leaving;
  }
  return curve;
}

/** Index of the last curve time ≤ day, or −1. */
function lastAtOrBefore(time: number[], day: number): number {
  let lo = 0;
  let hi = time.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (time[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function kmAt(curve: KmCurve, day: number): { surv: number; lower: number; upper: number } | null {
  const n = curve.n ?? curve.nRisk[0] ?? 0;
  if (n === 0) return null;
  const i = lastAtOrBefore(curve.time, day);
  if (i < 0) return { surv: 1, lower: 1, upper: 1 };
  const s = curve.surv[i];
  if (s <= 0) return { surv: 0, lower: 0, upper: 0 };
  const se = Math.sqrt(curve.greenwood[i]);
  const logS = Math.log(s);
  return { surv: s, lower: Math.exp(logS - Z95 * se), upper: Math.min(1, Math.exp(logS + Z95 * se)) };
}

/**
 * Cumulative incidence of `cause` (status 1 or 2; 0 = censored) with the other cause competing: the Aalen–Johansen
 * estimator Σ S(t−)·d_cause(t)/n(t), S the all-cause KM. One entry per distinct time with an event of either cause.
 * Identical to R's survfit(Surv(time, factor(status, 0:2)) ~ 1)$pstate for that state.
 */
export function aalenJohansen(times: number[], status: (0 | 1 | 2)[], cause: 1 | 2 = 1): AjCurve {
  if (times.length !== status.length) throw new RangeError('times en status moeten even lang zijn');
  const n = times.length;
  const {
    all,
    sel: [anyEv, causeEv],
  } = sortedTimes(times, [(i) => status[i] === 1 || status[i] === 2, (i) => status[i] === cause]);
  const curve: AjCurve = { time: [], cif: [], n };
  let atRisk = n;
  let s = 1;
  let cif = 0;
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < n) {
    const t = all[i];
    const leaving = runLength(all, i, t);
    const dAll = runLength(anyEv, j, t);
    const dCause = runLength(causeEv, k, t);
    j += dAll;
    k += dCause;
    i += leaving;
    if (dAll > 0) {
      cif += (s * dCause) / atRisk;
      s *= 1 - dAll / atRisk;
      curve.time.push(t);
      curve.cif.push(cif);
    }
    atRisk -= leaving;
  }
  return curve;
}

export function ajAt(curve: AjCurve, day: number): number | null {
  if (curve.n === 0 || (curve.n === undefined && curve.time.length === 0)) return null;
  const i = lastAtOrBefore(curve.time, day);
  return i < 0 ? 0 : curve.cif[i];
}

/**
 * Risk ratio (a/n1)/(c/n0) with a 95% Wald interval on the log scale, se = √(1/a − 1/n1 + 1/c − 1/n0).
 * All null when it is undefined: an empty group or a zero cell (a = 0 or c = 0).
 */
export function riskRatio(
  eventsExposed: number,
  nExposed: number,
  eventsUnexposed: number,
  nUnexposed: number,
): { rr: number | null; lo: number | null; hi: number | null } {
  const a = eventsExposed;
  const n1 = nExposed;
  const c = eventsUnexposed;
  const n0 = nUnexposed;
  if (!(n1 > 0 && n0 > 0 && a > 0 && c > 0) || a > n1 || c > n0) return { rr: null, lo: null, hi: null };
  const rr = a / n1 / (c / n0);
  const se = Math.sqrt(Math.max(0, 1 / a - 1 / n1 + 1 / c - 1 / n0));
  const logRr = Math.log(rr);
  return { rr, lo: Math.exp(logRr - Z95 * se), hi: Math.exp(logRr + Z95 * se) };
}
