/**
 * Inter-coder agreement for one nominal variable coded by two coders on the same cases (double coding of case files).
 * Pure, no I/O.
 *
 * - percent: observed agreement p_o, the share of pairs with the same code (0..1); null when there are no pairs.
 * - kappa: Cohen's κ = (p_o − p_e)/(1 − p_e), p_e = Σ_k p_A(k)·p_B(k) from each coder's own marginal distribution.
 *   null when there are no pairs. When p_e = 1 (both coders used one and the same code for every case) κ is 0/0;
 *   we return 1 then, since the coders agree on every case.
 * Codes are compared as given (case-sensitive, no trimming).
 */
export function cohenKappa(pairs: [string, string][]): { n: number; percent: number | null; kappa: number | null } {
  const n = pairs.length;
  if (n === 0) return { n: 0, percent: null, kappa: null };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [k, ca] of a) pe += (ca / n) * ((b.get(k) ?? 0) / n);
  // p_e can exceed 1 − 1e-15 only through rounding when it is exactly 1
  if (pe >= 1 - 1e-12) return { n, percent: po, kappa: po >= 1 - 1e-12 ? 1 : null };
  return { n, percent: po, kappa: (po - pe) / (1 - pe) };
}

/**
 * Reliability data for any number of coders (observers): units with one value per coder, null = missing (the coder
 * did not code that unit). `weight` counts identical units at once (e.g. a stretch of 500 characters with the same
 * values), so large unit sets stay small. Values are nominal (compared as strings).
 */
export interface ReliabilityUnit {
  values: (string | null)[];
  weight?: number;
}

export interface AgreementResult {
  /** units with values from at least two coders (weighted) */
  units: number;
  /** share of those units on which all coders with a value gave the same value; null without units */
  percent: number | null;
  /** Cohen's κ: only with exactly two coders (units where both have a value); null otherwise or when undefined */
  kappa: number | null;
  /** Krippendorff's α (nominal); null when there are no pairable values or no variation at all (α = 0/0) */
  alpha: number | null;
}

/**
 * Krippendorff's α for nominal data, any number of coders, missing values allowed (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability", section C). Units with fewer than two values are not pairable and are skipped.
 *   o_ck = Σ_u (number of c–k pairs in u)/(m_u − 1), n_c = Σ_k o_ck, n = Σ_c n_c
 *   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k
 * null when n ≤ 1 or when only one value occurs (expected disagreement 0).
 */
export function krippendorffAlphaNominal(units: ReliabilityUnit[]): { alpha: number | null; n: number; units: number } {
  const o = new Map<string, Map<string, number>>();
  let pairable = 0;
  let values = 0;
  for (const u of units) {
    const w = u.weight ?? 1;
    if (w <= 0) continue;
    const vals = u.values.filter((v): v is string => v !== null);
    const m = vals.length;
    if (m < 2) continue;
    pairable += w;
    values += w * m;
    const counts = new Map<string, number>();
    for (const v of vals) counts.set(v, (counts.get(v) ?? 0) + 1);
    for (const [c, nc] of counts) {
      const row = o.get(c) ?? new Map<string, number>();
      o.set(c, row);
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs) row.set(k, (row.get(k) ?? 0) + (w * pairs) / (m - 1));
      }
    }
  }
  const nc = new Map<string, number>();
  const n = values; // = Σ_c n_c, counted exactly
  let disagree = 0;
  for (const [c, row] of o) {
    let s = 0;
    for (const [k, v] of row) {
      s += v;
      if (k !== c) disagree += v;
    }
    nc.set(c, s);
  }
  let expected = 0;
  for (const [c, a] of nc) for (const [k, b] of nc) if (c !== k) expected += a * b;
  if (n <= 1 || expected <= 0) return { alpha: null, n, units: pairable };
  return { alpha: 1 - ((n - 1) * disagree) / expected, n, units: pairable };
}

/**
 * Percent agreement, Cohen's κ (two coders) and Krippendorff's α (nominal) on the same reliability data.
 * - percent: among units with at least two values, the (weighted) share where all values are equal.
 * - kappa: only when there are exactly two coders; computed on the units where both have a value, as cohenKappa.
 */
export function agreement(units: ReliabilityUnit[], coders: number): AgreementResult {
  let n = 0;
  let same = 0;
  for (const u of units) {
    const w = u.weight ?? 1;
    const vals = u.values.filter((v): v is string => v !== null);
    if (vals.length < 2 || w <= 0) continue;
    n += w;
    if (vals.every((v) => v === vals[0])) same += w;
  }
  const { alpha } = krippendorffAlphaNominal(units);
  return { units: n, percent: n > 0 ? same / n : null, kappa: coders === 2 ? weightedKappa(units) : null, alpha };
}

/** Cohen's κ over weighted two-coder units (units where one value is missing are skipped). */
function weightedKappa(units: ReliabilityUnit[]): number | null {
  let n = 0;
  let agree = 0;
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  for (const u of units) {
    const w = u.weight ?? 1;
    const [x, y] = u.values;
    if (x == null || y == null || w <= 0) continue;
    n += w;
    if (x === y) agree += w;
    a.set(x, (a.get(x) ?? 0) + w);
    b.set(y, (b.get(y) ?? 0) + w);
  }
  if (n === 0) return null;
  const po = agree / n;
  let pe = 0;
  for (const [k, ca] of a) pe += (ca / n) * ((b.get(k) ?? 0) / n);
  if (pe >= 1 - 1e-12) return po >= 1 - 1e-12 ? 1 : null;
  return (po - pe) / (1 - pe);
}
