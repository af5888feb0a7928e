import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_RESPONSES } from '../../../../test/fixtures/survey/responses';
import { compile } from '../answers';
import { professionalsSurveyTemplate } from '../template';
import { buildExportTable, exportCsv, exportJson, exportXlsx, JSON_EXPORT_FORMAT, XLSX_SHEETS } from './index';

const c = compile(professionalsSurveyTemplate());

function parseCsv(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
}

describe('export table', () => {
  it('uses responses that pass validation', () => {
    for (const r of TEMPLATE_RESPONSES) expect(c.validate(r.answers, r.completedAt ? { complete: true } : {}), r.id).toEqual({ ok: true, cleaned: r.answers });
  });

  it('has meta columns, one column per option/row/item, and other-text columns', () => {
    const t = buildExportTable(c, TEMPLATE_RESPONSES);
    const names = t.variables.map((v) => v.name);
    expect(names.slice(0, 6)).toEqual(['response_id', 'version', 'complete', 'started_at', 'completed_at', 'duration_sec']);
    expect(names).toEqual(
      expect.arrayContaining([
        'rol',
        'rol_other_text',
        'hulp_ontbreekt_trauma',
        'hulp_ontbreekt_none',
        'hulp_ontbreekt_other',
        'hulp_ontbreekt_other_text',
        'hulp_passend_voor',
        'betrokken_kind_uitleg',
        'prioriteit_nazorg',
      ]),
    );
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
  });

  it('codes answers, marks not-applicable and leaves unanswered empty', () => {
    const t = buildExportTable(c, TEMPLATE_RESPONSES);
    const col = (name: string) => t.variables.findIndex((v) => v.name === name);
    const val = (r: number, name: string) => t.rows[r][col(name)];
    const rol = t.variables[col('rol')];
    expect(rol.values.map((v) => [v.code, v.value])).toEqual([
      [1, 'jeugdbeschermer'],
      [2, 'hulpverlener'],
      [3, 'pleegzorgmedewerker'],
      [4, 'advocaat'],
      [5, 'other'],
      [-1, null],
    ]);
    expect(rol.naCode).toBe(-1);
    expect([val(0, 'rol'), val(1, 'rol'), val(2, 'rol')]).toEqual([1, 5, 4]);
    expect(val(1, 'rol_other_text')).toBe('Gedragswetenschapper');
    // checkbox
    expect([val(0, 'hulp_ontbreekt_trauma'), val(0, 'hulp_ontbreekt_ggz_ouders'), val(0, 'hulp_ontbreekt_other')]).toEqual([1, 0, 1]);
    expect(val(1, 'hulp_ontbreekt_trauma')).toBe(-1); // hidden: help during placement 'altijd'
    expect(val(2, 'hulp_ontbreekt_none')).toBe(1);
    // matrix with integer columns keeps the values; string columns are coded 1..n
    expect(val(0, 'betrokken_kind_plaatsing')).toBe(1);
    expect(val(0, 'hulp_passend_na')).toBe(6); // weet_niet
    // ranking: rank per item
    expect([val(0, 'prioriteit_nazorg'), val(0, 'prioriteit_sneller_hulp'), val(0, 'prioriteit_samenwerking')]).toEqual([1, 2, 5]);
    // boolean and number; hidden number question with min 0 → −1
    expect([val(0, 'wachtlijst'), val(1, 'wachtlijst')]).toEqual([1, 0]);
    expect([val(0, 'wachttijd_maanden'), val(1, 'wachttijd_maanden')]).toEqual([7.5, -1]);
    // incomplete response (last page 1): later pages are not reached → empty, not 'not applicable'
    expect([val(2, 'wachttijd_maanden'), val(2, 'contact_belemmering_afstand'), val(2, 'hulp_ontbreekt_trauma')]).toEqual([null, null, 0]);
    expect(t.variables[col('wachttijd_maanden')].decimals).toBe(1);
    // incomplete response: not reached → empty
    expect([val(2, 'contact_belang'), val(2, 'betrokken_ouders_uitleg'), val(2, 'goede_praktijken'), val(2, 'complete')]).toEqual([null, null, null, 0]);
    expect([val(0, 'duration_sec'), val(2, 'duration_sec')]).toEqual([750, null]);
    // labels in English
    const en = buildExportTable(c, TEMPLATE_RESPONSES, { locale: 'en' });
    expect(en.variables.find((v) => v.name === 'rol')!.values[0].label).toBe('Child protection worker');
    expect(en.variables.find((v) => v.name === 'rol')!.label).toBe('What is your role?');
  });
});

