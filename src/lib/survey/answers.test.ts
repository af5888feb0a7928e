import fc from 'fast-check';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { compile, createCompileCache, validateAnswers } from './answers';
import { professionalsSurveyTemplate } from './template';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT, SurveyDefinitionError, type Answers, type SurveyDefinition } from './types';

const tpl = compile(professionalsSurveyTemplate());

/** A complete, valid set of answers to the template. */
function full(): Answers {
  return {
    rol: 'jeugdbeschermer',
    ervaring_jaren: 12,
    regio: 'utrecht',
    ervaring_terugplaatsing: true,
    hulp_passend: { voor: 'soms', tijdens: 'zelden', na: 'vaak' },
    hulp_ontbreekt: ['ggz_ouders', 'trauma'],
    contact_eerste_fase: 'meestal_niet',
    contact_belemmering: ['afstand'],
    contact_belang: 5,
    betrokken: { ouders_plaatsing: 2, kind_plaatsing: 3, ouders_perspectief: 4, kind_perspectief: 1, ouders_uitleg: 5, kind_uitleg: 3 },
    wachtlijst: true,
    wachttijd_maanden: 4,
    samenwerking: 6,
    prioriteit: ['nazorg', 'sneller_hulp', 'meer_contact', 'betrokkenheid', 'samenwerking'],
    goede_praktijken: 'Vaste contactpersoon.',
  };
}
const errs = (answers: unknown, opts = {}) => {
  const r = tpl.validate(answers, opts);
  return r.ok ? [] : r.errors;
};
const cleaned = (answers: unknown, opts = {}) => {
  const r = tpl.validate(answers, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.cleaned;
};

describe('validateAnswers: valid input', () => {
  it('accepts a complete response and keeps it (in question order)', () => {
    const c = cleaned(full(), { complete: true });
    expect(c).toEqual(full());
    expect(Object.keys(c)).toEqual(Object.keys(full()));
  });

  it('accepts a draft with nothing required and drops empty answers', () => {
    expect(cleaned({ rol: 'advocaat', opmerking: '   ', hulp_ontbreekt: [], betrokken: {} })).toEqual({ rol: 'advocaat' });
  });

  it('works through the definition too (cached per object)', () => {
    const def = professionalsSurveyTemplate();
    expect(validateAnswers(def, { rol: 'advocaat' })).toEqual({ ok: true, cleaned: { rol: 'advocaat' } });
    expect(validateAnswers(def, { rol: 'x' }).ok).toBe(false);
  });

  it('keeps the "other" text only when "other" is chosen', () => {
    expect(cleaned({ rol: 'other', 'rol-Comment': 'Gedragswetenschapper' })).toEqual({ rol: 'other', 'rol-Comment': 'Gedragswetenschapper' });
    expect(cleaned({ rol: 'advocaat', 'rol-Comment': 'stale' })).toEqual({ rol: 'advocaat' });
    expect(errs({ ...full(), rol: 'other' }, { complete: true })).toEqual([{ question: 'rol-Comment', message: "Vul bij 'Anders' uw antwoord in." }]);
  });

  it('canonicalises option values and orders checkbox answers by the definition', () => {
    const def: SurveyDefinition = { pages: [{ name: 'p', elements: [{ type: 'dropdown', name: 'n', choices: [1, 2, 3] }, { type: 'checkbox', name: 'c', choices: ['a', 'b', 'c'] }] }] };
    expect(validateAnswers(def, { n: '2', c: ['c', 'a'] })).toEqual({ ok: true, cleaned: { n: 2, c: ['a', 'c'] } });
  });
});

describe('validateAnswers: conditions (survey-core)', () => {
  it('drops answers to hidden questions', () => {
    const a = { ...full(), contact_eerste_fase: 'meestal_wel', wachtlijst: false, hulp_passend: { voor: 'vaak', tijdens: 'altijd', na: 'vaak' } };
    const c = cleaned(a, { complete: true });
    expect(c.contact_belemmering).toBeUndefined();
    expect(c.wachttijd_maanden).toBeUndefined();
    expect(c.hulp_ontbreekt).toBeUndefined();
  });

  it('requires a conditional question only when it is shown', () => {
    const a = full();
    delete a.wachttijd_maanden;
    expect(errs(a, { complete: true })).toEqual([{ question: 'wachttijd_maanden', message: 'Deze vraag is verplicht.' }]);
    expect(errs({ ...a, wachtlijst: false }, { complete: true })).toEqual([]);
  });

  it('hides chains: a hidden answer does not keep a later question visible', () => {
    const def: SurveyDefinition = {
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'boolean', name: 'a' },
            { type: 'boolean', name: 'b', visibleIf: '{a} = true' },
            { type: 'text', name: 'c', visibleIf: '{b} = true', isRequired: true },
          ],
        },
      ],
    };
    const c = compile(def);
    expect(c.validate({ a: false, b: true, c: 'x' }, { complete: true })).toEqual({ ok: true, cleaned: { a: false } });
    expect(c.validate({ a: true, b: true }, { complete: true })).toEqual({ ok: false, errors: [{ question: 'c', message: 'Deze vraag is verplicht.' }] });
  });

  it('drops answers on hidden pages and evaluates requiredIf', () => {
    const def: SurveyDefinition = {
      pages: [
        { name: 'p1', elements: [{ type: 'boolean', name: 'a' }, { type: 'text', name: 'r', requiredIf: '{a} = true' }] },
        { name: 'p2', visibleIf: '{a} = true', elements: [{ type: 'text', name: 'b', isRequired: true }] },
      ],
    };
    const c = compile(def);
    expect(c.validate({ a: false, b: 'x' }, { complete: true })).toEqual({ ok: true, cleaned: { a: false } });
    expect(c.validate({ a: true }, { complete: true })).toEqual({
      ok: false,
      errors: [
        { question: 'r', message: 'Deze vraag is verplicht.' },
        { question: 'b', message: 'Deze vraag is verplicht.' },
      ],
    });
    expect(c.visibility({ a: true })).toMatchObject({ pages: [true, true], questions: { a: true, r: true, b: true }, required: { r: true, b: true } });
  });
});

