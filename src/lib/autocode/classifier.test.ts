import { describe, expect, it } from 'vitest';
import { evaluate, predict, train, MIN_POSITIVES } from './classifier';
import { buildVocabulary, stem, terms, tfidf } from './features';
import { labelledTurns, LABELLED_CODES } from './labelled-turns';

describe('features', () => {
  it('stems Dutch words with the Snowball algorithm and drops stop words', () => {
    expect(stem('gesprekken')).toBe('gesprek');
    expect(stem('kinderen')).toBe(stem('kinder'));
    expect(stem('bezoeken')).toBe('bezoek');
    expect(terms('De gesprekken met de gezinsvoogd, en het Bezoek!')).toEqual(['gesprek', 'gezinsvoogd', 'bezoek']);
  });
  it('builds L2-normalised TF-IDF vectors', () => {
    const docs = [terms('bezoek bezoek school'), terms('school wachtlijst')];
    const v = buildVocabulary(docs);
    const x = tfidf(docs[0], v);
    const norm = Math.sqrt([...x.values()].reduce((a, b) => a + b * b, 0));
    expect(norm).toBeCloseTo(1, 10);
    // "bezoek" (only in doc 0, twice) weighs more than "school" (in both)
    expect(x.get(v.index.get(stem('bezoek'))!)!).toBeGreaterThan(x.get(v.index.get(stem('school'))!)!);
    expect(tfidf(['onbekend'], v).size).toBe(0);
  });
});

describe('classifier', () => {
  it('learns only codes with enough positive turns', () => {
    const m = train([
      { text: 'bezoek bij moeder', codes: ['a'] },
      { text: 'bezoek bij vader', codes: ['a'] },
      { text: 'bezoek bij oma', codes: ['a'] },
      { text: 'school en klas', codes: ['b'] },
    ]);
    expect([...m.codes.keys()]).toEqual(['a']);
    expect(MIN_POSITIVES).toBe(3);
    expect(predict(m, 'een bezoek')[0].score).toBeGreaterThan(predict(m, 'de klas')[0].score);
  });

  it('suggests codes on held-back turns of the labelled Dutch set with useful precision and recall', () => {
    const turns = labelledTurns();
    expect(turns.length).toBe(240);
    // every fourth turn is held back (each code equally often, since codes rotate)
    const trainSet = turns.filter((_, i) => i % 4 !== 3);
    const heldBack = turns.filter((_, i) => i % 4 === 3);
    const t0 = performance.now();
    const model = train(trainSet);
    const ms = performance.now() - t0;
    expect([...model.codes.keys()].sort()).toEqual([...LABELLED_CODES].sort());
    const r = evaluate(model, heldBack, 0.5);
    const perCode = LABELLED_CODES.map((c) => {
      const e = evaluate({ ...model, codes: new Map([[c, model.codes.get(c)!]]) }, heldBack.map((x) => ({ ...x, codes: x.codes })), 0.5);
      return `${c}: P=${e.precision.toFixed(2)} R=${e.recall.toFixed(2)}`;
    });
    console.log(
      `code suggestions on ${heldBack.length} held-back turns (trained on ${trainSet.length} in ${ms.toFixed(0)} ms): ` +
        `precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, F1 ${r.f1.toFixed(3)} (${r.correct}/${r.suggested} suggestions right, ${r.truth} true codes)\n  ${perCode.join('\n  ')}`,
    );
    expect(r.precision).toBeGreaterThanOrEqual(0.8);
    expect(r.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('treats a rejected code as negative for that turn', () => {
    const base = [
      { text: 'bezoek bij moeder', codes: ['a'] },
      { text: 'bezoek bij vader', codes: ['a'] },
      { text: 'bezoek bij oma', codes: ['a'] },
      { text: 'bezoek bij opa', codes: ['a'] },
      { text: 'school en klas', codes: ['b'] },
    ];
    const withReject = [...base, { text: 'bezoek aan de school', codes: ['b'], rejected: ['a'] }];
    const a1 = predict(train(base), 'bezoek aan de school').find((p) => p.code === 'a')!.score;
    const a2 = predict(train(withReject), 'bezoek aan de school').find((p) => p.code === 'a')!.score;
    expect(a2).toBeLessThan(a1);
  });
});
