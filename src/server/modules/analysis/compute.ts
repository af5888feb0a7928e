/**
 * The computations of qualitative analysis, pure: code frequencies, code × attribute and code × code-group
 * matrices, and code co-occurrence with Jaccard. Input: the codings to analyse (one per code and span), the code
 * tree, and for co-occurrence the units of each document. Every cell keeps its codings, so that a cell can open
 * exactly the segments it counts.
 *
 * Counting (the measure):
 * - segments: distinct passages (document + start + end) — a passage coded with a code and with one of its
 *   subcodes counts once when subcodes are included;
 * - documents: distinct documents with such a passage;
 * - participants: distinct participants whose document has such a passage (documents without a participant, such as
 *   survey answers, add nothing here).
 *
 * Units (co-occurrence, and the code-group matrix):
 * - turn: each speaker turn of a document; a coding belongs to every turn it overlaps; a document without turns is
 *   one unit;
 * - overlap: a maximal stretch of text in which codings overlap one another (in one document); two codes co-occur when
 *   their codings are linked by overlaps.
 */
import type { AnalysisMeasure, CooccurrenceUnit } from '../../../shared/analysis-vocabulary';

export interface ACoding {
  id: string;
  documentId: string;
  codeId: string;
  start: number;
  end: number;
  participantId: string | null;
}

export interface ACode {
  id: string;
  parentId: string | null;
  name: string;
  position?: number;
}

export interface Span {
  start: number;
  end: number;
}

