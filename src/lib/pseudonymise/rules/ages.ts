/**
 * A person's age: "12 jaar oud", "de 13-jarige", "toen ik 12 jaar was", "ze is 7", "mijn zoon van 9",
 * "Milan van 5", "(4 jaar)", "op mijn twaalfde". A number of years that is a duration ("al twee jaar",
 * "drie jaar geleden", "een tweejarige opleiding") or a score ("de totaalscore was 18") is not an age.
 */
import { NOT_A_NAME, NUMBER_WORDS, ORDINAL_WORDS } from '../data/words';
import type { Candidate } from '../types';
import { matches } from './context';

const byLength = (ws: readonly string[]) => [...ws].sort((a, b) => b.length - a.length).join('|');
const NUM_WORD = `(?:${byLength(NUMBER_WORDS.filter((w) => w !== 'een' && w !== 'één'))})`;
/** A number that can be an age: 0–99 in digits or words (not "een": too often the article). */
const NUM = `(?:\\d{1,2}|${NUM_WORD})`;
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const SP = '[ \\u00a0]';
/** "jaar", "jaar oud", "jaartjes": kept in the span. */
const YEARS = `(?:${SP}jaar(?:tjes)?(?:${SP}oud)?)`;
/** Also months and weeks, for babies: "een baby van acht maanden". */
const UNITS = `(?:${SP}(?:jaar(?:tjes)?|maanden|maand|weken|week)(?:${SP}oud)?)`;
/** What may follow a bare age: the end of a clause, or a word that cannot start a noun phrase about time. */
const AFTER =
  '(?=\\s*(?:$|[.,](?!\\p{N})|[;:!?)…\\r\\n]|(?:en|toen|maar|of|dus|ook|geworden|hè|he|nu|inmiddels|ofzo|denk|geloof|hoor|oud|was|werd|is|ben|zijn|waren)(?![\\p{L}\\p{N}])))';
const PRONOUNS = new Set(['ik', 'hij', 'ze', 'zij', 'je', 'jij', 'we', 'wij', 'u', 'jullie']);
/** Nouns for persons that may be the subject of "is 7" ("mijn broertje was pas vier"). */
const PERSON_NOUNS = new Set(
  'zoon zoontje dochter dochtertje kind kindje jongen meisje baby broer broertje zus zusje pleegkind pleegzoon pleegdochter kleinzoon kleindochter neef neefje nicht nichtje oudste jongste moeder vader'.split(' '),
);
const ADVERBS = "(?:(?:toen|nu|pas|net|al|bijna|ongeveer|inmiddels|zo'n|rond de|nog|intussen|ook|nu al|inmiddels al)\\s+)?";
const COPULAS = '(?:ben|bent|is|was|werd|wordt|word|waren|werden|zijn)';

const PLAIN: RegExp[] = [
  // "12-jarige", "zesjarig", "13 jarige" — not "een tweejarige opleiding"
  new RegExp(
    `${B}(?:\\d{1,2}[- ]?|(?:${NUM_WORD}|een|één)-?)jarige?${E}(?!\\s+(?:opleiding|periode|traject|plaatsing|looptijd|cursus|contract|studie|relatie|huwelijk|behandeling|project|programma|onderzoek|samenwerking|termijn|pauze)${E})`,
    'giu',
  ),
  // "zes jaar oud", "acht maanden oud"
  new RegExp(`${B}(?:${NUM}|een|één)${SP}(?:jaar(?:tjes)?|maanden|maand|weken)${SP}oud${E}`, 'giu'),
  // "leeftijd van 12 (jaar)"
  new RegExp(`(?<=leeftijd van${SP})${NUM}${YEARS}?${E}`, 'giu'),
  // "Sem de Graaf (4 jaar)", "(12 jr.)": the number and unit inside the brackets
  new RegExp(`(?<=\\()${NUM}${SP}?(?:jaar|jr\\.?)(?:${SP}oud)?(?=\\))`, 'giu'),
  // "is op 1 juli 18 geworden"
  new RegExp(`${B}${NUM}${YEARS}?(?=\\s+geworden${E})`, 'giu'),
];

interface ContextRule {
  re: RegExp;
  /** Accepts or rejects a match by its subject group, if any. */
  subjectOk?: (subject: string) => boolean;
}
const personSubject = (s: string) => PRONOUNS.has(s.toLowerCase()) || PERSON_NOUNS.has(s.toLowerCase()) || (/^\p{Lu}\p{Ll}/u.test(s) && !NOT_A_NAME.has(s));
const nameSubject = (s: string) => /^\p{Lu}[\p{Ll}\p{M}]/u.test(s) && !NOT_A_NAME.has(s);

