/**
 * Disclosure control of survey results for readers without raw-data access (the committee): counts from 1 up to
 * the threshold are withheld (zeros stay: they describe nobody), with a simple secondary suppression so that a
 * withheld cell cannot be recovered from a total and the other cells. Pure.
 *
 * Filtered figures (a subgroup) carry a second risk: subtracting them from the unfiltered figures gives the figures of
 * the rest group. Pass the rest group's counts as `rest` and a cell is also withheld when its rest-group count is
 * below the threshold (a differencing guard; zeros stay).
 */

const small = (c: number, threshold: number) => c > 0 && c < threshold;

/** Withholds small counts of one list whose total is shown; returns the cells and whether any were withheld. */
export function controlList(counts: number[], threshold: number, rest?: number[]): { cells: (number | null)[]; hit: boolean } {
  const cells: (number | null)[] = counts.map((c, i) => (small(c, threshold) || (rest !== undefined && small(rest[i] ?? 0, threshold)) ? null : c));
  secondary(cells, counts);
  return { cells, hit: cells.some((c) => c === null) };
}

/** When exactly one cell of a line is withheld, the smallest other non-zero cell is withheld too. */
function secondary(cells: (number | null)[], counts: number[], index?: number[]) {
  const idx = index ?? cells.map((_, i) => i);
  const hidden = idx.filter((i) => cells[i] === null);
  if (hidden.length !== 1) return false;
  let best = -1;
  for (const i of idx) if (cells[i] !== null && counts[i] > 0 && (best < 0 || counts[i] < counts[best])) best = i;
  if (best < 0) return false;
  cells[best] = null;
  return true;
}

/** A two-way table: small cells withheld, then secondary suppression along rows and columns until stable. */
export function controlTable(counts: number[][], threshold: number, rest?: number[][]): { cells: (number | null)[][]; hit: boolean } {
  const cells = counts.map((row, i) => row.map((c, j) => (small(c, threshold) || (rest !== undefined && small(rest[i]?.[j] ?? 0, threshold)) ? null : c)));
  const nCols = counts[0]?.length ?? 0;
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    for (let i = 0; i < cells.length; i++) changed = secondary(cells[i], counts[i]) || changed;
    for (let j = 0; j < nCols; j++) {
      const col = cells.map((r) => r[j]);
      const colCounts = counts.map((r) => r[j]);
      if (secondary(col, colCounts)) {
        col.forEach((v, i) => (cells[i][j] = v));
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { cells, hit: cells.some((r) => r.some((c) => c === null)) };
}

/** A single count: withheld when below the threshold (zero stays). */
export const controlCount = (n: number, threshold: number): number | null => (small(n, threshold) ? null : n);

/**
 * May a reader under disclosure control see filtered results at all? Not when the filtered group is below the
 * threshold ('filtered_n'), nor when the rest (all completed minus the filtered group) is ('rest_n'): its figures
 * would follow from the unfiltered ones by subtraction.
 */
export function filteredWithheld(filteredN: number, allN: number, threshold: number, filtered: boolean): 'filtered_n' | 'rest_n' | null {
  if (small(filteredN, threshold)) return 'filtered_n';
  if (filtered && small(allN - filteredN, threshold)) return 'rest_n';
  return null;
}
