/**
 * Answer validation: the server re-checks every page save and every completion against the definition, so a client
 * cannot bypass required questions, answer options or ranges.
 *
 * survey-core's ConditionRunner (headless) evaluates the conditions (`visibleIf` of questions and pages, `requiredIf`);
 * the type, option and range checks are our own, with Dutch messages. `compile(definition)` checks the definition and
 * parses every condition once; reuse the returned validator per definition version (answers.test.ts checks that the
 * visibility equals that of a full survey-core Model).
 */
import { ConditionRunner } from 'survey-core';
import { describe, isIsoDate } from './definition';
import type { AnswerError, Answers, InstrumentInfo, QuestionInfo, SurveyDefinition } from './types';

export interface ValidateOptions {
  /**
   * Validate a page save: required questions (and "other" texts, minimum selections, all matrix rows) are checked
   * for this page only (0-based; when the page itself is visible). Answers to other pages are type-checked too.
   */
  pageIndex?: number;
  /** Validate a completion: required questions on all visible pages are checked. */
  complete?: boolean;
}

export type AnswerResult = { ok: true; cleaned: Answers } | { ok: false; errors: AnswerError[] };

export interface Visibility {
  /** Per page index: is the page shown? */
  pages: boolean[];
  /** Per question name: is the question shown (its page shown and its own condition true)? */
  questions: Record<string, boolean>;
  /** Per question name: is the question required now (isRequired or requiredIf)? */
  required: Record<string, boolean>;
}

/** A reusable validator for one definition (version). Not safe to share across worker threads; fine in one event loop. */
export interface CompiledSurvey {
  readonly definition: SurveyDefinition;
  readonly info: InstrumentInfo;
  /** See `validateAnswers`. */
  validate(answers: unknown, opts?: ValidateOptions): AnswerResult;
  /** Which pages and questions are shown for these (already cleaned) answers. */
  visibility(answers: Answers): Visibility;
}

const MAX_ERRORS = 100;
const EMAIL_RE = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
// NUL (PostgreSQL cannot store it in jsonb) and unpaired UTF-16 surrogates.
const BAD_CHARS_RE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EXCLUSIVE = new Set(['none', 'dontknow', 'refused']);

/** The requiredIf expression of a question in the (validated) definition JSON. */
function requiredIfOf(definition: SurveyDefinition, page: number, name: string): string | undefined {
  const p = (definition.pages as { elements: { name?: string; requiredIf?: unknown }[] }[])[page];
  const el = p.elements.find((e) => e.name === name);
  return typeof el?.requiredIf === 'string' && el.requiredIf !== '' ? el.requiredIf : undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function codePoints(s: string, limit: number): number {
  if (s.length <= limit) return s.length; // UTF-16 length ≥ code points
  let n = 0;
  for (const _ of s) n++;
  return n;
}

type Check = { ok: true; value: unknown } | { ok: false; message: string } | { ok: 'empty' };

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

function checkText(v: unknown, max: number): Check {
  if (typeof v !== 'string') return { ok: false, message: 'Vul tekst in.' };
  if (v.trim() === '') return { ok: 'empty' };
  if (codePoints(v, max) > max) return { ok: false, message: `Het antwoord is te lang (maximaal ${max} tekens).` };
  if (BAD_CHARS_RE.test(v)) return { ok: false, message: 'Het antwoord bevat ongeldige tekens.' };
  return { ok: true, value: v };
}

/** The canonical option value for an answer value, or undefined when it is not an option. */
function option(q: QuestionInfo, v: unknown, list = q.choices): string | number | boolean | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = String(v);
  return list.find((c) => String(c.value) === s)?.value;
}

