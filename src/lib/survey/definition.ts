/**
 * Structure validation of a SurveyJS definition, and the instrument structure (`InstrumentInfo`) derived from it.
 *
 * survey-core runs headless here: `new Model(json)` reports JSON errors (unknown properties, wrong types), its
 * `ConditionsParser` parses `visibleIf`/`requiredIf`; the rest are our own checks (see `validateDefinition`).
 */
import { ConditionsParser, FunctionFactory, Model, type Operand } from 'survey-core';
import {
  MAX_LONG_TEXT,
  MAX_SHORT_TEXT,
  QUESTION_TYPES,
  SurveyDefinitionError,
  TEXT_INPUT_TYPES,
  type ChoiceInfo,
  type DefinitionError,
  type InstrumentInfo,
  type LocalText,
  type PageInfo,
  type QuestionInfo,
  type QuestionType,
  type SpecialChoice,
  type SurveyDefinition,
  type SurveyJson,
  type TextInputType,
} from './types';

/** Question names: a letter, then letters, digits or `_`; at most 32 characters (SPSS, R and Stata safe). */
export const NAME_RE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** Names that may not be used (SPSS keywords, R reserved words, object-prototype names, the export's meta columns). */
const RESERVED_NAMES = new Set(
  [
    'all', 'and', 'by', 'eq', 'ge', 'gt', 'le', 'lt', 'ne', 'not', 'or', 'to', 'with',
    'if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'true', 'false', 'null', 'inf', 'nan', 'na', 'in',
    'constructor', 'prototype', 'tostring', 'valueof', 'hasownproperty', 'isprototypeof', 'propertyisenumerable', 'tolocalestring',
    'response_id', 'version', 'started_at', 'completed_at', 'duration_sec', 'last_page', 'complete',
  ],
);
export const META_COLUMNS = ['response_id', 'version', 'complete', 'started_at', 'completed_at', 'duration_sec'] as const;

const MAX_QUESTIONS = 1000;
const MAX_CHOICES = 300;
const MAX_CHOICE_VALUE_LENGTH = 100;
const SPECIAL_VALUES: SpecialChoice[] = ['other', 'none', 'dontknow', 'refused'];
/** The SurveyJS property that switches each special item on, and the property that overrides its text. */
const SPECIAL_ITEMS: { value: SpecialChoice; show: string; textProp: string; text: LocalText }[] = [
  { value: 'none', show: 'showNoneItem', textProp: 'noneText', text: { default: 'Geen', en: 'None' } },
  { value: 'refused', show: 'showRefuseItem', textProp: 'refuseText', text: { default: 'Wil ik niet zeggen', en: 'Prefer not to say' } },
  { value: 'dontknow', show: 'showDontKnowItem', textProp: 'dontKnowText', text: { default: 'Weet ik niet', en: "Don't know" } },
  { value: 'other', show: 'showOtherItem', textProp: 'otherText', text: { default: 'Anders', en: 'Other' } },
];
/** Properties that would make answers depend on more than the answers themselves, or store them elsewhere. */
const UNSUPPORTED_PROPS = [
  'validators', 'valueName', 'defaultValue', 'defaultValueExpression', 'setValueIf', 'setValueExpression', 'resetValueIf',
  'choicesByUrl', 'choicesFromQuestion', 'choicesVisibleIf', 'choicesEnableIf', 'rowsVisibleIf', 'columnsVisibleIf',
  'enableIf', 'readOnly', 'visible', 'valueTrue', 'valueFalse', 'correctAnswer',
];
const UNSUPPORTED_SURVEY_PROPS = ['triggers', 'calculatedValues', 'firstPageIsStartPage', 'firstPageIsStarted', 'questionsOnPageMode', 'questionsOrder'];
/** Functions that need a rendered survey (not available when the server evaluates conditions on answers alone). */
const CONTEXT_FUNCTIONS = new Set(['isContainerReady', 'isDisplayMode', 'displayValue', 'propertyValue']);
const CHOICE_TYPES = new Set<QuestionType>(['radiogroup', 'checkbox', 'dropdown', 'ranking']);
const HTML_ALLOWED_TAG = /^<\/?(p|br|strong|em|b|i|u|ul|ol|li|h3|h4|h5)\s*\/?>$/i;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** A localisable SurveyJS string (`"x"` or `{ "default": "x", "en": "y" }`) as a LocalText; `fallback` when absent. */
export function toLocalText(v: unknown, fallback: string): LocalText {
  if (typeof v === 'string') return { default: v };
  if (typeof v === 'number') return { default: String(v) };
  if (isObj(v)) {
    const out: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) if (typeof s === 'string' && k !== '__proto__') out[k] = s;
    const def = out.default ?? out.nl ?? Object.values(out)[0] ?? fallback;
    return { ...out, default: def };
  }
  return { default: fallback };
}

