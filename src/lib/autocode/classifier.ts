/**
 * A small multi-label text classifier for code suggestions, pure and local (nothing leaves the machine): TF-IDF over
 * Dutch-stemmed words (features.ts) and one logistic regression per code (one-vs-rest), trained by full-batch
 * gradient descent with L2 regularisation and balanced class weights. Deterministic: the same examples give the same
 * model.
 *
 * Examples are speaker turns that carry codes: a turn is positive for the codes it carries and negative for the
 * others (and negative for a code the coder rejected on it). A code needs MIN_POSITIVES positive turns to be learnt.
 */
import { buildVocabulary, terms, tfidf, type SparseVector, type Vocabulary } from './features';

export interface Example {
  text: string;
  /** the codes the turn carries */
  codes: readonly string[];
  /** codes rejected for this turn (negative even if similar turns carry them) */
  rejected?: readonly string[];
}

export interface Model {
  vocab: Vocabulary;
  /** per code: weights over the vocabulary and a bias */
  codes: Map<string, { w: Float64Array; b: number; positives: number }>;
  examples: number;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty */
  lambda?: number;
}

export const MIN_POSITIVES = 3;

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** A sparse vector as parallel arrays (faster to walk than a Map in the training loop). */
interface Packed {
  idx: Int32Array;
  val: Float64Array;
}
const pack = (x: SparseVector): Packed => ({ idx: Int32Array.from(x.keys()), val: Float64Array.from(x.values()) });

function dot(x: Packed, w: Float64Array): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += x.val[k] * w[x.idx[k]];
  return s;
}

/** Trains one logistic regression per code that has at least MIN_POSITIVES positive examples. */
export function train(examples: readonly Example[], opts: TrainOptions = {}): Model {
  const epochs = opts.epochs ?? 300;
  const lr = opts.learningRate ?? 2;
  const lambda = opts.lambda ?? 1e-3;
  const docs = examples.map((e) => terms(e.text));
  const vocab = buildVocabulary(docs);
  const xs = docs.map((d) => pack(tfidf(d, vocab)));
  const dim = vocab.idf.length;
  const allCodes = [...new Set(examples.flatMap((e) => e.codes))].sort();
  const model: Model = { vocab, codes: new Map(), examples: examples.length };
  for (const code of allCodes) {
    const y = examples.map((e) => (e.codes.includes(code) && !e.rejected?.includes(code) ? 1 : 0));
    const pos = y.reduce<number>((a, b) => a + b, 0);
    const neg = y.length - pos;
    if (pos < MIN_POSITIVES || neg === 0) continue;
    // balanced weights: both classes weigh half of the total
    const wPos = y.length / (2 * pos);
    const wNeg = y.length / (2 * neg);
    const w = new Float64Array(dim);
    let b = Math.log(pos / neg);
    const grad = new Float64Array(dim);
    for (let epoch = 0; epoch < epochs; epoch++) {
      grad.fill(0);
      let gb = 0;
      for (let k = 0; k < xs.length; k++) {
        const p = sigmoid(dot(xs[k], w) + b);
        const err = (p - y[k]) * (y[k] ? wPos : wNeg);
        const x = xs[k];
        for (let q = 0; q < x.idx.length; q++) grad[x.idx[q]] += err * x.val[q];
        gb += err;
      }
      const n = xs.length;
      for (let i = 0; i < dim; i++) w[i] -= lr * (grad[i] / n + lambda * w[i]);
      b -= (lr * gb) / n;
    }
    model.codes.set(code, { w, b, positives: pos });
  }
  return model;
}

/** The probability of every learnt code for a text, highest first. */
export function predict(model: Model, text: string): { code: string; score: number }[] {
  const x = pack(tfidf(terms(text), model.vocab));
  const out: { code: string; score: number }[] = [];
  for (const [code, m] of model.codes) out.push({ code, score: x.idx.length === 0 ? 0 : sigmoid(dot(x, m.w) + m.b) });
  return out.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
}

/** Micro-averaged precision and recall of suggestions (score ≥ threshold) against the true codes of held-back examples. */
export function evaluate(model: Model, heldBack: readonly Example[], threshold = 0.5): { precision: number; recall: number; f1: number; suggested: number; correct: number; truth: number } {
  let suggested = 0;
  let correct = 0;
  let truth = 0;
  for (const e of heldBack) {
    const want = new Set(e.codes.filter((c) => model.codes.has(c)));
    truth += want.size;
    for (const p of predict(model, e.text)) {
      if (p.score < threshold) continue;
      suggested++;
      if (want.has(p.code)) correct++;
    }
  }
  const precision = suggested ? correct / suggested : 0;
  const recall = truth ? correct / truth : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, suggested, correct, truth };
}
