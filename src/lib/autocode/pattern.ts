/**
 * Patterns for "code all matches", pure: a wildcard pattern (words with * for any letters and ? for one letter,
 * "pleeg* gezin?") becomes a regular expression; a regular expression is validated (compiles with the Unicode flag,
 * no back-references, no nested quantifiers such as (a+)+, does not match empty text). The matching itself runs
 * with a time limit in the server (analysis/pattern-runner.ts), which guards against patterns that still take too
 * long.
 */
export class PatternError extends Error {}

const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,?\d*\})\)(?:[+*]|\{\d+,?\d*\})/;
const BACKREFERENCE = /\\(?:[1-9]|k<)/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A wildcard pattern as a regular expression source: words separated by spaces match words separated by spacing. */
export function wildcardToRegex(pattern: string): string {
  const words = pattern.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new PatternError('Vul een patroon in.');
  if (words.length > 20) throw new PatternError('Een patroon heeft hoogstens 20 woorden.');
  const parts = words.map((w) => {
    if (/^[*?]+$/.test(w)) throw new PatternError('Een woord van het patroon bestaat niet alleen uit * of ?.');
    return escape(w).replace(/\\\*/g, '[\\p{L}\\p{M}\\p{N}]*').replace(/\\\?/g, '[\\p{L}\\p{M}\\p{N}]');
  });
  return `(?<![\\p{L}\\p{M}\\p{N}])${parts.join('[\\s\\p{P}]+')}(?![\\p{L}\\p{M}\\p{N}])`;
}

export interface CompiledPattern {
  source: string;
  flags: string;
}

/** Validates a pattern and gives the regular expression to run (flags always include g and u). */
export function compilePattern(pattern: string, mode: 'wildcard' | 'regex', caseSensitive: boolean): CompiledPattern {
  const source = mode === 'wildcard' ? wildcardToRegex(pattern) : pattern;
  if (mode === 'regex') {
    if (BACKREFERENCE.test(source)) throw new PatternError('Verwijzingen terug (\\1, \\k<…>) zijn niet toegestaan in een patroon.');
    if (NESTED_QUANTIFIER.test(source)) throw new PatternError('Een herhaling binnen een herhaling, zoals (a+)+, is niet toegestaan: zo’n patroon kan eindeloos lang rekenen.');
  }
  const flags = caseSensitive ? 'gu' : 'giu';
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    throw new PatternError(`Het patroon is geen geldige reguliere expressie: ${(e as Error).message.replace(/^Invalid regular expression: /, '').slice(0, 200)}`);
  }
  re.lastIndex = 0;
  if (re.test('')) throw new PatternError('Het patroon vindt ook lege tekst; maak het specifieker.');
  return { source, flags };
}

/** Every non-empty match of a compiled pattern in a text (UTF-16 indices), at most `limit`. */
export function matchAll(p: CompiledPattern, text: string, limit: number): [number, number][] {
  const re = new RegExp(p.source, p.flags);
  const out: [number, number][] = [];
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = re.exec(text))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}