/** The codes in tree order (depth first, by position then name) with their depth. */
export function treeOrder<T extends ACode>(codes: readonly T[]): { code: T; depth: number }[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(codes.map((c) => c.id));
  for (const c of codes) {
    const p = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    const list = byParent.get(p) ?? [];
    list.push(c);
    byParent.set(p, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
  const out: { code: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of byParent.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ code: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A code and (when asked) all codes below it. */
export function codeSet(codes: readonly ACode[], id: string, includeChildren: boolean): Set<string> {
  const out = new Set([id]);
  if (!includeChildren) return out;
  const children = new Map<string, string[]>();
  for (const c of codes) if (c.parentId) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const stack = [id];
  while (stack.length) {
    for (const k of children.get(stack.pop()!) ?? []) {
      if (out.has(k)) continue;
      out.add(k);
      stack.push(k);
    }
  }
  return out;
}

/** The count of a list of codings by the measure. */
export function countOf(codings: readonly ACoding[], measure: AnalysisMeasure): number {
  if (measure === 'segments') return new Set(codings.map((c) => `${c.documentId}:${c.start}:${c.end}`)).size;
  if (measure === 'documents') return new Set(codings.map((c) => c.documentId)).size;
  return new Set(codings.map((c) => c.participantId).filter((p): p is string => !!p)).size;
}

function byCode(codings: readonly ACoding[]): Map<string, ACoding[]> {
  const m = new Map<string, ACoding[]>();
  for (const c of codings) {
    const list = m.get(c.codeId);
    if (list) list.push(c);
    else m.set(c.codeId, [c]);
  }
  return m;
}

function codingsOfSet(index: Map<string, ACoding[]>, set: Set<string>): ACoding[] {
  const out: ACoding[] = [];
  for (const id of set) out.push(...(index.get(id) ?? []));
  return out;
}

// ---- frequencies ------------------------------------------------------------------------------------------

export interface FrequencyCell {
  codeId: string;
  segments: number;
  documents: number;
  participants: number;
  codings: ACoding[];
}

/** Segments, documents and participants per code (optionally with its subcodes), in the order of `rowIds`. */
export function frequencies(codes: readonly ACode[], codings: readonly ACoding[], rowIds: readonly string[], includeChildren: boolean): FrequencyCell[] {
  const index = byCode(codings);
  return rowIds.map((id) => {
    const list = codingsOfSet(index, codeSet(codes, id, includeChildren));
    return { codeId: id, segments: countOf(list, 'segments'), documents: countOf(list, 'documents'), participants: countOf(list, 'participants'), codings: list };
  });
}

// ---- units ------------------------------------------------------------------------------------------------

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The units each coding belongs to (keys unique across documents). `turns`: the speaker turns of each document's
 * analysed version (absent or empty: the whole document is one unit).
 */
export function unitsOfCodings(codings: readonly ACoding[], unit: CooccurrenceUnit, turns: ReadonlyMap<string, readonly Span[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (unit === 'turn') {
    for (const c of codings) {
      const ts = turns.get(c.documentId) ?? [];
      if (ts.length === 0) {
        out.set(c.id, [`${c.documentId}:*`]);
        continue;
      }
      const keys: string[] = [];
      // turns are sorted and do not overlap: binary search for the first turn that ends after the start
      let lo = 0;
      let hi = ts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ts[mid].end <= c.start) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < ts.length && ts[i].start < c.end; i++) if (overlaps(ts[i], c)) keys.push(`${c.documentId}:t${i}`);
      // a coding outside every turn (between turns) is a unit of its own
      out.set(c.id, keys.length ? keys : [`${c.documentId}:c${c.id}`]);
    }
    return out;
  }
  const byDoc = new Map<string, ACoding[]>();
  for (const c of codings) byDoc.set(c.documentId, [...(byDoc.get(c.documentId) ?? []), c]);
  for (const [doc, list] of byDoc) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    let region = -1;
    let regionEnd = -1;
    for (const c of sorted) {
      if (c.start >= regionEnd) region++;
      regionEnd = Math.max(regionEnd, c.end);
      out.set(c.id, [`${doc}:r${region}`]);
    }
  }
  return out;
}

// ---- co-occurrence ----------------------------------------------------------------------------------------

export interface CooccurrenceResult {
  /** units in which each row occurs */
  units: number[];
  /** units in which both occur */
  counts: number[][];
  /** n_ij / (n_i + n_j − n_ij); null when 0/0 */
  jaccard: (number | null)[][];
}

function presence(index: Map<string, ACoding[]>, sets: readonly Set<string>[], unitsOf: Map<string, string[]>): Set<string>[] {
  return sets.map((set) => {
    const u = new Set<string>();
    for (const c of codingsOfSet(index, set)) for (const k of unitsOf.get(c.id) ?? []) u.add(k);
    return u;
  });
}

export const jaccardOf = (nij: number, ni: number, nj: number): number | null => (ni + nj - nij > 0 ? nij / (ni + nj - nij) : null);

/** Co-occurrence of the rows (each a set of codes) within units. */
export function cooccurrence(rows: readonly Set<string>[], codings: readonly ACoding[], unitsOf: Map<string, string[]>): CooccurrenceResult {
  const present = presence(byCode(codings), rows, unitsOf);
  const units = present.map((p) => p.size);
  const counts = present.map((a, i) =>
    present.map((b, j) => {
      if (i === j) return a.size;
      let n = 0;
      const [small, large] = a.size <= b.size ? [a, b] : [b, a];
      for (const k of small) if (large.has(k)) n++;
      return n;
    }),
  );
  const jaccard = counts.map((row, i) => row.map((n, j) => jaccardOf(n, units[i], units[j])));
  return { units, counts, jaccard };
}

/** The codings of both rows that lie in a unit where both occur (the segments behind a co-occurrence cell). */
export function cooccurrenceCodings(a: Set<string>, b: Set<string>, codings: readonly ACoding[], unitsOf: Map<string, string[]>): ACoding[] {
  const index = byCode(codings);
  const [pa, pb] = presence(index, [a, b], unitsOf);
  const shared = new Set([...pa].filter((k) => pb.has(k)));
  const seen = new Set<string>();
  const out: ACoding[] = [];
  for (const c of [...codingsOfSet(index, a), ...codingsOfSet(index, b)]) {
    if (seen.has(c.id)) continue;
    if ((unitsOf.get(c.id) ?? []).some((k) => shared.has(k))) {
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

// ---- matrices ---------------------------------------------------------------------------------------------

export interface MatrixResult {
  /** the codings of each cell */
  cells: ACoding[][][];
  counts: number[][];
  /** the count of all of a row's codings that fall in any column */
  rowTotals: number[];
}

/**
 * Code × attribute: a row's codings by the attribute value of their document (`valueFor`, '' when none). `columns` are
 * the values to show, in order; codings with another value are left out.
 */
export function attributeMatrix(
  rows: readonly Set<string>[],
  codings: readonly ACoding[],
  valueFor: (c: ACoding) => string,
  columns: readonly string[],
  measure: AnalysisMeasure,
): MatrixResult {
  const index = byCode(codings);
  const col = new Map(columns.map((k, i) => [k, i]));
  const cells = rows.map((set) => {
    const row: ACoding[][] = columns.map(() => []);
    for (const c of codingsOfSet(index, set)) {
      const j = col.get(valueFor(c));
      if (j !== undefined) row[j].push(c);
    }
    return row;
  });
  return finish(cells, measure);
}

/**
 * Code × code group (e.g. theme × type): the row's codings that occur in a unit together with the column's codes.
 * `columns` are sets of codes (a subcode of the group, with its own subcodes when asked).
 */
export function groupMatrix(
  rows: readonly Set<string>[],
  columns: readonly Set<string>[],
  codings: readonly ACoding[],
  unitsOf: Map<string, string[]>,
  measure: AnalysisMeasure,
): MatrixResult {
  const index = byCode(codings);
  const colUnits = presence(index, columns, unitsOf);
  const cells = rows.map((set) => {
    const list = codingsOfSet(index, set);
    return colUnits.map((units, j) => list.filter((c) => !columns[j].has(c.codeId) && (unitsOf.get(c.id) ?? []).some((k) => units.has(k))));
  });
  return finish(cells, measure);
}

function finish(cells: ACoding[][][], measure: AnalysisMeasure): MatrixResult {
  const counts = cells.map((row) => row.map((list) => countOf(list, measure)));
  const rowTotals = cells.map((row) => {
    const seen = new Map<string, ACoding>();
    for (const list of row) for (const c of list) seen.set(c.id, c);
    return countOf([...seen.values()], measure);
  });
  return { cells, counts, rowTotals };
}
