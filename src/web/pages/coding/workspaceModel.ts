/**
 * The coding workspace's codings, pure: optimistic changes (a code applied shows at once, with a temporary id),
 * reconciled with the server's answer or rolled back when it fails, and the undo history of applies and removals.
 * No React, no fetch: unit-tested in workspaceModel.test.ts.
 */
import type { TextRange } from './segments';

export interface WsCoding {
  id: string;
  codeId: string;
  /** code points, end exclusive */
  start: number;
  end: number;
  memo: string;
}

export const TEMP_PREFIX = 'tmp:';
export const isTemp = (id: string) => id.startsWith(TEMP_PREFIX);

export interface CodingState {
  codings: WsCoding[];
}

export type CodingAction =
  /** the server's codings of the document (a reload): kept are only the optimistic ones still on their way */
  | { type: 'sync'; codings: readonly WsCoding[] }
  /** optimistic: shown at once */
  | { type: 'add'; codings: readonly WsCoding[] }
  /** the server answered an add: the temporary codings give way to the saved ones */
  | { type: 'added'; tempIds: readonly string[]; saved: readonly WsCoding[] }
  /** the add failed: the temporary codings go */
  | { type: 'addFailed'; tempIds: readonly string[] }
  /** optimistic removal (also: a removal rolled forward) */
  | { type: 'remove'; ids: readonly string[] }
  /** a removal failed: the codings come back */
  | { type: 'restore'; codings: readonly WsCoding[] }
  | { type: 'memo'; id: string; memo: string };

const slim = (c: WsCoding): WsCoding => ({ id: c.id, codeId: c.codeId, start: c.start, end: c.end, memo: c.memo ?? '' });

export function codingReducer(state: CodingState, action: CodingAction): CodingState {
  switch (action.type) {
    case 'sync': {
      const temps = state.codings.filter((c) => isTemp(c.id));
      return { codings: [...action.codings.map(slim), ...temps] };
    }
    case 'add': {
      if (!action.codings.length) return state;
      return { codings: [...state.codings, ...action.codings.map(slim)] };
    }
    case 'added': {
      const drop = new Set(action.tempIds);
      const kept = state.codings.filter((c) => !drop.has(c.id));
      const have = new Set(kept.map((c) => c.id));
      return { codings: [...kept, ...action.saved.filter((c) => !have.has(c.id)).map(slim)] };
    }
    case 'addFailed': {
      const drop = new Set(action.tempIds);
      return { codings: state.codings.filter((c) => !drop.has(c.id)) };
    }
    case 'remove': {
      const drop = new Set(action.ids);
      const next = state.codings.filter((c) => !drop.has(c.id));
      return next.length === state.codings.length ? state : { codings: next };
    }
    case 'restore': {
      const have = new Set(state.codings.map((c) => c.id));
      const back = action.codings.filter((c) => !have.has(c.id)).map(slim);
      return back.length ? { codings: [...state.codings, ...back] } : state;
    }
    case 'memo':
      return { codings: state.codings.map((c) => (c.id === action.id ? { ...c, memo: action.memo } : c)) };
  }
}

let tempCounter = 0;

/**
 * Temporary codings for applying `codeIds` to `range`; codes already on exactly that range are left out (the
 * server would not add them again either).
 */
export function tempCodings(existing: readonly WsCoding[], range: TextRange, codeIds: readonly string[]): WsCoding[] {
  const there = new Set(existing.filter((c) => c.start === range.start && c.end === range.end).map((c) => c.codeId));
  const n = ++tempCounter;
  return [...new Set(codeIds)].filter((id) => !there.has(id)).map((codeId) => ({ id: `${TEMP_PREFIX}${n}:${codeId}`, codeId, start: range.start, end: range.end, memo: '' }));
}

/** The codings of an apply's answer that did not exist before it (the rest were already there). */
export function createdBy(before: readonly WsCoding[], saved: readonly WsCoding[]): WsCoding[] {
  const had = new Set(before.map((c) => c.id));
  return saved.filter((c) => !had.has(c.id));
}

/** One step that "Ongedaan maken" (Ctrl+Z) reverses. */
export type UndoStep = { kind: 'apply'; codings: WsCoding[] } | { kind: 'remove'; codings: WsCoding[] };

export const UNDO_LIMIT = 50;

export function pushUndo(stack: readonly UndoStep[], step: UndoStep): UndoStep[] {
  if (!step.codings.length) return [...stack];
  return [...stack, step].slice(-UNDO_LIMIT);
}

/**
 * After a coding was removed some other way (or its code deleted), a step that refers to it can no longer be
 * undone as it was: such steps lose those codings (and steps that are left empty go).
 */
export function forgetInUndo(stack: readonly UndoStep[], ids: ReadonlySet<string>): UndoStep[] {
  return stack.map((s) => (s.kind === 'apply' ? { ...s, codings: s.codings.filter((c) => !ids.has(c.id)) } : s)).filter((s) => s.codings.length > 0);
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Words in a text (letters and digits, with inner apostrophes and hyphens): "zo'n ouder-kind relatie" is 2. */
export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

/** Codings per code, for the counts in the codebook. */
export function countByCode(codings: readonly WsCoding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of codings) out.set(c.codeId, (out.get(c.codeId) ?? 0) + 1);
  return out;
}

/** The keyboard target is a field where typing means text (shortcuts stay out of the way there). */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!el || typeof (el as Element).closest !== 'function') return false;
  const e = el as HTMLElement;
  if (e.isContentEditable) return true;
  const tag = e.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (e as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'color', 'range', 'file'].includes(type);
}

export interface DisplayTurn {
  start: number;
  end: number;
  speaker: string | null;
  /** where the turn's own text starts (after a "R: " label on the same line); equal to start without a label */
  content: number;
}

/**
 * The turns as the document view shows them: a transcript's units start after the speaker label ("R: …"), so the
 * label would be a paragraph of its own; each turn is widened back to the start of its line when only the label
 * stands between them (never into the previous turn).
 */
export function displayTurns(idx: { text: string; toUtf16(cp: number): number; toCp(i: number): number }, units: readonly { start: number; end: number; speaker: string | null }[]): DisplayTurn[] {
  const text = idx.text;
  const sorted = [...units].sort((a, b) => a.start - b.start || a.end - b.end);
  let prevEnd = 0;
  return sorted.map((u) => {
    const at = idx.toUtf16(u.start);
    const floor = idx.toUtf16(prevEnd);
    let i = at;
    while (i > floor && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
    const label = text.slice(i, at);
    prevEnd = Math.max(prevEnd, u.end);
    const widen = label.trim() !== '' && label.length <= 120 && /^\s*[^\s:][^:]*:\s*$/.test(label);
    const start = widen ? idx.toCp(i) : u.start;
    return { start, end: u.end, speaker: u.speaker, content: u.start };
  });
}

/** A selection that starts in a turn's label starts at the turn's text instead (the label is not coded). */
export function trimToContent(range: TextRange, turns: readonly DisplayTurn[]): TextRange {
  let lo = 0;
  let hi = turns.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = turns[mid];
    if (range.start < t.start) hi = mid - 1;
    else if (range.start >= t.end) lo = mid + 1;
    else {
      if (range.start < t.content && range.end > t.content) return { start: t.content, end: range.end };
      return range;
    }
  }
  return range;
}
