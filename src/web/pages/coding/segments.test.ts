import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseCodePoints as CodePointIndex } from './sparseIndex';
import { assignLanes, blockAt, buildBlocks, compareRanges, distribute, excerpt, safeColor, sameCoding, sameList, splitSegments, type TextRange } from './segments';

const cps = (s: string) => [...s];

describe('buildBlocks', () => {
  it('makes one block per turn, without the white space around it, in code points', () => {
    const text = 'I: Hoe gaat het? 👍🏽\nR: Goed.\n';
    const idx = new CodePointIndex(text);
    const blocks = buildBlocks(idx, [
      { start: 0, end: 20, speaker: 'I' },
      { start: 20, end: cps(text).length, speaker: 'R' },
    ]);
    expect(blocks.map((b) => [b.start, b.end, b.speaker, b.kind])).toEqual([
      [0, 19, 'I', 'turn'],
      [20, 28, 'R', 'turn'],
    ]);
    expect(text.slice(blocks[0].from, blocks[0].to)).toBe('I: Hoe gaat het? 👍🏽');
    expect(blocks[0].to - blocks[0].from).toBe(21); // two surrogate pairs: 19 code points, 21 UTF-16 units
    expect(text.slice(blocks[1].from, blocks[1].to)).toBe('R: Goed.');
  });

  it('splits text without turns into paragraphs and skips empty lines', () => {
    const text = 'Eerste alinea.\r\n\r\n  Tweede 😀 alinea.  \nDerde';
    const blocks = buildBlocks(new CodePointIndex(text), []);
    expect(blocks.map((b) => text.slice(b.from, b.to))).toEqual(['Eerste alinea.', 'Tweede 😀 alinea.', 'Derde']);
    expect(blocks.every((b) => b.kind === 'paragraph' && b.speaker === null)).toBe(true);
    expect(blocks[2].end).toBe(cps(text).length);
    expect(blocks[1].start).toBe(cps('Eerste alinea.\r\n\r\n  ').length);
  });

  it('sorts, clamps and un-overlaps turns, and shows text outside turns as paragraphs', () => {
    const text = 'Inleiding\nI: vraag\nR: antwoord';
    const idx = new CodePointIndex(text);
    const blocks = buildBlocks(idx, [
      { start: 19, end: 999, speaker: 'R' },
      { start: 10, end: 21, speaker: ' I ' }, // overlaps the next turn by two
      { start: 5, end: 5, speaker: 'X' }, // empty
    ]);
    expect(blocks.map((b) => [text.slice(b.from, b.to), b.speaker, b.kind])).toEqual([
      ['Inleiding', null, 'paragraph'],
      ['I: vraag\nR:', 'I', 'turn'],
      ['antwoord', 'R', 'turn'],
    ]);
    expect(blocks[1].lineBreaks).toBe(1);
    expect(blocks.map((b) => b.index)).toEqual([0, 1, 2]);
  });

  it('finds the block of an offset', () => {
    const text = 'a\nbb\nccc';
    const blocks = buildBlocks(new CodePointIndex(text), []);
    expect([0, 1, 2, 3, 4, 5, 7, 8, 99].map((cp) => blockAt(blocks, cp))).toEqual([0, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(blockAt([], 3)).toBe(-1);
  });
});

describe('distribute', () => {
  const text = 'aaaa\nbbbb\ncccc';
  const blocks = buildBlocks(new CodePointIndex(text), []); // [0,4) [5,9) [10,14)

  it('gives each block the codings that overlap it, sorted by start and longer first', () => {
    const codings = [
      { id: 'c', start: 10, end: 11 },
      { id: 'x', start: 2, end: 2 }, // empty: dropped
      { id: 'a', start: 3, end: 11 }, // three blocks
      { id: 'b', start: 3, end: 4 },
      { id: 'gap', start: 4, end: 5 }, // only the line break between blocks
    ];
    const lists = distribute(blocks, codings).map((l) => l.map((c) => c.id));
    expect(lists).toEqual([['a', 'b'], ['a'], ['a', 'c']]);
  });

  it('agrees with a brute-force overlap test', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -2, max: 16 }), fc.integer({ min: -2, max: 16 })), { maxLength: 30 }), (pairs) => {
        const items = pairs.map(([s, e], i) => ({ id: `k${i}`, start: s, end: e }));
        const got = distribute(blocks, items).map((l) => l.map((c) => c.id).sort());
        const want = blocks.map((b) => items.filter((c) => c.end > c.start && c.start < b.end && c.end > b.start).map((c) => c.id).sort());
        expect(got).toEqual(want);
      }),
    );
  });
});

