/**
 * Pure logic of team coding: the units of a reliability check, the reliability data per code built from the coders'
 * codings, the agreement table, the items of the disagreement view and the span arithmetic of adjudication.
 * No I/O. Offsets are Unicode code points, end exclusive (as everywhere in coding).
 *
 * Units ("eenheden"):
 * - characters: every code point of the text is a unit; per code, each coder coded it or not (as NVivo's coding
 *   comparison). Stretches of characters with the same values are one weighted unit, so a long text stays cheap.
 * - turns: the speaker turns of the version (for a text without turns: its non-empty lines); per code, present or
 *   absent per coder (a coding that overlaps the turn makes it present).
 * - sentences: the turns split into sentences by the Dutch-aware splitter of lib/transcripts (sentenceUnits).
 * Missing values: a coder who has no codings at all in a document has not coded it (yet): their values for that
 * document are missing, not "absent". Krippendorff's α allows that; κ and the percentage use the units both/all
 * coders coded.
 * Overall ("totaal"): computed on the pooled unit × code matrix (every unit of every code together), not as a mean.
 */
import { agreement, type AgreementResult, type ReliabilityUnit } from '../../../lib/stats/agreement';
import { sentenceUnits } from '../../../lib/transcripts/sentences';
import { cpLength } from '../../../lib/text/codepoints';

export const UNIT_KINDS = ['characters', 'turns', 'sentences'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Span {
  start: number;
  end: number;
}

/** One document of a check: its current text and turns, and per coder (in round order) their codings by code. */
export interface DocumentInput {
  documentId: string;
  text: string;
  length: number;
  turns: Span[];
  /** per coder, in the order of the round's coders: code id → that coder's spans; null = no codings in this document */
  coders: (Map<string, Span[]> | null)[];
}

/** One unit × code: its span, and per coder present (true), absent (false) or missing (null). */
export interface UnitItem {
  codeId: string;
  start: number;
  end: number;
  values: (boolean | null)[];
  /** units it stands for (characters: the length of the stretch; otherwise 1) */
  weight: number;
}

/** The non-empty lines of a text as spans. */
export function lineSpans(text: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const n = cpLength(line);
    if (line.trim()) out.push({ start: at, end: at + n });
    at += n + 1;
  }
  return out;
}

/** The predefined units of a text: its turns (or lines) or their sentences. */
export function predefinedUnits(kind: 'turns' | 'sentences', text: string, turns: Span[]): Span[] {
  const base = turns.length ? [...turns].sort((a, b) => a.start - b.start) : lineSpans(text);
  if (kind === 'turns') return base.map((t) => ({ start: t.start, end: t.end }));
  return sentenceUnits(
    text,
    base.map((t) => ({ start: t.start, end: t.end, speaker: null, role: null, startMs: null, endMs: null })),
  ).map((s) => ({ start: s.start, end: s.end }));
}

/** Sorted, with overlapping and touching spans merged. */
export function normalise(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The parts of `spans` inside `window`. */
export function clip(spans: Span[], window: Span): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, window.start);
    const end = Math.min(s.end, window.end);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** The parts of `spans` outside `window`. */
export function cut(spans: Span[], window: Span): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.end <= window.start || s.start >= window.end) out.push({ start: s.start, end: s.end });
    else {
      if (s.start < window.start) out.push({ start: s.start, end: window.start });
      if (s.end > window.end) out.push({ start: window.end, end: s.end });
    }
  }
  return out;
}

const overlaps = (spans: Span[], u: Span) => spans.some((s) => s.start < u.end && s.end > u.start);

/** Whether `point` lies in one of the sorted, merged spans (binary search). */
function covers(sorted: Span[], point: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].end <= point) lo = mid + 1;
    else if (sorted[mid].start > point) hi = mid - 1;
    else return true;
  }
  return false;
}

