import { tokenize, type Token } from '../tokens';

/** What every rule gets: the text, its tokens, and the token index by start offset. */
export interface Context {
  text: string;
  tokens: Token[];
  byStart: Map<number, number>;
}

/** Tokenises once for all rules. */
export function makeContext(text: string): Context {
  const tokens = tokenize(text);
  return { text, tokens, byStart: new Map(tokens.map((t, i) => [t.start, i])) };
}

/** Every match of a global regular expression, as [start, end, match]. */
export function* matches(re: RegExp, text: string): Generator<[number, number, RegExpExecArray]> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    yield [m.index, m.index + m[0].length, m];
  }
}
