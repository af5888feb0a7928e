/**
 * Person names: a known first name (optionally more first names and a surname with particles),
 * a title or form of address with a name ("mevrouw Van der Linden", "juf Petra"), a kinship or role noun
 * with a capitalised word ("mijn dochter Xiomara", "ik ben Kayleigh", "mijn moeder, Marcia, …"), and
 * initials with a surname ("J. de Vries"). `extendNames` then adds coordinated names ("Tuğba en Kaan")
 * and other occurrences of found names. Titles and possessive "'s" stay outside the span.
 */
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from '../data/firstnames';
import { KIN_NOUNS, NAMING_WORDS, NOT_A_NAME, PARTICLES, TITLES } from '../data/words';
import { isSentenceStart, lower, onlySpaces, stripPossessive, type Token } from '../tokens';
import type { Candidate } from '../types';
import type { Context } from './context';
import { SINGLE_WORD_PLACES } from './places';

/** Particles that only count before an article: "in 't Veld", "op den Akker", "aan de Stegge". */
const ONLY_BEFORE_ARTICLE = new Set(['in', 'op', 'aan', 'te']);
const ARTICLES = new Set(["'t", '’t', 'het', 'de', 'den', 'der']);

const hasPossessive = (t: Token) => t.bare !== t.norm;
/** A known first name, also hyphenated from known first names ("Gert-Jan", "Anne-Marie"). */
const isFirstName = (t: Token) => t.cap && (FIRST_NAMES.has(t.bare) || (t.bare.includes('-') && t.bare.split('-').every((p) => FIRST_NAMES.has(p))));

/** A capitalised word that can be a surname or an unknown first name. */
function isNameWord(t: Token): boolean {
  const w = t.bare;
  return t.cap && !NOT_A_NAME.has(w) && !PARTICLES.has(lower(w)) && !SINGLE_WORD_PLACES.has(w);
}

/** The last token of a surname (particles, then a capitalised word) starting at token i, or -1. */
function surnameEnd(ctx: Context, i: number): number {
  const { tokens, text } = ctx;
  let j = i;
  while (j < tokens.length && j - i < 3 && PARTICLES.has(lower(tokens[j].norm))) {
    const next = tokens[j + 1];
    if (!next || !onlySpaces(text, tokens[j].end, next.start)) return -1;
    if (ONLY_BEFORE_ARTICLE.has(lower(tokens[j].norm)) && !ARTICLES.has(lower(next.norm))) return -1;
    j++;
  }
  return j < tokens.length && isNameWord(tokens[j]) ? j : -1;
}

/**
 * The last token of a name starting at token i whose first word is accepted by the caller: more first
 * names, then an optional surname. Stops after a possessive.
 */
function nameEnd(ctx: Context, i: number): number {
  const { tokens, text } = ctx;
  let j = i;
  while (!hasPossessive(tokens[j]) && j + 1 < tokens.length && onlySpaces(text, tokens[j].end, tokens[j + 1].start) && isFirstName(tokens[j + 1])) j++;
  if (hasPossessive(tokens[j]) || j + 1 >= tokens.length || !onlySpaces(text, tokens[j].end, tokens[j + 1].start)) return j;
  const s = surnameEnd(ctx, j + 1);
  return s < 0 ? j : s;
}

function span(ctx: Context, first: number, last: number): Candidate {
  const t = ctx.tokens[last];
  return { start: ctx.tokens[first].start, end: t.start + stripPossessive(t.text).length, kind: 'name' };
}

/** A comma between a kinship noun and a name in apposition. */
const APPOSITION = /^,[ \t\u00a0]+$/;

/** The gap after a title: spaces, optionally after the abbreviation's full stop ("dhr. Jansen"). */
const TITLE_GAP = /^\.?[ \t\u00a0]+$/;

