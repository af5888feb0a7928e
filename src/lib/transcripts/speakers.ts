import type { SpeakerRole } from './types';

/** Longest speaker label accepted, in code points ("Mohammed El Amrani" is 18). */
export const MAX_SPEAKER_LABEL = 40;
/** Most words a speaker label may have. */
const MAX_LABEL_WORDS = 5;

/** A clock time: mm:ss or h:mm:ss, optionally with a fraction (.5 or ,500). */
const CLOCK = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** A timestamp in front of the speaker: "[00:01:23] ", "(00:01:23) ", "00:01:23 - ". */
const LEADING_TIME = new RegExp(String.raw`^[ \t]*(?:\[(${CLOCK})\]|\((${CLOCK})\)|(${CLOCK})(?=[ \t]))[ \t]*(?:[-–—][ \t]+)?`);
/** A timestamp right after the label: "I: [00:01:23] …". */
const INLINE_TIME = new RegExp(String.raw`^(?:\[(${CLOCK})\]|\((${CLOCK})\))[ \t]*`);

/** Labels that are speakers even in lower case, with an optional number ("R2", "Respondent 2"). */
const KNOWN_LABEL = /^(?:i|r|int|interviewer|interviewster|resp|respondent|onderzoeker|moeder|vader|kind)(?: ?\d{1,2})?$/i;
const INTERVIEWER = /^(?:i|int|interviewer|interviewster|onderzoeker)(?: ?\d{1,2})?$/i;
const RESPONDENT = /^(?:r|resp|respondent)(?: ?\d{1,2})?$/i;

/** A capitalised name word ("Sanne", "El-Amrani", "O'Neill", "J.", "R1"), a number, or an abbreviation in brackets ("(JB)"). */
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*\d{0,2}|\d{1,2}|\(\p{L}[\p{L}\p{M}\d.]*\))$/u;
/** Lower-case name particles, allowed between capitalised words ("Ahmed van der Berg"). */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'te', 'ter', 'ten', 'el', 'al', 'bin', 'ben', 'da', 'di', 'du', 'le', 'la', 'von', 'op', 'in', "'s"]);
/**
 * Capitalised words that open a note, a header or a sentence rather than name a speaker
 * ("Let op:", "Datum:", "Maar:"). Compared in lower case, with a trailing number removed.
 */
const NOT_SPEAKERS = new Set([
  'let op', 'let wel', 'noot', 'nb', 'n.b.', 'opmerking', 'opmerkingen', 'datum', 'tijd', 'tijdstip', 'duur',
  'locatie', 'plaats', 'onderwerp', 'titel', 'transcript', 'transcriptie', 'interview', 'bron', 'aanwezig',
  'aanwezigen', 'deelnemers', 'zie', 'note', 'date', 'time', 'duration', 'location', 'conclusie', 'samenvatting',
  'bijvoorbeeld', 'kortom', 'tip', 'voorbeeld', 'ik', 'hij', 'zij', 'ze', 'wij', 'we', 'jij', 'je', 'jullie', 'u',
  'dat', 'dit', 'die', 'toen', 'en', 'maar', 'want', 'of', 'dus', 'ja', 'nee', 'oké', 'ok', 'nou', 'zo', 'hoe',
  'wat', 'waarom', 'wanneer', 'wie', 'waar', 'daarna', 'eerst', 'tot slot', 'ten slotte', 'hier', 'daar', 'pagina',
]);

/** Milliseconds of a clock time ("01:23" = 83 000, "1:02:03,5" = 3 723 500), or null when a field is out of range. */
export function parseClock(s: string): number | null {
  const m = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(s.trim());
  if (!m) return null;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  const min = Number(m[2]);
  const sec = Number(m[3]);
  if (sec > 59 || (m[1] !== undefined && min > 59)) return null;
  const ms = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  return ((h * 60 + min) * 60 + sec) * 1000 + ms;
}

/** Interviewer for I / Int / Interviewer / Onderzoeker, respondent for R / Respondent; otherwise null. */
export function roleOf(label: string | null): SpeakerRole | null {
  if (label === null) return null;
  if (INTERVIEWER.test(label)) return 'interviewer';
  if (RESPONDENT.test(label)) return 'respondent';
  return null;
}

/** Whether `label` (the text before the colon, trimmed) can be a speaker's name or role. */
export function isSpeakerLabel(label: string): boolean {
  if (label === '' || [...label].length > MAX_SPEAKER_LABEL) return false;
  if (KNOWN_LABEL.test(label)) return true;
  const words = label.split(/[ \t]+/);
  if (words.length > MAX_LABEL_WORDS) return false;
  if (!/\p{L}/u.test(label)) return false;
  const key = label.toLowerCase().replace(/[ \t]+/g, ' ').replace(/ ?\d+$/, '');
  if (NOT_SPEAKERS.has(key)) return false;
  const first = words[0];
  const last = words[words.length - 1];
  if (!NAME_WORD.test(first) || !/^\p{Lu}/u.test(first)) return false;
  if (!NAME_WORD.test(last)) return false;
  return words.every((w) => NAME_WORD.test(w) || PARTICLES.has(w.toLowerCase()));
}

export interface SpeakerMatch {
  speaker: string;
  role: SpeakerRole | null;
  startMs: number | null;
  /** UTF-16 index in the line where the spoken words begin (after the label, spaces and an inline timestamp). */
  contentStart: number;
}

/**
 * Recognises a speaker prefix at the start of one line: "I: …", "Respondent 2: …", "Sanne: …",
 * "Mohammed El Amrani: …", "[00:01:23] I: …", "(00:01:23) Sanne: …", "00:01:23 - R: …".
 * The colon must come within {@link MAX_SPEAKER_LABEL} characters of the label's start and be followed by
 * a space or the end of the line (for the known role labels a space is optional). Lines such as
 * "Let op: …", "Datum: …" or "Ze zei tegen mij: …" are not speaker lines.
 */
export function matchSpeakerLine(line: string): SpeakerMatch | null {
  let pos = 0;
  let startMs: number | null = null;
  const lead = LEADING_TIME.exec(line);
  if (lead) {
    startMs = parseClock(lead[1] ?? lead[2] ?? lead[3]);
    pos = lead[0].length;
  } else {
    while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) pos++;
  }
  // The colon must be near: the label is at most MAX_SPEAKER_LABEL code points (≤ 2 units each).
  const window = line.slice(pos, pos + MAX_SPEAKER_LABEL * 2 + 1);
  const colon = window.indexOf(':');
  if (colon <= 0) return null;
  const label = window.slice(0, colon).trim().replace(/[ \t]+/g, ' ');
  if (!isSpeakerLabel(label)) return null;
  let after = pos + colon + 1;
  const next = line[after];
  const spaced = next === undefined || next === ' ' || next === '\t';
  if (!spaced && !(KNOWN_LABEL.test(label) && next !== '/' && next !== ':')) return null;
  while (after < line.length && (line[after] === ' ' || line[after] === '\t')) after++;
  if (startMs === null) {
    const inline = INLINE_TIME.exec(line.slice(after));
    if (inline) {
      const ms = parseClock(inline[1] ?? inline[2]);
      if (ms !== null) {
        startMs = ms;
        after += inline[0].length;
      }
    }
  }
  return { speaker: label, role: roleOf(label), startMs, contentStart: after };
}
