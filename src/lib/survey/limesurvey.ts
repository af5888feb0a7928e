/**
 * Import of a LimeSurvey survey structure (.lss, XML) into SurveyJS JSON.
 *
 * Reads the tables LimeSurvey 3 to 6 write (document/<table>/rows/row): surveys, surveys_languagesettings, groups
 * (+ group_l10ns), questions and subquestions (+ question_l10ns), answers (+ answer_l10ns), question_attributes.
 * LimeSurvey 3 keeps texts in the main tables with a `language` column; 4+ in the *_l10ns tables. Both are read.
 *
 * Mapping: groups → pages; question types L → radiogroup, ! → dropdown, M → checkbox, F → matrix, N → text/number,
 * S → text, T/U → comment, Y → boolean, 5 → rating 1–5, D → text/date, R → ranking, X → html (as plain text);
 * answer options and subquestions; mandatory Y → isRequired; other Y → showOtherItem; relevance equations built from
 * comparisons (== != < <= > >=) of a question with a literal, is_empty(), and/or/not and parentheses → visibleIf.
 * Everything else is listed in the report (question code and reason) and left out, or imported without it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { NAME_RE, validateDefinition } from './definition';
import type { DefinitionError, InstrumentInfo, SurveyDefinition, SurveyJson } from './types';

export interface LimeSurveyReportItem {
  /** LimeSurvey question code (title), group id as `groep <gid>`, or `enquête`. */
  code: string;
  reason: string;
}

export interface LimeSurveyImport {
  definition: SurveyJson;
  report: LimeSurveyReportItem[];
  /** validateDefinition of the result (normally ok). */
  validation: { ok: true; definition: SurveyDefinition; info: InstrumentInfo } | { ok: false; errors: DefinitionError[] };
}

const MAX_XML_BYTES = 20 * 1024 * 1024;

type Row = Record<string, string>;
type Loc = Record<string, string>;

function rowsOf(doc: Record<string, unknown>, table: string): Row[] {
  const t = doc[table] as { rows?: { row?: unknown } } | undefined;
  const r = t?.rows?.row;
  const list = Array.isArray(r) ? r : r ? [r] : [];
  return list.map((row) => {
    const out: Row = {};
    if (typeof row === 'object' && row !== null) {
      for (const [k, v] of Object.entries(row as Record<string, unknown>)) out[k] = v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v);
    }
    return out;
  });
}

const num = (s: string | undefined) => (s === undefined || s === '' ? 0 : Number(s));

/** HTML (as LimeSurvey stores texts) → plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, ' ')
    .replace(/<\s*br\s*\/?>/gi, '\n')
    .replace(/<\/\s*(p|div|li|h\d)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => safeChar(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => safeChar(parseInt(h, 16)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function safeChar(cp: number): string {
  return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A SurveyJS localisable string from texts per language (base language → default). */
function loc(texts: Loc, base: string, languages: string[], plain = true): string | Record<string, string> | undefined {
  const conv = (s: string) => (plain ? htmlToText(s) : s);
  if (texts[base] === undefined && Object.keys(texts).length === 0) return undefined;
  const def = conv(texts[base] ?? Object.values(texts)[0] ?? '');
  const others = languages.filter((l) => l !== base && texts[l] !== undefined && conv(texts[l]) !== '');
  if (others.length === 0) return def;
  const out: Record<string, string> = { default: def };
  for (const l of others) out[l] = conv(texts[l]);
  return out;
}

function isEmptyLoc(v: string | Record<string, string> | undefined): boolean {
  return v === undefined || v === '' || (typeof v === 'object' && (v.default ?? '') === '');
}

// ---------------------------------------------------------------------------------------------- relevance equations

type Tok = { t: 'id' | 'str' | 'num' | 'op' | '(' | ')' | ','; v: string };

