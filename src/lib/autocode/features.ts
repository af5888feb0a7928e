/**
 * Text features for the code suggestions, pure: Dutch words (lower case, NFC), without stop words, reduced to their
 * Snowball stem (the `snowball-stemmers` port of the Dutch algorithm, the same algorithm as PostgreSQL's
 * `dutch_stem`), then TF-IDF vectors (sublinear tf, smoothed idf, L2-normalised), sparse.
 */
import snowball from 'snowball-stemmers';

const dutch = snowball.newStemmer('dutch');
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** Frequent Dutch function words (the Snowball list, shortened), which carry no theme. */
export const DUTCH_STOP_WORDS = new Set(
  (
    'aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun ' +
    'iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw ' +
    'van veel voor want waren was wat werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder zou gewoon heel echt best eigenlijk even zeg zei nou hè oké ok eh uh ' +
    'we jij jou jouw hun ze hen wel'
  ).split(/\s+/),
);

const stemCache = new Map<string, string>();
/** The Dutch stem of a lower-case word (cached). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = word.length > 40 ? word : dutch.stem(word);
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** The stemmed content words of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
    const w = m[0].replace(/['’-]+$/, '');
    if (w.length < 2 || DUTCH_STOP_WORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** A sparse vector: feature index → weight. */
export type SparseVector = Map<number, number>;

export interface Vocabulary {
  index: Map<string, number>;
  idf: number[];
}

/** The vocabulary of a corpus (terms in at least `minDf` documents) with smoothed idf = ln((1 + n) / (1 + df)) + 1. */
export function buildVocabulary(docs: readonly string[][], minDf = 1): Vocabulary {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const index = new Map<string, number>();
  const idf: number[] = [];
  for (const [t, n] of [...df].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n < minDf) continue;
    index.set(t, idf.length);
    idf.push(Math.log((1 + docs.length) / (1 + n)) + 1);
  }
  return { index, idf };
}

/** TF-IDF of one term list: (1 + ln tf) × idf, L2-normalised; unknown terms are ignored. */
export function tfidf(doc: readonly string[], vocab: Vocabulary): SparseVector {
  const tf = new Map<number, number>();
  for (const t of doc) {
    const i = vocab.index.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const v: SparseVector = new Map();
  let norm = 0;
  for (const [i, n] of tf) {
    const w = (1 + Math.log(n)) * vocab.idf[i];
    v.set(i, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [i, w] of v) v.set(i, w / norm);
  return v;
}