/** The text in `locale` (falls back to `default`). */
export function localText(t: LocalText, locale?: string): string {
  return (locale && locale !== 'default' && t[locale]) || t.default;
}

/** Is `s` a valid calendar date YYYY-MM-DD? */
export function isIsoDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Variables an expression refers to, reduced to question names (`{m.row}` → m, `{q-Comment}` → q). */
function expressionQuestions(op: Operand): { vars: string[]; functions: string[] } {
  const raw: string[] = [];
  op.setVariables(raw);
  const list: Operand[] = [];
  op.addOperandsToList(list);
  const functions = list.filter((o) => o.getType() === 'function').map((o) => (o as unknown as { functionName: string }).functionName);
  const vars = raw.map((v) => v.split(/[.[]/)[0].replace(/-Comment$/, ''));
  return { vars: [...new Set(vars)], functions };
}

interface Walked {
  questions: { json: Record<string, unknown>; path: string; page: number; type: QuestionType | 'html' }[];
}

/**
 * Checks a SurveyJS definition for use on this platform.
 *
 * Checks: a JSON object with `pages` (a single-page `elements` definition is turned into one page); at least one page
 * with a question; no panels or other nesting; only the types in `QUESTION_TYPES` plus `html` (display text with a few
 * plain tags, no attributes); `text` only with inputType text/number/date/email; unique question names (case-insensitive,
 * also against derived export columns) that match `NAME_RE` and are not reserved; non-empty unique answer options
 * (strings or numbers; not `other`/`none`/`dontknow`/`refused`, which SurveyJS uses itself); numeric rating values;
 * sane min/max/maxLength; `visibleIf`/`requiredIf` that parse, use only known functions and refer only to earlier
 * questions (for a page: questions on earlier pages); no triggers, calculated values, validators, default values or
 * other properties that make answers depend on more than the answers (see UNSUPPORTED_PROPS); and no errors from
 * survey-core's own JSON check (unknown properties, wrong property types).
 *
 * Returns the normalised definition (a deep copy) and its structure, or all errors found with their location.
 */
export function validateDefinition(
  json: unknown,
): { ok: true; definition: SurveyDefinition; info: InstrumentInfo } | { ok: false; errors: DefinitionError[] } {
  const errors: DefinitionError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!isObj(json)) return { ok: false, errors: [{ path: '$', message: 'De vragenlijst moet een JSON-object zijn.' }] };
  let def: Record<string, unknown>;
  try {
    def = JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
  } catch {
    return { ok: false, errors: [{ path: '$', message: 'De vragenlijst is geen geldige JSON.' }] };
  }
  if (!has(def, 'pages') && Array.isArray(def.elements)) {
    def.pages = [{ name: 'pagina1', elements: def.elements }];
    delete def.elements;
  } else if (has(def, 'elements')) err('$.elements', "Gebruik 'pages' of 'elements', niet beide.");
  for (const p of UNSUPPORTED_SURVEY_PROPS) if (has(def, p)) err(`$.${p}`, `'${p}' wordt niet ondersteund.`);
  if (!Array.isArray(def.pages) || def.pages.length === 0) {
    err('$.pages', 'De vragenlijst moet minstens één pagina hebben.');
    return { ok: false, errors };
  }

  // 1. Walk pages and elements: shape, types, names.
  const walked: Walked = { questions: [] };
  const pathOf = new Map<object, string>();
  const pageNames = new Set<string>();
  const names = new Map<string, string>(); // lower-case name → path
  (def.pages as unknown[]).forEach((page, pi) => {
    const pp = `pages[${pi}]`;
    if (!isObj(page)) return err(pp, 'Een pagina moet een object zijn.');
    pathOf.set(page, pp);
    if (page.name === undefined) page.name = `pagina${pi + 1}`;
    if (typeof page.name !== 'string' || page.name.trim() === '') err(`${pp}.name`, 'De paginanaam moet tekst zijn.');
    else if (pageNames.has(page.name.toLowerCase())) err(`${pp}.name`, `De paginanaam '${page.name}' komt vaker voor.`);
    else pageNames.add(page.name.toLowerCase());
    for (const p of UNSUPPORTED_PROPS) if (has(page, p)) err(`${pp}.${p}`, `'${p}' wordt niet ondersteund.`);
    if (page.elements === undefined) page.elements = [];
    if (!Array.isArray(page.elements)) return err(`${pp}.elements`, "'elements' moet een lijst zijn.");
    page.elements.forEach((el: unknown, ei: number) => {
      const ep = `${pp}.elements[${ei}]`;
      if (!isObj(el)) return err(ep, 'Een vraag moet een object zijn.');
      pathOf.set(el, ep);
      const type = el.type;
      if (type === 'html') {
        checkHtml(el.html, `${ep}.html`, err);
      } else if (typeof type !== 'string' || !(QUESTION_TYPES as readonly string[]).includes(type)) {
        err(`${ep}.type`, `Vraagtype '${String(type)}' wordt niet ondersteund (toegestaan: ${QUESTION_TYPES.join(', ')}, html).`);
        return;
      }
      const name = el.name;
      if (typeof name !== 'string' || !NAME_RE.test(name)) {
        err(`${ep}.name`, `Ongeldige vraagnaam '${String(name)}': begin met een letter, gebruik alleen letters, cijfers en _ (max. 32 tekens).`);
      } else if (RESERVED_NAMES.has(name.toLowerCase())) {
        err(`${ep}.name`, `De vraagnaam '${name}' is gereserveerd; kies een andere naam.`);
      } else if (names.has(name.toLowerCase())) {
        err(`${ep}.name`, `De vraagnaam '${name}' komt vaker voor (ook ${names.get(name.toLowerCase())}; hoofdletters tellen niet mee).`);
      } else names.set(name.toLowerCase(), ep);
      for (const p of UNSUPPORTED_PROPS) if (has(el, p)) err(`${ep}.${p}`, `'${p}' wordt niet ondersteund.`);
      walked.questions.push({ json: el, path: ep, page: pi, type: type as QuestionType | 'html' });
      if (type !== 'html') checkQuestionShape(el, type as QuestionType, ep, err, pathOf);
    });
  });
  const questionCount = walked.questions.filter((q) => q.type !== 'html').length;
  if (questionCount === 0) err('$.pages', 'De vragenlijst moet minstens één vraag hebben.');
  if (questionCount > MAX_QUESTIONS) err('$.pages', `Te veel vragen (${questionCount}; maximaal ${MAX_QUESTIONS}).`);

  // 2. survey-core's own JSON check.
  let model: Model | null = null;
  try {
    model = new Model(def);
  } catch (e) {
    err('$', `survey-core kan de vragenlijst niet lezen: ${(e as Error).message}`);
  }
  for (const je of model?.jsonErrors ?? []) {
    const at = (je.jsonObj && pathOf.get(je.jsonObj)) || (je.element && pathForElement(def, je.element)) || '$';
    const prop = (je as { propertyName?: string }).propertyName;
    const where = prop ? `${at}.${prop}` : at;
    if (errors.some((e) => e.path === where || e.path.startsWith(`${where}[`))) continue;
    err(where, translateJsonError(je.type, prop, je.message));
  }

  // 3. Expressions: parse, known functions, only earlier questions.
  const order = new Map<string, { index: number; page: number }>();
  walked.questions.forEach((q, i) => {
    if (q.type !== 'html' && typeof q.json.name === 'string') order.set(q.json.name, { index: i, page: q.page });
  });
  const parser = new ConditionsParser();
  const checkExpr = (expr: unknown, path: string, allowed: (q: { index: number; page: number }) => boolean, earlierWhat: string) => {
    if (expr === undefined || expr === '') return;
    if (typeof expr !== 'string') return err(path, 'Een voorwaarde moet tekst zijn.');
    let op: Operand | null = null;
    try {
      op = parser.parseExpression(expr) ?? null;
    } catch {
      op = null;
    }
    if (!op) return err(path, `De voorwaarde '${expr}' kan niet worden gelezen.`);
    const { vars, functions } = expressionQuestions(op);
    for (const f of functions) {
      if (!FunctionFactory.Instance.hasFunction(f)) err(path, `Onbekende functie '${f}' in de voorwaarde.`);
      else if (CONTEXT_FUNCTIONS.has(f)) err(path, `De functie '${f}' wordt in voorwaarden niet ondersteund.`);
    }
    for (const v of vars) {
      const target = order.get(v);
      if (!target) err(path, `De voorwaarde verwijst naar '${v}', maar die vraag bestaat niet.`);
      else if (!allowed(target)) err(path, `De voorwaarde verwijst naar '${v}'; dat moet een ${earlierWhat} zijn.`);
    }
  };
  walked.questions.forEach((q, i) => {
    for (const prop of ['visibleIf', 'requiredIf']) {
      checkExpr(q.json[prop], `${q.path}.${prop}`, (t) => t.index < i, 'eerdere vraag');
    }
  });
  (def.pages as unknown[]).forEach((page, pi) => {
    if (isObj(page)) checkExpr(page.visibleIf, `pages[${pi}].visibleIf`, (t) => t.page < pi, 'vraag op een eerdere pagina');
    if (isObj(page) && has(page, 'requiredIf')) err(`pages[${pi}].requiredIf`, "'requiredIf' op een pagina wordt niet ondersteund.");
  });

  if (errors.length > 0 || !model) return { ok: false, errors };

  // 4. Structure and export-column collisions.
  const info = buildInfo(def, model);
  const cols = new Map<string, string>();
  for (const q of info.questions) {
    for (const c of derivedColumnNames(q)) {
      const k = c.toLowerCase();
      if (cols.has(k) && cols.get(k) !== q.name) err(`$`, `Exportkolom '${c}' van vraag '${q.name}' botst met een kolom van vraag '${cols.get(k)}'.`);
      cols.set(k, q.name);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, definition: def, info };
}

function pathForElement(def: Record<string, unknown>, el: unknown): string | null {
  const name = (el as { name?: unknown })?.name;
  if (typeof name !== 'string') return null;
  const pages = def.pages as unknown[];
  for (let pi = 0; pi < pages.length; pi++) {
    const p = pages[pi];
    if (!isObj(p)) continue;
    if (p.name === name && (el as { getType?: () => string }).getType?.() === 'page') return `pages[${pi}]`;
    const els = Array.isArray(p.elements) ? p.elements : [];
    for (let ei = 0; ei < els.length; ei++) if (isObj(els[ei]) && (els[ei] as Record<string, unknown>).name === name) return `pages[${pi}].elements[${ei}]`;
  }
  return null;
}

function translateJsonError(type: string, prop: string | undefined, message: string): string {
  switch (type) {
    case 'unknownproperty':
      return `Onbekende eigenschap '${prop}'.`;
    case 'incorrecttypeproperty':
      return `Eigenschap '${prop}' heeft een onjuist type of een onbekend vraagtype.`;
    case 'requiredproperty':
      return `Verplichte eigenschap '${prop}' ontbreekt.`;
    case 'missingtypeproperty':
      return "Eigenschap 'type' ontbreekt.";
    default:
      return `Fout in de JSON: ${message}`;
  }
}

function checkHtml(v: unknown, path: string, err: (p: string, m: string) => void) {
  const texts = typeof v === 'string' ? [v] : isObj(v) ? Object.values(v) : [];
  if (texts.length === 0 || texts.some((t) => typeof t !== 'string')) return err(path, 'Een html-element heeft tekst nodig.');
  for (const t of texts as string[]) {
    for (const tag of t.match(/<[^>]*>?/g) ?? []) {
      if (!HTML_ALLOWED_TAG.test(tag)) {
        err(path, `HTML-tag '${tag.slice(0, 40)}' is niet toegestaan (alleen p, br, strong, em, b, i, u, ul, ol, li, h3–h5, zonder attributen).`);
        return;
      }
    }
  }
}

function itemValue(item: unknown): unknown {
  return isObj(item) ? item.value : item;
}

function checkItems(items: unknown, path: string, what: string, err: (p: string, m: string) => void, pathOf: Map<object, string>, reserveSpecial: boolean) {
  if (!Array.isArray(items) || items.length === 0) return err(path, `${what} ontbreken of zijn leeg.`);
  if (items.length > MAX_CHOICES) err(path, `Te veel ${what.toLowerCase()} (${items.length}; maximaal ${MAX_CHOICES}).`);
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const ip = `${path}[${i}]`;
    if (isObj(item)) {
      pathOf.set(item, ip);
      for (const p of ['visibleIf', 'enableIf']) if (has(item, p)) err(`${ip}.${p}`, `'${p}' op een antwoordoptie wordt niet ondersteund.`);
    }
    const v = itemValue(item);
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.trim() === '') {
      return err(ip, 'Een antwoordwaarde moet een niet-lege tekst of een getal zijn.');
    }
    if (typeof v === 'string' && v.length > MAX_CHOICE_VALUE_LENGTH) err(ip, `Een antwoordwaarde is te lang (max. ${MAX_CHOICE_VALUE_LENGTH} tekens).`);
    if (reserveSpecial && typeof v === 'string' && (SPECIAL_VALUES as string[]).includes(v)) {
      err(ip, `De waarde '${v}' is gereserveerd; gebruik showOtherItem/showNoneItem/showDontKnowItem/showRefuseItem.`);
    }
    const key = String(v).toLowerCase();
    if (seen.has(key)) err(ip, `De waarde '${String(v)}' komt vaker voor.`);
    seen.add(key);
  });
}