/** Reference: visibility from a full survey-core Model, hidden answers removed until stable. */
const models = new WeakMap<object, Model>();
function modelVisibility(def: SurveyDefinition, answers: Answers): Record<string, boolean> {
  const model = models.get(def) ?? new Model(def);
  models.set(def, model);
  let current = { ...answers };
  for (;;) {
    model.data = current;
    const vis: Record<string, boolean> = {};
    for (const q of model.getAllQuestions()) vis[q.name] = q.isVisible && (q.page?.isVisible ?? true);
    const hidden = Object.keys(current).filter((k) => vis[k.replace(/-Comment$/, '')] === false);
    if (hidden.length === 0) return vis;
    current = Object.fromEntries(Object.entries(current).filter(([k]) => !hidden.includes(k)));
  }
}

describe('visibility equals that of a survey-core Model', () => {
  it('for random answers to the template', () => {
    const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const freq = fc.constantFrom('nooit', 'zelden', 'soms', 'vaak', 'altijd', 'weet_niet');
    const arb = fc.record({
      hulp_passend: opt(fc.record({ voor: freq, tijdens: freq, na: freq }, { requiredKeys: [] })),
      hulp_ontbreekt: opt(fc.constant(['trauma'])),
      contact_eerste_fase: opt(fc.constantFrom('meestal_wel', 'soms', 'meestal_niet', 'dontknow')),
      contact_belemmering: opt(fc.constant(['afstand'])),
      wachtlijst: opt(fc.boolean()),
      wachttijd_maanden: opt(fc.integer({ min: 0, max: 60 })),
    });
    const def = professionalsSurveyTemplate();
    fc.assert(
      fc.property(arb, (raw) => {
        const answers = JSON.parse(JSON.stringify(raw)) as Answers; // plain objects, as from a request body
        expect(tpl.visibility(answers).questions).toEqual(modelVisibility(def, answers));
      }),
      { numRuns: 100 },
    );
  });

  it('for page conditions and chains', () => {
    const def: SurveyDefinition = {
      pages: [
        { name: 'p1', elements: [{ type: 'radiogroup', name: 'a', choices: ['x', 'y', 'z'] }, { type: 'checkbox', name: 'b', choices: ['k', 'l'], visibleIf: "{a} <> 'z'" }] },
        { name: 'p2', visibleIf: "{b} contains 'k' or {a} = 'y'", elements: [{ type: 'text', name: 'c' }, { type: 'text', name: 'd', visibleIf: '{c} notempty' }] },
      ],
    };
    const c = compile(def);
    for (const a of [undefined, 'x', 'y', 'z'])
      for (const b of [undefined, ['k'], ['l'], ['k', 'l']])
        for (const cc of [undefined, 'tekst']) {
          const answers = Object.fromEntries(Object.entries({ a, b, c: cc, d: 'x' }).filter(([, v]) => v !== undefined)) as Answers;
          expect(c.visibility(answers).questions, JSON.stringify(answers)).toEqual(modelVisibility(def, answers));
        }
  });
});

