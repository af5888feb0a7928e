/**
 * Code-point ↔ UTF-16 conversion that is cheap to build for a long transcript. The shared CodePointIndex
 * (src/lib/text/codepoints.ts) fills two arrays with one entry per character, which for a 20,000-word text
 * (130,000 characters) costs tens of milliseconds of cold JavaScript when a document opens. A transcript has few
 * characters outside the Basic Multilingual Plane (emoji), so this index only stores where the surrogate pairs
 * are, found by one native regular-expression scan; conversions are a binary search over those. Same results as
 * CodePointIndex (a lone surrogate counts as one code point; a UTF-16 index inside a pair maps to that pair's
 * code point); the tests check that.
 */

/** What the document view needs from a code-point index (CodePointIndex satisfies it too). */
export interface CodePoints {
  readonly text: string;
  /** number of code points */
  readonly length: number;
  /** code point → UTF-16 index (clamped) */
  toUtf16(cp: number): number;
  /** UTF-16 index → code point (clamped) */
  toCp(index: number): number;
}

const PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

export class SparseCodePoints implements CodePoints {
  readonly text: string;
  readonly length: number;
  /** UTF-16 index of the high surrogate of each pair, ascending */
  private readonly pairs: Uint32Array;

  constructor(text: string) {
    this.text = text;
    const found: number[] = [];
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(text); m; m = PAIR.exec(text)) found.push(m.index);
    this.pairs = Uint32Array.from(found);
    this.length = text.length - found.length;
  }

  /** How many pairs start before UTF-16 index i. */
  private pairsBefore(i: number): number {
    const p = this.pairs;
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toCp(index: number): number {
    const i = Math.max(0, Math.min(Math.floor(index), this.text.length));
    return i - this.pairsBefore(i);
  }

  toUtf16(cp: number): number {
    const c = Math.max(0, Math.min(Math.floor(cp), this.length));
    // the code point of pair k is pairs[k] - k, strictly increasing in k
    const p = this.pairs;
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (p[mid] - mid < c) lo = mid + 1;
      else hi = mid;
    }
    return c + lo;
  }
}
