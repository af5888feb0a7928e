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
    // 50 cases: both yes 20, A yes/B no 5, A no/B yes 10, both no 15
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
