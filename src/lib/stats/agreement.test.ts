import { describe, expect, it } from 'vitest';
import { cohenKappa } from './agreement';

/** Pairs from a contingency table: rows = coder A, columns = coder B. */
function fromTable(labels: string[], table: number[][]): [string, string][] {
  const pairs: [string, string][] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let k = 0; k < count; k++) pairs.push([labels[i], labels[j]]);
  }));
  return pairs;
}

describe('cohenKappa', () => {
  it('matches the classic 2×2 example (po = 0.7, pe = 0.5, κ = 0.4)', () => {
    // 50 grant applications read by two readers: both yes 20, A yes/B no 5, A no/B yes 10, both no 15; worked out
    // to p_o = 0.70, p_e = 0.50, κ = 0.40 in the Cohen's kappa example of Wikipedia and of
    // http://howcodex.com/statistics/cohen_kappa_coefficient.htm
    const r = cohenKappa(fromTable(['yes', 'no'], [[20, 5], [10, 15]]));
    expect(r.n).toBe(50);
    expect(r.percent).toBeCloseTo(0.7, 3);
    expect(r.kappa).toBeCloseTo(0.4, 3);
  });

  it('matches a 3-category table computed by hand', () => {
    //        A   B   C  | A's total
    //  A    10   2   3  | 15
    //  B     1  12   2  | 15
    //  C     2   1  17  | 20
    //  B's  13  15  22  | 50
    // po = 39/50 = 0.78; pe = (15·13 + 15·15 + 20·22)/2500 = 860/2500 = 0.344; κ = 0.436/0.656 = 0.66463…
    const r = cohenKappa(fromTable(['A', 'B', 'C'], [[10, 2, 3], [1, 12, 2], [2, 1, 17]]));
    expect(r.percent).toBeCloseTo(0.78, 3);
    expect(r.kappa).toBeCloseTo(0.665, 3);
    expect(r.kappa!).toBeCloseTo(0.436 / 0.656, 10);
  });

  it('handles a code that only one coder used, and order does not matter', () => {
    const pairs: [string, string][] = [['a', 'a'], ['a', 'b'], ['b', 'b'], ['c', 'b']];
    // po = 0.5; A: a 2, b 1, c 1; B: a 1, b 3 → pe = (2·1 + 1·3 + 1·0)/16 = 5/16; κ = (0.5 − 0.3125)/0.6875
    const r = cohenKappa(pairs);
    expect(r.kappa).toBeCloseTo((0.5 - 5 / 16) / (11 / 16), 12);
    expect(cohenKappa([...pairs].reverse()).kappa).toBeCloseTo(r.kappa!, 12);
  });

  it('gives null for no pairs, 1 when expected agreement is 1, negative for systematic disagreement', () => {
    expect(cohenKappa([])).toEqual({ n: 0, percent: null, kappa: null });
    expect(cohenKappa([['x', 'x'], ['x', 'x']])).toEqual({ n: 2, percent: 1, kappa: 1 });
    const opposite = cohenKappa([['a', 'b'], ['b', 'a']]);
    expect(opposite.percent).toBe(0);
    expect(opposite.kappa).toBeCloseTo(-1, 12);
    expect(cohenKappa([['a', 'a'], ['b', 'b']]).kappa).toBeCloseTo(1, 12);
  });
});

// ---- percent agreement, Cohen's κ and Krippendorff's α on reliability data (teamwork) -----------------------
import { agreement, krippendorffAlphaNominal, type ReliabilityUnit } from './agreement';

/** Reliability data as printed: one row per observer, one column per unit, '.' or null = missing. */
function byColumns(rows: (number | null)[][]): ReliabilityUnit[] {
  return rows[0].map((_, j) => ({ values: rows.map((r) => (r[j] === null ? null : String(r[j]))) }));
}

