/**
 * Files of the analysis, pure (data in, bytes out): tables (frequencies, matrices, co-occurrence) as XLSX and CSV,
 * quote lists as XLSX, CSV and DOCX. Every text cell is neutralised against spreadsheet formulas (lib/csv
 * protectCell), in CSV and in XLSX alike. A withheld count (committee) is written as "<N" (below the threshold).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { protectCell } from '../../../lib/csv';

export type Cell = string | number | null;

export interface TableFile {
  title: string;
  header: string[];
  rows: Cell[][];
  /** lines printed below the table (what was counted, withheld cells) */
  notes: string[];
  /** how a withheld cell (null) is written */
  withheld?: string;
}

export interface Quote {
  code: string;
  document: string;
  participant: string;
  /** the participant's attributes as text ("rol: kind, leeftijd: 12-15") */
  attributes: string;
  speaker: string;
  text: string;
}

export interface QuoteFile {
  title: string;
  /** what the list is (code, cell) */
  subtitle: string;
  quotes: Quote[];
  /** lines about quotes left out (consent), shown before the quotes */
  omitted: string[];
}

const cellText = (v: Cell, withheld: string): string | number => (v === null ? withheld : typeof v === 'string' ? protectCell(v) : v);

export function tableCsv(t: TableFile): string {
  const w = t.withheld ?? '';
  return Papa.unparse({ fields: t.header.map(protectCell), data: t.rows.map((r) => r.map((v) => cellText(v, w))) }, { newline: '\r\n' });
}

export async function tableXlsx(t: TableFile): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Terug naar huis';
  const ws = wb.addWorksheet(sheetName(t.title));
  ws.addRow([protectCell(t.title)]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const head = ws.addRow(t.header.map(protectCell));
  head.font = { bold: true };
  const w = t.withheld ?? '';
  for (const r of t.rows) ws.addRow(r.map((v) => cellText(v, w)));
  if (t.notes.length) ws.addRow([]);
  for (const n of t.notes) ws.addRow([protectCell(n)]).font = { italic: true };
  ws.getColumn(1).width = Math.min(60, Math.max(16, ...t.rows.map((r) => String(r[0] ?? '').length + 2)));
  for (let i = 2; i <= t.header.length; i++) ws.getColumn(i).width = Math.min(30, Math.max(10, t.header[i - 1].length + 2));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const QUOTE_HEADER = ['Code', 'Document', 'Deelnemer', 'Kenmerken', 'Spreker', 'Citaat'];
const quoteRow = (q: Quote) => [q.code, q.document, q.participant, q.attributes, q.speaker, q.text];

export function quotesCsv(f: QuoteFile): string {
  return Papa.unparse({ fields: QUOTE_HEADER, data: f.quotes.map((q) => quoteRow(q).map(protectCell)) }, { newline: '\r\n' });
}

export async function quotesXlsx(f: QuoteFile): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Terug naar huis';
  const ws = wb.addWorksheet('Citaten');
  ws.addRow([protectCell(f.title)]).font = { bold: true, size: 13 };
  ws.addRow([protectCell(f.subtitle)]);
  for (const o of f.omitted) ws.addRow([protectCell(o)]).font = { italic: true };
  ws.addRow([]);
  ws.addRow(QUOTE_HEADER).font = { bold: true };
  for (const q of f.quotes) ws.addRow(quoteRow(q).map(protectCell));
  [24, 28, 12, 36, 12, 90].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function quotesDocx(f: QuoteFile): Promise<Buffer> {
  const children: Paragraph[] = [new Paragraph({ text: f.title, heading: HeadingLevel.HEADING_1 }), new Paragraph({ text: f.subtitle })];
  for (const o of f.omitted) children.push(new Paragraph({ children: [new TextRun({ text: o, italics: true })] }));
  if (f.quotes.length === 0) children.push(new Paragraph({ text: 'Er zijn geen citaten die gebruikt mogen worden.' }));
  let lastCode = '';
  for (const q of f.quotes) {
    if (q.code !== lastCode) {
      children.push(new Paragraph({ text: q.code, heading: HeadingLevel.HEADING_2 }));
      lastCode = q.code;
    }
    children.push(new Paragraph({ children: [new TextRun({ text: `“${q.text.trim()}”`, italics: true })], indent: { left: 567 }, spacing: { before: 160 } }));
    const source = [q.participant || null, q.attributes || null, q.speaker ? `spreker ${q.speaker}` : null, q.document].filter(Boolean).join(' · ');
    children.push(new Paragraph({ children: [new TextRun({ text: `— ${source}`, size: 18 })], alignment: AlignmentType.RIGHT }));
  }
  const doc = new Document({ creator: 'Terug naar huis', title: f.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** A worksheet name: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Analyse';
}
