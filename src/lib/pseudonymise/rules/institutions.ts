/**
 * Institutions: named schools, care providers and regional teams.
 *
 * Policy: generic national bodies and roles are NOT flagged — "de Raad voor de Kinderbescherming",
 * "de kinderrechter", "Veilig Thuis", "Jeugdzorg", "GGZ", "Nidos", "het wijkteam" on their own name no
 * one in particular. They ARE flagged with a regional or proper-name qualifier ("Veilig Thuis Utrecht",
 * "Jeugdzorg Rivierland", "het wijkteam Zuid"), as are named schools and providers ("basisschool De
 * Regenboog", "het Da Vinci College", "Stichting De Vlinderboom", "de Regenboogschool").
 */
import { FIRST_NAMES } from '../data/firstnames';
import { DE_SURNAMES, NOT_A_NAME } from '../data/words';
import { isSentenceStart, lower, onlySpaces, type Token } from '../tokens';
import type { Candidate } from '../types';
import type { Context } from './context';
import { placeLengthAt } from './places';

/** Generic words and organisations that take a name or region after them (lower case, as word lists). */
const PREFIXES: string[][] = `
basisschool|school|schooltje|obs|cbs|pcbs|rkbs|ikc|sbo|vso|jenaplanschool|daltonschool|montessorischool|vrije school|kinderdagverblijf|peuterspeelzaal|kinderopvang|bso|kdv|crèche|kindcentrum|scholengemeenschap
gezinshuis|leefgroep|woongroep|behandelgroep|jeugdinstelling|internaat|kliniek|praktijk|ziekenhuis|zorgboerderij
stichting|jeugdzorg|jeugdhulp|jeugdbescherming|jeugd-ggz|jeugd ggz|ggz|ggd|cjg|zorggroep|pleegzorg|rechtbank
veilig thuis|wijkteam|buurtteam|jeugdteam|gezinsteam|sociaal wijkteam|centrum voor jeugd en gezin|leger des heils
`
  .split(/[|\n]/)
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => s.split(' '))
  .sort((a, b) => b.length - a.length);

/** Words that, capitalised, end an institution's name ("Da Vinci College", "Erasmus MC"). */
const SUFFIX_WORDS = new Set(
  'College Lyceum Gymnasium Atheneum Academie Ziekenhuis Kinderziekenhuis Kliniek Instituut Scholengemeenschap Campus MC UMC Hogeschool Universiteit Mavo Havo Vmbo School Basisschool Kindcentrum'.split(' '),
);

/** One-word names ending in these are institutions ("Regenboogschool"), unless generic (GENERIC). */
const COMPOUND_ENDINGS = ['school', 'college', 'lyceum', 'gymnasium', 'ziekenhuis', 'kliniek', 'academie', 'instituut', 'kindcentrum'];
const GENERIC = new Set(
  'basisschool middelbareschool hogeschool dagschool nachtschool rijschool zondagsschool koranschool zomerschool muziekschool dansschool taalschool kinderziekenhuis ziekenhuis kliniek academie instituut college lyceum gymnasium school kindcentrum jeugdkliniek brugschool vakschool'.split(
    ' ',
  ),
);

/** Region words that are fine inside a qualifier although they are not names on their own. */
const REGION_WORDS = new Set(['Noord', 'Zuid', 'Oost', 'West', 'Midden', 'Centrum', 'Regio', 'Holland', 'Brabant', 'Limburg', 'Gelderland', 'Twente', 'Drenthe', 'Friesland', 'Zeeland']);
const INNER = new Set(['van', 'de', 'der', 'den', 'voor', 'en', 'aan', 'op', 'het', "'t"]);

const ARTICLE_NAMES = new Set(['De', 'Het', "'t", '’t']);
const PREPOSITIONS = new Set(['op', 'bij', 'naar', 'in', 'van', 'via', 'aan', 'uit', 'voor', 'vanuit', 'door']);

const isCap = (t: Token) => /^(?:IJ|\p{Lu})/u.test(t.norm) && !/^\p{Lu}$/u.test(t.norm);
const qualifies = (t: Token) => isCap(t) && (!NOT_A_NAME.has(t.norm) || REGION_WORDS.has(t.norm));