describe('CSV export', () => {
  const { data, codebook } = exportCsv(c, TEMPLATE_RESPONSES);
  const rows = parseCsv(data);

  it('writes one row per response with codes', () => {
    expect(rows).toHaveLength(3);
    expect(rows[0].response_id).toBe('r1');
    expect(rows[0].rol).toBe('1');
    expect(rows[1].hulp_ontbreekt_trauma).toBe('-1');
    expect(rows[2].contact_belang).toBe('');
  });

  it('neutralises formulas in text but not negative numbers', () => {
    expect(rows[0].hulp_ontbreekt_other_text).toBe(`'=HYPERLINK("http://x","klik")`);
    expect(rows[0].knelpunten).toBe(`'-Wachtlijsten; 'ook' @ggz`);
    expect(rows[1].wachttijd_maanden).toBe('-1');
    expect(rows[1].opmerking).toBe('<script>alert(1)</script>');
    expect(rows[0].goede_praktijken).toBe('Vaste contactpersoon, "korte lijnen".\nEn een tweede regel met é en ’s.');
  });

  it('can write labels instead of codes, and flatten line breaks', () => {
    const labelled = parseCsv(exportCsv(c, TEMPLATE_RESPONSES, { labels: true }).data);
    expect(labelled[0].rol).toBe('Jeugdbeschermer');
    expect(labelled[1].hulp_ontbreekt_trauma).toBe('Niet van toepassing');
    expect(labelled[0].hulp_ontbreekt_trauma).toBe('Gekozen');
    const flat = parseCsv(exportCsv(c, TEMPLATE_RESPONSES, { flattenNewlines: true }).data);
    expect(flat[0].goede_praktijken).toBe('Vaste contactpersoon, "korte lijnen". En een tweede regel met é en ’s.');
  });

  it('writes a codebook: one row per variable and one per value label', () => {
    const cb = parseCsv(codebook);
    expect(Object.keys(cb[0])).toEqual(['variabele', 'vraag', 'vraagtype', 'opslag', 'meetniveau', 'code', 'waarde', 'label']);
    const rol = cb.filter((r) => r.variabele === 'rol');
    expect(rol[0]).toMatchObject({ vraag: 'Wat is uw functie?', vraagtype: 'radiogroup', opslag: 'numeriek', meetniveau: 'nominal', code: '' });
    expect(rol.slice(1).map((r) => [r.code, r.waarde, r.label])).toEqual([
      ['1', 'jeugdbeschermer', 'Jeugdbeschermer'],
      ['2', 'hulpverlener', 'Hulpverlener (jeugdhulp of gezinshulp)'],
      ['3', 'pleegzorgmedewerker', 'Pleegzorgmedewerker'],
      ['4', 'advocaat', 'Advocaat'],
      ['5', 'other', 'Anders, namelijk'],
      ['-1', '', 'Niet van toepassing'],
    ]);
    expect(cb.find((r) => r.variabele === 'goede_praktijken')).toMatchObject({ vraagtype: 'comment', opslag: expect.stringMatching(/^tekst \(\d+\)$/) });
    expect(cb.find((r) => r.variabele === 'betrokken_ouders_plaatsing' && r.code === '5')!.label).toBe('Helemaal mee eens');
  });
});

describe('XLSX export', () => {
  it('has a data sheet and a codebook sheet that read back with exceljs', async () => {
    const buf = await exportXlsx(c, TEMPLATE_RESPONSES);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([XLSX_SHEETS.data, XLSX_SHEETS.codebook]);
    const data = wb.getWorksheet(XLSX_SHEETS.data)!;
    const header = (data.getRow(1).values as unknown[]).slice(1);
    const at = (row: number, name: string) => data.getRow(row).getCell(header.indexOf(name) + 1).value;
    expect(data.rowCount).toBe(4);
    expect(at(2, 'response_id')).toBe('r1');
    expect(at(2, 'rol')).toBe(1);
    expect(at(2, 'wachttijd_maanden')).toBe(7.5);
    expect(at(3, 'wachttijd_maanden')).toBe(-1);
    expect(at(4, 'contact_belang')).toBeNull();
    // text stays text (not a formula, not prefixed)
    expect(at(2, 'hulp_ontbreekt_other_text')).toBe('=HYPERLINK("http://x","klik")');
    expect(typeof at(2, 'goede_praktijken')).toBe('string');
    const cb = wb.getWorksheet(XLSX_SHEETS.codebook)!;
    expect((cb.getRow(1).values as unknown[]).slice(1)).toEqual(['Variabele', 'Vraag', 'Vraagtype', 'Opslag', 'Meetniveau', 'Code', 'Waarde', 'Label']);
    const rolRows: unknown[][] = [];
    cb.eachRow((row) => {
      const v = (row.values as unknown[]).slice(1);
      if (v[0] === 'rol') rolRows.push(v);
    });
    expect(rolRows[1].slice(5)).toEqual([1, 'jeugdbeschermer', 'Jeugdbeschermer']);
  });

  it('can put labels on the data sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportXlsx(c, TEMPLATE_RESPONSES, { labels: true })) as unknown as ArrayBuffer);
    const data = wb.getWorksheet(XLSX_SHEETS.data)!;
    const header = (data.getRow(1).values as unknown[]).slice(1);
    expect(data.getRow(2).getCell(header.indexOf('rol') + 1).value).toBe('Jeugdbeschermer');
  });
});

describe('JSON export', () => {
  it('contains the raw responses with the definition version', () => {
    const doc = JSON.parse(exportJson(c, TEMPLATE_RESPONSES, { definitionVersion: 3, exportedAt: new Date('2024-04-01T00:00:00Z') }));
    expect(doc.format).toBe(JSON_EXPORT_FORMAT);
    expect(doc.exportedAt).toBe('2024-04-01T00:00:00.000Z');
    expect(doc.definitionVersion).toBe(3);
    expect(doc.definition.title.default).toBe('Enquête professionals: uithuisplaatsing en terugplaatsing');
    expect(doc.responses).toHaveLength(3);
    expect(doc.responses[0]).toEqual({
      id: 'r1',
      version: 1,
      startedAt: '2024-03-01T10:00:00.000Z',
      completedAt: '2024-03-01T10:12:30.000Z',
      lastPage: 5,
      answers: TEMPLATE_RESPONSES[0].answers,
    });
    expect(JSON.parse(exportJson(c, [], { includeDefinition: false })).definition).toBeUndefined();
  });
});
