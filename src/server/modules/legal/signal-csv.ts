/**
 * CSV import of helpdesk signals: parse (papaparse; comma or semicolon, detected), validate every row with zod and
 * report the bad rows with their row number (the header is row 1, as a spreadsheet shows it) and a Dutch reason.
 * Pure: the codebook (theme names → code ids) is passed in.
 *
 * Columns (header names, case-insensitive, in any order): datum (JJJJ-MM-DD or DD-MM-JJJJ), kanaal, contact,
 * leeftijd, themas (codebook names separated by ; or |), fase, regio, samenvatting, opvolging, opvolgstatus.
 * Required: datum, kanaal, contact, samenvatting.
 */
import Papa from 'papaparse';
import { z } from 'zod';
import { AGE_BANDS, FOLLOW_UP_STATUSES, IMPORT_COLUMNS, MAX_IMPORT_ROWS, SIGNAL_CHANNELS, SIGNAL_CONTACTS, type ImportProblem, type LegalPhase } from '../../../shared/legal';

export interface ParsedSignal {
  row: number;
  receivedOn: string;
  channel: (typeof SIGNAL_CHANNELS)[number];
  contact: (typeof SIGNAL_CONTACTS)[number];
  ageBand: (typeof AGE_BANDS)[number];
  themeIds: string[];
  phase: LegalPhase | null;
  region: string;
  summary: string;
  followUp: string;
  followUpStatus: (typeof FOLLOW_UP_STATUSES)[number];
}

const REQUIRED = ['datum', 'kanaal', 'contact', 'samenvatting'] as const;

/** Dutch words for the phases (and the codes themselves). */
const PHASE_WORDS: Record<string, LegalPhase> = {
  preventie: 'prevention',
  prevention: 'prevention',
  'tijdens plaatsing': 'during_placement',
  'tijdens de plaatsing': 'during_placement',
  during_placement: 'during_placement',
  terugplaatsing: 'reunification',
  hereniging: 'reunification',
  reunification: 'reunification',
  nazorg: 'aftercare',
  aftercare: 'aftercare',
};

const CHANNEL_WORDS: Record<string, (typeof SIGNAL_CHANNELS)[number]> = { email: 'e-mail', mail: 'e-mail', telefonisch: 'telefoon' };

/** 2026-03-01 or 01-03-2026 (also with /) → 2026-03-01; null when it is no real date. */
export function parseDay(raw: string): string | null {
  const v = raw.trim();
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(v))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1990 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

const lower = (v: string) => v.trim().toLowerCase();
const NUL = /\u0000/;

function rowSchema(codes: Map<string, string>) {
  const cell = (max: number) => z.string().transform((v) => v.trim()).refine((v) => v.length <= max, { error: `hoogstens ${max} tekens` }).refine((v) => !NUL.test(v), { error: 'bevat een NUL-teken' });
  return z.object({
    datum: z.string().transform((v, ctx) => {
      const d = parseDay(v);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `"${v.trim().slice(0, 40)}" is geen geldige datum (gebruik JJJJ-MM-DD of DD-MM-JJJJ)` });
        return z.NEVER;
      }
      if (d > new Date().toISOString().slice(0, 10)) {
        ctx.addIssue({ code: 'custom', message: `de datum ${d} ligt in de toekomst` });
        return z.NEVER;
      }
      return d;
    }),
    kanaal: z.string().transform((v, ctx) => {
      const w = lower(v);
      const c = (SIGNAL_CHANNELS as readonly string[]).includes(w) ? (w as (typeof SIGNAL_CHANNELS)[number]) : CHANNEL_WORDS[w];
      if (!c) {
        ctx.addIssue({ code: 'custom', message: `onbekend kanaal "${v.trim().slice(0, 40)}" (kies uit ${SIGNAL_CHANNELS.join(', ')})` });
        return z.NEVER;
      }
      return c;
    }),
    contact: z.string().transform((v, ctx) => {
      const w = lower(v);
      if (!(SIGNAL_CONTACTS as readonly string[]).includes(w)) {
        ctx.addIssue({ code: 'custom', message: `onbekend wie contact opnam: "${v.trim().slice(0, 40)}" (kies uit ${SIGNAL_CONTACTS.join(', ')})` });
        return z.NEVER;
      }
      return w as (typeof SIGNAL_CONTACTS)[number];
    }),
    leeftijd: z.string().transform((v, ctx) => {
      const w = lower(v).replace(/\s+/g, '') || 'onbekend';
      if (!(AGE_BANDS as readonly string[]).includes(w)) {
        ctx.addIssue({ code: 'custom', message: `onbekende leeftijdsgroep "${v.trim().slice(0, 40)}" (kies uit ${AGE_BANDS.join(', ')})` });
        return z.NEVER;
      }
      return w as (typeof AGE_BANDS)[number];
    }),
    themas: z.string().transform((v, ctx) => {
      const names = v.split(/[;|]/).map((x) => x.trim()).filter(Boolean);
      const ids: string[] = [];
      for (const n of names) {
        const id = codes.get(n.toLowerCase());
        if (!id) {
          ctx.addIssue({ code: 'custom', message: `het thema "${n.slice(0, 60)}" staat niet in het codeboek van dit onderzoek` });
          return z.NEVER;
        }
        if (!ids.includes(id)) ids.push(id);
      }
      if (ids.length > 30) {
        ctx.addIssue({ code: 'custom', message: 'hoogstens 30 thema’s' });
        return z.NEVER;
      }
      return ids;
    }),
    fase: z.string().transform((v, ctx) => {
      const w = lower(v);
      if (w === '') return null;
      const p = PHASE_WORDS[w];
      if (!p) {
        ctx.addIssue({ code: 'custom', message: `onbekende fase "${v.trim().slice(0, 40)}" (kies uit preventie, tijdens plaatsing, terugplaatsing, nazorg)` });
        return z.NEVER;
      }
      return p;
    }),
    regio: cell(100),
    samenvatting: cell(20_000).refine((v) => v.length > 0, { error: 'de samenvatting is leeg' }),
    opvolging: cell(5000),
    opvolgstatus: z.string().transform((v, ctx) => {
      const w = lower(v) || 'open';
      if (!(FOLLOW_UP_STATUSES as readonly string[]).includes(w)) {
        ctx.addIssue({ code: 'custom', message: `onbekende opvolgstatus "${v.trim().slice(0, 40)}" (open of afgehandeld)` });
        return z.NEVER;
      }
      return w as (typeof FOLLOW_UP_STATUSES)[number];
    }),
  });
}

