/** CSV for spreadsheets: papaparse does the quoting; cells that a spreadsheet would run as a formula are neutralised. */
import Papa from 'papaparse';

export function neutraliseFormula(v: unknown): unknown {
  return typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return Papa.unparse({ fields: header, data: rows.map((r) => r.map(neutraliseFormula)) }, { newline: '\r\n' });
}
