import { describe, expect, it } from 'vitest';
import { HeightIndex, estimateHeight, renderItems, visibleRange, type Metrics } from './layout';

describe('HeightIndex', () => {
  it('sums estimates and measured heights', () => {
    const h = new HeightIndex([10, 20, 30, 40]);
    expect([0, 1, 2, 3, 4].map((i) => h.offsetOf(i))).toEqual([0, 10, 30, 60, 100]);
    expect(h.total).toBe(100);
    expect(h.set(1, 25)).toBe(true);
    expect(h.set(1, 25.2)).toBe(false); // less than half a pixel
    expect(h.isMeasured(1)).toBe(true);
    expect(h.offsetOf(4)).toBe(105);
    expect(h.offsetOf(99)).toBe(105);
  });

  it('finds the block at a position', () => {
    const h = new HeightIndex([10, 20, 30, 40]);
    expect([-5, 0, 9.9, 10, 29, 30, 99, 100, 500].map((y) => h.indexAt(y))).toEqual([0, 0, 0, 1, 1, 2, 3, 3, 3]);
    expect(new HeightIndex([]).indexAt(3)).toBe(-1);
  });

  it('scales the estimates of unmeasured blocks by how the measured ones came out', () => {
    const h = new HeightIndex([100, 100, 100, 100, 100, 100]);
    h.set(0, 150);
    h.set(1, 150);
    expect(h.calibrate()).toBe(false); // too few measured
    h.set(2, 150);
    expect(h.calibrate()).toBe(true);
    expect(h.get(3)).toBe(150);
    expect(h.total).toBe(900);
    expect(h.calibrate()).toBe(false); // unchanged
    h.reset();
    expect(h.total).toBe(600);
    expect(h.isMeasured(0)).toBe(false);
  });

  it('treats bad estimates as one pixel', () => {
    expect(new HeightIndex([NaN, -4, 0, 5]).total).toBe(8);
  });
});

describe('visibleRange and renderItems', () => {
  const h = new HeightIndex(Array.from({ length: 100 }, () => 50));

  it('covers the viewport plus overscan', () => {
    expect(visibleRange(h, 1000, 400, 100)).toEqual({ first: 18, last: 30 });
    expect(visibleRange(h, 0, 400, 100)).toEqual({ first: 0, last: 10 });
    expect(visibleRange(h, 99999, 400, 0)).toEqual({ first: 99, last: 99 });
    expect(visibleRange(new HeightIndex([]), 0, 400, 0)).toEqual({ first: 0, last: -1 });
  });

  it('renders the range and pinned blocks with gaps between', () => {
    expect(renderItems({ first: 3, last: 5 }, [], 10)).toEqual([
      { type: 'gap', from: 0, to: 3 },
      { type: 'block', index: 3 },
      { type: 'block', index: 4 },
      { type: 'block', index: 5 },
      { type: 'gap', from: 6, to: 10 },
    ]);
    expect(renderItems({ first: 3, last: 4 }, [0, 4, 8, null, 42], 10)).toEqual([
      { type: 'block', index: 0 },
      { type: 'gap', from: 1, to: 3 },
      { type: 'block', index: 3 },
      { type: 'block', index: 4 },
      { type: 'gap', from: 5, to: 8 },
      { type: 'block', index: 8 },
      { type: 'gap', from: 9, to: 10 },
    ]);
    expect(renderItems({ first: 0, last: -1 }, [], 0)).toEqual([]);
  });
});

describe('estimateHeight', () => {
  const m: Metrics = { textWidth: 500, charWidth: 10, lineHeight: 30, chrome: 20, speaker: 20, label: 30, marginBeside: true };

  it('counts wrapped lines and line breaks, and the margin when it is taller', () => {
    expect(estimateHeight(m, 50, 0, false, 0)).toBe(20 + 30);
    expect(estimateHeight(m, 120, 1, true, 0)).toBe(20 + 20 + 4 * 30);
    expect(estimateHeight(m, 10, 0, false, 5)).toBe(20 + 150);
    expect(estimateHeight({ ...m, marginBeside: false }, 10, 0, false, 5)).toBe(20 + 30 + 3 * 30);
  });
});
