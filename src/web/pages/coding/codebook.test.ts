import { describe, expect, it } from 'vitest';
import { buildTree, canDrop, descendants, filterCodes, flatten, fold, mergeTargets, moveTargets, pathName, resolveCodes, shortcuts, type CodeLike } from './codebook';

const code = (id: string, parentId: string | null, name: string, position = 0): CodeLike => ({ id, parentId, name, position });
const CODES: CodeLike[] = [
  code('b', null, 'Contact en omgang', 1),
  code('a', null, 'Knelpunt', 0),
  code('a2', 'a', 'Wachttijd', 1),
  code('a1', 'a', 'Communicatie', 0),
  code('a1x', 'a1', 'Coöperatie', 0),
  code('c', null, 'Perspectief', 2),
];

describe('codebook tree', () => {
  it('nests by parent and orders siblings by position', () => {
    const flat = flatten(buildTree(CODES));
    expect(flat.map((n) => [n.code.id, n.depth])).toEqual([
      ['a', 0],
      ['a1', 1],
      ['a1x', 2],
      ['a2', 1],
      ['b', 0],
      ['c', 0],
    ]);
  });
  it('puts codes with a missing parent or in a cycle at the top instead of losing them', () => {
    const flat = flatten(buildTree([code('x', 'gone', 'Wees'), code('p', 'q', 'P'), code('q', 'p', 'Q', 1)]));
    expect(flat.map((n) => n.code.id).sort()).toEqual(['p', 'q', 'x']);
  });
  it('knows subcodes, paths, and where a code may move or merge', () => {
    expect([...descendants(CODES, 'a')].sort()).toEqual(['a1', 'a1x', 'a2']);
    expect(pathName(CODES, 'a1x')).toBe('Knelpunt › Communicatie › Coöperatie');
    // not under itself or its subcodes, and not where it already is; the top level because it has a parent
    expect(moveTargets(CODES, 'a1').map((t) => t.id)).toEqual([null, 'a2', 'b', 'c']);
    expect(moveTargets(CODES, 'b').map((t) => t.id)).toEqual(['a', 'a1', 'a1x', 'a2', 'c']);
    expect(mergeTargets(CODES, 'a').map((t) => t.id)).toEqual(['b', 'c']);
    expect(canDrop(CODES, 'a', 'a1x')).toBe(false);
    expect(canDrop(CODES, 'a', 'a')).toBe(false);
    expect(canDrop(CODES, 'a1', 'a')).toBe(false);
    expect(canDrop(CODES, 'a1', 'b')).toBe(true);
    expect(canDrop(CODES, 'a1', null)).toBe(true);
    expect(canDrop(CODES, 'b', null)).toBe(false);
  });
  it('numbers the first nine codes for the shortcuts', () => {
    const many = Array.from({ length: 12 }, (_, i) => code(`k${i}`, null, `Code ${i}`, i));
    const s = shortcuts(flatten(buildTree(many)));
    expect(s.size).toBe(9);
    expect(s.get('k0')).toBe(1);
    expect(s.get('k8')).toBe(9);
    expect(s.has('k9')).toBe(false);
  });
});

describe('quick filter', () => {
  const flat = flatten(buildTree(CODES));
  it('ignores case and accents, names that start with the query first', () => {
    expect(fold(' Coöperatie ')).toBe('cooperatie');
    expect(filterCodes(flat, 'co').map((c) => c.id)).toEqual(['a1', 'a1x', 'b']);
    expect(filterCodes(flat, 'PUNT').map((c) => c.id)).toEqual(['a']);
    expect(filterCodes(flat, '  ')).toEqual([]);
  });
  it('resolves one or more codes from an entry, reporting the parts that match nothing', () => {
    expect(resolveCodes(flat, 'knel').codes.map((c) => c.id)).toEqual(['a']);
    const r = resolveCodes(flat, 'knel, persp; knelpunt, onbekend');
    expect(r.codes.map((c) => c.id)).toEqual(['a', 'c']);
    expect(r.unknown).toEqual(['onbekend']);
    // an exact name wins over an earlier prefix match
    expect(resolveCodes(flat, 'communicatie').codes.map((c) => c.id)).toEqual(['a1']);
  });
});
