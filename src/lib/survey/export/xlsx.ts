/**
 * XLSX export with exceljs: a sheet "Data" (the export table, typed cells) and a sheet "Codeboek" (variables and
 * value labels). Text is written as text cells, never as formulas, so no formula neutralisation is needed here.
 */
import ExcelJS from 'exceljs';
import type { CompiledSurvey } from '../answers';
import type { ResponseRecord, SurveyDefinition } from '../types';
import { buildExportTable, labelOf, type ExportOptions, type ExportTable } from './variables';

export interface XlsxOptions extends ExportOptions {
  /** Write value labels instead of codes on the data sheet (default false). */
  labels?: boolean;
}

export const XLSX_SHEETS = { data: 'Data', codebook: 'Codeboek' } as const;

const CODEBOOK_HEADER: Record<string, string[]> = {
  default: ['Variabele', 'Vraag', 'Vraagtype', 'Opslag', 'Meetniveau', 'Code', 'Waarde', 'Label'],
  en: ['Variable', 'Question', 'Question type', 'Storage', 'Level', 'Code', 'Value', 'Label'],
};

/** Excel limits a cell to 32,767 characters. */
const cellText = (s: string) => (s.length > 32767 ? s.slice(0, 32767) : s);

/** The workbook of an export table. */
export async function tableToXlsx(table: ExportTable, opts: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Terug naar huis';
  wb.created = new Date(0);
  const data = wb.addWorksheet(XLSX_SHEETS.data, { views: [{ state: 'frozen', ySplit: 1 }] });
  data.addRow(table.variables.map((v) => v.name)).font = { bold: true };
  for (const row of table.rows) {
    data.addRow(
      row.map((v, i) => {
        if (v === null) return null;
        if (typeof v === 'number') return opts.labels ? (labelOf(table.variables[i], v) ?? v) : v;
        return cellText(v);
      }),
    );
  }
  table.variables.forEach((v, i) => {
    data.getColumn(i + 1).width = Math.min(50, Math.max(10, v.name.length + 2));
  });

  const cb = wb.addWorksheet(XLSX_SHEETS.codebook, { views: [{ state: 'frozen', ySplit: 1 }] });
  cb.addRow(CODEBOOK_HEADER[table.locale] ?? CODEBOOK_HEADER.default).font = { bold: true };
  for (const v of table.variables) {
    const info = [v.name, cellText(v.label), v.questionType ?? 'meta', v.storage, v.level];
    cb.addRow([...info, null, null, null]);
    for (const c of v.values) cb.addRow([...info, c.code, c.value === null ? null : String(c.value), c.label]);
  }
  [16, 60, 12, 10, 10, 8, 20, 40].forEach((w, i) => (cb.getColumn(i + 1).width = w));
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

/** XLSX workbook (Buffer) with the sheets "Data" and "Codeboek". */
export async function exportXlsx(definition: SurveyDefinition | CompiledSurvey, responses: ResponseRecord[], opts: XlsxOptions = {}): Promise<Buffer> {
  return tableToXlsx(buildExportTable(definition, responses, opts), opts);
}
