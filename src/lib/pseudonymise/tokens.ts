/** Word tokens with UTF-16 offsets, and the small text tests the rules share. */

export interface Token {
  /** The token as written. */
  text: string;
  /** NFC form, for list look-ups (decomposed "Zoë" still matches). */
  norm: string;
  /** NFC form without a possessive ending ("Zoë's" → "Zoë"). */
  bare: string;
  /** Starts with a capital followed by a lower-case letter (see isCapitalised). */
  cap: boolean;
  start: number;
  end: number;
}

// A word: letters, combining marks and digits, joined by inner hyphens or apostrophes ("Midden-Groningen",
// "Zoë's", "13-jarige"); or the prefixes 's- and 't ("'s-Hertogenbosch", "in 't Veld").
const TOKEN = /['’](?:s-[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*|t(?![\p{L}\p{M}\p{N}]))|[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu;

/** Splits text into word tokens. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const norm = m[0].normalize('NFC');
    out.push({ text: m[0], norm, bare: stripPossessive(norm), cap: isCapitalised(norm), start, end: start + m[0].length });
  }
  return out;
}

const SPACES = /^[ \t\u00a0]+$/;

/** True when only spaces or tabs (no line break, no punctuation) separate positions a and b. */
export function onlySpaces(text: string, a: number, b: number): boolean {
  return b > a && SPACES.test(text.slice(a, b));
}

const OPENERS = new Set([' ', '\t', '\u00a0', '"', '“', '”', '‘', '’', "'", '(', '[', '-', '–', '—', '*', '«', '„']);
const ENDERS = new Set(['.', '!', '?', ':', ';', '…', '\n', '\r']);

/**
 * True when the token starting at `index` opens a sentence, a line or a quotation (after a speaker
 * label such as "R:"): there its capital says nothing about being a name.
 */
export function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && OPENERS.has(text[i])) i--;
  return i < 0 || ENDERS.has(text[i]);
}

/** Starts with a capital followed by a lower-case letter ("Jansen", "IJsselstein", "Zoë"). */
export function isCapitalised(word: string): boolean {
  return /^(?:IJ|\p{Lu})[\p{Ll}\p{M}'’]/u.test(word);
}

/** Removes a possessive ending: "Zoë's" → "Zoë", "Fatima’s" → "Fatima". */
export function stripPossessive(word: string): string {
  return word.replace(/['’]s$/u, '');
}

/** Lower-case first letter, for comparing with lower-case word lists. */
export function lower(word: string): string {
  return word.toLowerCase();
}