describe('validateAnswers: page saves', () => {
  it('checks required questions on that page only', () => {
    expect(errs({ rol: 'advocaat' }, { pageIndex: 0 }).map((e) => e.question)).toEqual(['ervaring_jaren', 'regio', 'ervaring_terugplaatsing']);
    expect(errs({ rol: 'advocaat', ervaring_jaren: 3, regio: 'zeeland', ervaring_terugplaatsing: false }, { pageIndex: 0 })).toEqual([]);
    expect(errs({}, { pageIndex: 5 })).toEqual([]); // last page has no required questions
  });

  it('still type-checks answers to other pages', () => {
    expect(errs({ rol: 'advocaat', ervaring_jaren: 3, regio: 'zeeland', ervaring_terugplaatsing: false, samenwerking: 11 }, { pageIndex: 0 })).toEqual([
      { question: 'samenwerking', message: 'Kies een waarde op de schaal.' },
    ]);
  });

  it('requires all matrix rows when isAllRowRequired', () => {
    expect(errs({ hulp_passend: { voor: 'soms' } }, { pageIndex: 1 })).toEqual([{ question: 'hulp_passend', message: 'Beantwoord alle rijen.' }]);
  });

  it('rejects an unknown page', () => {
    for (const p of [-1, 6, 1.5, NaN]) expect(errs({}, { pageIndex: p })).toEqual([{ question: '', message: 'Onbekende pagina.' }]);
  });
});