describe('assignLanes', () => {
  it('gives overlapping ranges different lanes and reuses free ones', () => {
    const ranges = [
      { start: 0, end: 10 },
      { start: 2, end: 4 },
      { start: 4, end: 8 }, // lane 1 is free again at 4
      { start: 5, end: 6 },
      { start: 10, end: 12 }, // lane 0 is free at 10
    ];
    expect(assignLanes(ranges)).toEqual([0, 1, 1, 2, 0]);
  });

  it('never puts overlapping ranges in one lane', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.integer({ min: 1, max: 20 })), { maxLength: 40 }), (pairs) => {
        const ranges = pairs.map(([s, len]) => ({ start: s, end: s + len })).sort(compareRanges);
        const lanes = assignLanes(ranges);
        for (let i = 0; i < ranges.length; i++)
          for (let j = i + 1; j < ranges.length; j++)
            if (ranges[i].start < ranges[j].end && ranges[j].start < ranges[i].end) expect(lanes[i]).not.toBe(lanes[j]);
      }),
    );
  });
});

describe('splitSegments', () => {
  it('cuts at every coding boundary and lists the overlapping codings by lane', () => {
    const block = { start: 0, end: 20 };
    const items = [
      { start: 2, end: 10 },
      { start: 5, end: 15 },
      { start: 5, end: 7 },
    ].sort(compareRanges);
    // sorted: [2,10) [5,15) [5,7) → lanes 0, 1, 2
    const lanes = assignLanes(items);
    expect(lanes).toEqual([0, 1, 2]);
    const segs = splitSegments(block, items, lanes);
    expect(segs.map((s) => [s.start, s.end, s.active])).toEqual([
      [0, 2, []],
      [2, 5, [0]],
      [5, 7, [0, 1, 2]],
      [7, 10, [0, 1]],
      [10, 15, [1]],
      [15, 20, []],
    ]);
  });

  it('clips codings to the block and marks search hits', () => {
    const segs = splitSegments({ start: 10, end: 20 }, [{ start: 0, end: 12 }], [0], [
      { start: 11, end: 14 },
      { start: 30, end: 40 },
    ]);
    expect(segs.map((s) => [s.start, s.end, s.active, s.hit])).toEqual([
      [10, 11, [0], false],
      [11, 12, [0], true],
      [12, 14, [], true],
      [14, 20, [], false],
    ]);
  });

  it('covers the block exactly, and each segment holds exactly the codings covering it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -5, max: 45 }), fc.integer({ min: 0, max: 25 })), { maxLength: 25 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 6 })), { maxLength: 4 }),
        (pairs, hitPairs) => {
          const block = { start: 3, end: 37 };
          const items: TextRange[] = pairs.map(([s, len]) => ({ start: s, end: s + len })).sort(compareRanges);
          const hits = hitPairs.map(([s, len]) => ({ start: s, end: s + len }));
          const lanes = assignLanes(items);
          const segs = splitSegments(block, items, lanes, hits);
          expect(segs[0].start).toBe(block.start);
          expect(segs.at(-1)!.end).toBe(block.end);
          for (let k = 0; k < segs.length; k++) {
            const s = segs[k];
            expect(s.end).toBeGreaterThan(s.start);
            if (k) expect(s.start).toBe(segs[k - 1].end);
            const covering = items.map((r, i) => ({ r, i })).filter(({ r }) => r.start <= s.start && r.end >= s.end && r.end > r.start).map(({ i }) => i);
            expect([...s.active].sort((a, b) => a - b)).toEqual(covering);
            for (let j = 1; j < s.active.length; j++) expect(lanes[s.active[j]]).toBeGreaterThanOrEqual(lanes[s.active[j - 1]]);
            expect(s.hit).toBe(hits.some((h) => h.start <= s.start && h.end >= s.end));
            // a boundary inside a segment would mean a missed cut
            for (const r of items.filter((x) => x.end > x.start)) {
              for (const edge of [r.start, r.end]) expect(edge > s.start && edge < s.end).toBe(false);
            }
          }
        },
      ),
    );
  });

  it('returns nothing for an empty block', () => {
    expect(splitSegments({ start: 4, end: 4 }, [], [])).toEqual([]);
  });
});

describe('helpers', () => {
  it('accepts only hex colours', () => {
    expect(safeColor('#1D4F91')).toBe('#1d4f91');
    expect(safeColor('#abc')).toBe('#abc');
    expect(safeColor('red; background: url(x)')).toBe('#6b7280');
    expect(safeColor(undefined)).toBe('#6b7280');
  });

  it('shortens an excerpt at a word', () => {
    expect(excerpt('  kort\n stuk ')).toBe('kort stuk');
    expect(excerpt('een twee drie vier vijf zes zeven', 16)).toBe('een twee drie…');
  });

  it('compares coding lists by content', () => {
    const a = { id: '1', codeId: 'k', start: 1, end: 2 };
    expect(sameList([a], [{ ...a, memo: null }], sameCoding)).toBe(true);
    expect(sameList([a], [{ ...a, end: 3 }], sameCoding)).toBe(false);
    expect(sameList([a], [], sameCoding)).toBe(false);
  });
});
