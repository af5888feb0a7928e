/**
 * The codebook as a tree, pure (no React, no fetch): the server sends a flat list (parent, position); the
 * workspace shows it nested, numbers the first nine codes for the 1–9 shortcuts, filters it by name, and offers
 * only the moves and merges the server allows (no code under itself or its subcodes).
 */

export interface CodeLike {
  id: string;
  parentId: string | null;
  name: string;
  position: number;
}

export interface CodeNode<C extends CodeLike = CodeLike> {
  code: C;
  depth: number;
  children: CodeNode<C>[];
}

const byPosition = (a: CodeLike, b: CodeLike) => a.position - b.position || a.name.localeCompare(b.name, 'nl');

/** The codes as a forest, siblings by position. A code whose parent is missing (or in a cycle) goes to the top. */
export function buildTree<C extends CodeLike>(codes: readonly C[]): CodeNode<C>[] {
  const ids = new Set(codes.map((c) => c.id));
  const kids = new Map<string | null, C[]>();
  for (const c of codes) {
    const parent = c.parentId && ids.has(c.parentId) && c.parentId !== c.id ? c.parentId : null;
    const list = kids.get(parent);
    if (list) list.push(c);
    else kids.set(parent, [c]);
  }
  const seen = new Set<string>();
  const make = (parent: string | null, depth: number): CodeNode<C>[] =>
    (kids.get(parent) ?? [])
      .sort(byPosition)
      .filter((c) => !seen.has(c.id))
      .map((c) => {
        seen.add(c.id);
        return { code: c, depth, children: make(c.id, depth + 1) };
      });
  const roots = make(null, 0);
  // codes in a parent cycle are never reached from the top: show them there rather than not at all
  const lost = codes.filter((c) => !seen.has(c.id)).sort(byPosition);
  for (const c of lost) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    roots.push({ code: c, depth: 0, children: make(c.id, 1) });
  }
  return roots;
}

/** Depth-first order: what the tree shows from top to bottom. */
export function flatten<C extends CodeLike>(tree: readonly CodeNode<C>[]): CodeNode<C>[] {
  const out: CodeNode<C>[] = [];
  const walk = (nodes: readonly CodeNode<C>[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

/** The ids of a code's subcodes, at any depth (not the code itself). */
export function descendants(codes: readonly CodeLike[], id: string): Set<string> {
  const kids = new Map<string, string[]>();
  for (const c of codes) if (c.parentId) kids.set(c.parentId, [...(kids.get(c.parentId) ?? []), c.id]);
  const out = new Set<string>();
  const stack = [...(kids.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next) || next === id) continue;
    out.add(next);
    stack.push(...(kids.get(next) ?? []));
  }
  return out;
}

/** "Ouder › Kind": the names from the top down to the code. */
export function pathName(codes: readonly CodeLike[], id: string, separator = ' › '): string {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let c = byId.get(id); c && !seen.has(c.id); c = c.parentId ? byId.get(c.parentId) : undefined) {
    seen.add(c.id);
    names.unshift(c.name);
  }
  return names.join(separator);
}

/** Where a code may move to: any code but itself, its subcodes and its current parent (null: the top level). */
export function moveTargets<C extends CodeLike>(codes: readonly C[], id: string): { id: string | null; label: string }[] {
  const me = codes.find((c) => c.id === id);
  if (!me) return [];
  const below = descendants(codes, id);
  const out: { id: string | null; label: string }[] = me.parentId ? [{ id: null, label: '' }] : [];
  for (const n of flatten(buildTree(codes))) {
    const c = n.code;
    if (c.id === id || below.has(c.id) || c.id === me.parentId) continue;
    out.push({ id: c.id, label: pathName(codes, c.id) });
  }
  return out;
}

/** Codes another code can be merged into: any but itself and its subcodes. */
export function mergeTargets<C extends CodeLike>(codes: readonly C[], id: string): { id: string; label: string }[] {
  const below = descendants(codes, id);
  return flatten(buildTree(codes))
    .map((n) => n.code)
    .filter((c) => c.id !== id && !below.has(c.id))
    .map((c) => ({ id: c.id, label: pathName(codes, c.id) }));
}

/** A drop of `dragged` on `target` (null: the top level) is a valid move. */
export function canDrop(codes: readonly CodeLike[], dragged: string, target: string | null): boolean {
  const me = codes.find((c) => c.id === dragged);
  if (!me) return false;
  if (target === null) return me.parentId !== null;
  if (target === dragged || target === me.parentId) return false;
  return !descendants(codes, dragged).has(target);
}

/** The 1–9 shortcuts: the first nine codes from the top of the tree. */
export function shortcuts<C extends CodeLike>(flat: readonly CodeNode<C>[]): Map<string, number> {
  return new Map(flat.slice(0, 9).map((n, i) => [n.code.id, i + 1]));
}

/** Lower case without accents: "Coöperatie" finds "cooperatie". */
export const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/**
 * The codes whose name contains the query (case and accents ignored); names that start with it first, then in
 * tree order. An empty query: none.
 */
export function filterCodes<C extends CodeLike>(flat: readonly CodeNode<C>[], query: string): C[] {
  const q = fold(query);
  if (!q) return [];
  const starts: C[] = [];
  const contains: C[] = [];
  for (const n of flat) {
    const name = fold(n.code.name);
    if (name.startsWith(q)) starts.push(n.code);
    else if (name.includes(q)) contains.push(n.code);
  }
  return [...starts, ...contains];
}

/**
 * The codes a quick-filter entry names: "knel" → the first match; "knel, contact" → the first match of each
 * part (without doubles). Parts that match nothing are returned in `unknown`.
 */
export function resolveCodes<C extends CodeLike>(flat: readonly CodeNode<C>[], entry: string): { codes: C[]; unknown: string[] } {
  const codes: C[] = [];
  const unknown: string[] = [];
  for (const part of entry.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const exact = flat.find((n) => fold(n.code.name) === fold(part))?.code;
    const hit = exact ?? filterCodes(flat, part)[0];
    if (!hit) unknown.push(part);
    else if (!codes.includes(hit)) codes.push(hit);
  }
  return { codes, unknown };
}
