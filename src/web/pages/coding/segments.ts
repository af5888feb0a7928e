/**
 * The document view's model, pure (no DOM): the transcript is cut into blocks (speaker turns, or paragraphs
 * when there are none), the codings are distributed over the blocks they touch, each coding gets a lane (the
 * position of its bar under the text, stable over its whole length) and each block is cut into segments at
 * every coding and search-hit boundary. All offsets are Unicode code points, end exclusive, as the server
 * stores them; `from`/`to` are the same positions as UTF-16 indices into the text.
 */
import type { CodePoints } from './sparseIndex';

export interface CodeInfo {
  id: string;
  name: string;
  /** #rgb or #rrggbb */
  color: string;
}

export interface Coding {
  id: string;
  codeId: string;
  /** code points, end exclusive */
  start: number;
  end: number;
  memo?: string | null;
}

export interface Turn {
  start: number;
  end: number;
  speaker: string | null;
}

export interface TextRange {
  start: number;
  end: number;
}

export interface Block {
  index: number;
  /** code points, end exclusive; leading and trailing white space is left out */
  start: number;
  end: number;
  /** UTF-16 indices of the same range */
  from: number;
  to: number;
  speaker: string | null;
  kind: 'turn' | 'paragraph';
  /** line breaks inside the block (for height estimates) */
  lineBreaks: number;
}

export interface Segment {
  start: number;
  end: number;
  /** indices into the block's item list of the codings covering the segment, by lane */
  active: number[];
  hit: boolean;
}

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
/** Line breaks (CR LF is one), found with a native regular expression: long texts open fast. */
const BREAK = /\r\n|[\n\r\u2028\u2029]/g;

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  BREAK.lastIndex = from;
  for (let m = BREAK.exec(text); m && m.index + m[0].length <= to; m = BREAK.exec(text)) n++;
  return n;
}

/**
 * Blocks of the text: one per turn (turns are sorted, clamped to the text and cut where they overlap); text
 * outside every turn, and the whole text when there are no turns, becomes one block per paragraph (line).
 * White space at both ends of a block is left out, and blocks of only white space are dropped.
 */
export function buildBlocks(idx: CodePoints, turns: readonly Turn[]): Block[] {
  const text = idx.text;
  const n = idx.length;
  const blocks: Block[] = [];

  const push = (from: number, to: number, speaker: string | null, kind: Block['kind']) => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to <= from) return;
    blocks.push({ index: blocks.length, start: idx.toCp(from), end: idx.toCp(to), from, to, speaker, kind, lineBreaks: countBreaks(text, from, to) });
  };

  const paragraphs = (startCp: number, endCp: number) => {
    const end = idx.toUtf16(endCp);
    let from = idx.toUtf16(startCp);
    BREAK.lastIndex = from;
    for (let m = BREAK.exec(text); m && m.index < end; m = BREAK.exec(text)) {
      const after = m.index + m[0].length;
      push(from, m.index, null, 'paragraph');
      from = after;
      BREAK.lastIndex = after;
    }
    push(from, end, null, 'paragraph');
  };

  const sorted = turns
    .map((t) => ({ start: Math.max(0, Math.min(n, Math.floor(t.start))), end: Math.max(0, Math.min(n, Math.floor(t.end))), speaker: t.speaker }))
    .filter((t) => t.end > t.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  if (!sorted.length) {
    paragraphs(0, n);
    return blocks;
  }
  let pos = 0;
  for (const t of sorted) {
    const start = Math.max(t.start, pos);
    if (start > pos) paragraphs(pos, start);
    if (t.end > start) push(idx.toUtf16(start), idx.toUtf16(t.end), t.speaker?.trim() || null, 'turn');
    pos = Math.max(pos, t.end);
  }
  if (pos < n) paragraphs(pos, n);
  return blocks;
}

/** Index of the block that contains code point `cp` (or the nearest one after it; the last block past the end). */
export function blockAt(blocks: readonly Block[], cp: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  if (hi < 0) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].end <= cp) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts ranges by start, longer first, then by id when they have one: the order of bars and margin labels. */
export function compareRanges(a: TextRange & { id?: string }, b: TextRange & { id?: string }): number {
  return a.start - b.start || b.end - a.end || (a.id && b.id ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : 0);
}

