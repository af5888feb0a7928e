/**
 * The respondent API: no account, no session. A token (public link, personal invitation, or resume code) opens the
 * frozen version of a survey; answers are saved per page (one statement) and re-validated against that version at
 * completion; completion is idempotent (a retried submission returns the first result).
 *
 * Audit: respondents' page saves are not audited; one event per completed response (no answer content, no
 * invitation). See the module's README notes in ARCHITECTURE.md for the audit volume.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { AnswerProblem, RespondentSurvey, SurveyLanguage } from '../../../shared/surveys';
import { compile, type CompiledSurvey } from '../../../lib/survey/answers';
import type { AnswerError } from '../../../lib/survey/types';
import * as repo from './surveys.repository';
import { appendAuditEvent, appendAuditEvents, type AuditInput } from '../audit/audit.repository';
import { batcher, type Batcher } from '../../platform/batcher';
import { makeToken, parseToken, respondentUrl, type ParsedToken } from './tokens';
import { purgeClosedSurveys } from './surveys.service';
import { gateOf, surveyOfPublicLink } from './gate-cache';

// ---- errors ---------------------------------------------------------------------------------------------------

const linkInvalid = () =>
  new AppError('link_invalid', 'Deze link is niet (meer) geldig. Controleer of u de hele link heeft overgenomen, of gebruik de link uit uw laatste e-mail.', 404);
const alreadyCompleted = () => new AppError('already_completed', 'U heeft deze vragenlijst al ingevuld. Hartelijk dank voor uw medewerking!', 409);
const invitationUsed = () => new AppError('invitation_used', 'Met deze uitnodiging is de vragenlijst al ingevuld. Hartelijk dank voor uw medewerking!', 409);

const dateNl = (d: Date) => d.toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

function invalidAnswers(errors: AnswerError[], c: CompiledSurvey): AppError {
  const pageOf = new Map(c.info.questions.map((q) => [q.name, c.info.pages[q.page]?.name ?? null]));
  const titleOf = new Map(c.info.questions.map((q) => [q.name, q.title.default]));
  const details: AnswerProblem[] = errors.map((e) => {
    const base = e.question.endsWith('-Comment') ? e.question.slice(0, -'-Comment'.length) : e.question;
    return { question: e.question, page: pageOf.get(base) ?? null, message: e.message };
  });
  const first = errors[0];
  const base = first?.question.endsWith('-Comment') ? first.question.slice(0, -'-Comment'.length) : first?.question;
  const label = base ? (titleOf.get(base) ? `"${String(titleOf.get(base)).slice(0, 80)}"` : `"${base.slice(0, 80)}"`) : '';
  const more = errors.length > 1 ? ` (en nog ${errors.length - 1} ${errors.length === 2 ? 'antwoord' : 'antwoorden'})` : '';
  return new AppError('invalid_answers', `Niet alle antwoorden zijn geldig. ${label ? `Vraag ${label}: ` : ''}${first?.message ?? ''}${more}`.trim(), 400, details);
}

// ---- caches ----------------------------------------------------------------------------------------------------
// Versions are immutable and a response's survey and version never change: cached without expiry (bounded).
// A survey's gate (dates, current version, mode) changes rarely: cached for GATE_TTL_MS and dropped at once when
// it changes in this process (forgetSurvey); another process sharing the PostgreSQL database sees a change within
// that time. Every write still checks the response's own state (completed or not) in its statement.

const CACHE_MAX = 100;
interface VersionEntry {
  number: number;
  compiled: CompiledSurvey;
  /** per page: its visibility and required-ness depend on no answer (a save needs no stored answers) */
  independent: boolean[];
}
const versions = new Map<string, VersionEntry>();

const CONDITION = /"(visibleIf|requiredIf|enableIf)"\s*:/;

export async function versionFor(db: Kysely<DB>, versionId: string): Promise<VersionEntry> {
  const hit = versions.get(versionId);
  if (hit) return hit;
  const v = await repo.findVersionById(db, versionId);
  if (!v) throw new Error(`survey version ${versionId} missing`);
  const compiled = compile(v.definition);
  const pages = ((compiled.definition as { pages?: unknown[] }).pages ?? []) as unknown[];
  const entry = { number: v.number, compiled, independent: pages.map((p) => !CONDITION.test(JSON.stringify(p))) };
  versions.set(versionId, entry);
  while (versions.size > CACHE_MAX) versions.delete(versions.keys().next().value as string);
  return entry;
}

