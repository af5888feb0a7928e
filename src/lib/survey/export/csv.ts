/**
 * CSV export: the data (one row per response, see variables.ts) and a codebook.
 *
 * UTF-8 with a byte-order mark (so Excel recognises the encoding), comma-separated, CRLF, quoted by papaparse.
 * Text cells that start with = + - @ are neutralised against spreadsheet formulas with `protectCell` (an extra
 * leading apostrophe; the R and SPSS scripts remove it again). Numeric cells are written as numbers.
 */
import Papa from 'papaparse';
import { protectCell } from '../../csv';
import type { CompiledSurvey } from '../answers';
import type { ResponseRecord, SurveyDefinition } from '../types';
import { buildExportTable, labelOf, type ExportOptions, type ExportTable, type ExportValue } from './variables';

export interface CsvOptions extends ExportOptions {
  /** Write value labels instead of codes in the data (for reading by people; default false). */
  labels?: boolean;
  /** Start with a UTF-8 byte-order mark (default true). */
  bom?: boolean;
  /** Replace line breaks inside text answers with a space (needed for SPSS/PSPP, which read one case per line). */
  flattenNewlines?: boolean;
}

const BOM = '\uFEFF';

const CODEBOOK_HEADER: Record<string, string[]> = {
  default: ['variabele', 'vraag', 'vraagtype', 'opslag', 'meetniveau', 'code', 'waarde', 'label'],
  en: ['variable', 'question', 'question_type', 'storage', 'level', 'code', 'value', 'label'],
};

function cell(v: ExportValue, flatten: boolean): string | number {
  if (v === null) return '';
  if (typeof v === 'number') return v;
  return protectCell(flatten ? v.replace(/\r\n|\r|\n/g, ' ') : v);
}

/** The data CSV of an export table. */
export function tableToCsv(table: ExportTable, opts: CsvOptions = {}): string {
  const flatten = opts.flattenNewlines === true;
  const rows = table.rows.map((row) =>
    row.map((v, i) => {
      if (opts.labels && typeof v === 'number') {
        const l = labelOf(table.variables[i], v);
        if (l !== undefined) return protectCell(l);
      }
      return cell(v, flatten);
    }),
  );
  const csv = Papa.unparse({ fields: table.variables.map((v) => v.name), data: rows }, { newline: '\r\n', quotes: (value: unknown) => typeof value === 'string' && value !== '' });
  return (opts.bom === false ? '' : BOM) + csv + '\r\n';
}

/** The codebook CSV: one row per variable (code/value/label empty) followed by one row per value label. */
export function codebookToCsv(table: ExportTable, opts: { bom?: boolean } = {}): string {
  const header = CODEBOOK_HEADER[table.locale] ?? CODEBOOK_HEADER.default;
  const rows: (string | number)[][] = [];
  for (const v of table.variables) {
    const info = [v.name, protectCell(v.label), v.questionType ?? 'meta', v.storage === 'numeric' ? (table.locale === 'en' ? 'numeric' : 'numeriek') : `${table.locale === 'en' ? 'string' : 'tekst'} (${v.width})`, v.level];
    rows.push([...info, '', '', '']);
    for (const c of v.values) rows.push([...info, c.code, c.value === null ? '' : protectCell(String(c.value)), protectCell(c.label)]);
  }
  return (opts.bom === false ? '' : BOM) + Papa.unparse({ fields: header, data: rows }, { newline: '\r\n' }) + '\r\n';
}

/** CSV data and codebook for responses. */
export function exportCsv(definition: SurveyDefinition | CompiledSurvey, responses: ResponseRecord[], opts: CsvOptions = {}): { data: string; codebook: string } {
  const table = buildExportTable(definition, responses, opts);
  return { data: tableToCsv(table, opts), codebook: codebookToCsv(table, opts) };
}