/**
 * For each block, the items (codings, search hits) that overlap it, in `compareRanges` order. Empty and
 * reversed ranges are dropped. O(items · log blocks + overlaps).
 */
export function distribute<T extends TextRange>(blocks: readonly Block[], items: readonly T[]): T[][] {
  const lists: T[][] = blocks.map(() => []);
  if (!blocks.length) return lists;
  const sorted = items.filter((it) => it.end > it.start).sort(compareRanges);
  for (const it of sorted) {
    for (let i = blockAt(blocks, it.start); i >= 0 && i < blocks.length && blocks[i].start < it.end; i++) {
      if (blocks[i].end > it.start) lists[i].push(it);
    }
  }
  return lists;
}

/**
 * Lanes for ranges in `compareRanges` order: each gets the lowest lane that is free at its start, so that
 * overlapping ranges never share a lane and a range keeps its lane (its bar's position) over its whole length.
 */
export function assignLanes(ranges: readonly TextRange[]): number[] {
  const laneEnds: number[] = [];
  return ranges.map((r) => {
    let lane = laneEnds.findIndex((end) => end <= r.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = r.end;
    return lane;
  });
}

/**
 * Cuts [block.start, block.end) at every boundary of the items (clipped to the block) and of the search
 * hits. Each segment lists the items that cover it, ordered by lane. Adjacent segments always differ.
 */
export function splitSegments(block: TextRange, items: readonly TextRange[], lanes: readonly number[], hits: readonly TextRange[] = []): Segment[] {
  const { start, end } = block;
  if (end <= start) return [];
  const clip = (r: TextRange) => ({ start: Math.max(start, r.start), end: Math.min(end, r.end) });
  const its = items.map(clip);
  const hs = hits.map(clip).filter((h) => h.end > h.start);
  const cuts = [start, end];
  for (const r of its) if (r.end > r.start) cuts.push(r.start, r.end);
  for (const h of hs) cuts.push(h.start, h.end);
  cuts.sort((a, b) => a - b);

  const order = its.map((_, i) => i).filter((i) => its[i].end > its[i].start);
  order.sort((a, b) => its[a].start - its[b].start);
  hs.sort((a, b) => a.start - b.start);

  const segments: Segment[] = [];
  let active: number[] = [];
  let activeHits: TextRange[] = [];
  let next = 0;
  let nextHit = 0;
  for (let c = 0; c < cuts.length - 1; c++) {
    const a = cuts[c];
    const b = cuts[c + 1];
    if (b === a) continue;
    if (active.length) active = active.filter((i) => its[i].end > a);
    while (next < order.length && its[order[next]].start <= a) {
      if (its[order[next]].end > a) active.push(order[next]);
      next++;
    }
    if (activeHits.length) activeHits = activeHits.filter((h) => h.end > a);
    while (nextHit < hs.length && hs[nextHit].start <= a) {
      if (hs[nextHit].end > a) activeHits.push(hs[nextHit]);
      nextHit++;
    }
    const sortedActive = active.length > 1 ? [...active].sort((x, y) => (lanes[x] ?? 0) - (lanes[y] ?? 0) || x - y) : [...active];
    segments.push({ start: a, end: b, active: sortedActive, hit: activeHits.length > 0 });
  }
  return segments;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The code's colour when it is a valid #rgb/#rrggbb, else a neutral grey. */
export function safeColor(color: string | null | undefined): string {
  return color && HEX.test(color.trim()) ? color.trim().toLowerCase() : '#6b7280';
}

/** The start of a range's text for a screen-reader name: at most `max` characters, cut at a word. */
export function excerpt(text: string, max = 60): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Shallow equality of two lists whose items compare with `same`. */
export function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !same(a[i], b[i])) return false;
  return true;
}

export const sameCoding = (a: Coding, b: Coding) => a.id === b.id && a.codeId === b.codeId && a.start === b.start && a.end === b.end && (a.memo ?? null) === (b.memo ?? null);
export const sameRange = (a: TextRange, b: TextRange) => a.start === b.start && a.end === b.end;