describe('krippendorffAlphaNominal', () => {
  it("matches Krippendorff's (2011) example C: 4 observers, 12 units, missing values, nominal α = 0.743", () => {
    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
    // University of Pennsylvania, section C ("nominal data, any number of observers, missing data").
    const _ = null;
    const data = byColumns([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // observer A
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // observer B
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // observer C
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // observer D
    ]);
    const r = krippendorffAlphaNominal(data);
    expect(r.alpha!).toBeCloseTo(0.743, 3);
    expect(r.n).toBe(40); // pairable values (unit 12 has one value only)
    expect(r.units).toBe(11);
  });

  it("matches Krippendorff's (2011) example A: two observers, binary data, α = 0.095", () => {
    const data = byColumns([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(krippendorffAlphaNominal(data).alpha!).toBeCloseTo(0.095, 3);
    // Cohen's κ for the same data: po = 0.6, pe = 0.2·0.4 + 0.8·0.6 = 0.56 → κ = 0.04/0.44
    expect(agreement(data, 2).kappa!).toBeCloseTo(0.04 / 0.44, 10);
    expect(agreement(data, 2).percent!).toBeCloseTo(0.6, 10);
  });

  it('weights equal units instead of repeating them', () => {
    const repeated = byColumns([
      [1, 1, 1, 0, 0, 1],
      [1, 1, 0, 0, 0, 0],
    ]);
    const weighted: ReliabilityUnit[] = [
      { values: ['1', '1'], weight: 2 },
      { values: ['1', '0'], weight: 2 },
      { values: ['0', '0'], weight: 2 },
    ];
    expect(krippendorffAlphaNominal(weighted).alpha!).toBeCloseTo(krippendorffAlphaNominal(repeated).alpha!, 12);
    expect(agreement(weighted, 2)).toEqual({ ...agreement(repeated, 2), units: 6 });
  });

  it('is undefined (null) without variation or without pairable units; 1 for perfect agreement with variation', () => {
    expect(krippendorffAlphaNominal([{ values: ['a', 'a'] }, { values: ['a', 'a'] }]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([{ values: ['a', null] }]).alpha).toBeNull();
    expect(krippendorffAlphaNominal([{ values: ['a', 'a', 'a'] }, { values: ['b', 'b', null] }]).alpha).toBe(1);
  });
});

describe('agreement', () => {
  it('reproduces a published κ table: Kundel & Polansky (2003), Radiology 228:303–308, table A1 (110 mammograms, two readers)', () => {
    // The table as distributed with the R package vcdExtra (data set `Mammograms`; the counts are in
    // Rdatasets csv/vcdExtra/Mammograms.csv, rows Reader 1, columns Reader 2: absent, minimal, moderate, severe).
    // vcdExtra's documentation (https://friendly.github.io/vcdExtra/reference/Mammograms.html) prints
    // Kappa(Mammograms): unweighted 0.3713. By hand: p_o = 60/110, p_e = 3352/12100, κ = 0.37128….
    // (This replaces an Altman (1991) table 14.3 that had been typed from memory and could not be checked.)
    const table = [
      [34, 10, 2, 0],
      [6, 8, 8, 2],
      [2, 5, 4, 12],
      [0, 1, 2, 14],
    ];
    const labels = ['absent', 'minimal', 'moderate', 'severe'];
    const units: ReliabilityUnit[] = [];
    table.forEach((row, i) => row.forEach((count, j) => count && units.push({ values: [labels[i], labels[j]], weight: count })));
    const r = agreement(units, 2);
    expect(r.units).toBe(110);
    expect(r.percent!).toBeCloseTo(60 / 110, 10);
    expect(r.kappa!).toBeCloseTo(0.3713, 4);
    expect(r.kappa!).toBeCloseTo((60 / 110 - 3352 / 12100) / (1 - 3352 / 12100), 12);
    // the existing pairwise function agrees
    expect(cohenKappa(fromTable(labels, table)).kappa!).toBeCloseTo(r.kappa!, 12);
  });

  it('gives no κ for three coders and counts a unit as agreed only when all coders agree', () => {
    const r = agreement([{ values: ['1', '1', '1'] }, { values: ['1', '0', null] }, { values: ['0', '0', '0'] }, { values: ['1', null, null] }], 3);
    expect(r.kappa).toBeNull();
    expect(r.units).toBe(3);
    expect(r.percent!).toBeCloseTo(2 / 3, 12);
  });
});