/** Finds person names. */
export function findNames(ctx: Context): Candidate[] {
  const { tokens, text } = ctx;
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const lw = lower(t.norm);

    if (isFirstName(t)) {
      const end = nameEnd(ctx, i);
      // "Roos" or "Ben" opening a sentence is a name only with a surname or as an address ("Merel, nee…").
      const ambiguous = AMBIGUOUS_FIRST_NAMES.has(t.bare) && isSentenceStart(text, t.start) && text[t.end] !== ',';
      if (!ambiguous || end > i) out.push(span(ctx, i, end));
      continue;
    }
    if (!next) continue;

    // Title or form of address, then a first name or a surname. Not "de oma van Tuğba": there "van" is a preposition.
    if (TITLES.has(lw) && TITLE_GAP.test(text.slice(t.end, next.start))) {
      if (isFirstName(next)) out.push(span(ctx, i + 1, nameEnd(ctx, i + 1)));
      else {
        const s = surnameEnd(ctx, i + 1);
        if (s >= 0 && !(s > i + 1 && lower(next.norm) === 'van' && isFirstName(tokens[s]))) out.push(span(ctx, i + 1, s));
      }
      continue;
    }

    // "mijn dochter Xiomara", "ze heet Bo", "ik ben Kayleigh": an unknown capitalised word is a first name here.
    const introduces = KIN_NOUNS.has(lw) || NAMING_WORDS.has(lw) || (lw === 'ben' && i > 0 && lower(tokens[i - 1].norm) === 'ik');
    if (introduces && onlySpaces(text, t.end, next.start) && isNameWord(next) && !isFirstName(next)) {
      out.push(span(ctx, i + 1, nameEnd(ctx, i + 1)));
      continue;
    }
    // Apposition: "mijn moeder, Marcia Pinas, kwam…", "de gezinsvoogd, Ruud, zei…".
    if (KIN_NOUNS.has(lw) && APPOSITION.test(text.slice(t.end, next.start)) && isNameWord(next) && !isFirstName(next)) {
      const end = nameEnd(ctx, i + 1);
      if (/^[ \t]*[,)–—]/.test(text.slice(tokens[end].end))) out.push(span(ctx, i + 1, end));
      continue;
    }

    // Initials and a surname: "J. de Vries", "A.B. Jansen".
    if (/^\p{Lu}$/u.test(t.text) && text[t.end] === '.' && (i === 0 || text[t.start - 1] !== '.')) {
      let j = i;
      while (j + 1 < tokens.length && /^\p{Lu}$/u.test(tokens[j + 1].text) && /^\.\s?$/.test(text.slice(tokens[j].end, tokens[j + 1].start)) && j - i < 3) j++;
      const after = tokens[j + 1];
      if (after && TITLE_GAP.test(text.slice(tokens[j].end, after.start)) && text[tokens[j].end] === '.') {
        const s = surnameEnd(ctx, j + 1);
        if (s >= 0) out.push(span(ctx, i, s));
      }
    }
  }
  return out;
}

/** Between two coordinated names: a comma or an ampersand (the words "en"/"of" are tokens of their own). */
const COORDINATION = /^(?:[ \t\u00a0]*[,&][ \t\u00a0]*)$/;
const CONJUNCTIONS = new Set(['en', 'of']);

/**
 * Extends the names found: an unknown capitalised word coordinated with a found name is a name too
 * ("Tuğba en Kaan"), and every other occurrence of a word of a found name is a name as well, also at
 * the start of a sentence ("Kaan is 6"), except for words that are also ordinary words there.
 */
export function extendNames(ctx: Context, found: Candidate[]): Candidate[] {
  const { tokens, text } = ctx;
  const out = [...found];
  const inName = new Uint8Array(tokens.length);
  const mark = (c: Candidate) => {
    for (let i = ctx.byStart.get(c.start) ?? tokens.length; i < tokens.length && tokens[i].start < c.end; i++) inName[i] = 1;
  };
  found.forEach(mark);

  /** Whether tokens a < b are joined by a coordinator and the token on the `dir` side is in a name. */
  const coordinated = (a: number, b: number, dir: -1 | 1): boolean => {
    if (a < 0 || b >= tokens.length) return false;
    const other = dir < 0 ? a : b;
    if (inName[other] && COORDINATION.test(text.slice(tokens[a].end, tokens[b].start))) return true;
    const conj = dir < 0 ? a : b;
    const beyond = conj + dir;
    return (
      CONJUNCTIONS.has(tokens[conj].norm) &&
      beyond >= 0 &&
      beyond < tokens.length &&
      inName[beyond] === 1 &&
      onlySpaces(text, tokens[Math.min(conj, beyond)].end, tokens[Math.max(conj, beyond)].start) &&
      onlySpaces(text, tokens[a].end, tokens[b].start)
    );
  };

  // Coordination, in both directions; repeated so that chains ("Kaan, Tuğba en Elif") are covered.
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < tokens.length; i++) {
      if (inName[i] || !isNameWord(tokens[i]) || isSentenceStart(text, tokens[i].start)) continue;
      const before = coordinated(i - 1, i, -1);
      const after = coordinated(i, i + 1, 1);
      if (!before && !after) continue;
      const c = span(ctx, i, nameEnd(ctx, i));
      out.push(c);
      mark(c);
      changed = true;
    }
  }

  // The same words elsewhere in the text.
  const words = new Set<string>();
  tokens.forEach((t, i) => inName[i] && t.cap && !PARTICLES.has(lower(t.norm)) && words.add(t.bare));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (inName[i] || !t.cap || !words.has(t.bare) || NOT_A_NAME.has(t.bare)) continue;
    if (AMBIGUOUS_FIRST_NAMES.has(t.bare) && isSentenceStart(text, t.start)) continue;
    out.push(span(ctx, i, i));
  }
  return out;
}
