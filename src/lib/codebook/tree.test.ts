import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeTreeError, descendants, explainMove, mergePlan, moveAllowed, pathOf, type TreeNode } from './tree';

//  a ─ b ─ d
//  │    └─ e ─ f
//  └─ c
//  g
const tree: TreeNode[] = [
  { id: 'a', parentId: null },
  { id: 'b', parentId: 'a' },
  { id: 'c', parentId: 'a' },
  { id: 'd', parentId: 'b' },
  { id: 'e', parentId: 'b' },
  { id: 'f', parentId: 'e' },
  { id: 'g', parentId: null },
];

describe('descendants', () => {
  it('lists all codes below, depth first', () => {
    expect(descendants(tree, 'a')).toEqual(['b', 'd', 'e', 'f', 'c']);
    expect(descendants(tree, 'e')).toEqual(['f']);
    expect(descendants(tree, 'f')).toEqual([]);
    expect(descendants(tree, 'nope')).toEqual([]);
  });
  it('stops on a cycle in stored data', () => {
    expect(descendants([{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }], 'x')).toEqual(['y']);
  });
});

describe('pathOf', () => {
  it('gives the path from the root', () => {
    expect(pathOf(tree, 'f').map((n) => n.id)).toEqual(['a', 'b', 'e', 'f']);
    expect(pathOf(tree, 'g').map((n) => n.id)).toEqual(['g']);
    expect(pathOf(tree, 'nope')).toEqual([]);
  });
  it('refuses a cycle', () => {
    expect(() => pathOf([{ id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }], 'x')).toThrow(CodeTreeError);
  });
});

describe('moveAllowed', () => {
  it.each([
    ['f', 'g', true, null],
    ['b', 'c', true, null],
    ['b', null, true, null],
    ['d', 'b', true, null], // its own parent: a no-op
    ['a', 'f', false, 'Een code kan niet onder een van haar eigen subcodes worden geplaatst.'],
    ['b', 'e', false, 'Een code kan niet onder een van haar eigen subcodes worden geplaatst.'],
    ['b', 'b', false, 'Een code kan niet onder zichzelf worden geplaatst.'],
    ['x', 'a', false, 'De code die u wilt verplaatsen bestaat niet.'],
    ['a', 'x', false, 'De nieuwe bovenliggende code bestaat niet.'],
  ] as const)('%s under %s → %s', (id, parent, allowed, reason) => {
    expect(moveAllowed(tree, id, parent)).toBe(allowed);
    expect(explainMove(tree, id, parent)).toBe(reason);
  });

  it('never creates a cycle (random trees and moves)', () => {
    const arb = fc.array(fc.nat(), { minLength: 1, maxLength: 25 }).chain((parents) =>
      fc.tuple(fc.constant(parents), fc.nat(parents.length - 1), fc.option(fc.nat(parents.length - 1))),
    );
    fc.assert(
      fc.property(arb, ([parents, mover, target]) => {
        // node i's parent is a lower-numbered node (or none): always a forest
        const nodes: TreeNode[] = parents.map((p, i) => ({ id: `n${i}`, parentId: i === 0 || p % (i + 1) === i ? null : `n${p % i}` }));
        const id = `n${mover}`;
        const newParent = target === null ? null : `n${target}`;
        if (!moveAllowed(nodes, id, newParent)) return;
        const moved = nodes.map((n) => (n.id === id ? { ...n, parentId: newParent } : n));
        for (const n of moved) expect(pathOf(moved, n.id)[0].parentId).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('mergePlan', () => {
  const codings = [
    { id: 'k1', codeId: 'e', segmentKey: 'doc1:0-10:anna' },
    { id: 'k2', codeId: 'e', segmentKey: 'doc1:20-30:anna' },
    { id: 'k3', codeId: 'c', segmentKey: 'doc1:20-30:anna' }, // target already codes this passage
    { id: 'k4', codeId: 'f', segmentKey: 'doc2:0-5:bram' }, // a child's coding stays with the child
    { id: 'k5', codeId: 'c', segmentKey: 'doc3:0-5:bram' },
  ];

  it('moves codings to the target (without duplicates) and children under the target', () => {
    expect(mergePlan(tree, 'e', 'c', codings)).toEqual({
      sourceId: 'e',
      targetId: 'c',
      moveChildren: [{ id: 'f', fromParentId: 'e', toParentId: 'c' }],
      recode: ['k1'],
      dropDuplicates: ['k2'],
      deleteId: 'e',
    });
  });

  it('merges a parent into a code elsewhere, and a child into its ancestor', () => {
    expect(mergePlan(tree, 'b', 'g').moveChildren.map((m) => m.id)).toEqual(['d', 'e']);
    const up = mergePlan(tree, 'e', 'a');
    expect(up.moveChildren).toEqual([{ id: 'f', fromParentId: 'e', toParentId: 'a' }]);
    expect(up.recode).toEqual([]);
  });

  it('leaves a tree without cycles once carried out', () => {
    const plan = mergePlan(tree, 'b', 'c');
    const after = tree
      .filter((n) => n.id !== plan.deleteId)
      .map((n) => {
        const m = plan.moveChildren.find((x) => x.id === n.id);
        return m ? { ...n, parentId: m.toParentId } : n;
      });
    expect(descendants(after, 'c')).toEqual(['d', 'e', 'f']);
    for (const n of after) expect(pathOf(after, n.id)[0].parentId).toBeNull();
  });

  it('refuses impossible merges in Dutch', () => {
    expect(() => mergePlan(tree, 'b', 'f')).toThrow('Een code kan niet worden samengevoegd met een van haar eigen subcodes. Verplaats die subcode eerst.');
    expect(() => mergePlan(tree, 'b', 'b')).toThrow('Een code kan niet met zichzelf worden samengevoegd.');
    expect(() => mergePlan(tree, 'x', 'b')).toThrow('De code die u wilt samenvoegen bestaat niet.');
    expect(() => mergePlan(tree, 'b', 'x')).toThrow('De code waarmee u wilt samenvoegen bestaat niet.');
  });
});
