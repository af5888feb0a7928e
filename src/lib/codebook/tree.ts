/**
 * Pure operations on a code tree given as flat nodes ({ id, parentId }). Nothing here touches a database;
 * a service checks a move or builds a merge plan here, then carries it out in one transaction.
 */

export interface TreeNode {
  id: string;
  parentId: string | null;
}

/** A request that cannot be carried out; the message is Dutch. */
export class CodeTreeError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'CodeTreeError';
  }
}

function byId<T extends TreeNode>(nodes: readonly T[]): Map<string, T> {
  return new Map(nodes.map((n) => [n.id, n]));
}

function childrenIndex(nodes: readonly TreeNode[]): Map<string | null, string[]> {
  const index = new Map<string | null, string[]>();
  for (const n of nodes) {
    const list = index.get(n.parentId);
    if (list) list.push(n.id);
    else index.set(n.parentId, [n.id]);
  }
  return index;
}

/** Ids of all codes below `id` (children, grandchildren, …), depth first in the order of `nodes`. */
export function descendants(nodes: readonly TreeNode[], id: string): string[] {
  const children = childrenIndex(nodes);
  const out: string[] = [];
  const seen = new Set<string>([id]);
  const walk = (parent: string) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c)) continue; // guards against a cycle in stored data
      seen.add(c);
      out.push(c);
      walk(c);
    }
  };
  walk(id);
  return out;
}

/** The nodes from the root down to `id` (inclusive); [] when `id` does not exist. */
export function pathOf<T extends TreeNode>(nodes: readonly T[], id: string): T[] {
  const map = byId(nodes);
  const path: T[] = [];
  const seen = new Set<string>();
  for (let n = map.get(id); n !== undefined; n = n.parentId === null ? undefined : map.get(n.parentId)) {
    if (seen.has(n.id)) throw new CodeTreeError('De codeboom bevat een kringverwijzing.');
    seen.add(n.id);
    path.unshift(n);
  }
  return path;
}

/**
 * Why moving `id` under `newParentId` (null: to the top level) is not possible, or null when it is.
 * A code cannot be placed under itself or under one of its own subcodes (that would make a cycle).
 */
export function explainMove(nodes: readonly TreeNode[], id: string, newParentId: string | null): string | null {
  const map = byId(nodes);
  if (!map.has(id)) return 'De code die u wilt verplaatsen bestaat niet.';
  if (newParentId === null) return null;
  if (!map.has(newParentId)) return 'De nieuwe bovenliggende code bestaat niet.';
  if (newParentId === id) return 'Een code kan niet onder zichzelf worden geplaatst.';
  if (descendants(nodes, id).includes(newParentId)) return 'Een code kan niet onder een van haar eigen subcodes worden geplaatst.';
  return null;
}

/** Whether `id` may move under `newParentId` (null: to the top level) without making a cycle. */
export function moveAllowed(nodes: readonly TreeNode[], id: string, newParentId: string | null): boolean {
  return explainMove(nodes, id, newParentId) === null;
}

/** A coding (a code applied to a passage); `segmentKey` identifies the passage and coder. */
export interface CodingRef {
  id: string;
  codeId: string;
  segmentKey: string;
}

export interface MergePlan {
  sourceId: string;
  targetId: string;
  /** Direct children of the source, which move (with their subtrees) under the target. */
  moveChildren: { id: string; fromParentId: string; toParentId: string }[];
  /** Codings of the source that get the target as their code. */
  recode: string[];
  /** Codings of the source on a passage the target already codes (same segmentKey): removed, not duplicated. */
  dropDuplicates: string[];
  /** The source code, removed once the above is done. */
  deleteId: string;
}

/**
 * What merging code `sourceId` into `targetId` does: the source's codings move to the target (except those
 * that would duplicate a coding the target already has on the same passage), the source's children move
 * under the target, and the source is removed. The target keeps its place, name and description. Merging a
 * code into one of its own subcodes is refused, as that would make a cycle.
 */
export function mergePlan(nodes: readonly TreeNode[], sourceId: string, targetId: string, codings: readonly CodingRef[] = []): MergePlan {
  const map = byId(nodes);
  if (!map.has(sourceId)) throw new CodeTreeError('De code die u wilt samenvoegen bestaat niet.');
  if (!map.has(targetId)) throw new CodeTreeError('De code waarmee u wilt samenvoegen bestaat niet.');
  if (sourceId === targetId) throw new CodeTreeError('Een code kan niet met zichzelf worden samengevoegd.');
  if (descendants(nodes, sourceId).includes(targetId)) {
    throw new CodeTreeError('Een code kan niet worden samengevoegd met een van haar eigen subcodes. Verplaats die subcode eerst.');
  }
  const moveChildren = nodes
    .filter((n) => n.parentId === sourceId)
    .map((n) => ({ id: n.id, fromParentId: sourceId, toParentId: targetId }));
  const targetSegments = new Set(codings.filter((c) => c.codeId === targetId).map((c) => c.segmentKey));
  const recode: string[] = [];
  const dropDuplicates: string[] = [];
  for (const c of codings) {
    if (c.codeId !== sourceId) continue;
    if (targetSegments.has(c.segmentKey)) dropDuplicates.push(c.id);
    else {
      recode.push(c.id);
      targetSegments.add(c.segmentKey); // two source codings on one passage become one
    }
  }
  return { sourceId, targetId, moveChildren, recode, dropDuplicates, deleteId: sourceId };
}
