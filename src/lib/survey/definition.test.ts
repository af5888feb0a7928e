import { describe as group, expect, it } from 'vitest';
import { describe, validateDefinition } from './definition';
import { professionalsSurveyTemplate } from './template';
import { SurveyDefinitionError, type DefinitionError } from './types';

function errorsOf(json: unknown): DefinitionError[] {
  const r = validateDefinition(json);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
const page = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ pages: [{ name: 'p1', elements, ...extra }] });
const radio = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'radiogroup', name, choices: ['a', 'b'], ...extra });

group('the ready instrument (template)', () => {
  const r = validateDefinition(professionalsSurveyTemplate());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const { info } = r;

  it('is valid and has several pages', () => {
    expect(info.pages.length).toBeGreaterThanOrEqual(5);
    expect(info.title.default).toBe('Enquête professionals: uithuisplaatsing en terugplaatsing');
    expect(info.title.en).toBeTruthy();
  });

  it('covers every supported question type', () => {
    const kinds = new Set(info.questions.map((q) => (q.type === 'text' ? `text:${q.inputType}` : q.type)));
    for (const k of ['radiogroup', 'checkbox', 'dropdown', 'rating', 'matrix', 'boolean', 'text:number', 'text:text', 'comment', 'ranking']) expect(kinds).toContain(k);
  });

  it('asks the role with the categories of the brief plus "other" with text', () => {
    const rol = info.questions.find((q) => q.name === 'rol')!;
    expect(rol.choices.map((c) => c.value)).toEqual(['jeugdbeschermer', 'hulpverlener', 'pleegzorgmedewerker', 'advocaat', 'other']);
    expect(rol.hasOther).toBe(true);
    expect(rol.isRequired).toBe(true);
  });

  it('has required questions and at least two conditions on earlier answers', () => {
    expect(info.questions.filter((q) => q.isRequired).length).toBeGreaterThan(8);
    const conditional = info.questions.filter((q) => q.visibleIf);
    expect(conditional.length).toBeGreaterThanOrEqual(2);
  });

  it('has an English text for every title, option and row', () => {
    expect(info.locales).toEqual(['en']);
    for (const q of info.questions) {
      expect(q.title.en, q.name).toBeTruthy();
      for (const c of [...q.choices, ...q.rows]) if (c.text.default !== String(c.value)) expect(c.text.en, `${q.name}:${String(c.value)}`).toBeTruthy();
    }
    for (const p of info.pages) expect(p.title.en).toBeTruthy();
  });

  it('returns a fresh copy each time', () => {
    const a = professionalsSurveyTemplate();
    (a.pages as unknown[]).pop();
    expect((professionalsSurveyTemplate().pages as unknown[]).length).toBe(info.pages.length);
  });
});

