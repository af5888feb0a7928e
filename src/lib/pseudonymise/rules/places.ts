/** Place names from the shipped list, matched as whole (possibly multi-word) names. */
import { AMBIGUOUS_PLACES, PLACES } from '../data/places';
import { isSentenceStart, onlySpaces, tokenize } from '../tokens';
import type { Candidate } from '../types';
import type { Context } from './context';

/** Place names by their first word; each as its list of words, longest first. */
const BY_FIRST_WORD: Map<string, string[][]> = (() => {
  const map = new Map<string, string[][]>();
  for (const place of PLACES) {
    const words = tokenize(place).map((t) => t.norm);
    const list = map.get(words[0]) ?? [];
    list.push(words);
    map.set(words[0], list);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
})();

/** Single-word place names, to tell a surname from a town ("Fatima van Utrecht"). */
export const SINGLE_WORD_PLACES: ReadonlySet<string> = new Set([...BY_FIRST_WORD.values()].flat().filter((w) => w.length === 1).map((w) => w[0]));

/** Number of tokens of the place name starting at token i (0 when none). */
export function placeLengthAt(ctx: Context, i: number): number {
  const { tokens, text } = ctx;
  for (const words of BY_FIRST_WORD.get(tokens[i].norm) ?? []) {
    if (i + words.length > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      ok = tokens[i + k].norm === words[k] && onlySpaces(text, tokens[i + k - 1].end, tokens[i + k].start);
    }
    if (ok) return words.length;
  }
  return 0;
}

/** Finds places; a place name that is also an ordinary word is skipped at the start of a sentence. */
export function findPlaces(ctx: Context): Candidate[] {
  const out: Candidate[] = [];
  const { tokens, text } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const n = placeLengthAt(ctx, i);
    if (n === 0) continue;
    if (n === 1 && AMBIGUOUS_PLACES.has(tokens[i].norm) && isSentenceStart(text, tokens[i].start)) continue;
    out.push({ start: tokens[i].start, end: tokens[i + n - 1].end, kind: 'place' });
  }
  return out;
}