function checkNumberProp(el: Record<string, unknown>, prop: string, path: string, err: (p: string, m: string) => void, integer = false) {
  if (!has(el, prop)) return;
  const v = el[prop];
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) err(`${path}.${prop}`, `'${prop}' moet een ${integer ? 'geheel ' : ''}getal zijn.`);
}

function checkQuestionShape(el: Record<string, unknown>, type: QuestionType, ep: string, err: (p: string, m: string) => void, pathOf: Map<object, string>) {
  if (CHOICE_TYPES.has(type)) checkItems(el.choices, `${ep}.choices`, 'Antwoordopties', err, pathOf, true);
  if (type === 'ranking') {
    for (const s of SPECIAL_ITEMS) if (el[s.show]) err(`${ep}.${s.show}`, `'${s.show}' wordt bij een rangschikking niet ondersteund.`);
  }
  if (!CHOICE_TYPES.has(type) || type === 'ranking') {
    for (const s of SPECIAL_ITEMS) if (has(el, s.show) && type !== 'ranking') err(`${ep}.${s.show}`, `'${s.show}' past niet bij vraagtype ${type}.`);
  }
  if (type === 'checkbox') {
    checkNumberProp(el, 'minSelectedChoices', ep, err, true);
    checkNumberProp(el, 'maxSelectedChoices', ep, err, true);
  }
  if (type === 'matrix') {
    checkItems(el.rows, `${ep}.rows`, 'Rijen', err, pathOf, false);
    checkItems(el.columns, `${ep}.columns`, 'Kolommen', err, pathOf, false);
    if (Array.isArray(el.rows)) {
      for (const [i, r] of el.rows.entries()) {
        const v = itemValue(r);
        if (typeof v === 'string' && !/^[A-Za-z0-9_]+$/.test(v)) err(`${ep}.rows[${i}]`, `Rijwaarde '${v}' mag alleen letters, cijfers en _ bevatten.`);
      }
    }
  }
  if (type === 'rating') {
    if (has(el, 'rateValues')) {
      if (!Array.isArray(el.rateValues) || el.rateValues.length < 2) err(`${ep}.rateValues`, "'rateValues' moet minstens twee waarden hebben.");
      else
        el.rateValues.forEach((r, i) => {
          const v = itemValue(r);
          if (typeof v !== 'number' || !Number.isFinite(v)) err(`${ep}.rateValues[${i}]`, 'Beoordelingswaarden moeten getallen zijn.');
        });
    }
    for (const p of ['rateMin', 'rateMax', 'rateStep']) checkNumberProp(el, p, ep, err);
    checkNumberProp(el, 'rateCount', ep, err, true);
    if (typeof el.rateStep === 'number' && el.rateStep <= 0) err(`${ep}.rateStep`, "'rateStep' moet groter dan 0 zijn.");
    if (typeof el.rateMin === 'number' && typeof el.rateMax === 'number' && el.rateMin >= el.rateMax) err(`${ep}.rateMax`, "'rateMax' moet groter zijn dan 'rateMin'.");
  }
  if (type === 'text') {
    const it = el.inputType ?? 'text';
    if (typeof it !== 'string' || !(TEXT_INPUT_TYPES as readonly string[]).includes(it)) {
      err(`${ep}.inputType`, `inputType '${String(it)}' wordt niet ondersteund (toegestaan: ${TEXT_INPUT_TYPES.join(', ')}).`);
    } else if (it === 'number') {
      checkNumberProp(el, 'min', ep, err);
      checkNumberProp(el, 'max', ep, err);
      if (typeof el.min === 'number' && typeof el.max === 'number' && el.min > el.max) err(`${ep}.max`, "'max' moet groter zijn dan of gelijk zijn aan 'min'.");
    } else if (it === 'date') {
      for (const p of ['min', 'max']) if (has(el, p) && (typeof el[p] !== 'string' || !isIsoDate(el[p] as string))) err(`${ep}.${p}`, `'${p}' moet een datum JJJJ-MM-DD zijn.`);
    } else for (const p of ['min', 'max']) if (has(el, p)) err(`${ep}.${p}`, `'${p}' past alleen bij getallen en datums.`);
  }
  if (type === 'text' || type === 'comment' || el.showOtherItem) {
    const limit = type === 'comment' ? MAX_LONG_TEXT : MAX_SHORT_TEXT;
    if (has(el, 'maxLength')) {
      const v = el.maxLength;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > limit) err(`${ep}.maxLength`, `'maxLength' moet een geheel getal van 1 tot en met ${limit} zijn.`);
    }
  }
}

