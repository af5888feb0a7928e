/**
 * The pseudonymisation assistant's decisions, pure: which proposals the researcher accepted (none at first), with
 * which kind (a proposal's kind can be corrected), plus fragments the researcher marked; and the spans sent to
 * the server (sorted, without overlaps). Unit-tested in pseudonymModel.test.ts.
 */
import type { CodePoints } from './sparseIndex';

export interface Proposal {
  index: number;
  start: number;
  end: number;
  kind: string;
  text: string;
}

export interface Decision {
  accepted: boolean;
  kind: string;
}

/** A fragment the researcher marked by hand (not proposed). */
export interface Marked {
  id: string;
  start: number;
  end: number;
  kind: string;
  text: string;
}

export type Decisions = ReadonlyMap<number, Decision>;

/** Nothing accepted; every proposal keeps its proposed kind. */
export function initialDecisions(proposals: readonly Proposal[]): Map<number, Decision> {
  return new Map(proposals.map((p) => [p.index, { accepted: false, kind: p.kind }]));
}

export function decisionOf(decisions: Decisions, p: Proposal): Decision {
  return decisions.get(p.index) ?? { accepted: false, kind: p.kind };
}

export function setDecision(decisions: Decisions, index: number, change: Partial<Decision>, proposals: readonly Proposal[]): Map<number, Decision> {
  const p = proposals.find((x) => x.index === index);
  const next = new Map(decisions);
  if (!p) return next;
  next.set(index, { ...decisionOf(decisions, p), ...change });
  return next;
}

/** Accepts (or, with `accepted` false, rejects) every proposal that now has `kind`. */
export function decideKind(decisions: Decisions, proposals: readonly Proposal[], kind: string, accepted = true): Map<number, Decision> {
  const next = new Map(decisions);
  for (const p of proposals) {
    const d = decisionOf(decisions, p);
    if (d.kind === kind) next.set(p.index, { ...d, accepted });
  }
  return next;
}

/** Per kind (as corrected): how many proposals, how many accepted; in the order of `kinds`. */
export function kindSummary(decisions: Decisions, proposals: readonly Proposal[], kinds: readonly string[]): { kind: string; total: number; accepted: number }[] {
  const out = new Map(kinds.map((k) => [k, { kind: k, total: 0, accepted: 0 }]));
  for (const p of proposals) {
    const d = decisionOf(decisions, p);
    const row = out.get(d.kind) ?? { kind: d.kind, total: 0, accepted: 0 };
    row.total++;
    if (d.accepted) row.accepted++;
    out.set(d.kind, row);
  }
  return [...out.values()].filter((r) => r.total > 0);
}

export interface Span {
  start: number;
  end: number;
  kind: string;
  index?: number;
}

/**
 * The spans to replace: the accepted proposals (with their kind) and the marked fragments, by position. Where two
 * overlap, the one that starts first (or, at the same start, the longer one) wins; the others are in `dropped`.
 */
export function spansToApply(proposals: readonly Proposal[], decisions: Decisions, marked: readonly Marked[]): { spans: Span[]; dropped: Span[] } {
  const all: Span[] = [];
  for (const p of proposals) {
    const d = decisionOf(decisions, p);
    if (d.accepted && p.end > p.start) all.push({ start: p.start, end: p.end, kind: d.kind, index: p.index });
  }
  for (const m of marked) if (m.end > m.start) all.push({ start: m.start, end: m.end, kind: m.kind });
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: Span[] = [];
  const dropped: Span[] = [];
  let end = -1;
  for (const s of all) {
    if (s.start < end) dropped.push(s);
    else {
      spans.push(s);
      end = s.end;
    }
  }
  return { spans, dropped };
}

/** A few words around a span, for the list: the text before, the span, the text after (line breaks as spaces). */
export function contextOf(idx: CodePoints, start: number, end: number, chars = 40): { before: string; text: string; after: string } {
  const text = idx.text;
  const from = idx.toUtf16(start);
  const to = idx.toUtf16(end);
  let a = Math.max(0, from - chars);
  let b = Math.min(text.length, to + chars);
  // not in the middle of a word or a surrogate pair
  if (a > 0) {
    const space = text.lastIndexOf(' ', a);
    a = space >= 0 && from - space < chars * 1.5 ? space + 1 : a;
    if (a > 0 && /[\uDC00-\uDFFF]/.test(text[a])) a++;
  }
  if (b < text.length) {
    const space = text.indexOf(' ', b);
    b = space >= 0 && space - to < chars * 1.5 ? space : b;
    if (b < text.length && /[\uDC00-\uDFFF]/.test(text[b])) b++;
  }
  const clean = (s: string) => s.replace(/\s+/g, ' ');
  return { before: (a > 0 ? '…' : '') + clean(text.slice(a, from)), text: clean(text.slice(from, to)), after: clean(text.slice(to, b)) + (b < text.length ? '…' : '') };
}