/** Type, option and range check of one answer value (no required checks). */
function checkValue(q: QuestionInfo, v: unknown): Check {
  if (isEmpty(v)) return { ok: 'empty' };
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown': {
      const o = option(q, v);
      return o === undefined ? { ok: false, message: 'Kies een van de antwoordopties.' } : { ok: true, value: o };
    }
    case 'rating': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, message: 'Kies een waarde op de schaal.' };
      return q.choices.some((c) => c.value === v) ? { ok: true, value: v } : { ok: false, message: 'Kies een waarde op de schaal.' };
    }
    case 'boolean':
      return typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, message: 'Kies ja of nee.' };
    case 'checkbox': {
      if (!Array.isArray(v)) return { ok: false, message: 'Kies een of meer antwoordopties.' };
      if (v.length > q.choices.length) return { ok: false, message: 'Te veel antwoorden gekozen.' };
      const out: (string | number | boolean)[] = [];
      for (const item of v) {
        const o = option(q, item);
        if (o === undefined) return { ok: false, message: 'Kies alleen uit de antwoordopties.' };
        if (out.includes(o)) return { ok: false, message: 'Een antwoordoptie is dubbel gekozen.' };
        out.push(o);
      }
      if (out.length > 1 && out.some((o) => typeof o === 'string' && EXCLUSIVE.has(o))) {
        return { ok: false, message: "'Geen', 'Weet ik niet' en 'Wil ik niet zeggen' kunnen niet samen met andere antwoorden." };
      }
      if (q.maxSelected !== undefined && out.length > q.maxSelected) return { ok: false, message: `Kies hoogstens ${q.maxSelected} antwoorden.` };
      return { ok: true, value: q.choices.map((c) => c.value).filter((c) => out.includes(c)) };
    }
    case 'ranking': {
      if (!Array.isArray(v) || v.length > q.choices.length) return { ok: false, message: 'Ongeldige rangschikking.' };
      const out: (string | number | boolean)[] = [];
      for (const item of v) {
        const o = option(q, item);
        if (o === undefined || out.includes(o)) return { ok: false, message: 'Ongeldige rangschikking.' };
        out.push(o);
      }
      if (!q.rankSubset && out.length !== q.choices.length) return { ok: false, message: 'Zet alle onderdelen in een volgorde.' };
      return { ok: true, value: out };
    }
    case 'matrix': {
      if (!isObj(v)) return { ok: false, message: 'Ongeldig antwoord op de tabelvraag.' };
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const row = q.rows.find((r) => String(r.value) === key);
        if (!row) return { ok: false, message: `Onbekende rij '${key.slice(0, 50)}'.` };
        const cell = v[key];
        if (isEmpty(cell)) continue;
        const o = option(q, cell);
        if (o === undefined) return { ok: false, message: `Kies in rij '${key}' een van de antwoordopties.` };
        out[key] = o;
      }
      const ordered: Record<string, unknown> = {};
      for (const r of q.rows) if (hasOwn(out, String(r.value))) ordered[String(r.value)] = out[String(r.value)];
      return Object.keys(ordered).length === 0 ? { ok: 'empty' } : { ok: true, value: ordered };
    }
    case 'comment':
      return checkText(v, q.maxLength);
    case 'text': {
      if (q.inputType === 'number') {
        if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, message: 'Vul een getal in.' };
        if (typeof q.min === 'number' && v < q.min) return { ok: false, message: `Het getal moet minstens ${q.min} zijn.` };
        if (typeof q.max === 'number' && v > q.max) return { ok: false, message: `Het getal mag hoogstens ${q.max} zijn.` };
        return { ok: true, value: v };
      }
      if (q.inputType === 'date') {
        if (typeof v !== 'string' || !isIsoDate(v)) return { ok: false, message: 'Vul een datum in (JJJJ-MM-DD).' };
        if (typeof q.min === 'string' && v < q.min) return { ok: false, message: `De datum mag niet vóór ${q.min} liggen.` };
        if (typeof q.max === 'string' && v > q.max) return { ok: false, message: `De datum mag niet na ${q.max} liggen.` };
        return { ok: true, value: v };
      }
      const t = checkText(v, q.maxLength);
      if (t.ok === true && q.inputType === 'email' && !EMAIL_RE.test((t.value as string).trim())) return { ok: false, message: 'Vul een geldig e-mailadres in.' };
      return t;
    }
  }
}

function selectedOther(q: QuestionInfo, value: unknown): boolean {
  return q.hasOther && (value === 'other' || (Array.isArray(value) && value.includes('other')));
}

