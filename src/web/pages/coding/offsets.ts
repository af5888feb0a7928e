/**
 * From UTF-16 positions (what the DOM gives: offsets into text nodes) to the code-point ranges the server
 * stores. Pure, no DOM. A selection edge inside a user-perceived character (an emoji with a skin tone, a
 * letter with a combining accent, CR LF, or half a surrogate pair) moves outwards to the character's edge,
 * so a coding never cuts a character in two.
 */
import type { CodePoints } from './sparseIndex';
import type { TextRange } from './segments';

let segmenter: Intl.Segmenter | null | undefined;
function graphemes(): Intl.Segmenter | null {
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  return segmenter;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** How far around a position the grapheme segmenter looks (a cluster longer than this is not snapped). */
const WINDOW = 64;

/**
 * The nearest grapheme-cluster boundary at or before (`'back'`) or at or after (`'forward'`) the UTF-16 index
 * `i`. Plain text (no code point from U+0300 up on either side, no CR LF) is a boundary without segmenting.
 */
export function snapToGrapheme(text: string, i: number, dir: 'back' | 'forward'): number {
  if (i <= 0) return 0;
  if (i >= text.length) return text.length;
  const c = text.charCodeAt(i);
  const p = text.charCodeAt(i - 1);
  if (c < 0x300 && p < 0x300 && !(p === 13 && c === 10)) return i;
  const seg = graphemes();
  if (!seg) {
    // no Intl.Segmenter: at least never split a surrogate pair
    if (isHigh(p) && isLow(c)) return dir === 'back' ? i - 1 : i + 1;
    return i;
  }
  const lo = Math.max(0, i - WINDOW);
  const hi = Math.min(text.length, i + WINDOW);
  const found = seg.segment(text.slice(lo, hi)).containing(i - lo);
  if (!found) return i;
  const start = lo + found.index;
  if (start === i) return i;
  return dir === 'back' ? start : Math.min(hi, start + found.segment.length);
}

/**
 * A UTF-16 range of the whole text → its code-point range, widened to grapheme boundaries. The order of the
 * two ends does not matter; `null` for an empty range.
 */
export function utf16RangeToCp(idx: CodePoints, a: number, b: number): TextRange | null {
  const text = idx.text;
  const lo = Math.max(0, Math.min(text.length, Math.min(a, b)));
  const hi = Math.max(0, Math.min(text.length, Math.max(a, b)));
  if (hi <= lo) return null;
  const from = snapToGrapheme(text, lo, 'back');
  const to = snapToGrapheme(text, hi, 'forward');
  const start = idx.toCp(from);
  const end = idx.toCp(to);
  return end > start ? { start, end } : null;
}