group('validateDefinition', () => {
  it('accepts a minimal definition and normalises a single-page one', () => {
    const r = validateDefinition({ elements: [radio('q1')] });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.definition.pages).toEqual([{ name: 'pagina1', elements: [radio('q1')] }]);
      expect(r.info.questions[0]).toMatchObject({ name: 'q1', type: 'radiogroup', page: 0, isRequired: false });
    }
  });

  it('rejects non-objects and surveys without questions', () => {
    expect(errorsOf(null)[0].path).toBe('$');
    expect(errorsOf([])[0].message).toMatch(/JSON-object/);
    expect(errorsOf({ pages: [] })[0].path).toBe('$.pages');
    expect(errorsOf({ pages: [{ name: 'p', elements: [{ type: 'html', name: 'h', html: '<p>x</p>' }] }] }).map((e) => e.message)).toContain(
      'De vragenlijst moet minstens één vraag hebben.',
    );
  });

  it('rejects unsupported types (panels, files, expressions) with their path', () => {
    const errs = errorsOf(page([radio('q1'), { type: 'panel', name: 'pn', elements: [] }, { type: 'file', name: 'f' }]));
    expect(errs.map((e) => e.path)).toEqual(expect.arrayContaining(['pages[0].elements[1].type', 'pages[0].elements[2].type']));
    expect(errs[0].message).toMatch(/niet ondersteund/);
  });

  it('requires unique (case-insensitive), variable-safe, non-reserved names', () => {
    const errs = errorsOf(page([radio('rol'), radio('ROL'), radio('1x'), radio('a-b'), radio('with'), radio('constructor'), radio('x'.repeat(33)), { type: 'text' }]));
    const byPath = Object.fromEntries(errs.map((e) => [e.path, e.message]));
    expect(byPath['pages[0].elements[1].name']).toMatch(/komt vaker voor/);
    expect(byPath['pages[0].elements[2].name']).toMatch(/Ongeldige vraagnaam/);
    expect(byPath['pages[0].elements[3].name']).toMatch(/Ongeldige vraagnaam/);
    expect(byPath['pages[0].elements[4].name']).toMatch(/gereserveerd/);
    expect(byPath['pages[0].elements[5].name']).toMatch(/gereserveerd/);
    expect(byPath['pages[0].elements[6].name']).toMatch(/Ongeldige vraagnaam/);
    expect(byPath['pages[0].elements[7].name']).toMatch(/Ongeldige vraagnaam/);
  });

  it('checks conditions: they parse and refer only to earlier questions', () => {
    const errs = errorsOf({
      pages: [
        { name: 'p1', elements: [radio('a'), radio('b', { visibleIf: "{c} = 'a'" }), radio('c', { visibleIf: "{a} = 'a' and {zz} = 1" }), radio('d', { visibleIf: '{a} = ' })] },
        { name: 'p2', visibleIf: "{e} = 'a'", elements: [radio('e', { requiredIf: "nosuchfn({a}) = 1" }), radio('f', { visibleIf: "{a-Comment} notempty and {b} anyof ['a']" })] },
      ],
    });
    const byPath = (p: string) => errs.filter((e) => e.path === p).map((e) => e.message);
    expect(byPath('pages[0].elements[1].visibleIf')[0]).toMatch(/'c'; dat moet een eerdere vraag zijn/);
    expect(byPath('pages[0].elements[2].visibleIf')[0]).toMatch(/'zz', maar die vraag bestaat niet/);
    expect(byPath('pages[0].elements[3].visibleIf')[0]).toMatch(/kan niet worden gelezen/);
    expect(byPath('pages[1].visibleIf')[0]).toMatch(/vraag op een eerdere pagina/);
    expect(byPath('pages[1].elements[0].requiredIf')[0]).toMatch(/Onbekende functie 'nosuchfn'/);
    expect(byPath('pages[1].elements[1].visibleIf')).toEqual([]);
  });

  it('accepts conditions on matrix rows and page conditions on earlier pages', () => {
    const r = validateDefinition({
      pages: [
        { name: 'p1', elements: [{ type: 'matrix', name: 'm', rows: ['r1', 'r2'], columns: [1, 2, 3] }] },
        { name: 'p2', visibleIf: '{m.r1} >= 2', elements: [{ type: 'comment', name: 'c', visibleIf: '{m.r2} = 3 or {m} empty' }] },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it("reports survey-core's JSON errors (unknown properties) at their location", () => {
    const errs = errorsOf(page([radio('q1', { isRequierd: true })]));
    expect(errs).toEqual([{ path: 'pages[0].elements[0].isRequierd', message: "Onbekende eigenschap 'isRequierd'." }]);
  });

  it('checks answer options', () => {
    const errs = errorsOf(
      page([
        { type: 'radiogroup', name: 'a' },
        { type: 'checkbox', name: 'b', choices: ['x', 'X'] },
        { type: 'dropdown', name: 'c', choices: ['other', { value: '' }, { value: { x: 1 } }] },
        { type: 'matrix', name: 'd', rows: ['r 1'], columns: [] },
        { type: 'rating', name: 'e', rateValues: ['laag', 'hoog'] },
        { type: 'ranking', name: 'f', choices: ['x', 'y'], showOtherItem: true },
      ]),
    );
    const paths = errs.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'pages[0].elements[0].choices',
        'pages[0].elements[1].choices[1]',
        'pages[0].elements[2].choices[0]',
        'pages[0].elements[2].choices[1]',
        'pages[0].elements[2].choices[2]',
        'pages[0].elements[3].columns',
        'pages[0].elements[3].rows[0]',
        'pages[0].elements[4].rateValues[0]',
        'pages[0].elements[5].showOtherItem',
      ]),
    );
  });

  it('checks text input types, ranges and lengths', () => {
    const errs = errorsOf(
      page([
        { type: 'text', name: 'a', inputType: 'color' },
        { type: 'text', name: 'b', inputType: 'number', min: 10, max: 5 },
        { type: 'text', name: 'c', inputType: 'date', min: '2024-02-30' },
        { type: 'text', name: 'd', maxLength: 501 },
        { type: 'comment', name: 'e', maxLength: 10_001 },
        { type: 'text', name: 'f', min: 1 },
      ]),
    );
    expect(errs.map((e) => e.path)).toEqual(
      expect.arrayContaining(['pages[0].elements[0].inputType', 'pages[0].elements[1].max', 'pages[0].elements[2].min', 'pages[0].elements[3].maxLength', 'pages[0].elements[4].maxLength', 'pages[0].elements[5].min']),
    );
  });

  it('rejects triggers, validators, default values and other value-changing features', () => {
    const errs = errorsOf({ triggers: [{ type: 'complete', expression: '{a} = 1' }], pages: [{ name: 'p', elements: [radio('a', { defaultValue: 'a', validators: [] }), radio('b', { valueName: 'a' })] }] });
    expect(errs.map((e) => e.path)).toEqual(
      expect.arrayContaining(['$.triggers', 'pages[0].elements[0].defaultValue', 'pages[0].elements[0].validators', 'pages[0].elements[1].valueName']),
    );
  });

  it('allows only plain tags in html elements', () => {
    expect(validateDefinition(page([{ type: 'html', name: 'intro', html: { default: '<p>Welkom <strong>hier</strong><br/></p>', en: '<p>Hi</p>' } }, radio('a')])).ok).toBe(true);
    const errs = errorsOf(page([{ type: 'html', name: 'h', html: '<img src=x onerror=alert(1)>' }, { type: 'html', name: 'h2', html: '<p onclick="x">a</p>' }, radio('a')]));
    expect(errs.map((e) => e.path)).toEqual(['pages[0].elements[0].html', 'pages[0].elements[1].html']);
  });

  it('rejects names that collide with derived export columns', () => {
    const errs = errorsOf(page([{ type: 'checkbox', name: 'hulp', choices: ['ggz'] }, radio('hulp_ggz')]));
    expect(errs[0].message).toMatch(/Exportkolom 'hulp_ggz'/);
  });

  it('collects rating values from survey-core (rateMin/rateMax/rateStep)', () => {
    const r = validateDefinition(page([{ type: 'rating', name: 'r', rateMin: 0, rateMax: 10, rateStep: 2 }]));
    expect(r.ok && r.info.questions[0].choices.map((c) => c.value)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('describe() caches per object and throws SurveyDefinitionError for invalid input', () => {
    const d = professionalsSurveyTemplate();
    expect(describe(d)).toBe(describe(d));
    expect(() => describe({ pages: [] })).toThrow(SurveyDefinitionError);
  });
});
