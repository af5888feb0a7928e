/**
 * Windowing arithmetic for the document view, pure (no DOM): block heights (estimated until a block has been
 * measured), their offsets, which blocks a viewport needs, and the list of rendered blocks and the gaps
 * (spacers) between them.
 */

/**
 * Heights of blocks, some measured and the others estimated. The estimates are scaled by how far the measured
 * blocks were from their own estimates, so that the scroll height converges as blocks are measured.
 * offsetOf and indexAt are O(1) and O(log n) after a change (prefix sums are rebuilt lazily from the first
 * changed block).
 */
export class HeightIndex {
  readonly size: number;
  private readonly base: Float64Array;
  private readonly heights: Float64Array;
  private readonly measured: Uint8Array;
  private readonly prefix: Float64Array;
  private dirtyFrom = 0;
  private scale = 1;

  constructor(estimates: ArrayLike<number>) {
    this.size = estimates.length;
    this.base = Float64Array.from(estimates, (h) => (Number.isFinite(h) && h > 0 ? h : 1));
    this.heights = Float64Array.from(this.base);
    this.measured = new Uint8Array(this.size);
    this.prefix = new Float64Array(this.size + 1);
  }

  get(i: number): number {
    return this.heights[i];
  }

  isMeasured(i: number): boolean {
    return this.measured[i] === 1;
  }

  /** Records a measured height; true when it differs (by half a pixel or more) from what was assumed. */
  set(i: number, h: number): boolean {
    if (i < 0 || i >= this.size || !(h >= 0)) return false;
    this.measured[i] = 1;
    if (Math.abs(this.heights[i] - h) < 0.5) return false;
    this.heights[i] = h;
    this.dirtyFrom = Math.min(this.dirtyFrom, i);
    return true;
  }

  /** Forgets all measurements (the width changed): back to scaled estimates. */
  reset(): void {
    this.measured.fill(0);
    this.scale = 1;
    this.heights.set(this.base);
    this.dirtyFrom = 0;
  }

  /**
   * Rescales the estimates of unmeasured blocks by sum(measured) / sum(their estimates); true when the
   * scale changed noticeably (a layout change the caller has to apply).
   */
  calibrate(): boolean {
    let measured = 0;
    let estimated = 0;
    let count = 0;
    for (let i = 0; i < this.size; i++) {
      if (this.measured[i]) {
        measured += this.heights[i];
        estimated += this.base[i];
        count++;
      }
    }
    if (count < 3 || estimated <= 0) return false;
    const scale = Math.max(0.25, Math.min(4, measured / estimated));
    if (Math.abs(scale - this.scale) < 0.02) return false;
    this.scale = scale;
    for (let i = 0; i < this.size; i++) if (!this.measured[i]) this.heights[i] = this.base[i] * scale;
    this.dirtyFrom = 0;
    return true;
  }

  private build(): void {
    if (this.dirtyFrom > this.size) return;
    for (let i = this.dirtyFrom; i < this.size; i++) this.prefix[i + 1] = this.prefix[i] + this.heights[i];
    this.dirtyFrom = this.size + 1;
  }

  /** Top of block i (i = size: the total height). */
  offsetOf(i: number): number {
    this.build();
    return this.prefix[Math.max(0, Math.min(this.size, i))];
  }

  get total(): number {
    return this.offsetOf(this.size);
  }

  /** The block at vertical position y (clamped to the first and last block); -1 when there are none. */
  indexAt(y: number): number {
    if (!this.size) return -1;
    this.build();
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.prefix[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export interface WindowRange {
  first: number;
  last: number;
}

/** The blocks that a viewport [top, top + height) needs, with `overscan` pixels above and below. */
export function visibleRange(index: HeightIndex, top: number, height: number, overscan: number): WindowRange {
  if (!index.size) return { first: 0, last: -1 };
  return { first: index.indexAt(Math.max(0, top - overscan)), last: index.indexAt(top + Math.max(0, height) + overscan) };
}

export type RenderItem = { type: 'block'; index: number } | { type: 'gap'; from: number; to: number };

/** The rendered blocks (the range plus pinned blocks elsewhere, e.g. the focused one) with gaps [from, to) between. */
export function renderItems(range: WindowRange, pinned: readonly (number | null | undefined)[], size: number): RenderItem[] {
  const set = new Set<number>();
  for (let i = Math.max(0, range.first); i <= Math.min(size - 1, range.last); i++) set.add(i);
  for (const p of pinned) if (p != null && p >= 0 && p < size) set.add(p);
  const indices = [...set].sort((a, b) => a - b);
  const items: RenderItem[] = [];
  let pos = 0;
  for (const i of indices) {
    if (i > pos) items.push({ type: 'gap', from: pos, to: i });
    items.push({ type: 'block', index: i });
    pos = i + 1;
  }
  if (pos < size) items.push({ type: 'gap', from: pos, to: size });
  return items;
}

export interface Metrics {
  /** width of a block's text column, px */
  textWidth: number;
  /** average width of a character, px */
  charWidth: number;
  lineHeight: number;
  /** vertical padding and border of a block, px */
  chrome: number;
  /** height of the speaker line, px */
  speaker: number;
  /** height of one margin label including the gap, px */
  label: number;
  /** the margin is beside the text (false: below it, on narrow screens) */
  marginBeside: boolean;
}

/** A block's height before it has been measured. */
export function estimateHeight(m: Metrics, chars: number, lineBreaks: number, speakerLine: boolean, labels: number): number {
  const perLine = Math.max(8, Math.floor(m.textWidth / m.charWidth));
  const lines = Math.max(1, Math.ceil(chars / perLine) + lineBreaks);
  const text = (speakerLine ? m.speaker : 0) + lines * m.lineHeight;
  const margin = labels * m.label;
  return m.chrome + (m.marginBeside ? Math.max(text, margin) : text + (labels ? Math.ceil(labels / 2) * m.label : 0));
}
