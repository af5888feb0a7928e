/**
 * The respondent API with plain fetch (no app client: this page stays lean). The token travels in the
 * X-Survey-Token header, never in the URL's path or query.
 */
import { SURVEY_TOKEN_HEADER, type SurveyLanguage } from '../../shared/survey-vocabulary';

export interface RespondentSurvey {
  title: string;
  description: string;
  languages: SurveyLanguage[];
  language: SurveyLanguage;
  version: number;
  definition: Record<string, unknown>;
  state: 'new' | 'in_progress' | 'completed';
  answers: Record<string, unknown>;
  lastSavedPage: string | null;
  resumePage: string | null;
  closesAt: string | null;
  completedAt: string | null;
}
export interface PageSaved {
  state: 'in_progress';
  lastSavedPage: string;
  resumeToken: string | null;
  resumeUrl: string | null;
}
export interface AnswerProblem {
  question: string;
  page: string | null;
  message: string;
}

/** An error from the server (status > 0) or the network (status 0). */
export class RespondError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get retryable() {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', [SURVEY_TOKEN_HEADER]: token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new RespondError(0, 'network_error', '');
  }
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new RespondError(res.status, err?.code ?? String(res.status), err?.message ?? '', err?.details);
  }
  return data as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries network errors, 5xx and 429 a few times with growing pauses; other errors are thrown at once. */
export async function withRetry<T>(fn: () => Promise<T>, delays = [500, 1500, 3000, 6000]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof RespondError) || !e.retryable || attempt >= delays.length) throw e;
      await sleep(delays[attempt]);
    }
  }
}

export const respondApi = {
  open: (token: string, lang?: SurveyLanguage) => call<RespondentSurvey>(token, 'GET', lang ? `/api/respond?lang=${lang}` : '/api/respond'),
  save: (token: string, body: { page: string; answers: Record<string, unknown>; language?: SurveyLanguage }) => call<PageSaved>(token, 'PUT', '/api/respond', body),
  complete: (token: string, body: { idempotencyKey: string; page?: string; answers?: Record<string, unknown>; language?: SurveyLanguage }) =>
    call<{ state: 'completed'; completedAt: string }>(token, 'POST', '/api/respond/complete', body),
};

/** A random uuid v4, also outside secure contexts (crypto.randomUUID needs https or localhost). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The answers of one page: its questions and their "other" texts (keys SurveyJS uses: name and name-Comment). */
export function pageAnswers(data: Record<string, unknown>, questionNames: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of questionNames) {
    if (data[n] !== undefined) out[n] = data[n];
    if (data[`${n}-Comment`] !== undefined) out[`${n}-Comment`] = data[`${n}-Comment`];
  }
  return out;
}