/** resume hash → the response it opens (never changes) */
const resumes = new Map<string, { responseId: string; surveyId: string; versionId: string }>();
const RESUME_MAX = 100_000;
function rememberResume(hash: string, v: { responseId: string; surveyId: string; versionId: string }) {
  resumes.set(hash, v);
  if (resumes.size > RESUME_MAX) resumes.delete(resumes.keys().next().value as string);
}

// ---- batching ---------------------------------------------------------------------------------------------------
// Under load, concurrent respondents' first saves, page saves and completions go to the database together, one
// statement (or one transaction) per batch instead of one per request (platform/batcher.ts). Each request is still
// answered only after its own row is committed, and a batch that fails as a whole runs its requests one by one.

const BATCH_MAX = 64;

interface Completion {
  responseId: string;
  key: string;
  body: CompleteBody;
  gate: repo.Gate;
  v: VersionEntry | null;
  problem: AppError | null;
  /** an invitation completed with the response (such a completion runs alone: its failure rolls back the whole) */
  invitation?: { id: string; linked: boolean };
}
type Completed = { state: 'completed'; completedAt: string };
interface Batchers {
  firstPages: Batcher<repo.FirstPage, string>;
  saves: Batcher<repo.PageSave, boolean>;
  completions: Batcher<Completion, Completed>;
}
const batchersByDb = new WeakMap<Kysely<DB>, Batchers>();

/** How many batches and items each respondent write path has run in this process (tests, benchmarks). */
export function batchStats(db: Kysely<DB>) {
  const b = batchersOf(db);
  return { firstPages: { ...b.firstPages.stats }, saves: { ...b.saves.stats }, completions: { ...b.completions.stats } };
}

function batchersOf(db: Kysely<DB>): Batchers {
  const known = batchersByDb.get(db);
  if (known) return known;
  const b: Batchers = {
    firstPages: batcher({
      max: BATCH_MAX,
      key: (r) => r.resumeHash,
      single: async (r) => (await repo.insertFirstPages(db, [r]), r.id),
      many: async (rs) => (await repo.insertFirstPages(db, rs), rs.map((r) => r.id)),
    }),
    saves: batcher({
      max: BATCH_MAX,
      key: (r) => r.responseId,
      single: async (r) => (await repo.savePages(db, [r])).has(r.responseId),
      many: async (rs) => {
        const saved = await repo.savePages(db, rs);
        return rs.map((r) => saved.has(r.responseId));
      },
    }),
    completions: batcher<Completion, Completed>({
      max: BATCH_MAX,
      key: (c) => c.responseId,
      single: async (c) => {
        const [r] = await completeMany(db, [c]);
        if (r instanceof Error) throw r;
        return r;
      },
      many: (cs) => completeMany(db, cs),
    }),
  };
  batchersByDb.set(db, b);
  return b;
}

// ---- resolving a token ----------------------------------------------------------------------------------------

type Found = repo.ResponseLookup;
interface Resolved {
  token: ParsedToken;
  gate: repo.Gate;
  invitationId: string | null;
  invitationCompleted: boolean;
  response: Found | null;
}

