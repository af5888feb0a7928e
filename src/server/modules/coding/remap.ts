/**
 * Moving spans (codings, speaker turns) from an old text to a new one. Pure.
 *
 * A change between two texts is a list of edits: the old code points [start, end) are replaced by `length` new
 * code points. Edits come from a character diff (jsdiff, which compares code points) or, for the pseudonymisation
 * assistant, directly from the replacements. A span moves with its text:
 * - text before it or after it changes only its place;
 * - text inserted inside it becomes part of it; text inserted exactly at its start or end does not;
 * - a replacement that overlaps it partly is taken in whole (a coding on part of a replaced name covers the label);
 * - a span whose text is deleted entirely is dropped.
 * Offsets are Unicode code points, end exclusive.
 */
import { diffChars, diffLines, type ChangeObject } from 'diff';
import { cpLength } from '../../../lib/text/codepoints';

export interface Edit {
  /** old code points [start, end) … */
  start: number;
  end: number;
  /** … are replaced by this many new code points */
  length: number;
}

export interface Span {
  start: number;
  end: number;
}

/** Time a character diff of one changed block may take before that block counts as replaced as a whole. */
const CHAR_DIFF_TIMEOUT_MS = 2_000;

/** Edits from a list of change objects (values in code points), adjacent changes merged into one edit. */
function editsOf(changes: ChangeObject<string>[], offset: number, out: Edit[]) {
  let pos = offset;
  let open: Edit | null = null;
  for (const c of changes) {
    const n = cpLength(c.value);
    if (!c.added && !c.removed) {
      if (open) out.push(open);
      open = null;
      pos += n;
      continue;
    }
    open ??= { start: pos, end: pos, length: 0 };
    if (c.removed) {
      open.end += n;
      pos += n;
    } else open.length += n;
  }
  if (open) out.push(open);
}

/** Appends an edit, merging it with the previous one when they touch. */
function push(out: Edit[], e: Edit) {
  const last = out.at(-1);
  if (last && last.end === e.start) {
    last.end = e.end;
    last.length += e.length;
  } else out.push(e);
}

/**
 * The edits that turn `oldText` into `newText`: a line diff first, then a character diff inside each changed block
 * of lines (fast on long transcripts with a few corrections; a block whose character diff takes too long counts as
 * replaced as a whole). Sorted, separated by at least one unchanged code point.
 */
export function diffEdits(oldText: string, newText: string): Edit[] {
  if (oldText === newText) return [];
  const out: Edit[] = [];
  const lines = diffLines(oldText, newText);
  let pos = 0;
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i];
    if (!c.added && !c.removed) {
      pos += cpLength(c.value);
      continue;
    }
    // a block of changed lines: the removed and the added text around this position
    let removed = '';
    let added = '';
    for (; i < lines.length && (lines[i].added || lines[i].removed); i++) {
      if (lines[i].removed) removed += lines[i].value;
      else added += lines[i].value;
    }
    i--;
    const chars = removed && added ? diffChars(removed, added, { timeout: CHAR_DIFF_TIMEOUT_MS }) : undefined;
    const local: Edit[] = [];
    if (chars) editsOf(chars, pos, local);
    else local.push({ start: pos, end: pos + cpLength(removed), length: cpLength(added) });
    for (const e of local) push(out, e);
    pos += cpLength(removed);
  }
  return out;
}

/** A position mapper over sorted, non-overlapping edits. */
export function positionMapper(edits: readonly Edit[]) {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  // the new start of every edit
  const newStart: number[] = [];
  let delta = 0;
  for (const e of sorted) {
    newStart.push(e.start + delta);
    delta += e.length - (e.end - e.start);
  }
  /** bias 'start': the position where a span begins; 'end': where it ends. */
  return (p: number, bias: 'start' | 'end'): number => {
    // the last edit with start <= p
    let lo = 0;
    let hi = sorted.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start <= p) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return p;
    const e = sorted[i];
    const ns = newStart[i];
    if (p > e.end) return ns + e.length + (p - e.end);
    if (e.start === e.end) return bias === 'start' ? ns + e.length : ns; // an insertion exactly here: not taken in
    if (p === e.start) return ns;
    if (p === e.end) return ns + e.length;
    return bias === 'start' ? ns : ns + e.length; // inside a replaced stretch: take the replacement in whole
  };
}

export interface Remapped<T extends Span> {
  /** the spans with their new offsets (other fields kept), in the input order */
  kept: T[];
  /** the spans whose text was deleted, unchanged */
  dropped: T[];
}

/** Moves spans through edits (see the file comment). */
export function mapSpans<T extends Span>(edits: readonly Edit[], spans: readonly T[]): Remapped<T> {
  const map = positionMapper(edits);
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const s of spans) {
    const start = map(s.start, 'start');
    const end = map(s.end, 'end');
    if (end > start) kept.push({ ...s, start, end });
    else dropped.push(s);
  }
  return { kept, dropped };
}

/** Moves spans of `oldText` to where their text is in `newText` (a character diff of old → new). */
export function remapOffsets<T extends Span>(oldText: string, newText: string, spans: readonly T[]): Remapped<T> {
  return mapSpans(diffEdits(oldText, newText), spans);
}
