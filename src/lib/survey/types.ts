/**
 * Shared types of the survey module (pure logic, no database, no HTTP).
 *
 * A survey instrument is stored as SurveyJS JSON (survey-core, MIT). `validateDefinition` checks it and returns the
 * normalised JSON (`SurveyDefinition`); everything else in this module takes that JSON (or its `compile()`d form).
 */

/** SurveyJS JSON as it comes in (untrusted). */
export type SurveyJson = Record<string, unknown>;

/**
 * A SurveyJS JSON definition that passed `validateDefinition` (normalised: always `pages`, every page named).
 * Store it as is (jsonb) next to its version; functions that take it re-check it (`compile` throws
 * `SurveyDefinitionError` for an invalid one).
 */
export type SurveyDefinition = SurveyJson;

/** The question types this platform supports (plus `html` for display-only text). */
export const QUESTION_TYPES = ['radiogroup', 'checkbox', 'dropdown', 'rating', 'matrix', 'boolean', 'text', 'comment', 'ranking'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** `inputType` values supported on `text` questions. */
export const TEXT_INPUT_TYPES = ['text', 'number', 'date', 'email'] as const;
export type TextInputType = (typeof TEXT_INPUT_TYPES)[number];

/** Hard length limits for free-text answers (characters, i.e. Unicode code points). */
export const MAX_SHORT_TEXT = 500;
export const MAX_LONG_TEXT = 10_000;

/** A localisable text: `default` is the survey's own language (Dutch for our instruments), other keys are locales. */
export type LocalText = { default: string } & Record<string, string>;

/** Special answer options SurveyJS adds with `showOtherItem`, `showNoneItem`, `showDontKnowItem`, `showRefuseItem`. */
export type SpecialChoice = 'other' | 'none' | 'dontknow' | 'refused';

/** One answer option (choice, rating value, matrix row or column, boolean value). */
export interface ChoiceInfo {
  /** The value stored in the answers (`true`/`false` for boolean questions). */
  value: string | number | boolean;
  text: LocalText;
  special?: SpecialChoice;
}

/** What the rest of the platform needs to know about one question. */
export interface QuestionInfo {
  name: string;
  type: QuestionType;
  /** Only for `text`: `text` (default), `number`, `date`, `email`. */
  inputType?: TextInputType;
  title: LocalText;
  /** Index into `InstrumentInfo.pages`. */
  page: number;
  /** Position among all questions (document order). */
  index: number;
  isRequired: boolean;
  visibleIf?: string;
  /**
   * Answer options in display order: choices (+ special items last, in SurveyJS order) for radiogroup, checkbox,
   * dropdown and ranking; rate values for rating; `true`, `false` for boolean; the columns for matrix; empty otherwise.
   */
  choices: ChoiceInfo[];
  /** Matrix rows (empty for other types). */
  rows: ChoiceInfo[];
  /** True when the question has an "other" item; its text is stored under `<name>-Comment`. */
  hasOther: boolean;
  /** Number questions and dates: inclusive bounds (dates as YYYY-MM-DD strings). */
  min?: number | string;
  max?: number | string;
  /** Maximum length of a text answer (and of the "other" text), in characters. */
  maxLength: number;
  /** Checkbox: selection bounds. Matrix: `isAllRowRequired`. Ranking: `selectToRankEnabled`. */
  minSelected?: number;
  maxSelected?: number;
  allRowsRequired?: boolean;
  rankSubset?: boolean;
}

export interface PageInfo {
  name: string;
  title: LocalText;
  visibleIf?: string;
  /** Names of the questions on this page, in order. */
  questions: string[];
}

/** The structure of a validated instrument. */
export interface InstrumentInfo {
  title: LocalText;
  /** Locales present in texts besides `default` (e.g. ['en']). */
  locales: string[];
  pages: PageInfo[];
  questions: QuestionInfo[];
}

/** An error in a definition: `path` is a JSONPath-like location, e.g. `pages[1].elements[0].visibleIf`. */
export interface DefinitionError {
  path: string;
  message: string;
}

/** An error in submitted answers: `question` is the answer key (question name, `<name>-Comment` or an unknown key). */
export interface AnswerError {
  question: string;
  message: string;
}

/** Answers keyed by question name (SurveyJS `model.data` shape). */
export type Answers = Record<string, unknown>;

/** One stored response, as the exports and statistics take it. */
export interface ResponseRecord {
  id: string;
  /** Cleaned answers (output of `validateAnswers`). */
  answers: Answers;
  /** ISO 8601 string or Date; null when unknown. */
  startedAt: string | Date | null;
  /** ISO 8601 string or Date; null while not completed. */
  completedAt: string | Date | null;
  /** Version of the definition the response was given with. */
  version: number | string;
  /** Index of the last page the respondent saved (for drop-off); null/undefined when unknown. */
  lastPage?: number | null;
}

/** Thrown by `compile` (and functions that compile) for a definition that does not pass `validateDefinition`. */
export class SurveyDefinitionError extends Error {
  constructor(public readonly errors: DefinitionError[]) {
    super(`Ongeldige vragenlijst: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'SurveyDefinitionError';
  }
}
