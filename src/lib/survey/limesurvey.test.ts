import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from './answers';
import { convertRelevance, htmlToText, importLimeSurvey, type VarTarget } from './limesurvey';

const FIXTURE = join(__dirname, '../../../test/fixtures/survey/sample.lss');
const imported = importLimeSurvey(readFileSync(FIXTURE, 'utf8'));
type El = Record<string, unknown>;
const pages = imported.definition.pages as { name: string; title: unknown; visibleIf?: string; elements: El[] }[];
const el = (name: string) => pages.flatMap((p) => p.elements).find((e) => e.name === name);

describe('importLimeSurvey: sample.lss (LimeSurvey 4–6 layout)', () => {
  it('produces a valid definition', () => {
    expect(imported.validation.ok, JSON.stringify(!imported.validation.ok && imported.validation.errors)).toBe(true);
  });

  it('maps the survey title and languages (base language → default)', () => {
    expect(imported.definition.title).toEqual({ default: 'Proefenquête terugplaatsing', en: 'Pilot survey return home' });
    expect(imported.definition.description).toEqual({ default: 'Een kleine proefenquête.', en: 'A small pilot survey.' });
  });

  it('maps groups to pages in group order, with the group condition', () => {
    expect(pages.map((p) => p.name)).toEqual(['groep_10', 'groep_11', 'groep_12']);
    expect(pages[0].title).toEqual({ default: 'Over u', en: 'About you' });
    expect(pages[2].visibleIf).toBe("{REGIO} = 'Z'");
  });

  it('maps question types, options, subquestions and mandatory', () => {
    expect(el('ROL')).toMatchObject({
      type: 'radiogroup',
      isRequired: true,
      showOtherItem: true,
      title: { default: 'Wat is uw functie?', en: 'What is your role?' },
      choices: [
        { value: 'A1', text: { default: 'Jeugdbeschermer', en: 'Child protection worker' } },
        { value: 'A2', text: { default: 'Hulpverlener', en: 'Care worker' } },
        { value: 'A3', text: { default: 'Advocaat', en: 'Lawyer' } },
      ],
    });
    expect(el('JAREN')).toMatchObject({ type: 'text', inputType: 'number', min: 0, max: 50, isRequired: true, description: { default: 'Afgerond op hele jaren.' } });
    expect(el('REGIO')).toMatchObject({ type: 'dropdown' });
    expect((el('REGIO')!.choices as unknown[]).length).toBe(4);
    expect(el('TERUG')).toMatchObject({ type: 'boolean' });
    expect(el('HULP')).toMatchObject({ type: 'checkbox', showOtherItem: true, maxSelectedChoices: 2 });
    expect((el('HULP')!.choices as { value: string }[]).map((c) => c.value)).toEqual(['SQ001', 'SQ002', 'SQ003']);
    expect(el('BETROKKEN')).toMatchObject({ type: 'matrix', isRequired: true });
    expect((el('BETROKKEN')!.rows as { value: string }[]).map((c) => c.value)).toEqual(['SQ001', 'SQ002']);
    expect((el('BETROKKEN')!.columns as { value: string }[]).map((c) => c.value)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(el('CONTACT')).toMatchObject({ type: 'rating', rateMin: 1, rateMax: 5 });
    expect(el('KORT')).toMatchObject({ type: 'text' });
    expect(el('LANG')).toMatchObject({ type: 'comment' });
    expect(el('LANG')!.isRequired).toBeUndefined(); // soft mandatory
    expect(el('HEEL_LANG')).toMatchObject({ type: 'comment' });
    expect(el('DATUM')).toMatchObject({ type: 'text', inputType: 'date' });
    expect(el('RANG')).toMatchObject({ type: 'ranking' });
  });

  it('turns boilerplate into safe html (text only, no script)', () => {
    expect(el('INTRO')).toEqual({ type: 'html', name: 'INTRO', html: { default: '<p>Dank u &amp; welkom</p><p>Tweede alinea</p>', en: '<p>Thank you</p>' } });
  });

  it('maps simple relevance equations to visibleIf', () => {
    expect(el('HULP')!.visibleIf).toBe("{ROL} = 'A1'");
    expect(el('CONTACT')!.visibleIf).toBe('{TERUG} = true');
    expect(el('KORT')!.visibleIf).toBe("{HULP} contains 'SQ001' and {JAREN} > 5");
    expect(el('DATUM')!.visibleIf).toBe('!({JAREN} empty)');
    expect(el('BETR_OUDERS')!.visibleIf).toBe("{BETROKKEN.SQ002} = 'A1' or {ROL} <> 'A3'");
  });

  it('the conditions work in the validator', () => {
    const c = compile(imported.validation.ok ? imported.validation.definition : {});
    expect(c.visibility({ ROL: 'A1' }).questions.HULP).toBe(true);
    expect(c.visibility({ ROL: 'A2' }).questions.HULP).toBe(false);
    expect(c.visibility({ ROL: 'A1', HULP: ['SQ001'], JAREN: 6 }).questions.KORT).toBe(true);
    expect(c.visibility({ ROL: 'A1', HULP: ['SQ002'], JAREN: 6 }).questions.KORT).toBe(false);
    expect(c.visibility({ JAREN: 3 }).questions.DATUM).toBe(true);
    expect(c.visibility({}).questions.DATUM).toBe(false);
    expect(c.visibility({ REGIO: 'Z' }).pages[2]).toBe(true);
    expect(c.visibility({ REGIO: 'N' }).questions.LAATSTE).toBe(false);
  });

  it('reports what could not be mapped, with question code and reason', () => {
    const byCode = Object.fromEntries(imported.report.map((r) => [r.code, r.reason]));
    expect(Object.keys(byCode).sort()).toEqual(['3abc', 'AANTALLEN', 'FUNCTIE', 'LANG', 'LIJSTCOMM', 'VOORUIT']);
    expect(byCode.AANTALLEN).toMatch(/Vraagtype 'K' \(Meerdere getallen\) wordt niet ondersteund/);
    expect(byCode.LIJSTCOMM).toMatch(/Vraagtype 'O'/);
    expect(byCode.FUNCTIE).toMatch(/functie 'count' wordt niet ondersteund/);
    expect(byCode.VOORUIT).toMatch(/'LAATSTE' is geen eerdere vraag/);
    expect(byCode.LANG).toMatch(/Zacht verplicht/);
    expect(byCode['3abc']).toMatch(/hernoemd naar 'q3abc'/);
    expect(el('AANTALLEN')).toBeUndefined();
    expect(el('FUNCTIE')!.visibleIf).toBeUndefined();
    expect(el('q3abc')).toBeDefined();
  });
});

describe('importLimeSurvey: LimeSurvey 3 layout (texts in the main tables)', () => {
  const row = (fields: Record<string, string>) => `<row>${Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</row>`;
  const ls3 = `<?xml version="1.0" encoding="UTF-8"?>
<document>
 <LimeSurveyDocType>Survey</LimeSurveyDocType>
 <DBVersion>366</DBVersion>
 <languages><language>nl</language></languages>
 <answers><rows>
  ${row({ qid: '5', code: 'J', answer: 'Ja hoor', sortorder: '1', language: 'nl', scale_id: '0' })}
  ${row({ qid: '5', code: 'N', answer: 'Nee hoor', sortorder: '2', language: 'nl', scale_id: '0' })}
 </rows></answers>
 <groups><rows>${row({ gid: '1', sid: '1', group_name: 'Eerste groep', group_order: '0', description: '', language: 'nl', grelevance: '' })}</rows></groups>
 <questions><rows>
  ${row({ qid: '5', parent_qid: '0', sid: '1', gid: '1', type: 'L', title: 'Q1', question: 'Eerste vraag?', help: '', other: 'N', mandatory: 'Y', question_order: '1', language: 'nl', scale_id: '0', relevance: '1' })}
  ${row({ qid: '6', parent_qid: '0', sid: '1', gid: '1', type: 'S', title: 'Q2', question: 'Waarom?', help: '', other: 'N', mandatory: 'N', question_order: '2', language: 'nl', scale_id: '0', relevance: '((Q1.NAOK == "N"))' })}
 </rows></questions>
 <surveys><rows>${row({ sid: '1', language: 'nl', additional_languages: '' })}</rows></surveys>
 <surveys_languagesettings><rows>${row({ surveyls_survey_id: '1', surveyls_language: 'nl', surveyls_title: 'Oude enquête' })}</rows></surveys_languagesettings>
</document>`;

  it('reads texts from the main tables', () => {
    const r = importLimeSurvey(ls3);
    expect(r.validation.ok).toBe(true);
    expect(r.report).toEqual([]);
    expect(r.definition).toEqual({
      title: 'Oude enquête',
      pages: [
        {
          name: 'groep_1',
          title: 'Eerste groep',
          elements: [
            { type: 'radiogroup', name: 'Q1', title: 'Eerste vraag?', isRequired: true, choices: [{ value: 'J', text: 'Ja hoor' }, { value: 'N', text: 'Nee hoor' }] },
            { type: 'text', name: 'Q2', title: 'Waarom?', visibleIf: "{Q1} = 'N'" },
          ],
        },
      ],
    });
  });
});

describe('importLimeSurvey: bad input', () => {
  it('rejects non-LimeSurvey XML, DOCTYPE/ENTITY (entity expansion) and broken XML', () => {
    expect(() => importLimeSurvey('<html></html>')).toThrow(/document/);
    expect(() => importLimeSurvey('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><document/>')).toThrow(/DOCTYPE of ENTITY/);
    expect(() => importLimeSurvey('<document><LimeSurveyDocType>Tokens</LimeSurveyDocType></document>')).toThrow(/Geen enquêtestructuur/);
    expect(() => importLimeSurvey('<document><questions><rows><row><qid>1</qid></row>')).toThrow();
  });

  it('returns an invalid result (not a crash) for a survey without groups', () => {
    const r = importLimeSurvey('<document><LimeSurveyDocType>Survey</LimeSurveyDocType></document>');
    expect(r.validation.ok).toBe(false);
  });
});

describe('convertRelevance', () => {
  const targets: Record<string, VarTarget> = {
    A: { name: 'A', lsType: 'L', index: 0 },
    N: { name: 'N', lsType: 'N', index: 1 },
    Y: { name: 'Y', lsType: 'Y', index: 2 },
    M: { name: 'M', lsType: 'M', index: 3 },
    M_S1: { name: 'M', lsType: 'M', sub: 'S1', index: 3 },
    F_R1: { name: 'F', lsType: 'F', sub: 'R1', index: 4 },
  };
  const conv = (e: string) => convertRelevance(e, (v) => targets[v] ?? null, 10);

  it('maps comparisons, is_empty, and/or/not, parentheses', () => {
    expect(conv('1')).toBeNull();
    expect(conv('')).toBeNull();
    expect(conv('((A.NAOK == "A1"))')).toBe("{A} = 'A1'");
    expect(conv("A == 'A1' || A eq 'A2'")).toBe("{A} = 'A1' or {A} = 'A2'");
    expect(conv('N.NAOK >= 18 && N.NAOK lt 65')).toBe('{N} >= 18 and {N} < 65');
    expect(conv('N.NAOK > "5"')).toBe('{N} > 5');
    expect(conv('Y.NAOK == "N"')).toBe('{Y} = false');
    expect(conv('M_S1.NAOK == "Y"')).toBe("{M} contains 'S1'");
    expect(conv('M_S1.NAOK != "Y"')).toBe("{M} notcontains 'S1'");
    expect(conv('is_empty(M_S1)')).toBe("{M} notcontains 'S1'");
    expect(conv('F_R1.NAOK == "A3"')).toBe("{F.R1} = 'A3'");
    expect(conv('A.NAOK != ""')).toBe('{A} notempty');
    expect(conv('not (A == "x") and (N > 1 or is_empty(A))')).toBe("!(({A} = 'x')) and ({N} > 1 or {A} empty)");
  });

  it('refuses what it cannot map', () => {
    for (const e of ['count(A) > 1', 'A.NAOK == B.NAOK', 'A ==', 'Z.NAOK == "1"', 'A.NAOK == "1" +', 'A.shown == "x" and (', 'M == "Y"', 'A.NAOK == "it\'s"', 'A.NAOK =~ "x"']) {
      expect(() => conv(e), e).toThrow();
    }
    expect(() => convertRelevance('A == "1"', (v) => targets[v] ?? null, 0)).toThrow(/geen eerdere vraag/);
  });
});

describe('htmlToText', () => {
  it('strips tags and scripts and decodes entities', () => {
    expect(htmlToText('<p>a&nbsp;&amp;&lt;b&gt;</p><script>x()</script><br>c&#233;&#x263A;&#0;')).toBe('a &<b>\nc\u00e9\u263a');
  });
});
