import { describe, expect, it } from 'vitest';
import { attributeMatrix, codeSet, cooccurrence, cooccurrenceCodings, countOf, frequencies, groupMatrix, jaccardOf, treeOrder, unitsOfCodings, type ACode, type ACoding } from './compute';

const codes: ACode[] = [
  { id: 'type', parentId: null, name: 'Type', position: 0 },
  { id: 'knel', parentId: 'type', name: 'Knelpunt', position: 0 },
  { id: 'goed', parentId: 'type', name: 'Goede praktijk', position: 1 },
  { id: 'thema', parentId: null, name: "Thema's", position: 1 },
  { id: 'contact', parentId: 'thema', name: 'Contact', position: 0 },
  { id: 'school', parentId: 'thema', name: 'School', position: 1 },
  { id: 'school.sub', parentId: 'school', name: 'Schoolwissel', position: 0 },
];

let n = 0;
const c = (codeId: string, documentId: string, start: number, end: number, participantId: string | null = null): ACoding => ({ id: `c${++n}`, codeId, documentId, start, end, participantId });

// two documents: d1 (participant p1, a child) with turns [0,10) [10,20) [20,30); d2 (p2, a parent) without turns
const data: ACoding[] = [
  c('contact', 'd1', 0, 5, 'p1'),
  c('knel', 'd1', 2, 8, 'p1'), // overlaps contact in turn 0
  c('contact', 'd1', 12, 18, 'p1'),
  c('goed', 'd1', 19, 22, 'p1'), // turn 1 and 2; overlaps contact (12–18)? no: 19 ≥ 18
  c('school', 'd1', 21, 25, 'p1'), // overlaps goed
  c('school.sub', 'd2', 0, 4, 'p2'),
  c('contact', 'd2', 10, 20, 'p2'),
  c('knel', 'd2', 30, 40, 'p2'),
];
const turns = new Map([['d1', [{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 20, end: 30 }]]]);

describe('tree and code sets', () => {
  it('orders codes depth first with depth', () => {
    expect(treeOrder(codes).map((x) => `${x.depth}:${x.code.id}`)).toEqual(['0:type', '1:knel', '1:goed', '0:thema', '1:contact', '1:school', '2:school.sub']);
  });
  it('collects subcodes only when asked', () => {
    expect([...codeSet(codes, 'thema', false)]).toEqual(['thema']);
    expect([...codeSet(codes, 'thema', true)].sort()).toEqual(['contact', 'school', 'school.sub', 'thema']);
  });
});

describe('frequencies', () => {
  it('counts segments, documents and participants, with and without subcodes', () => {
    const [contact, school, thema] = frequencies(codes, data, ['contact', 'school', 'thema'], false);
    expect(contact).toMatchObject({ segments: 3, documents: 2, participants: 2 });
    expect(school).toMatchObject({ segments: 1, documents: 1, participants: 1 });
    expect(thema).toMatchObject({ segments: 0, documents: 0, participants: 0 });
    const withKids = frequencies(codes, data, ['school', 'thema'], true);
    expect(withKids[0]).toMatchObject({ segments: 2, documents: 2, participants: 2 });
    expect(withKids[1]).toMatchObject({ segments: 5, documents: 2, participants: 2 });
  });
  it('counts a passage coded with a code and its subcode once', () => {
    const twice = [c('school', 'd9', 0, 5, null), c('school.sub', 'd9', 0, 5, null)];
    expect(countOf(twice, 'segments')).toBe(1);
    expect(countOf(twice, 'participants')).toBe(0);
  });
});

