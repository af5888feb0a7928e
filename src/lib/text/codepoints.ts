/**
 * Code-point helpers. JavaScript strings are indexed in UTF-16 code units; stored offsets
 * (pseudonymisation spans, transcript annotations) count Unicode code points instead, so that
 * they do not depend on the encoding of the client that produced them.
 */

/** True when the UTF-16 unit at `i` is a high surrogate followed by a low surrogate. */
function isPairAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Number of code points in `text` (a lone surrogate counts as one). */
export function cpLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (isPairAt(text, i)) i++;
    n++;
  }
  return n;
}

/**
 * Converts a UTF-16 index to a code-point offset. An index in the middle of a surrogate pair
 * maps to the code point that pair forms. Indices are clamped to [0, text.length].
 */
export function utf16ToCp(text: string, index: number): number {
  const end = Math.max(0, Math.min(index, text.length));
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (isPairAt(text, i)) {
      if (i + 1 >= end) break;
      i++;
    }
    n++;
  }
  return n;
}

/** Converts a code-point offset to a UTF-16 index. Offsets are clamped to [0, cpLength(text)]. */
export function cpToUtf16(text: string, cp: number): number {
  let n = 0;
  let i = 0;
  while (i < text.length && n < cp) {
    i += isPairAt(text, i) ? 2 : 1;
    n++;
  }
  return i;
}

/** The substring between code-point offsets `start` (inclusive) and `end` (exclusive, default: end of text). */
export function cpSlice(text: string, start: number, end?: number): string {
  const s = cpToUtf16(text, start);
  const e = end === undefined ? text.length : cpToUtf16(text, end);
  return e <= s ? '' : text.slice(s, e);
}

/**
 * Index for many conversions on one (long) text: O(n) to build, O(1) per `toUtf16`, and O(1)
 * per `toCp`. Use this instead of the free functions when converting many offsets, e.g. all
 * spans of a 20,000-word transcript.
 */
export class CodePointIndex {
  readonly text: string;
  /** UTF-16 index of each code point, plus one sentinel entry equal to text.length. */
  private readonly cpStarts: Uint32Array;
  /** Code-point offset for each UTF-16 index, plus one sentinel entry for text.length. */
  private readonly unitToCp: Uint32Array;

  constructor(text: string) {
    this.text = text;
    const n = cpLength(text);
    this.cpStarts = new Uint32Array(n + 1);
    this.unitToCp = new Uint32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      this.cpStarts[cp] = i;
      this.unitToCp[i] = cp;
      if (isPairAt(text, i)) {
        // Index inside a pair maps to the pair's own code point (same as utf16ToCp).
        this.unitToCp[i + 1] = cp;
        i++;
      }
      cp++;
    }
    this.cpStarts[n] = text.length;
    this.unitToCp[text.length] = n;
  }

  /** Number of code points in the text. */
  get length(): number {
    return this.cpStarts.length - 1;
  }

  /** Code-point offset → UTF-16 index (clamped). */
  toUtf16(cp: number): number {
    const c = Math.max(0, Math.min(Math.floor(cp), this.length));
    return this.cpStarts[c];
  }

  /** UTF-16 index → code-point offset (clamped). */
  toCp(index: number): number {
    const i = Math.max(0, Math.min(Math.floor(index), this.text.length));
    return this.unitToCp[i];
  }

  /** Substring between code-point offsets (end exclusive, default: end of text). */
  slice(start: number, end?: number): string {
    const s = this.toUtf16(start);
    const e = end === undefined ? this.text.length : this.toUtf16(end);
    return e <= s ? '' : this.text.slice(s, e);
  }
}