describe('validateAnswers: wrong and hostile input', () => {
  it('rejects non-objects', () => {
    for (const a of [null, undefined, 'x', 3, [], [{ rol: 'advocaat' }]]) expect(errs(a)).toEqual([{ question: '', message: 'De antwoorden moeten een object zijn.' }]);
  });

  it('rejects unknown questions, including prototype keys', () => {
    const hostile = JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}, "prototype": 1, "hasOwnProperty": 1, "onbekend": 1, "rol-Comment": "x", "regio-Comment": "y"}');
    const e = errs(hostile);
    expect(e.map((x) => x.question).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'onbekend', 'prototype', 'regio-Comment']);
    expect(e.every((x) => x.message === 'Onbekende vraag.')).toBe(true);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('rejects prototype keys inside matrix answers', () => {
    expect(errs(JSON.parse('{"betrokken": {"__proto__": 1}}'))).toEqual([{ question: 'betrokken', message: "Onbekende rij '__proto__'." }]);
    expect(errs({ betrokken: { constructor: 1 } })[0].question).toBe('betrokken');
  });

  it('rejects wrong types per question type', () => {
    const cases: [string, unknown][] = [
      ['rol', 5],
      ['rol', ['advocaat']],
      ['rol', { value: 'advocaat' }],
      ['rol', true],
      ['regio', 'mars'],
      ['ervaring_terugplaatsing', 'ja'],
      ['ervaring_terugplaatsing', 1],
      ['ervaring_jaren', '12'],
      ['ervaring_jaren', -1],
      ['ervaring_jaren', 51],
      ['ervaring_jaren', Infinity],
      ['contact_belang', 6],
      ['contact_belang', '5'],
      ['contact_belang', 2.5],
      ['hulp_ontbreekt', 'trauma'],
      ['hulp_ontbreekt', ['trauma', 'trauma']],
      ['hulp_ontbreekt', ['nope']],
      ['hulp_ontbreekt', ['trauma', 'none']],
      ['hulp_ontbreekt', ['trauma', 'ggz_ouders', 'verslaving', 'schulden_wonen']],
      ['hulp_passend', ['soms']],
      ['hulp_passend', { voor: 'misschien' }],
      ['hulp_passend', { rij: 'soms' }],
      ['prioriteit', ['nazorg']],
      ['prioriteit', ['nazorg', 'nazorg', 'sneller_hulp', 'meer_contact', 'betrokkenheid']],
      ['prioriteit', 'nazorg'],
      ['opmerking', 42],
      ['opmerking', { text: 'x' }],
    ];
    for (const [q, v] of cases) {
      const e = errs({ [q]: v });
      expect(e, `${q} = ${JSON.stringify(v)}`).toHaveLength(1);
      expect(e[0].question).toBe(q);
    }
  });

  it('keeps HTML and script in text answers as plain text', () => {
    const xss = '<script>alert("x")</script><img src=x onerror=alert(1)> & =HYPERLINK("http://x")';
    expect(cleaned({ goede_praktijken: xss, opmerking: xss })).toEqual({ goede_praktijken: xss, opmerking: xss });
  });

  it('enforces length limits of 500 and 10,000 characters (code points)', () => {
    expect(errs({ opmerking: 'x'.repeat(MAX_SHORT_TEXT) })).toEqual([]);
    expect(errs({ opmerking: 'x'.repeat(MAX_SHORT_TEXT + 1) })[0].message).toMatch(/maximaal 500 tekens/);
    expect(errs({ opmerking: '😀'.repeat(MAX_SHORT_TEXT) })).toEqual([]); // 1000 UTF-16 units, 500 characters
    const def: SurveyDefinition = { pages: [{ name: 'p', elements: [{ type: 'comment', name: 'lang' }] }] };
    expect(validateAnswers(def, { lang: 'y'.repeat(MAX_LONG_TEXT) }).ok).toBe(true);
    expect(validateAnswers(def, { lang: 'y'.repeat(MAX_LONG_TEXT + 1) }).ok).toBe(false);
    // the template's own maxLength (5000) applies
    expect(errs({ knelpunten: 'z'.repeat(5001) })[0].message).toMatch(/maximaal 5000 tekens/);
  });

  it('handles huge strings and arrays quickly', () => {
    const t0 = performance.now();
    expect(errs({ opmerking: 'x'.repeat(20_000_000) })[0].message).toMatch(/te lang/);
    expect(errs({ hulp_ontbreekt: new Array(1_000_000).fill('trauma') })[0].message).toMatch(/Te veel/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('rejects NUL characters and broken surrogates (not storable in PostgreSQL jsonb)', () => {
    expect(errs({ opmerking: 'a\u0000b' })[0].message).toBe('Het antwoord bevat ongeldige tekens.');
    expect(errs({ opmerking: 'a\ud800b' })[0].message).toBe('Het antwoord bevat ongeldige tekens.');
    expect(errs({ opmerking: 'a\udc00' })[0].message).toBe('Het antwoord bevat ongeldige tekens.');
  });

  it('limits the number of errors reported', () => {
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    expect(errs(many)).toHaveLength(100);
  });

  it('checks dates and e-mail addresses', () => {
    const def: SurveyDefinition = {
      pages: [{ name: 'p', elements: [{ type: 'text', name: 'd', inputType: 'date', min: '2020-01-01', max: '2030-12-31' }, { type: 'text', name: 'e', inputType: 'email' }] }],
    };
    const c = compile(def);
    expect(c.validate({ d: '2024-02-29', e: 'a@b.nl' }).ok).toBe(true);
    for (const d of ['2023-02-29', '2019-12-31', '2031-01-01', '24-01-01', 20240101]) expect(c.validate({ d }).ok, String(d)).toBe(false);
    for (const e of ['geen', 'a@b', '<a@b.nl>']) expect(c.validate({ e }).ok, e).toBe(false);
  });
});

describe('compile', () => {
  it('throws SurveyDefinitionError for an invalid definition', () => {
    expect(() => compile({ pages: [{ name: 'p', elements: [{ type: 'panel', name: 'x' }] }] })).toThrow(SurveyDefinitionError);
  });

  it('gives the same result when reused (no state leaks between calls)', () => {
    const c = compile(professionalsSurveyTemplate());
    const a = full();
    const first = c.validate(a, { complete: true });
    c.validate({ ...a, wachtlijst: false, contact_eerste_fase: 'meestal_wel' }, { complete: true });
    c.validate({ rol: 'x' });
    expect(c.validate(a, { complete: true })).toEqual(first);
  });

  it('createCompileCache keeps the most recent entries', () => {
    const cache = createCompileCache(2);
    const d = professionalsSurveyTemplate();
    const a = cache.get('s1:1', d);
    expect(cache.get('s1:1', d)).toBe(a);
    cache.get('s1:2', d);
    cache.get('s1:3', d);
    expect(cache.size).toBe(2);
    expect(cache.get('s1:1', d)).not.toBe(a);
  });

  it('validates a 30-question instrument fast (median per call printed)', () => {
    const elements: unknown[] = [];
    for (let i = 0; i < 30; i++) {
      const k = i % 6;
      const name = `v${i}`;
      const visibleIf = i > 0 && i % 5 === 0 ? `{v${i - 1}} notempty` : undefined;
      const base = { name, isRequired: i % 2 === 0, ...(visibleIf ? { visibleIf } : {}) };
      if (k === 0) elements.push({ ...base, type: 'radiogroup', choices: ['a', 'b', 'c', 'd'], showOtherItem: true });
      if (k === 1) elements.push({ ...base, type: 'checkbox', choices: ['a', 'b', 'c', 'd', 'e'] });
      if (k === 2) elements.push({ ...base, type: 'matrix', rows: ['r1', 'r2', 'r3', 'r4'], columns: [1, 2, 3, 4, 5] });
      if (k === 3) elements.push({ ...base, type: 'rating', rateMin: 1, rateMax: 10 });
      if (k === 4) elements.push({ ...base, type: 'text', inputType: 'number', min: 0, max: 100 });
      if (k === 5) elements.push({ ...base, type: 'comment' });
    }
    const def: SurveyDefinition = { pages: [0, 1, 2].map((p) => ({ name: `p${p}`, elements: elements.slice(p * 10, p * 10 + 10) })) };
    const answers: Answers = {};
    for (let i = 0; i < 30; i++) {
      const k = i % 6;
      answers[`v${i}`] = [ 'b', ['a', 'c'], { r1: 1, r2: 2, r3: 3, r4: 4 }, 7, 42, 'Een toelichting van enige lengte.'.repeat(10) ][k];
    }
    const t0 = performance.now();
    const c = compile(def);
    const compileMs = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = performance.now();
      const r = c.validate(answers, { pageIndex: i % 3 });
      times.push(performance.now() - s);
      expect(r.ok).toBe(true);
    }
    times.sort((x, y) => x - y);
    const median = times[150];
    const p95 = times[285];
    const full300: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      c.validate(answers, { complete: true });
      full300.push(performance.now() - s);
    }
    full300.sort((x, y) => x - y);
    console.log(
      `validateAnswers, 30 vragen: compile ${compileMs.toFixed(1)} ms; per paginaopslag mediaan ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms; afronden mediaan ${full300[25].toFixed(3)} ms`,
    );
    expect(median).toBeLessThan(20);
  });
});