async function resolve(deps: Deps, raw: unknown, answers: boolean): Promise<Resolved> {
  const token = parseToken(raw);
  if (!token) throw linkInvalid();
  const { db } = deps;
  let surveyId: string | undefined;
  let response: Found | null = null;
  let invitationId: string | null = null;
  let invitationCompleted = false;
  let gate: repo.Gate | undefined;
  if (token.kind === 'P') {
    surveyId = await surveyOfPublicLink(db, token.hash);
    gate = surveyId ? await gateOf(db, surveyId) : undefined;
    if (gate && gate.mode !== 'anonymous') gate = undefined;
  } else if (token.kind === 'I') {
    const row = await repo.invitationByHash(db, token.hash, answers);
    gate = row ? await gateOf(db, row.invitation_survey_id) : undefined;
    if (row && gate && gate.mode === 'personal') {
      invitationId = row.invitation_id;
      invitationCompleted = !!row.invitation_completed_at;
      if (row.response_id) response = row as Found;
      if (token.resumeHash && gate.anonymised) {
        const r = await repo.responseByResumeHash(db, token.resumeHash, answers);
        if (r && r.survey_id === gate.survey_id) response = r;
      }
    } else gate = undefined;
  } else {
    const r = await repo.responseByResumeHash(db, token.hash, answers);
    if (r) {
      gate = await gateOf(db, r.survey_id);
      response = r;
    }
  }
  if (!gate) throw linkInvalid();
  if (response && token.kind !== 'I') rememberResume(token.hash, { responseId: response.response_id, surveyId: gate.survey_id, versionId: response.response_version_id });
  return { token, gate, invitationId, invitationCompleted, response };
}

/** Open and close dates, and a published version: the kind message with its own status, or null when open. */
function openProblem(g: repo.Gate, now = Date.now()): AppError | null {
  if (!g.current_version_id) return new AppError('survey_not_published', 'Deze vragenlijst is nog niet beschikbaar. Probeer het later opnieuw.', 423);
  if (g.opens_at && new Date(g.opens_at).getTime() > now) {
    return new AppError('survey_not_open', `Deze vragenlijst is nog niet geopend. U kunt meedoen vanaf ${dateNl(new Date(g.opens_at))}.`, 423, { opensAt: iso(g.opens_at) });
  }
  if (g.closes_at && new Date(g.closes_at).getTime() <= now) {
    return new AppError('survey_closed', 'Deze vragenlijst is gesloten. Hartelijk dank voor uw belangstelling!', 410, { closedAt: iso(g.closes_at) });
  }
  return null;
}

/** A closed personal survey's e-mail addresses are deleted when a respondent finds it closed (and by the job). */
async function refused(deps: Deps, g: repo.Gate, problem: AppError): Promise<never> {
  if (problem.code === 'survey_closed' && g.mode === 'personal') await purgeClosedSurveys(deps, g.study_id).catch((e) => deps.log.warn({ err: e }, 'purge of addresses failed'));
  throw problem;
}

async function assertOpen(deps: Deps, g: repo.Gate, now = Date.now()) {
  const problem = openProblem(g, now);
  if (problem) await refused(deps, g, problem);
}

function language(g: repo.Gate, wanted: string | undefined | null, saved: string | null | undefined): SurveyLanguage {
  const langs = g.languages ?? ['nl'];
  if (wanted && langs.includes(wanted)) return wanted as SurveyLanguage;
  if (saved && langs.includes(saved)) return saved as SurveyLanguage;
  return 'nl';
}

/** The keys a page owns in the answers: its questions and their "other" texts. */
function pageKeys(c: CompiledSurvey, pageIndex: number): string[] {
  const keys: string[] = [];
  for (const name of c.info.pages[pageIndex].questions) {
    keys.push(name);
    const q = c.info.questions.find((x) => x.name === name);
    if (q?.hasOther) keys.push(`${name}-Comment`);
  }
  return keys;
}

function pageIndexOf(c: CompiledSurvey, name: string): number {
  const i = c.info.pages.findIndex((p) => p.name === name);
  if (i < 0) throw new AppError('invalid_answers', `De pagina "${name.slice(0, 80)}" bestaat niet in deze vragenlijst. Laad de pagina opnieuw.`, 400, [{ question: '', page: name, message: 'Onbekende pagina.' }]);
  return i;
}

// ---- the three respondent calls ------------------------------------------------------------------------------

