/** Street addresses: a street name with a Dutch street suffix and a house number ("Van Goghlaan 3a"). */
import { NOT_A_NAME, STREET_SUFFIXES } from '../data/words';
import { isSentenceStart, lower, onlySpaces } from '../tokens';
import type { Candidate } from '../types';
import type { Context } from './context';

/** The house number and optional addition right after the street name: " 12", " 14b", " 22-A", " 45-bis", " 12-2", " 3 hs". */
const HOUSE_NUMBER = /^[ \u00a0]+\d{1,4}(?:[ -]?[a-zA-Z](?![\p{L}\p{N}])|-?bis(?![\p{L}\p{N}])|-\d{1,3}(?![\p{L}\p{N}])|[ -]?(?:hs|bg|zw|I{1,3})(?![\p{L}\p{N}]))?(?![\p{L}\p{N}])/u;
const CAP_PARTICLES = new Set(['Van', 'De', 'Den', 'Der', 'Het', 'Ter', 'Ten', "'t", '’t']);
const LOWER_PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', "'t", '’t', 'aan', 'op', 'in', 'bij']);
const SUFFIXES = STREET_SUFFIXES.filter((s) => !['es', 'esch', 'ring', 'oord', 'wijk'].includes(s));

const capitalised = (w: string) => /^(?:IJ|\p{Lu})[\p{L}\p{M}]/u.test(w);

/** Finds addresses. */
export function findAddresses(ctx: Context): Candidate[] {
  const { tokens, text } = ctx;
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lw = lower(t.norm);
    const suffix = SUFFIXES.find((s) => lw.endsWith(s));
    if (!suffix || !capitalised(t.norm)) continue;
    const number = HOUSE_NUMBER.exec(text.slice(t.end, t.end + 24));
    if (!number) continue;

    // Walk back over the rest of the street name: "Burgemeester de Withstraat", "Van Goghstraat".
    let first = i;
    let j = i - 1;
    while (j >= 0 && i - j <= 4 && onlySpaces(text, tokens[j].end, tokens[j + 1].start)) {
      const w = tokens[j].norm;
      if (LOWER_PARTICLES.has(w)) {
        j--;
        continue;
      }
      const capParticle = CAP_PARTICLES.has(w) && !isSentenceStart(text, tokens[j].start);
      if (capParticle || (capitalised(w) && !NOT_A_NAME.has(w))) {
        first = j;
        j--;
        continue;
      }
      break;
    }
    // A bare suffix word ("Dam 1", "Plein 3") is only a street with a name before it.
    if (first === i && lw.length < suffix.length + 2) continue;
    out.push({ start: tokens[first].start, end: t.end + number[0].length, kind: 'address' });
  }
  return out;
}