/** The unit × code items of one document for some codes. */
export function documentItems(kind: UnitKind, doc: DocumentInput, codeIds: string[]): UnitItem[] {
  const items: UnitItem[] = [];
  if (kind === 'characters') {
    for (const codeId of codeIds) {
      const per = doc.coders.map((c) => (c ? normalise(c.get(codeId) ?? []) : null));
      const cuts = new Set<number>([0, doc.length]);
      for (const spans of per) for (const s of spans ?? []) cuts.add(Math.min(s.start, doc.length)).add(Math.min(s.end, doc.length));
      const points = [...cuts].sort((a, b) => a - b);
      let prev: UnitItem | null = null;
      for (let i = 0; i + 1 < points.length; i++) {
        const [start, end] = [points[i], points[i + 1]];
        if (end <= start) continue;
        const values = per.map((spans) => (spans ? covers(spans, start) : null));
        if (prev && prev.end === start && prev.values.every((v, k) => v === values[k])) {
          prev.end = end;
          prev.weight += end - start;
        } else {
          prev = { codeId, start, end, values, weight: end - start };
          items.push(prev);
        }
      }
    }
    return items;
  }
  const units = predefinedUnits(kind, doc.text, doc.turns);
  for (const codeId of codeIds) {
    const per = doc.coders.map((c) => (c ? (c.get(codeId) ?? []) : null));
    for (const u of units) items.push({ codeId, start: u.start, end: u.end, values: per.map((spans) => (spans ? overlaps(spans, u) : null)), weight: 1 });
  }
  return items;
}

const toReliability = (items: UnitItem[]): ReliabilityUnit[] =>
  items.map((i) => ({ values: i.values.map((v) => (v === null ? null : v ? '1' : '0')), weight: i.weight }));

export interface AgreementTable {
  coders: number;
  perCode: ({ codeId: string } & AgreementResult)[];
  overall: AgreementResult;
}

/** Percent agreement, κ (two coders) and α per code and overall (pooled unit × code matrix). */
export function agreementTable(kind: UnitKind, docs: DocumentInput[], codeIds: string[], coders: number): AgreementTable {
  const byCode = new Map<string, UnitItem[]>(codeIds.map((id) => [id, []]));
  for (const d of docs) for (const item of documentItems(kind, d, codeIds)) byCode.get(item.codeId)!.push(item);
  const perCode = codeIds.map((codeId) => ({ codeId, ...agreement(toReliability(byCode.get(codeId)!), coders) }));
  const overall = agreement(toReliability([...byCode.values()].flat()), coders);
  return { coders, perCode, overall };
}

export interface DisagreementItem extends UnitItem {
  /** all coders with a value gave the same one */
  agree: boolean;
  /** per coder: their spans of this code inside the unit (empty when absent or missing) */
  spans: Span[][];
}

/**
 * The items of the disagreement view: units × codes where at least one coder applied the code (the rest are
 * agreements on absence and not shown). With the coders' spans inside the unit.
 */
export function disagreementItems(kind: UnitKind, doc: DocumentInput, codeIds: string[]): DisagreementItem[] {
  return documentItems(kind, doc, codeIds)
    .filter((i) => i.values.some((v) => v === true))
    .map((i) => {
      const present = i.values.filter((v): v is boolean => v !== null);
      return {
        ...i,
        agree: present.length >= 2 && present.every((v) => v === present[0]),
        spans: doc.coders.map((c) => (c ? normalise(clip(c.get(i.codeId) ?? [], i)) : [])),
      };
    });
}

/**
 * The consensus spans of one code after a decision on one unit: what was decided before inside the unit is
 * replaced by the chosen coders' spans inside the unit; outside the unit nothing changes. Normalised, so applying
 * the same decision again gives the same spans (idempotent).
 */
export function decide(existing: Span[], unit: Span, chosen: Span[]): Span[] {
  return normalise([...cut(existing, unit), ...clip(chosen, unit)]);
}

/** Same spans (both normalised)? */
export function sameSpans(a: Span[], b: Span[]): boolean {
  const x = normalise(a);
  const y = normalise(b);
  return x.length === y.length && x.every((s, i) => s.start === y[i].start && s.end === y[i].end);
}