const COLUMN_LABEL: Record<string, string> = { themas: 'themas' };

/**
 * Parses and checks a whole file. Returns every good row and every problem; the caller writes nothing when there is
 * any problem (all-or-nothing).
 */
export function parseSignalCsv(csv: string, codebook: { id: string; name: string }[]): { rows: ParsedSignal[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const src = csv.replace(/^\uFEFF/, '');
  if (src.trim() === '') return { rows: [], problems: [{ row: 1, column: null, message: 'Het bestand is leeg.' }] };
  const parsed = Papa.parse<string[]>(src, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  for (const e of parsed.errors) {
    if (e.code === 'UndetectableDelimiter') continue; // one column: the header check below says what is missing
    problems.push({ row: (e.row ?? 0) + 1, column: null, message: e.code === 'MissingQuotes' ? 'Een aanhalingsteken (") wordt niet afgesloten.' : `CSV-fout: ${e.message}.` });
  }
  const [header, ...data] = parsed.data;
  const names = (header ?? []).map((h) => lower(h).replace(/['’]/g, '').replace(/^thema$/, 'themas'));
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length) {
    problems.push({ row: 1, column: null, message: `Kolom${missing.length > 1 ? 'men' : ''} ontbreekt in de kopregel: ${missing.join(', ')}. Verwacht: ${IMPORT_COLUMNS.join(', ')}.` });
    return { rows: [], problems };
  }
  const unknown = names.filter((n) => n !== '' && !(IMPORT_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) problems.push({ row: 1, column: null, message: `Onbekende kolom${unknown.length > 1 ? 'men' : ''}: ${unknown.join(', ')}.` });
  const dup = names.filter((n, i) => n !== '' && names.indexOf(n) !== i);
  if (dup.length) problems.push({ row: 1, column: null, message: `Kolom dubbel in de kopregel: ${[...new Set(dup)].join(', ')}.` });
  if (data.length === 0) problems.push({ row: 2, column: null, message: 'Het bestand bevat geen signalen (alleen een kopregel).' });
  if (data.length > MAX_IMPORT_ROWS) {
    problems.push({ row: MAX_IMPORT_ROWS + 2, column: null, message: `Te veel regels: ${data.length}, hoogstens ${MAX_IMPORT_ROWS} per import.` });
    return { rows: [], problems };
  }

  const codes = new Map(codebook.map((c) => [c.name.trim().toLowerCase(), c.id]));
  const schema = rowSchema(codes);
  const rows: ParsedSignal[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    if (cells.length > names.length && cells.slice(names.length).some((c) => c.trim() !== '')) {
      problems.push({ row, column: null, message: `Deze regel heeft ${cells.length} cellen, de kopregel ${names.length}.` });
      return;
    }
    const record: Record<string, string> = {};
    for (const c of IMPORT_COLUMNS) record[c] = '';
    names.forEach((n, j) => {
      if ((IMPORT_COLUMNS as readonly string[]).includes(n)) record[n] = cells[j] ?? '';
    });
    const r = schema.safeParse(record);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const column = String(issue.path[0] ?? '') || null;
        problems.push({ row, column: column ? (COLUMN_LABEL[column] ?? column) : null, message: issue.message });
      }
      return;
    }
    const v = r.data;
    rows.push({
      row,
      receivedOn: v.datum,
      channel: v.kanaal,
      contact: v.contact,
      ageBand: v.leeftijd,
      themeIds: v.themas,
      phase: v.fase,
      region: v.regio,
      summary: v.samenvatting,
      followUp: v.opvolging,
      followUpStatus: v.opvolgstatus,
    });
  });
  return { rows, problems };
}