/**
 * Builds a reusable validator for a definition. Throws SurveyDefinitionError when the definition is not valid.
 * Build it once per definition version (see `createCompileCache`) and call `.validate` per save.
 */
export function compile(definition: SurveyDefinition): CompiledSurvey {
  const info = describe(definition);
  const byName = new Map(info.questions.map((q) => [q.name, q]));
  const runner = (expr: string | undefined) => (expr ? new ConditionRunner(expr) : null);
  const pageIf = info.pages.map((p) => runner(p.visibleIf));
  const visibleIf = info.questions.map((q) => runner(q.visibleIf));
  const requiredIf = info.questions.map((q) => runner(requiredIfOf(definition, q.page, q.name)));

  /**
   * Visibility in document order. Conditions only refer to earlier questions (checked by validateDefinition), so one
   * forward pass is exact: the answer to a hidden question is removed before later conditions are evaluated.
   */
  function settle(values: Answers): { values: Answers; vis: Visibility } {
    const current: Answers = { ...values };
    const pages: boolean[] = [];
    const questions: Record<string, boolean> = {};
    const required: Record<string, boolean> = {};
    info.questions.forEach((q, i) => {
      if (pages[q.page] === undefined) pages[q.page] = pageIf[q.page]?.runValues(current) ?? true;
      const shown = pages[q.page] && (visibleIf[i]?.runValues(current) ?? true);
      questions[q.name] = shown;
      required[q.name] = shown && (q.isRequired || (requiredIf[i]?.runValues(current) ?? false));
      if (!shown) {
        delete current[q.name];
        delete current[`${q.name}-Comment`];
      }
    });
    info.pages.forEach((_, pi) => {
      if (pages[pi] === undefined) pages[pi] = pageIf[pi]?.runValues(current) ?? true;
    });
    return { values: current, vis: { pages, questions, required } };
  }

  function validate(answers: unknown, opts: ValidateOptions = {}): AnswerResult {
    const errors: AnswerError[] = [];
    const add = (question: string, message: string) => {
      if (errors.length < MAX_ERRORS) errors.push({ question, message });
    };
    if (!isObj(answers)) return { ok: false, errors: [{ question: '', message: 'De antwoorden moeten een object zijn.' }] };
    if (opts.pageIndex !== undefined && (!Number.isInteger(opts.pageIndex) || opts.pageIndex < 0 || opts.pageIndex >= info.pages.length)) {
      return { ok: false, errors: [{ question: '', message: 'Onbekende pagina.' }] };
    }
    // 1. Keys and types.
    const typed: Answers = {};
    const comments: Record<string, string> = {};
    for (const key of Object.keys(answers)) {
      const value = answers[key];
      if (key.endsWith('-Comment')) {
        const q = byName.get(key.slice(0, -'-Comment'.length));
        if (!q || !q.hasOther) {
          add(key, 'Onbekende vraag.');
          continue;
        }
        const t = checkText(value, q.maxLength);
        if (t.ok === false) add(key, t.message);
        else if (t.ok === true) comments[q.name] = t.value as string;
        continue;
      }
      const q = byName.get(key);
      if (!q || !hasOwn(answers, key)) {
        add(key, 'Onbekende vraag.');
        continue;
      }
      const c = checkValue(q, value);
      if (c.ok === false) add(key, c.message);
      else if (c.ok === true) typed[key] = c.value;
    }
    if (errors.length > 0) return { ok: false, errors };

    // 2. Visibility (survey-core), drop hidden answers.
    const withComments: Answers = { ...typed };
    for (const [name, text] of Object.entries(comments)) if (selectedOther(byName.get(name)!, typed[name])) withComments[`${name}-Comment`] = text;
    const { values, vis } = settle(withComments);

    // 3. Required and completeness checks for the page (or all pages).
    const checkPage = (pi: number) => opts.complete === true || opts.pageIndex === pi;
    if (opts.complete === true || opts.pageIndex !== undefined) {
      for (const q of info.questions) {
        if (!checkPage(q.page) || !vis.questions[q.name]) continue;
        const v = values[q.name];
        if (v === undefined) {
          if (vis.required[q.name]) add(q.name, 'Deze vraag is verplicht.');
          continue;
        }
        if (selectedOther(q, v) && values[`${q.name}-Comment`] === undefined) add(`${q.name}-Comment`, "Vul bij 'Anders' uw antwoord in.");
        if (q.type === 'checkbox' && q.minSelected !== undefined && Array.isArray(v) && v.length < q.minSelected && !v.some((o) => EXCLUSIVE.has(String(o)))) {
          add(q.name, `Kies minstens ${q.minSelected} antwoorden.`);
        }
        if (q.type === 'matrix' && q.allRowsRequired && Object.keys(v as object).length < q.rows.length) add(q.name, 'Beantwoord alle rijen.');
      }
    }
    if (errors.length > 0) return { ok: false, errors };

    // 4. Cleaned answers in question order.
    const cleaned: Answers = {};
    for (const q of info.questions) {
      if (values[q.name] !== undefined) cleaned[q.name] = values[q.name];
      if (values[`${q.name}-Comment`] !== undefined) cleaned[`${q.name}-Comment`] = values[`${q.name}-Comment`];
    }
    return { ok: true, cleaned };
  }

  return {
    definition,
    info,
    validate,
    visibility: (answers: Answers) => settle(isObj(answers) ? answers : {}).vis,
  };
}