function tokenize(s: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ t: ch, v: ch });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = s.indexOf(ch, i + 1);
      if (end < 0) return null;
      out.push({ t: 'str', v: s.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if (['<', '>', '!'].includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    const m = /^(-?\d+(?:\.\d+)?)/.exec(s.slice(i));
    if (m && (ch !== '-' || out.length === 0 || out[out.length - 1].t === 'op' || out[out.length - 1].t === '(')) {
      out.push({ t: 'num', v: m[1] });
      i += m[1].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z]+)?/.exec(s.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    return null;
  }
  return out;
}

/** What a LimeSurvey variable refers to, for the relevance converter. */
export interface VarTarget {
  /** SurveyJS question name. */
  name: string;
  /** LimeSurvey type of the question. */
  lsType: string;
  /** For M (checkbox) and F (array) subquestion variables: the subquestion code. */
  sub?: string;
  /** Position in document order. */
  index: number;
}

class RelevanceError extends Error {}

/**
 * Converts a LimeSurvey relevance equation to a SurveyJS condition. `resolve` maps a LimeSurvey variable name
 * (Q1, Q2_SQ001) to its target or null. Throws RelevanceError with a Dutch reason when it cannot be mapped.
 * Returns null for "always relevant" (empty or 1).
 */
export function convertRelevance(expr: string, resolve: (v: string) => VarTarget | null, beforeIndex: number): string | null {
  const trimmed = expr.trim();
  if (trimmed === '' || trimmed === '1' || /^\(*\s*1\s*\)*$/.test(trimmed)) return null;
  const toks = tokenize(trimmed);
  if (!toks) throw new RelevanceError('de voorwaarde kan niet worden gelezen');
  let p = 0;
  const peek = () => toks[p];
  const isWord = (tk: Tok | undefined, ...w: string[]) => tk !== undefined && tk.t === 'id' && w.includes(tk.v.toLowerCase());

  const variable = (name: string): VarTarget => {
    const base = name.replace(/\.(NAOK|value|code|shown)$/i, '');
    if (/\./.test(base)) throw new RelevanceError(`'${name}' wordt niet ondersteund`);
    const target = resolve(base);
    if (!target) throw new RelevanceError(`onbekende vraag '${base}'`);
    if (target.index >= beforeIndex) throw new RelevanceError(`'${base}' is geen eerdere vraag`);
    return target;
  };
  const literal = (tk: Tok, target: VarTarget): string => {
    if (tk.t !== 'str' && tk.t !== 'num') throw new RelevanceError('alleen vergelijkingen met een vaste waarde worden ondersteund');
    if (target.lsType === 'Y') {
      if (tk.v === 'Y') return 'true';
      if (tk.v === 'N') return 'false';
      throw new RelevanceError(`ja/nee-waarde '${tk.v}' onbekend`);
    }
    if (tk.t === 'num' || ['N', '5'].includes(target.lsType)) {
      if (!/^-?\d+(\.\d+)?$/.test(tk.v)) throw new RelevanceError(`'${tk.v}' is geen getal`);
      return String(Number(tk.v));
    }
    if (/['\\{}]/.test(tk.v)) throw new RelevanceError('waarde met aanhalingstekens of accolades');
    return `'${tk.v}'`;
  };
  const ref = (t: VarTarget) => (t.lsType === 'F' && t.sub ? `{${t.name}.${t.sub}}` : `{${t.name}}`);

  const comparison = (): string => {
    const a = peek();
    if (!a) throw new RelevanceError('onvolledige voorwaarde');
    // is_empty(X) / !is_empty(X)
    if (a.t === 'id' && a.v.toLowerCase() === 'is_empty') {
      p++;
      if (peek()?.t !== '(') throw new RelevanceError('is_empty zonder haakjes');
      p++;
      const v = peek();
      if (v?.t !== 'id') throw new RelevanceError('is_empty heeft een vraag nodig');
      p++;
      if (peek()?.t !== ')') throw new RelevanceError('is_empty met meer dan één argument');
      p++;
      const t = variable(v.v);
      if (t.lsType === 'M' && t.sub) return `{${t.name}} notcontains '${t.sub}'`;
      return `${ref(t)} empty`;
    }
    if (a.t !== 'id') throw new RelevanceError('een vergelijking moet met een vraag beginnen');
    if (isWord(a, 'and', 'or', 'not')) throw new RelevanceError('onverwacht woord');
    p++;
    const op = peek();
    if (op?.t === '(') throw new RelevanceError(`functie '${a.v}' wordt niet ondersteund`);
    const t = variable(a.v);
    if (!op || !(op.t === 'op' || isWord(op, 'eq', 'ne', 'lt', 'le', 'gt', 'ge'))) {
      throw new RelevanceError('alleen vergelijkingen (==, !=, <, >, …) worden ondersteund');
    }
    p++;
    const b = peek();
    if (!b) throw new RelevanceError('onvolledige vergelijking');
    p++;
    const o = ({ '==': '=', eq: '=', '!=': '<>', ne: '<>', '<': '<', lt: '<', '<=': '<=', le: '<=', '>': '>', gt: '>', '>=': '>=', ge: '>=' } as Record<string, string>)[op.v.toLowerCase()];
    if (!o) throw new RelevanceError(`operator '${op.v}' wordt niet ondersteund`);
    if (t.lsType === 'M' && t.sub) {
      // multiple choice subquestion: "Y" when chosen, "" when not
      if (b.t !== 'str' || !['Y', ''].includes(b.v) || !['=', '<>'].includes(o)) throw new RelevanceError('keuzevraag-onderdeel alleen te vergelijken met "Y" of ""');
      const chosen = (b.v === 'Y') === (o === '=');
      return `{${t.name}} ${chosen ? 'contains' : 'notcontains'} '${t.sub}'`;
    }
    if (t.lsType === 'M') throw new RelevanceError('een meerkeuzevraag zelf kan niet worden vergeleken');
    if (b.t === 'str' && b.v === '' && (o === '=' || o === '<>')) return `${ref(t)} ${o === '=' ? 'empty' : 'notempty'}`;
    return `${ref(t)} ${o} ${literal(b, t)}`;
  };
  const unary = (): string => {
    const tk = peek();
    if (tk && ((tk.t === 'op' && tk.v === '!') || isWord(tk, 'not'))) {
      p++;
      return `!(${unary()})`;
    }
    if (tk?.t === '(') {
      p++;
      const e = orExpr();
      if (peek()?.t !== ')') throw new RelevanceError('haakjes kloppen niet');
      p++;
      return `(${e})`;
    }
    return comparison();
  };
  const andExpr = (): string => {
    let left = unary();
    while (peek() && ((peek().t === 'op' && peek().v === '&&') || isWord(peek(), 'and'))) {
      p++;
      left = `${left} and ${unary()}`;
    }
    return left;
  };
  function orExpr(): string {
    let left = andExpr();
    while (peek() && ((peek().t === 'op' && peek().v === '||') || isWord(peek(), 'or'))) {
      p++;
      left = `${left} or ${andExpr()}`;
    }
    return left;
  }
  const out = orExpr();
  if (p !== toks.length) throw new RelevanceError('onverwachte tekst in de voorwaarde');
  return simplifyParens(out);
}

/** Removes redundant outer parentheses "((x))" → "x". */
function simplifyParens(s: string): string {
  let out = s;
  for (;;) {
    if (!out.startsWith('(') || !out.endsWith(')')) return out;
    let depth = 0;
    let wraps = true;
    for (let i = 0; i < out.length; i++) {
      if (out[i] === '(') depth++;
      else if (out[i] === ')') depth--;
      if (depth === 0 && i < out.length - 1) {
        wraps = false;
        break;
      }
    }
    if (!wraps) return out;
    out = out.slice(1, -1);
  }
}

// ---------------------------------------------------------------------------------------------- the import

const TYPE_NAMES: Record<string, string> = {
  '1': 'Array dubbele schaal',
  A: 'Array (5-puntsschaal)',
  B: 'Array (10-puntsschaal)',
  C: 'Array (ja/nee/weet niet)',
  E: 'Array (meer/gelijk/minder)',
  H: 'Array per kolom',
  G: 'Geslacht',
  I: 'Taalkeuze',
  K: 'Meerdere getallen',
  O: 'Lijst met toelichting',
  P: 'Meerkeuze met toelichting',
  Q: 'Meerdere korte teksten',
  ':': 'Array (getallen)',
  ';': 'Array (teksten)',
  '*': 'Vergelijking',
  '|': 'Bestand uploaden',
};

/** Parses an .lss document and converts it; see the module comment. Throws only for input that is not an .lss XML document. */
export function importLimeSurvey(xml: string): LimeSurveyImport {
  if (Buffer.byteLength(xml, 'utf8') > MAX_XML_BYTES) throw new Error('Het LimeSurvey-bestand is te groot (maximaal 20 MB).');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('Het LimeSurvey-bestand bevat een DOCTYPE of ENTITY; dat wordt niet geaccepteerd.');
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name, jPath) => name === 'row' || String(jPath) === 'document.languages.language',
  });
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`Het LimeSurvey-bestand is geen geldige XML (regel ${valid.err.line}): ${valid.err.msg}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`Het LimeSurvey-bestand is geen geldige XML: ${(e as Error).message}`);
  }
  const doc = parsed.document as Record<string, unknown> | undefined;
  if (!doc || typeof doc !== 'object') throw new Error('Geen LimeSurvey-structuur: het element <document> ontbreekt.');
  const docType = String(doc.LimeSurveyDocType ?? '');
  if (docType && docType !== 'Survey') throw new Error(`Geen enquêtestructuur (LimeSurveyDocType is '${docType}').`);

  const report: LimeSurveyReportItem[] = [];
  const note = (code: string, reason: string) => report.push({ code, reason });

  // Languages.
  const survey = rowsOf(doc, 'surveys')[0] ?? {};
  const langList = ((doc.languages as { language?: unknown[] } | undefined)?.language ?? []).map(String);
  const base = survey.language || langList[0] || 'nl';
  const languages = [base, ...(survey.additional_languages ?? '').split(/\s+/).filter(Boolean), ...langList].filter((l, i, a) => l && a.indexOf(l) === i);
  if (base !== 'nl') note('enquête', `De basistaal is '${base}'; die teksten zijn de standaardteksten geworden.`);

  // Texts.
  const qText = new Map<string, Loc>();
  const qHelp = new Map<string, Loc>();
  const put = (m: Map<string, Loc>, id: string, lang: string, text: string | undefined) => {
    if (text === undefined) return;
    const cur = m.get(id) ?? {};
    cur[lang || base] = text;
    m.set(id, cur);
  };
  for (const r of rowsOf(doc, 'question_l10ns')) {
    put(qText, r.qid, r.language, r.question);
    put(qHelp, r.qid, r.language, r.help);
  }
  const allQuestionRows = [...rowsOf(doc, 'questions'), ...rowsOf(doc, 'subquestions')];
  for (const r of allQuestionRows) {
    if (r.question !== undefined) put(qText, r.qid, r.language, r.question);
    if (r.help !== undefined) put(qHelp, r.qid, r.language, r.help);
  }
  const aText = new Map<string, Loc>(); // by aid (LS4+) or qid|scale|code (LS3)
  for (const r of rowsOf(doc, 'answer_l10ns')) put(aText, r.aid, r.language, r.answer);
  const answerRows = new Map<string, Row>();
  for (const r of rowsOf(doc, 'answers')) {
    const key = r.aid ? r.aid : `${r.qid}|${r.scale_id || '0'}|${r.code}`;
    if (!answerRows.has(key)) answerRows.set(key, r);
    if (r.answer !== undefined) put(aText, key, r.language, r.answer);
  }
  const gText = new Map<string, Loc>();
  const gDesc = new Map<string, Loc>();
  const groupRows = new Map<string, Row>();
  for (const r of rowsOf(doc, 'groups')) {
    if (!groupRows.has(r.gid)) groupRows.set(r.gid, r);
    if (r.group_name !== undefined) put(gText, r.gid, r.language, r.group_name);
    if (r.description !== undefined) put(gDesc, r.gid, r.language, r.description);
  }
  for (const r of rowsOf(doc, 'group_l10ns')) {
    put(gText, r.gid, r.language, r.group_name);
    put(gDesc, r.gid, r.language, r.description);
  }
  const attrs = new Map<string, Record<string, string>>();
  for (const r of rowsOf(doc, 'question_attributes')) {
    if (r.language && r.language !== base) continue;
    attrs.set(r.qid, { ...(attrs.get(r.qid) ?? {}), [r.attribute]: r.value });
  }
  const conditionQids = new Set(rowsOf(doc, 'conditions').map((r) => r.qid));

  // Unique question rows (LS3 repeats them per language).
  const uniq = (rows: Row[]) => {
    const m = new Map<string, Row>();
    for (const r of rows) if (!m.has(r.qid) || r.language === base) m.set(r.qid, r);
    return [...m.values()];
  };
  const questionRows = uniq(rowsOf(doc, 'questions')).filter((r) => !r.parent_qid || r.parent_qid === '0');
  const subRows = uniq([...rowsOf(doc, 'subquestions'), ...rowsOf(doc, 'questions').filter((r) => r.parent_qid && r.parent_qid !== '0')]);
  const subsOf = (qid: string, scale = '0') =>
    subRows.filter((r) => r.parent_qid === qid && (r.scale_id || '0') === scale).sort((a, b) => num(a.question_order) - num(b.question_order));
  const answersOf = (qid: string, scale = '0') =>
    [...answerRows.entries()]
      .filter(([, r]) => r.qid === qid && (r.scale_id || '0') === scale)
      .sort(([, a], [, b]) => num(a.sortorder) - num(b.sortorder));

  const groups = [...groupRows.values()].sort((a, b) => num(a.group_order) - num(b.group_order));
  const usedNames = new Set<string>();
  const byCode = new Map<string, VarTarget>();
  const pages: Record<string, unknown>[] = [];
  let index = 0;

  const safeName = (code: string): string => {
    let n = code.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(n)) n = `q${n}`;
    n = n.slice(0, 32);
    let k = n;
    for (let i = 2; usedNames.has(k.toLowerCase()); i++) k = `${n.slice(0, 28)}_${i}`;
    if (!NAME_RE.test(k)) k = `q${index + 1}`;
    usedNames.add(k.toLowerCase());
    return k;
  };
  const choiceValue = (code: string) => code;

  // First pass: names and variable targets in document order (so relevance can look back).
  type Planned = { row: Row; name: string; index: number; group: string };
  const planned: Planned[] = [];
  for (const g of groups) {
    const qs = questionRows.filter((q) => q.gid === g.gid).sort((a, b) => num(a.question_order) - num(b.question_order));
    for (const q of qs) {
      const name = safeName(q.title || `q${q.qid}`);
      if (name !== q.title) note(q.title || `qid ${q.qid}`, `Vraagcode hernoemd naar '${name}' (alleen letters, cijfers en _ toegestaan).`);
      const entry = { row: q, name, index: index++, group: g.gid };
      planned.push(entry);
      byCode.set(q.title, { name, lsType: q.type, index: entry.index });
      if (q.type === 'M' || q.type === 'F') {
        for (const s of subsOf(q.qid)) byCode.set(`${q.title}_${s.title}`, { name, lsType: q.type, sub: s.title, index: entry.index });
      }
    }
  }
  const resolve = (v: string) => byCode.get(v) ?? null;

  for (const g of groups) {
    const elements: Record<string, unknown>[] = [];
    const page: Record<string, unknown> = { name: `groep_${g.gid.replace(/[^A-Za-z0-9_]/g, '')}` };
    const title = loc(gText.get(g.gid) ?? {}, base, languages);
    if (!isEmptyLoc(title)) page.title = title;
    const desc = loc(gDesc.get(g.gid) ?? {}, base, languages);
    if (!isEmptyLoc(desc)) page.description = desc;
    const firstIndex = planned.find((p) => p.group === g.gid)?.index ?? index;
    if (g.grelevance && g.grelevance.trim() !== '' && g.grelevance.trim() !== '1') {
      try {
        const c = convertRelevance(g.grelevance, resolve, firstIndex);
        if (c) page.visibleIf = c;
      } catch (e) {
        note(`groep ${g.gid}`, `Groepsvoorwaarde '${g.grelevance}' niet omgezet (${(e as Error).message}); de pagina wordt altijd getoond.`);
      }
    }
    for (const pq of planned.filter((p) => p.group === g.gid)) {
      const q = pq.row;
      const code = q.title || `qid ${q.qid}`;
      const el: Record<string, unknown> = { name: pq.name };
      const text = loc(qText.get(q.qid) ?? {}, base, languages);
      const help = loc(qHelp.get(q.qid) ?? {}, base, languages);
      const a = attrs.get(q.qid) ?? {};
      const options = (scale = '0') =>
        answersOf(q.qid, scale).map(([key, r]) => {
          const t = loc(aText.get(key) ?? {}, base, languages);
          return isEmptyLoc(t) ? choiceValue(r.code) : { value: choiceValue(r.code), text: t };
        });
      const subs = (scale = '0') =>
        subsOf(q.qid, scale).map((s) => {
          const t = loc(qText.get(s.qid) ?? {}, base, languages);
          return isEmptyLoc(t) ? s.title : { value: s.title, text: t };
        });
      switch (q.type) {
        case 'L':
        case '!':
          el.type = q.type === 'L' ? 'radiogroup' : 'dropdown';
          el.choices = options();
          if (q.other === 'Y') el.showOtherItem = true;
          break;
        case 'M':
          el.type = 'checkbox';
          el.choices = subs();
          if (q.other === 'Y') el.showOtherItem = true;
          if (a.max_answers && Number(a.max_answers) > 0) el.maxSelectedChoices = Number(a.max_answers);
          if (a.min_answers && Number(a.min_answers) > 0) el.minSelectedChoices = Number(a.min_answers);
          break;
        case 'F':
          el.type = 'matrix';
          el.rows = subs();
          el.columns = options();
          break;
        case 'N':
          el.type = 'text';
          el.inputType = 'number';
          if (a.min_num_value_n !== undefined && a.min_num_value_n !== '' && Number.isFinite(Number(a.min_num_value_n))) el.min = Number(a.min_num_value_n);
          if (a.max_num_value_n !== undefined && a.max_num_value_n !== '' && Number.isFinite(Number(a.max_num_value_n))) el.max = Number(a.max_num_value_n);
          break;
        case 'S':
          el.type = 'text';
          break;
        case 'T':
        case 'U':
          el.type = 'comment';
          break;
        case 'Y':
          el.type = 'boolean';
          break;
        case '5':
          el.type = 'rating';
          el.rateMin = 1;
          el.rateMax = 5;
          break;
        case 'D':
          el.type = 'text';
          el.inputType = 'date';
          break;
        case 'R':
          el.type = 'ranking';
          el.choices = options();
          break;
        case 'X': {
          el.type = 'html';
          const raw = qText.get(q.qid) ?? {};
          const html: Record<string, string> = {};
          for (const [l, s] of Object.entries(raw)) {
            const paras = htmlToText(s).split('\n').filter(Boolean).map((line) => `<p>${escapeHtml(line)}</p>`);
            html[l === base ? 'default' : l] = paras.join('') || '<p></p>';
          }
          el.html = Object.keys(html).length === 1 ? html.default : html;
          break;
        }
        default:
          note(code, `Vraagtype '${q.type}'${TYPE_NAMES[q.type] ? ` (${TYPE_NAMES[q.type]})` : ''} wordt niet ondersteund; de vraag is weggelaten.`);
          continue;
      }
      if (q.type !== 'X') {
        if (!isEmptyLoc(text)) el.title = text;
        if (!isEmptyLoc(help)) el.description = help;
        if (q.mandatory === 'Y') el.isRequired = true;
        if (q.mandatory === 'S') note(code, 'Zacht verplicht (soft mandatory) wordt niet ondersteund; de vraag is niet verplicht gemaakt.');
        if (q.other === 'Y' && !['L', '!', 'M'].includes(q.type)) note(code, "De optie 'Anders' past niet bij dit vraagtype en is weggelaten.");
        if ((q.type === 'L' || q.type === '!' || q.type === 'R') && (el.choices as unknown[]).length === 0) {
          note(code, 'De vraag heeft geen antwoordopties; weggelaten.');
          continue;
        }
        if (q.type === 'M' && (el.choices as unknown[]).length === 0) {
          note(code, 'De vraag heeft geen subvragen; weggelaten.');
          continue;
        }
        if (q.type === 'F' && ((el.rows as unknown[]).length === 0 || (el.columns as unknown[]).length === 0)) {
          note(code, 'De arrayvraag mist subvragen of antwoordopties; weggelaten.');
          continue;
        }
        if (q.type === 'F' && (el.rows as unknown[]).some((r) => !/^[A-Za-z0-9_]+$/.test(typeof r === 'object' ? String((r as { value: unknown }).value) : String(r)))) {
          note(code, 'Een subvraagcode bevat andere tekens dan letters, cijfers en _; weggelaten.');
          continue;
        }
        const special = ['other', 'none', 'dontknow', 'refused'];
        const list = (el.choices as unknown[] | undefined) ?? [];
        const clash = list.find((c) => special.includes(String(typeof c === 'object' && c !== null ? (c as { value: unknown }).value : c)));
        if (clash !== undefined) {
          note(code, 'Een antwoordcode is other/none/dontknow/refused; die waarden zijn gereserveerd. Weggelaten.');
          continue;
        }
      }
      const hidden = a.hidden === '1';
      if (hidden) note(code, 'Verborgen vraag (hidden) geïmporteerd als zichtbare vraag.');
      if (q.relevance && q.relevance.trim() !== '' && q.relevance.trim() !== '1') {
        try {
          const c = convertRelevance(q.relevance, resolve, pq.index);
          if (c) el.visibleIf = c;
        } catch (e) {
          note(code, `Voorwaarde '${q.relevance}' niet omgezet (${(e as Error).message}); de vraag wordt altijd getoond.`);
        }
      } else if (conditionQids.has(q.qid)) {
        note(code, 'Voorwaarden uit de conditions-tabel zonder relevance-vergelijking zijn niet omgezet.');
      }
      for (const attr of ['array_filter', 'array_filter_exclude', 'em_validation_q', 'em_validation_sq', 'random_order', 'exclude_all_others', 'equation']) {
        if (a[attr] && a[attr] !== '0' && a[attr] !== '') note(code, `Instelling '${attr}' is niet omgezet.`);
      }
      elements.push({ type: el.type, ...el });
    }
    if (elements.length > 0) pages.push({ ...page, elements });
    else note(`groep ${g.gid}`, 'De groep heeft geen omzetbare vragen; geen pagina gemaakt.');
  }

  // Survey title and description.
  const titleTexts: Loc = {};
  const descTexts: Loc = {};
  for (const r of rowsOf(doc, 'surveys_languagesettings')) {
    if (r.surveyls_title !== undefined) titleTexts[r.surveyls_language || base] = r.surveyls_title;
    if (r.surveyls_description) descTexts[r.surveyls_language || base] = r.surveyls_description;
  }
  const definition: SurveyJson = {};
  const title = loc(titleTexts, base, languages);
  if (!isEmptyLoc(title)) definition.title = title;
  const description = loc(descTexts, base, languages);
  if (!isEmptyLoc(description)) definition.description = description;
  definition.pages = pages;
  return { definition, report, validation: validateDefinition(definition) };
}