export async function openSurvey(deps: Deps, rawToken: unknown, lang?: string): Promise<RespondentSurvey> {
  const r = await resolve(deps, rawToken, true);
  await assertOpen(deps, r.gate);
  const versionId = r.response?.response_version_id ?? r.gate.current_version_id!;
  const v = await versionFor(deps.db, versionId);
  const pages = v.compiled.info.pages;
  const completed = !!r.response?.response_completed_at || (!r.response && r.invitationCompleted);
  const last = r.response?.response_last_page ?? null;
  return {
    title: r.gate.title,
    description: r.gate.description,
    languages: (r.gate.languages ?? ['nl']) as SurveyLanguage[],
    language: language(r.gate, lang, r.response?.response_language),
    version: v.number,
    definition: v.compiled.definition,
    state: completed ? 'completed' : r.response ? 'in_progress' : 'new',
    answers: !completed && r.response ? (r.response.response_answers ?? {}) : {},
    lastSavedPage: !completed && last != null ? (pages[last]?.name ?? null) : null,
    resumePage: !completed && last != null ? (pages[Math.min(last + 1, pages.length - 1)]?.name ?? null) : null,
    closesAt: iso(r.gate.closes_at),
    completedAt: completed ? iso(r.response?.response_completed_at ?? null) : null,
  };
}

/**
 * The fast path of a page save: a resume code this process has seen, and a page whose visibility and required-ness
 * depend on no answer. Then the page is validated on its own and saved in one statement, without reading the
 * response first. Null when it does not apply (the full path runs).
 */
async function savePageFast(deps: Deps, rawToken: unknown, body: { page: string; answers: Record<string, unknown>; language?: string }) {
  const token = parseToken(rawToken);
  if (!token || token.kind !== 'R') return null;
  const known = resumes.get(token.hash);
  if (!known) return null;
  const gate = await gateOf(deps.db, known.surveyId);
  if (!gate) return null;
  await assertOpen(deps, gate);
  const v = await versionFor(deps.db, known.versionId);
  const c = v.compiled;
  const pageIndex = c.info.pages.findIndex((p) => p.name === body.page);
  if (pageIndex < 0 || !v.independent[pageIndex]) return null;
  const keys = pageKeys(c, pageIndex);
  const own = new Set(keys);
  if (Object.keys(body.answers).some((k) => !own.has(k))) return null;
  const result = c.validate(body.answers, { pageIndex });
  if (!result.ok) throw invalidAnswers(result.errors, c);
  const lang = body.language && (gate.languages ?? ['nl']).includes(body.language) ? body.language : null;
  if (!(await batchersOf(deps.db).saves.add({ responseId: known.responseId, keys, answers: result.cleaned, page: pageIndex, language: lang }))) return null;
  return { state: 'in_progress' as const, lastSavedPage: c.info.pages[pageIndex].name, resumeToken: null, resumeUrl: null };
}

export async function savePage(deps: Deps, rawToken: unknown, body: { page: string; answers: Record<string, unknown>; language?: string }) {
  const fast = await savePageFast(deps, rawToken, body);
  if (fast) return fast;
  const r = await resolve(deps, rawToken, true);
  await assertOpen(deps, r.gate);
  if (r.response?.response_completed_at) throw alreadyCompleted();
  if (!r.response && r.invitationCompleted) throw invitationUsed();
  const versionId = r.response?.response_version_id ?? r.gate.current_version_id!;
  const v = await versionFor(deps.db, versionId);
  const c = v.compiled;
  const pageIndex = pageIndexOf(c, body.page);
  const keys = pageKeys(c, pageIndex);
  const own = new Set(keys);
  const foreign = Object.keys(body.answers).filter((k) => !own.has(k));
  if (foreign.length) throw invalidAnswers(foreign.map((k) => ({ question: k, message: 'Deze vraag hoort niet bij deze pagina (of bestaat niet).' })), c);
  const stored = r.response?.response_answers ?? {};
  const merged: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(stored)) if (!own.has(k)) merged[k] = val;
  for (const [k, val] of Object.entries(body.answers)) merged[k] = val;
  const result = c.validate(merged, { pageIndex });
  if (!result.ok) throw invalidAnswers(result.errors, c);
  const pageAnswers: Record<string, unknown> = {};
  for (const k of keys) if (result.cleaned[k] !== undefined) pageAnswers[k] = result.cleaned[k];
  const lang = language(r.gate, body.language, r.response?.response_language);
  const lastSavedPage = c.info.pages[pageIndex].name;

  if (r.response) {
    if (!(await batchersOf(deps.db).saves.add({ responseId: r.response.response_id, keys, answers: pageAnswers, page: pageIndex, language: lang }))) throw alreadyCompleted();
    return { state: 'in_progress' as const, lastSavedPage, resumeToken: null, resumeUrl: null };
  }
  // The first save creates the response. A personal (not anonymised) invitation resumes by its own link; everyone
  // else gets a resume code, of which only the hash is stored.
  const linked = r.token.kind === 'I' && !r.gate.anonymised;
  const resume = linked ? null : makeToken('R');
  try {
    // without an invitation (the public link): batched with other respondents' first saves
    const id =
      resume && !r.invitationId
        ? await batchersOf(deps.db).firstPages.add({ id: crypto.randomUUID(), surveyId: r.gate.survey_id, versionId, resumeHash: resume.hash, language: lang, answers: pageAnswers, page: pageIndex })
        : await repo.insertFirstPage(deps.db, {
            surveyId: r.gate.survey_id,
            versionId,
            invitationId: r.invitationId,
            linkInvitation: linked,
            resumeHash: resume?.hash ?? null,
            language: lang,
            answers: pageAnswers,
            page: pageIndex,
          });
    if (resume) rememberResume(resume.hash, { responseId: id, surveyId: r.gate.survey_id, versionId });
  } catch (e) {
    // two first saves of one invitation at once: the second becomes a normal save of the row the first made
    if ((e as { code?: string }).code === '23505' && linked) return savePage(deps, rawToken, body);
    throw e;
  }
  const resumeToken = resume ? (r.token.kind === 'I' ? `${r.token.entry}~${resume.token}` : resume.token) : null;
  return {
    state: 'in_progress' as const,
    lastSavedPage,
    resumeToken,
    resumeUrl: respondentUrl(deps.config.publicUrl, resumeToken ?? r.token.entry),
  };
}