function itemsInfo(items: unknown): ChoiceInfo[] {
  if (!Array.isArray(items)) return [];
  return items.map((item) => {
    const value = itemValue(item) as string | number;
    const text = isObj(item) && has(item, 'text') ? toLocalText(item.text, String(value)) : { default: String(value) };
    return { value, text };
  });
}

/** The structure of a definition that passed validation (uses survey-core for rating values). */
function buildInfo(def: Record<string, unknown>, model: Model): InstrumentInfo {
  const pages: PageInfo[] = [];
  const questions: QuestionInfo[] = [];
  const locales = new Set<string>();
  const noteLocales = (t: LocalText) => {
    for (const k of Object.keys(t)) if (k !== 'default') locales.add(k);
    return t;
  };
  (def.pages as Record<string, unknown>[]).forEach((page, pi) => {
    const pageInfo: PageInfo = {
      name: page.name as string,
      title: noteLocales(toLocalText(page.title, page.name as string)),
      questions: [],
    };
    if (typeof page.visibleIf === 'string' && page.visibleIf !== '') pageInfo.visibleIf = page.visibleIf;
    pages.push(pageInfo);
    for (const el of page.elements as Record<string, unknown>[]) {
      if (el.type === 'html') {
        noteLocales(toLocalText(el.html, ''));
        continue;
      }
      const type = el.type as QuestionType;
      const name = el.name as string;
      const q: QuestionInfo = {
        name,
        type,
        title: noteLocales(toLocalText(el.title, name)),
        page: pi,
        index: questions.length,
        isRequired: el.isRequired === true,
        choices: [],
        rows: [],
        hasOther: false,
        maxLength: type === 'comment' ? MAX_LONG_TEXT : MAX_SHORT_TEXT,
      };
      if (typeof el.visibleIf === 'string' && el.visibleIf !== '') q.visibleIf = el.visibleIf;
      if (typeof el.maxLength === 'number') q.maxLength = el.maxLength;
      if (CHOICE_TYPES.has(type)) {
        q.choices = itemsInfo(el.choices);
        if (type !== 'ranking') {
          for (const s of SPECIAL_ITEMS) {
            if (el[s.show] === true) q.choices.push({ value: s.value, text: has(el, s.textProp) ? toLocalText(el[s.textProp], s.text.default) : { ...s.text }, special: s.value });
          }
          q.hasOther = el.showOtherItem === true;
        }
      }
      if (type === 'checkbox') {
        if (typeof el.minSelectedChoices === 'number' && el.minSelectedChoices > 0) q.minSelected = el.minSelectedChoices;
        if (typeof el.maxSelectedChoices === 'number' && el.maxSelectedChoices > 0) q.maxSelected = el.maxSelectedChoices;
      }
      if (type === 'ranking') q.rankSubset = el.selectToRankEnabled === true;
      if (type === 'matrix') {
        q.rows = itemsInfo(el.rows);
        q.choices = itemsInfo(el.columns);
        q.allRowsRequired = el.isAllRowRequired === true;
      }
      if (type === 'boolean') {
        q.choices = [
          { value: true, text: toLocalText(el.labelTrue, 'Ja') },
          { value: false, text: toLocalText(el.labelFalse, 'Nee') },
        ];
        if (!has(el, 'labelTrue')) q.choices[0].text.en = 'Yes';
        if (!has(el, 'labelFalse')) q.choices[1].text.en = 'No';
      }
      if (type === 'rating') {
        const mq = model.getQuestionByName(name) as unknown as { visibleRateValues: { value: unknown; locText: { getJson(): unknown } }[] };
        const explicit = Array.isArray(el.rateValues) ? itemsInfo(el.rateValues) : null;
        q.choices = explicit ?? mq.visibleRateValues.map((r) => ({ value: r.value as number, text: toLocalText(r.locText.getJson(), String(r.value)) }));
      }
      if (type === 'text') {
        q.inputType = (el.inputType as TextInputType | undefined) ?? 'text';
        if (q.inputType === 'number' || q.inputType === 'date') {
          if (has(el, 'min')) q.min = el.min as number | string;
          if (has(el, 'max')) q.max = el.max as number | string;
        }
      }
      for (const c of [...q.choices, ...q.rows]) noteLocales(c.text);
      pageInfo.questions.push(name);
      questions.push(q);
    }
  });
  return { title: noteLocales(toLocalText(def.title, '')), locales: [...locales].sort(), pages, questions };
}

