import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { quotesCsv, quotesDocx, quotesXlsx, sheetName, tableCsv, tableXlsx, type QuoteFile, type TableFile } from './exports';

const table: TableFile = {
  title: 'Thema × rol',
  header: ['Code', 'kind', 'ouder'],
  rows: [
    ['Contact', 12, null],
    ['=HYPERLINK("x")', 0, 11],
  ],
  notes: ['Cellen onder 10 zijn weggelaten.'],
  withheld: '<10',
};
const quotes: QuoteFile = {
  title: 'Citaten: Contact',
  subtitle: 'Alle segmenten van de code',
  quotes: [{ code: 'Contact', document: 'Interview K-01', participant: 'K-01', attributes: 'rol: kind', speaker: 'R', text: '=ik mocht mijn moeder zien' }],
  omitted: ['1 citaat weggelaten: geen toestemming voor citeren (O-01).'],
};

describe('analysis exports', () => {
  it('writes tables as CSV with formulas neutralised and withheld cells marked', () => {
    const csv = tableCsv(table);
    expect(csv.split('\r\n')).toEqual(['Code,kind,ouder', 'Contact,12,<10', `"'=HYPERLINK(""x"")",0,11`]);
  });
  it('writes tables as XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tableXlsx(table)) as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Thema × rol');
    expect(ws.getRow(3).values).toEqual([undefined, 'Code', 'kind', 'ouder']);
    expect(ws.getRow(4).values).toEqual([undefined, 'Contact', 12, '<10']);
    expect(ws.getRow(5).getCell(1).value).toBe(`'=HYPERLINK("x")`);
  });
  it('writes quote lists as CSV, XLSX and DOCX with the omission note', async () => {
    expect(quotesCsv(quotes).split('\r\n')[1]).toBe(`Contact,Interview K-01,K-01,rol: kind,R,'=ik mocht mijn moeder zien`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await quotesXlsx(quotes)) as never);
    expect(wb.worksheets[0].getRow(3).getCell(1).value).toMatch(/weggelaten/);
    const docx = await quotesDocx(quotes);
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']);
    expect(xml).toContain('ik mocht mijn moeder zien');
    expect(xml).toContain('geen toestemming voor citeren');
  });
  it('makes valid sheet names', () => {
    expect(sheetName('a/b:c?*[d]')).toBe('a b c   d');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});