type CompleteBody = { idempotencyKey: string; page?: string; answers?: Record<string, unknown>; language?: string };
const done = (at: Date | string): Completed => ({ state: 'completed', completedAt: iso(at)! });

/** The stored answers with the last page's, validated as a whole against the frozen version (throws when invalid). */
function completionAnswers(c: CompiledSurvey, stored: Record<string, unknown>, body: CompleteBody) {
  let merged: Record<string, unknown> = { ...stored };
  let page: number | null = null;
  if (body.page !== undefined) {
    page = pageIndexOf(c, body.page);
    const own = new Set(pageKeys(c, page));
    const foreign = Object.keys(body.answers ?? {}).filter((k) => !own.has(k));
    if (foreign.length) throw invalidAnswers(foreign.map((k) => ({ question: k, message: 'Deze vraag hoort niet bij deze pagina (of bestaat niet).' })), c);
    merged = Object.fromEntries(Object.entries(stored).filter(([k]) => !own.has(k)));
  }
  Object.assign(merged, body.answers ?? {});
  const result = c.validate(merged, { complete: true });
  if (!result.ok) throw invalidAnswers(result.errors, c);
  return { answers: result.cleaned, page };
}

/**
 * Completes started responses in one transaction: reads and locks them, decides per response (a retry of a
 * completion that went through returns its first result, also after the survey closed; then open/close dates; then
 * the answers, re-validated with the last page), writes the completions and their audit events. One result per
 * response: the completion, or the error of that response alone.
 */
function completeMany(db: Kysely<DB>, cs: Completion[]): Promise<(Completed | AppError)[]> {
  return db.transaction().execute(async (trx) => {
    const current = await repo.responsesForCompletion(trx, cs.map((c) => c.responseId));
    const out: (Completed | AppError)[] = [];
    const writes: { i: number; c: Completion; answers: Record<string, unknown>; page: number | null; language: string }[] = [];
    cs.forEach((c, i) => {
      try {
        const cur = current.get(c.responseId);
        if (!cur) throw linkInvalid();
        if (cur.completed_at) {
          if (cur.completion_key === c.key) return void (out[i] = done(cur.completed_at));
          throw alreadyCompleted();
        }
        if (c.problem) throw c.problem;
        if (!c.v) throw linkInvalid();
        writes.push({ i, c, ...completionAnswers(c.v.compiled, cur.answers ?? {}, c.body), language: language(c.gate, c.body.language, cur.language) });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        out[i] = e;
      }
    });
    if (writes.length) {
      // locked above and not completed: these updates cannot miss
      const rows = await repo.completeResponses(trx, writes.map((w) => ({ responseId: w.c.responseId, answers: w.answers, key: w.c.key, page: w.page, language: w.language })));
      const events: AuditInput[] = [];
      for (const w of writes) {
        const row = rows.get(w.c.responseId);
        if (!row) {
          out[w.i] = alreadyCompleted();
          continue;
        }
        if (w.c.invitation && !(await repo.completeInvitation(trx, w.c.invitation.id, w.c.invitation.linked)) && !w.c.invitation.linked) throw invitationUsed();
        out[w.i] = done(row.completed_at);
        events.push({ studyId: w.c.gate.study_id, actorId: null, action: 'survey.response_completed', objectType: 'survey_response', objectId: row.id, details: { surveyId: w.c.gate.survey_id, version: w.c.v!.number } });
      }
      await appendAuditEvents(trx, events);
    }
    return out;
  });
}