/**
 * The export column names a question produces (see export/variables.ts): checkbox one per choice plus `_other` text,
 * matrix one per row, ranking one per item, otherwise the name itself (+ `_other` text when there is an "other" item).
 */
export function derivedColumnNames(q: QuestionInfo): string[] {
  const sfx = (v: string | number | boolean, i: number) => (typeof v === 'string' || typeof v === 'number') && /^[A-Za-z0-9_]+$/.test(String(v)) && String(v).length <= 24 ? String(v) : String(i + 1);
  switch (q.type) {
    case 'checkbox':
      return [...q.choices.map((c, i) => `${q.name}_${sfx(c.value, i)}`), ...(q.hasOther ? [`${q.name}_other_text`] : [])];
    case 'matrix':
      return q.rows.map((r, i) => `${q.name}_${sfx(r.value, i)}`);
    case 'ranking':
      return q.choices.map((c, i) => `${q.name}_${sfx(c.value, i)}`);
    default:
      return [q.name, ...(q.hasOther ? [`${q.name}_other_text`] : [])];
  }
}

const infoCache = new WeakMap<object, InstrumentInfo>();
/** The structure of a definition; throws SurveyDefinitionError when it is not valid. Cached per object. */
export function describe(definition: SurveyDefinition): InstrumentInfo {
  const hit = infoCache.get(definition);
  if (hit) return hit;
  const r = validateDefinition(definition);
  if (!r.ok) throw new SurveyDefinitionError(r.errors);
  infoCache.set(definition, r.info);
  return r.info;
}

export { SurveyDefinitionError };
export type { SurveyJson };