const compiledCache = new WeakMap<object, CompiledSurvey>();

function isCompiled(d: SurveyDefinition | CompiledSurvey): d is CompiledSurvey {
  return typeof (d as CompiledSurvey).validate === 'function' && typeof (d as CompiledSurvey).info === 'object';
}

/** `definition` as a CompiledSurvey (cached per definition object; pass a CompiledSurvey to skip the lookup). */
export function compiled(definition: SurveyDefinition | CompiledSurvey): CompiledSurvey {
  if (isCompiled(definition)) return definition;
  let c = compiledCache.get(definition);
  if (!c) {
    c = compile(definition);
    compiledCache.set(definition, c);
  }
  return c;
}

/**
 * Validates answers against a definition.
 *
 * - `answers` must be a plain object keyed by question name (`<name>-Comment` holds the "other" text); unknown keys
 *   (including `__proto__`, `constructor`) are an error.
 * - Types: radiogroup/dropdown a listed option; checkbox an array of distinct options ("none"/"don't know"/"refused"
 *   exclusive, `maxSelectedChoices`); rating a number on the scale; boolean true/false; matrix `{ row: column }`;
 *   ranking an array of the items (all, unless `selectToRankEnabled`); text/comment a string of at most 500 / 10,000
 *   characters (no NUL or broken surrogates; HTML stays text); number a finite number within min/max; date a real
 *   YYYY-MM-DD within min/max; email an address.
 * - Required: with `pageIndex`, the visible required questions on that page; with `complete`, on all visible pages;
 *   with neither (a draft), none.
 * - `cleaned`: valid answers in question order, without empty answers, answers to hidden questions (page or question
 *   condition false, evaluated by survey-core), and "other" texts whose option is not chosen.
 *
 * Pass a CompiledSurvey (from `compile` or `createCompileCache`) on hot paths; a definition object is compiled once
 * and cached per object identity.
 */
export function validateAnswers(definition: SurveyDefinition | CompiledSurvey, answers: unknown, opts: ValidateOptions = {}): AnswerResult {
  return compiled(definition).validate(answers, opts);
}

/**
 * A small LRU cache of compiled definitions keyed by a string of your choice (e.g. `${surveyId}:${version}`).
 * A stored definition version never changes, so the key must identify the version.
 */
export function createCompileCache(maxEntries = 50): { get(key: string, definition: SurveyDefinition): CompiledSurvey; clear(): void; readonly size: number } {
  const map = new Map<string, CompiledSurvey>();
  return {
    get(key, definition) {
      const hit = map.get(key);
      if (hit) {
        map.delete(key);
        map.set(key, hit);
        return hit;
      }
      const c = compile(definition);
      map.set(key, c);
      while (map.size > maxEntries) map.delete(map.keys().next().value as string);
      return c;
    },
    clear: () => map.clear(),
    get size() {
      return map.size;
    },
  };
}
