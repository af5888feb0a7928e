/**
 * Full-text search over decrypted document texts, pure: tokenising, the query language and matching. The Dutch stems
 * come from PostgreSQL (ts_lexize with the `dutch_stem` dictionary, see coding.repository.ts), asked once for the
 * distinct words; texts are encrypted at rest, so nothing of them is stored for searching.
 *
 * Query: words are matched by stem ("gesprekken" finds "gesprek" and "gesprekken"; a stop word such as "de" only finds
 * itself); "an exact phrase" in double quotes finds those words in that order (case-insensitive, any spacing or
 * punctuation between them); a word ending in * finds every word that starts with it ("pleeg*").
 * Offsets are Unicode code points, end exclusive.
 */
import { CodePointIndex } from '../../../lib/text/codepoints';

export interface Token {
  /** lower case, NFC */
  word: string;
  start: number;
  end: number;
}

export type Term = { kind: 'word'; word: string } | { kind: 'prefix'; prefix: string } | { kind: 'phrase'; words: string[] };

/** Words longer than this are matched exactly (not stemmed). */
export const MAX_STEM_WORD = 100;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

export const normaliseWord = (w: string) => w.normalize('NFC').toLowerCase();

/** The words of a text with their code-point offsets. */
export function tokenize(text: string, idx: CodePointIndex = new CodePointIndex(text)): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const from = m.index;
    out.push({ word: normaliseWord(m[0]), start: idx.toCp(from), end: idx.toCp(from + m[0].length) });
  }
  return out;
}

const wordsOf = (s: string) => [...s.matchAll(WORD)].map((m) => normaliseWord(m[0]));

/** Parses a query into terms; an unclosed quote runs to the end. Empty when the query has no words. */
export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const seen = new Set<string>();
  const add = (t: Term) => {
    const key = JSON.stringify(t);
    if (!seen.has(key)) {
      seen.add(key);
      terms.push(t);
    }
  };
  const parts = query.split('"');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const words = wordsOf(part);
      if (words.length === 1) add({ kind: 'word', word: words[0] });
      else if (words.length > 1) add({ kind: 'phrase', words });
      return;
    }
    for (const raw of part.split(/\s+/)) {
      if (!raw) continue;
      const prefix = /\*$/.test(raw);
      for (const w of wordsOf(raw)) add(prefix ? { kind: 'prefix', prefix: w } : { kind: 'word', word: w });
    }
  });
  return terms;
}

/** The words whose stems are needed: every token, and every word term (words in phrases match exactly). */
export function wordsToStem(terms: Term[], tokens: Iterable<Token>): string[] {
  const out = new Set<string>();
  for (const t of terms) if (t.kind === 'word' && t.word.length <= MAX_STEM_WORD) out.add(t.word);
  for (const t of tokens) if (t.word.length <= MAX_STEM_WORD) out.add(t.word);
  return [...out];
}

/** Stems by word; null (or absent): a stop word or a word without a stem, matched exactly. */
export type Stems = ReadonlyMap<string, string | null>;

export interface Match {
  start: number;
  end: number;
  /** index of the term in the parsed query */
  term: number;
}

/** Every occurrence of every term in one document's tokens, sorted by position. */
export function findMatches(tokens: readonly Token[], terms: readonly Term[], stems: Stems): Match[] {
  const out: Match[] = [];
  terms.forEach((t, ti) => {
    if (t.kind === 'word') {
      const stem = stems.get(t.word) ?? null;
      for (const k of tokens) {
        if (stem ? (stems.get(k.word) ?? null) === stem || k.word === t.word : k.word === t.word) out.push({ start: k.start, end: k.end, term: ti });
      }
    } else if (t.kind === 'prefix') {
      for (const k of tokens) if (k.word.startsWith(t.prefix)) out.push({ start: k.start, end: k.end, term: ti });
    } else {
      const n = t.words.length;
      for (let i = 0; i + n <= tokens.length; i++) {
        let ok = true;
        for (let j = 0; j < n && ok; j++) ok = tokens[i + j].word === t.words[j];
        if (ok) out.push({ start: tokens[i].start, end: tokens[i + n - 1].end, term: ti });
      }
    }
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // one hit per place: drop a match that lies inside the previous one (two terms on the same word)
  const kept: Match[] = [];
  for (const m of out) {
    const last = kept.at(-1);
    if (last && m.start >= last.start && m.end <= last.end) continue;
    kept.push(m);
  }
  return kept;
}

/** The terms as the user may read them back: stems of words, prefixes with *, phrases in quotes. */
export function describeTerms(terms: readonly Term[], stems: Stems): string[] {
  return terms.map((t) => (t.kind === 'word' ? (stems.get(t.word) ?? t.word) : t.kind === 'prefix' ? `${t.prefix}*` : `"${t.words.join(' ')}"`));
}

/** A snippet of about `radius` code points on each side of [start, end), cut at word boundaries where possible. */
export function snippet(idx: CodePointIndex, start: number, end: number, radius = 60): { text: string; hitStart: number; hitEnd: number } {
  const n = idx.length;
  let from = Math.max(0, start - radius);
  let to = Math.min(n, end + radius);
  // move to a space so that the snippet does not begin or end in the middle of a word
  if (from > 0) {
    const before = idx.slice(from, start);
    const sp = before.search(/\s/);
    if (sp >= 0 && sp < before.length - 1) from += [...before.slice(0, sp + 1)].length;
  }
  if (to < n) {
    const after = idx.slice(end, to);
    const sp = after.search(/\s\S*$/);
    if (sp > 0) to = end + [...after.slice(0, sp)].length;
  }
  // line breaks become spaces one for one, so that hitStart and hitEnd stay right
  const text = idx.slice(from, to).replace(/[\r\n\u2028\u2029]/g, ' ');
  return { text, hitStart: start - from, hitEnd: end - from };
}