/**
 * Completes a response. A resume code this process has seen needs no query before it (the common case: the
 * respondent saved a page before) and goes through the completion batch (`completeMany`); other tokens are resolved
 * first and completed in a transaction of their own, with the same order of checks. Validation takes microseconds
 * (compiled per version), so it runs inside the transaction, after the row is locked.
 */
export async function complete(deps: Deps, rawToken: unknown, body: CompleteBody) {
  const key = body.idempotencyKey.toLowerCase();
  const token = parseToken(rawToken);
  const known = token?.kind === 'R' ? resumes.get(token.hash) : undefined;
  if (known) {
    const gate = await gateOf(deps.db, known.surveyId);
    if (!gate) throw linkInvalid();
    const problem = openProblem(gate);
    const v = await versionFor(deps.db, known.versionId);
    try {
      return await batchersOf(deps.db).completions.add({ responseId: known.responseId, key, body, gate, v, problem });
    } catch (e) {
      if (e === problem && problem) await refused(deps, gate, problem);
      throw e;
    }
  }
  const r = await resolve(deps, rawToken, false);
  const gate = r.gate;
  const responseId = r.response?.response_id ?? null;
  const versionId = r.response?.response_version_id ?? r.gate.current_version_id;
  const linked = r.token.kind === 'I' && !r.gate.anonymised;
  const problem = openProblem(gate);
  // the compiled version is cached; read before the transaction (the embedded database has one connection)
  const v = versionId ? await versionFor(deps.db, versionId) : null;
  try {
    if (responseId) {
      const invitation = r.invitationId ? { id: r.invitationId, linked } : undefined;
      const [result] = await completeMany(deps.db, [{ responseId, key, body, gate, v, problem, invitation }]);
      if (result instanceof Error) throw result;
      return result;
    }
    return await deps.db.transaction().execute(async (trx) => {
      if (r.invitationCompleted || problem) {
        const prior = await repo.findResponseByKey(trx, gate.survey_id, key);
        if (prior?.completed_at) return done(prior.completed_at);
        if (r.invitationCompleted) throw invitationUsed();
      }
      if (problem) throw problem;
      if (!v) throw linkInvalid();
      const { answers, page } = completionAnswers(v.compiled, {}, body);
      const row = await repo.insertCompletedResponse(trx, { surveyId: gate.survey_id, versionId: versionId!, invitationId: linked ? r.invitationId : null, answers, key, page, language: language(gate, body.language, null) });
      if (!row) {
        // this idempotency key was used already: a retry, or the same submission running at the same time
        const again = await repo.findResponseByKey(trx, gate.survey_id, key);
        if (again?.completed_at) return done(again.completed_at);
        throw alreadyCompleted();
      }
      if (r.invitationId && !(await repo.completeInvitation(trx, r.invitationId, linked)) && !linked) throw invitationUsed();
      await appendAuditEvent(trx, { studyId: gate.study_id, actorId: null, action: 'survey.response_completed', objectType: 'survey_response', objectId: row.id, details: { surveyId: gate.survey_id, version: v.number } });
      return done(row.completed_at);
    });
  } catch (e) {
    if (e === problem && problem) await refused(deps, gate, problem);
    throw e;
  }
}