describe('units', () => {
  it('puts a coding in every turn it overlaps; a document without turns is one unit', () => {
    const u = unitsOfCodings(data, 'turn', turns);
    expect(u.get(data[3].id)).toEqual(['d1:t1', 'd1:t2']);
    expect(u.get(data[0].id)).toEqual(['d1:t0']);
    expect(u.get(data[5].id)).toEqual(['d2:*']);
    expect(u.get(data[7].id)).toEqual(['d2:*']);
  });
  it('links overlapping codings into regions', () => {
    const u = unitsOfCodings(data, 'overlap', turns);
    expect(u.get(data[0].id)).toEqual(u.get(data[1].id));
    expect(u.get(data[3].id)).toEqual(u.get(data[4].id));
    expect(u.get(data[2].id)).not.toEqual(u.get(data[3].id)); // 12–18 and 19–22 touch nothing
    expect(u.get(data[5].id)).not.toEqual(u.get(data[6].id));
  });
});

describe('co-occurrence and Jaccard', () => {
  it('counts shared units and Jaccard per pair (turns)', () => {
    const rows = [new Set(['contact']), new Set(['knel']), new Set(['goed'])];
    const r = cooccurrence(rows, data, unitsOfCodings(data, 'turn', turns));
    // contact: d1:t0, d1:t1, d2:*  knel: d1:t0, d2:*  goed: d1:t1, d1:t2
    expect(r.units).toEqual([3, 2, 2]);
    expect(r.counts).toEqual([
      [3, 2, 1],
      [2, 2, 0],
      [1, 0, 2],
    ]);
    expect(r.jaccard[0][1]).toBeCloseTo(2 / 3, 10);
    expect(r.jaccard[0][2]).toBeCloseTo(1 / 4, 10);
    expect(r.jaccard[1][2]).toBe(0);
    expect(r.jaccard[0][0]).toBe(1);
  });
  it('counts overlaps only in overlap mode', () => {
    const rows = [new Set(['contact']), new Set(['knel'])];
    const r = cooccurrence(rows, data, unitsOfCodings(data, 'overlap', turns));
    expect(r.counts[0][1]).toBe(1);
    expect(r.units).toEqual([3, 2]);
    expect(r.jaccard[0][1]).toBeCloseTo(1 / 4, 10);
  });
  it('gives the codings behind a cell', () => {
    const u = unitsOfCodings(data, 'turn', turns);
    const cell = cooccurrenceCodings(new Set(['contact']), new Set(['knel']), data, u);
    expect(cell.map((x) => x.id).sort()).toEqual([data[0].id, data[1].id, data[6].id, data[7].id].sort());
  });
  it('Jaccard of empty sets is undefined', () => {
    expect(jaccardOf(0, 0, 0)).toBeNull();
  });
});

describe('matrices', () => {
  it('code × attribute: segments, documents and participants per cell', () => {
    const role = new Map([['d1', 'child'], ['d2', 'parent']]);
    const rows = [new Set(['contact']), new Set(['knel'])];
    const seg = attributeMatrix(rows, data, (x) => role.get(x.documentId) ?? '', ['child', 'parent', 'professional'], 'segments');
    expect(seg.counts).toEqual([
      [2, 1, 0],
      [1, 1, 0],
    ]);
    expect(seg.rowTotals).toEqual([3, 2]);
    const docs = attributeMatrix(rows, data, (x) => role.get(x.documentId) ?? '', ['child', 'parent', 'professional'], 'documents');
    expect(docs.counts).toEqual([
      [1, 1, 0],
      [1, 1, 0],
    ]);
    expect(seg.cells[0][0].map((x) => x.id)).toEqual([data[0].id, data[2].id]);
  });
  it('theme × type via co-occurring codes', () => {
    const rows = [new Set(['contact']), new Set(['school', 'school.sub'])];
    const cols = [new Set(['knel']), new Set(['goed'])];
    const overlap = groupMatrix(rows, cols, data, unitsOfCodings(data, 'overlap', turns), 'segments');
    expect(overlap.counts).toEqual([
      [1, 0],
      [0, 1],
    ]);
    const turn = groupMatrix(rows, cols, data, unitsOfCodings(data, 'turn', turns), 'segments');
    // contact: t0 with knel; t1 with goed; d2 with knel → [2 (0–5, 10–20 in d2), 1]
    expect(turn.counts).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(turn.rowTotals).toEqual([3, 2]);
  });
});
