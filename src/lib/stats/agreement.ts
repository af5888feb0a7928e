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