const CONTEXT_RULES: ContextRule[] = [
  // "toen ik 12 jaar was", "als je 18 bent", "sinds hij zes is"
  {
    re: new RegExp(
      `${B}(?:toen|als|sinds|voordat|nadat|totdat|tot|dat|omdat|zodra|tenzij|wanneer)\\s+(?:ik|hij|ze|zij|je|jij|we|wij|u|(?:mijn|m'n|zijn|z'n|haar|onze|hun)\\s+\\p{L}+|\\p{Lu}\\p{Ll}+)\\s+(?:(?:nog|pas|net|al|ongeveer|bijna|zo'n|toen|nu)\\s+)?(?<age>${NUM}${YEARS}?)\\s+(?:was|werd|ben|bent|is|waren|word|wordt|werden|zijn|worden)${E}`,
      'dgiu',
    ),
  },
  // "ze is 7", "Daan was pas vier", "ik was twaalf jaar toen" — the subject must be a person
  { re: new RegExp(`${B}(?<subject>[\\p{L}\\p{M}]+)\\s+${COPULAS}\\s+${ADVERBS}(?<age>${NUM}${YEARS}?)${AFTER}`, 'dgiu'), subjectOk: personSubject },
  // "toen was ik 9", "daar was hij twaalf jaar"
  { re: new RegExp(`${B}${COPULAS}\\s+(?:ik|hij|ze|zij|je|jij|we|wij|u)\\s+${ADVERBS}(?<age>${NUM}${YEARS}?)${AFTER}`, 'dgiu') },
  // "een dochter van 9", "mijn zoon van 13 jaar", "een baby van acht maanden"
  {
    re: new RegExp(
      `${B}(?:zoon|zoontje|dochter|dochtertje|kind|kindje|jongen|jongetje|meisje|meid|meiske|baby|broer|broertje|zus|zusje|pleegkind|pleegzoon|pleegdochter|tiener|puber|knul|kleinzoon|kleindochter|neefje|nichtje|man|vrouw|moeder|vader|jochie)\\s+van\\s+(?:(?<age>${NUM}${UNITS})|(?<bare>${NUM})${AFTER})`,
      'dgiu',
    ),
  },
  // "Milan van 5, Sofie van 7": a name with "van" and a bare number
  { re: new RegExp(`${B}(?<subject>\\p{Lu}[\\p{Ll}\\p{M}]+)\\s+van\\s+(?:(?<age>${NUM}${UNITS})|(?<bare>${NUM})${AFTER})`, 'dgu'), subjectOk: nameSubject },
  // "Lars (11)", "broer van me (16)": a bare number in brackets after a name or a person
  {
    re: new RegExp(`(?<subject>[\\p{L}\\p{M}]+)${SP}?\\((?<age>\\d{1,2})\\)`, 'dgu'),
    subjectOk: (s) => nameSubject(s) || PERSON_NOUNS.has(s.toLowerCase()) || ['me', 'mij', 'hem', 'haar'].includes(s.toLowerCase()),
  },
  // "op mijn twaalfde", "vanaf zijn 16e", "sinds haar zestiende"
  {
    re: new RegExp(
      `${B}(?:op|vanaf|sinds|tot|voor|na|rond|tegen|vóór)\\s+(?:mijn|m'n|zijn|z'n|haar|d'r|je|jouw|hun|onze)\\s+(?<age>\\d{1,2}(?:e|de|ste)|${byLength(ORDINAL_WORDS)})${E}`,
      'dgiu',
    ),
  },
];

/** A second age joined to the first: "ze zijn 15 en 13". */
const COORDINATED = new RegExp(`^\\s+(?:en|of)\\s+(${NUM}${YEARS}?)${AFTER}`, 'iu');

/** Finds ages of persons. */
export function findAges(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const re of PLAIN) for (const [start, end] of matches(re, text)) out.push({ start, end, kind: 'age' });
  for (const { re, subjectOk } of CONTEXT_RULES) {
    for (const [, , m] of matches(re, text)) {
      const subject = m.groups?.subject;
      if (subject !== undefined && subjectOk && !subjectOk(subject)) continue;
      const span = m.indices?.groups?.age ?? m.indices?.groups?.bare;
      if (!span) continue;
      out.push({ start: span[0], end: span[1], kind: 'age' });
      const more = COORDINATED.exec(text.slice(span[1], span[1] + 40));
      if (more) {
        const start = span[1] + more[0].length - more[1].length;
        out.push({ start, end: start + more[1].length, kind: 'age' });
      }
    }
  }
  return out;
}