/** Last token of a qualifier (a name or region) starting at token k, or -1. "De Horizon", "Rotterdam Rijnmond". */
function qualifierEnd(ctx: Context, k: number, max = 4): number {
  const { tokens, text } = ctx;
  let j = k;
  if (j < tokens.length && ['De', 'Het', "'t", '’t', 'Den'].includes(tokens[j].norm)) {
    if (!tokens[j + 1] || !onlySpaces(text, tokens[j].end, tokens[j + 1].start) || !qualifies(tokens[j + 1])) return -1;
    j++;
  }
  if (j >= tokens.length || !qualifies(tokens[j])) return -1;
  let last = j;
  let count = 1;
  while (count < max && last + 1 < tokens.length && onlySpaces(text, tokens[last].end, tokens[last + 1].start)) {
    const n = tokens[last + 1];
    if (qualifies(n)) {
      last++;
      count++;
      continue;
    }
    // An inner particle only when a capitalised word follows: "Jan van Eyck", "Voor de Jeugd".
    const after = tokens[last + 2];
    if (INNER.has(n.norm) && after && onlySpaces(text, n.end, after.start) && qualifies(after)) {
      last += 2;
      count++;
      continue;
    }
    break;
  }
  return last;
}

/** The prefixes by their first word, longest first. */
const PREFIXES_BY_FIRST_WORD: Map<string, string[][]> = (() => {
  const map = new Map<string, string[][]>();
  for (const words of PREFIXES) map.set(words[0], [...(map.get(words[0]) ?? []), words]);
  return map;
})();

/** Number of tokens of the prefix at token i, or 0. */
function prefixLengthAt(ctx: Context, i: number): number {
  const { tokens, text } = ctx;
  for (const words of PREFIXES_BY_FIRST_WORD.get(lower(tokens[i].norm)) ?? []) {
    if (i + words.length > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) {
      ok = lower(tokens[i + k].norm) === words[k] && onlySpaces(text, tokens[i + k - 1].end, tokens[i + k].start);
    }
    if (ok) return words.length;
  }
  return 0;
}

function isCompound(t: Token): boolean {
  const lw = lower(t.norm);
  return isCap(t) && !GENERIC.has(lw.replace(/-/g, '')) && COMPOUND_ENDINGS.some((e) => lw.endsWith(e) && lw.length > e.length + 2);
}

/** First token of the capitalised words directly before token i that belong to a name, or i. */
function nameStartBefore(ctx: Context, i: number, max = 4): number {
  const { tokens, text } = ctx;
  let s = i;
  while (s > 0 && i - s < max && onlySpaces(text, tokens[s - 1].end, tokens[s].start)) {
    const p = tokens[s - 1];
    if (qualifies(p) && !(isSentenceStart(text, p.start) && NOT_A_NAME.has(p.norm))) s--;
    else if (INNER.has(p.norm) && s - 2 >= 0 && qualifies(tokens[s - 2]) && onlySpaces(text, tokens[s - 2].end, p.start)) s -= 2;
    else break;
  }
  return s;
}

/** Finds institutions. */
export function findInstitutions(ctx: Context): Candidate[] {
  const { tokens, text } = ctx;
  const out: Candidate[] = [];
  const push = (a: number, b: number) => out.push({ start: tokens[a].start, end: tokens[b].end, kind: 'institution' });

  for (let i = 0; i < tokens.length; i++) {
    // Prefix + qualifier: "Jeugdzorg Rivierland", "basisschool De Regenboog", "Veilig Thuis Utrecht".
    const p = prefixLengthAt(ctx, i);
    if (p > 0) {
      const k = i + p;
      const last = tokens[k] && onlySpaces(text, tokens[k - 1].end, tokens[k].start) ? qualifierEnd(ctx, k) : -1;
      // A bare first name after "school" is a pupil, not a school: "op school Fatima gezien".
      if (last >= 0 && !(last === k && FIRST_NAMES.has(tokens[k].norm))) push(i, last);
      continue;
    }
    const t = tokens[i];
    // Name + suffix word: "Da Vinci College", "Erasmus MC"; or suffix word + place: "Hogeschool Utrecht".
    if (SUFFIX_WORDS.has(t.norm)) {
      const s = nameStartBefore(ctx, i);
      const next = tokens[i + 1];
      const place = next && onlySpaces(text, t.end, next.start) ? placeLengthAt(ctx, i + 1) : 0;
      if (s < i || place > 0) push(s, i + place);
      continue;
    }
    // One-word name: "Regenboogschool", "Montessori-college", with capitalised words before it.
    if (isCompound(t)) {
      push(nameStartBefore(ctx, i, 3), i);
      continue;
    }
    // A proper name with a capitalised article after a preposition: "op De Wilgenhof", "bij Het Poortje".
    // Not a place ("in De Bilt") and not a surname ("bij De Vries").
    const prev = tokens[i - 1];
    if (ARTICLE_NAMES.has(t.norm) && prev && PREPOSITIONS.has(prev.norm) && onlySpaces(text, prev.end, t.start) && placeLengthAt(ctx, i) === 0) {
      const next = tokens[i + 1];
      const last = qualifierEnd(ctx, i, 3);
      if (last > i && next && !DE_SURNAMES.has(next.norm) && !FIRST_NAMES.has(next.norm)) push(i, last);
    }
  }
  return out;
}

