/**
 * The case-file study (dossieronderzoek): coding cases with their chronology, live checks, import and export of the
 * interchange CSV files (import as a job, all-or-nothing), the monitor's indicators with disclosure control, and
 * blind double coding with agreement figures and reconciliation by the lead.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import type { StudyRole } from '../../../shared/api';
import {
  CONTACT_COUNT_KEYS,
  PARENT_FACTORS,
  SETTINGS,
  PLACEMENT_REASONS,
  type AgreementResponse,
  type AssignResponse,
  type SecondAssignment,
  type CaseDetail,
  type CaseEvent,
  type CaseFlag,
  type CaseInput,
  type ImportProblem,
  type MonitorExtra,
  type MonitorResponse,
  type MonitorResult,
  type SecondCodingOfCase,
  type caseListQuery,
  type SUBGROUPS,
} from '../../../shared/dossiers';
import type { z } from 'zod';
import { cohenKappa } from '../../../lib/stats/agreement';
import { deriveOutcome, computeIndicators, subgroupOf, perspectiveAndContact, type CaseOutcome, type SubgroupBy } from './outcomes';
import { checkCase } from './rules';
import { dataRowLines, parseInterchange, serializeInterchange } from './interchange';
import { generateCohort } from './generate';
import * as repo from './dossiers.repository';
import * as studies from '../studies/studies.repository';
import * as jobs from '../jobs/jobs.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';

type Subgroup = (typeof SUBGROUPS)[number];
export interface CliOption {
  /** the server operator on the command line (no actor): like `tnh study create` */
  viaCli?: boolean;
}

// ---- study access -------------------------------------------------------------------------------------

interface Access {
  study: studies.StudyRow;
  /** null: the server operator (CLI) */
  actorId: string | null;
  role: StudyRole | null;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction, opts: CliOption = {}): Promise<Access> {
  if (!actor && opts.viaCli) {
    const study = await studies.findStudyBySlug(db, slug);
    if (!study) throw notFound(`Het onderzoek "${slug}"`);
    return { study, actorId: null, role: null };
  }
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, actorId: a.userId, role };
}

/**
 * Blind second coding: a member with an open assignment on a case may see nothing of its primary coding until the
 * lead has settled it. The lead (coding.supervise) and the server operator see everything.
 */
async function assertNotBlind(db: Kysely<DB>, a: Access, caseId: string) {
  if (!a.actorId || canInStudy(a.role, 'coding.supervise')) return;
  if (await repo.findOpenAssignment(db, caseId, a.actorId)) {
    throw new AppError('blind_second_coding', 'U codeert dit dossier blind als tweede codeur. De eerste codering ziet u pas als de projectleider het dossier heeft vastgesteld.', 403);
  }
}

/** The person codes some cases blind: exports would show the primary codings, so they wait until those are settled. */
async function assertNoOpenBlind(db: Kysely<DB>, a: Access) {
  if (!a.actorId || canInStudy(a.role, 'coding.supervise')) return;
  if (await repo.hasOpenAssignments(db, a.study.id, a.actorId)) {
    throw new AppError('blind_second_coding', 'U heeft nog blinde tweede coderingen open. Exporteren kan pas als de projectleider die dossiers heeft vastgesteld.', 403);
  }
}

function assertWritable(study: studies.StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

// ---- one case: derived values -------------------------------------------------------------------------

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

function realDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (!(y >= YEAR_MIN && y <= YEAR_MAX)) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** What zod cannot see: dates that do not exist, and years outside a plausible range. Nothing is written on failure. */
function assertPlausible(c: CaseInput) {
  const y = Number(c.birthMonth.slice(0, 4));
  if (!(y >= YEAR_MIN && y <= YEAR_MAX)) throw badRequest(`De geboortemaand ${c.birthMonth} ligt niet tussen ${YEAR_MIN} en ${YEAR_MAX}.`);
  c.events.forEach((e, i) => {
    if (!realDate(e.date)) throw badRequest(`Gebeurtenis ${i + 1}: ${e.date} is geen bestaande datum tussen ${YEAR_MIN} en ${YEAR_MAX}.`);
  });
}

/**
 * The cached outcome is stored compactly: the values of CaseOutcome as a JSON array in this order (a third of the
 * bytes of the object; the monitor reads one such row per case). The type check below fails when CaseOutcome
 * gains a field that is not listed here.
 */
export const OUTCOME_KEYS = [
  'placed',
  'origin',
  'followUpEnd',
  'time',
  'status',
  'reunificationDay',
  'reentry12m',
  'emergencyStart',
  'moves',
  'parentHelp',
  'ageAtPlacement',
  'setting',
  'perspectiveDays',
  'perspectiveOutcome',
  'contactFirst6Weeks',
] as const satisfies readonly (keyof CaseOutcome)[];
type UnlistedOutcomeKeys = Exclude<keyof CaseOutcome, (typeof OUTCOME_KEYS)[number]>;
const outcomeKeysComplete: [UnlistedOutcomeKeys] extends [never] ? true : { missing: UnlistedOutcomeKeys } = true;
void outcomeKeysComplete;

/**
 * The version of the outcome definition (deriveOutcome and the checks). Raise it when a change alters what is
 * derived from a case: rows of an older version are derived again before the monitor reads them, and
 * `tnh dossiers recompute` does it for a whole study at once.
 */
export const OUTCOME_VERSION = 1;

export const packOutcome = (o: CaseOutcome): unknown[] => OUTCOME_KEYS.map((k) => o[k] ?? null);
export function unpackOutcome(a: unknown[]): CaseOutcome {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < OUTCOME_KEYS.length; i++) o[OUTCOME_KEYS[i]] = a[i] ?? null;
  return o as unknown as CaseOutcome;
}
/** The cached outcomes of a study, after deriving again any row of an older OUTCOME_VERSION. */
async function loadOutcomes(db: Kysely<DB>, studyId: string): Promise<CaseOutcome[]> {
  if (await repo.hasStaleOutcomes(db, studyId, OUTCOME_VERSION)) await recomputeIn(db, studyId, false);
  return (await repo.loadOutcomes<unknown[]>(db, studyId)).map(unpackOutcome);
}

const RECOMPUTE_CHUNK = 2_000;

/** Derives the cached rows again (stale ones, or all), in chunks; returns how many. */
async function recomputeIn(db: Kysely<DB>, studyId: string, all: boolean, progress?: (done: number, total: number) => void): Promise<number> {
  const ids = await repo.outcomeCaseIds(db, studyId, OUTCOME_VERSION, all);
  for (let i = 0; i < ids.length; i += RECOMPUTE_CHUNK) {
    const { cases, events } = await repo.loadCasesByIds(db, studyId, ids.slice(i, i + RECOMPUTE_CHUNK));
    const rows = cases.map((r) => ({ caseId: r.id, ...derive(toInput(r, events.get(r.id) ?? [])).row }));
    await repo.insertOutcomes(db, studyId, rows, true);
    progress?.(Math.min(i + RECOMPUTE_CHUNK, ids.length), ids.length);
  }
  return ids.length;
}

/** `tnh dossiers recompute`: derives every cached row of a study again (after an upgrade, or to be sure). */
export async function recomputeOutcomes(deps: Deps, actor: Actor | null, slug: string, opts: CliOption & { all?: boolean; progress?: (done: number, total: number) => void } = {}) {
  const { study, actorId } = await access(deps.db, actor, slug, 'data.write', opts);
  return deps.db.transaction().execute(async (trx) => {
    const n = await recomputeIn(trx, study.id, opts.all ?? true, opts.progress);
    await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'cases.recomputed', objectType: 'study', objectId: study.id, details: { cases: n, version: OUTCOME_VERSION } });
    return { cases: n, version: OUTCOME_VERSION };
  });
}

interface Derived {
  outcome: CaseOutcome;
  flags: CaseFlag[];
  row: Omit<repo.OutcomeRow, 'caseId'>;
}

function derive(c: CaseInput): Derived {
  const outcome = deriveOutcome({ birthMonth: c.birthMonth, events: c.events });
  const flags = checkCase(c);
  return {
    outcome,
    flags,
    row: { outcome: packOutcome(outcome), flagsCount: flags.length, eventsCount: c.events.length, placed: !!outcome.placed, reunified: outcome.status === 1, version: OUTCOME_VERSION },
  };
}

const toInput = (r: repo.CaseRow, events: CaseEvent[]): CaseInput => ({
  code: r.code,
  birthMonth: r.birth_month,
  sex: r.sex as CaseInput['sex'],
  region: r.region,
  institution: r.institution,
  siblings: r.siblings,
  placementReasons: r.placement_reasons as CaseInput['placementReasons'],
  parentFactors: r.parent_factors as CaseInput['parentFactors'],
  status: r.status as CaseInput['status'],
  events,
});

const toDetail = (id: string, c: CaseInput, flags: CaseFlag[], updatedAt: Date | string): CaseDetail => ({ ...c, id, flags, updatedAt: iso(updatedAt)! });

const duplicateCode = (code: string) => conflict(`Er is in dit onderzoek al een dossier met de code ${code}. Kies een andere code.`);

/** Runs fn; a unique violation on (study_id, code) — a case created at the same moment — becomes the clear 409. */
async function onDuplicateCode<T>(code: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'cases_study_id_code_key') throw duplicateCode(code);
    throw e;
  }
}

// ---- cases ----------------------------------------------------------------------------------------------

export async function listCases(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof caseListQuery>) {
  const a = await access(deps.db, actor, slug, 'data.read');
  const { study } = a;
  const { rows, total } = await repo.listCases(deps.db, study.id, {
    hideBlindFor: a.actorId && !canInStudy(a.role, 'coding.supervise') ? a.actorId : undefined,
    q: q.q?.trim() || undefined,
    status: q.status,
    flagged: q.flagged === undefined ? undefined : q.flagged === 'true',
    offset: q.offset,
    limit: q.limit,
  });
  return {
    total,
    cases: rows.map((r) => ({
      id: r.id,
      code: r.code,
      birthMonth: r.birth_month,
      sex: r.sex as CaseInput['sex'],
      region: r.region,
      status: r.status as CaseInput['status'],
      events: r.events_count,
      flags: r.flags_count,
      placed: r.placed,
      reunified: r.reunified,
      updatedAt: iso(r.updated_at)!,
    })),
  };
}

export async function getCase(deps: Deps, actor: Actor | null, slug: string, caseId: string): Promise<CaseDetail> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const r = await repo.findCase(deps.db, a.study.id, caseId);
  if (!r) throw notFound('Dit dossier');
  await assertNotBlind(deps.db, a, caseId);
  const input = toInput(r, await repo.listEvents(deps.db, caseId));
  return toDetail(r.id, input, checkCase(input), r.updated_at);
}

/** Live validation while coding: the flags the case would get. Writes nothing. */
export async function checkCaseInput(deps: Deps, actor: Actor | null, slug: string, input: CaseInput): Promise<{ flags: CaseFlag[] }> {
  await access(deps.db, actor, slug, 'data.write');
  assertPlausible(input);
  return { flags: checkCase(input) };
}

export async function createCase(deps: Deps, actor: Actor | null, slug: string, input: CaseInput): Promise<CaseDetail> {
  assertPlausible(input);
  const d = derive(input);
  return onDuplicateCode(input.code, () =>
    deps.db.transaction().execute(async (trx) => {
      const { study, actorId } = await access(trx, actor, slug, 'data.write');
      assertWritable(study);
      if (await repo.findCaseIdByCode(trx, study.id, input.code)) throw duplicateCode(input.code);
      const r = await repo.insertCase(trx, study.id, input, actorId);
      await repo.replaceEvents(trx, r.id, input.events);
      await repo.upsertOutcome(trx, study.id, { caseId: r.id, ...d.row });
      await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'case.created', objectType: 'case', objectId: r.id, details: { code: input.code, events: input.events.length } });
      return toDetail(r.id, input, d.flags, r.updated_at);
    }),
  );
}

/** The names of the fields in which two codings of one case differ (no values: the audit trail holds no case data). */
export function changedFields(a: CaseInput, b: CaseInput): string[] {
  const keys: (keyof CaseInput)[] = ['code', 'birthMonth', 'sex', 'region', 'institution', 'siblings', 'placementReasons', 'parentFactors', 'status', 'events'];
  const norm = (k: keyof CaseInput, v: unknown) => (k === 'placementReasons' || k === 'parentFactors' ? JSON.stringify([...(v as string[])].sort()) : JSON.stringify(v));
  return keys.filter((k) => norm(k, a[k]) !== norm(k, b[k]));
}

export async function updateCase(deps: Deps, actor: Actor | null, slug: string, caseId: string, input: CaseInput): Promise<CaseDetail> {
  assertPlausible(input);
  const d = derive(input);
  return onDuplicateCode(input.code, () =>
    deps.db.transaction().execute(async (trx) => {
      const a = await access(trx, actor, slug, 'data.write');
      const { study, actorId } = a;
      assertWritable(study);
      const old = await repo.findCaseForUpdate(trx, study.id, caseId);
      if (!old) throw notFound('Dit dossier');
      await assertNotBlind(trx, a, caseId);
      if (input.code !== old.code && (await repo.findCaseIdByCode(trx, study.id, input.code))) throw duplicateCode(input.code);
      const before = toInput(old, await repo.listEvents(trx, caseId));
      const r = await repo.updateCase(trx, caseId, input);
      await repo.replaceEvents(trx, caseId, input.events);
      await repo.upsertOutcome(trx, study.id, { caseId, ...d.row });
      await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'case.updated', objectType: 'case', objectId: caseId, details: { code: input.code, fields: changedFields(before, input) } });
      return toDetail(caseId, input, d.flags, r.updated_at);
    }),
  );
}

export async function deleteCase(deps: Deps, actor: Actor | null, slug: string, caseId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    const { study, actorId } = a;
    assertWritable(study);
    const old = await repo.findCaseForUpdate(trx, study.id, caseId);
    if (!old) throw notFound('Dit dossier');
    await assertNotBlind(trx, a, caseId);
    await repo.deleteCase(trx, study.id, caseId);
    await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'case.deleted', objectType: 'case', objectId: caseId, details: { code: old.code } });
  });
}

// ---- import -----------------------------------------------------------------------------------------------

export type ImportResult = { ok: true; cases: number; events: number } | { ok: false; problems: ImportProblem[]; problemCount: number };

/** At most this many problems are reported (the count says how many there were). */
const MAX_PROBLEMS = 1000;
function rejected(problems: ImportProblem[]): ImportResult {
  // the parser ends a long list with a line-0 entry "… en N meer"
  const more = problems.at(-1)?.line === 0 ? /… en (\d+) meer/.exec(problems.at(-1)!.message) : null;
  const problemCount = more ? problems.length - 1 + Number(more[1]) : problems.length;
  return { ok: false, problems: problems.slice(0, MAX_PROBLEMS + (more ? 1 : 0)), problemCount };
}

class ImportRejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('import rejected');
  }
}

type Progress = (done: number, total: number) => Promise<void>;
const DERIVE_CHUNK = 5_000;

/**
 * Imports coded cases into a study: all or nothing, in one transaction, with one audit event. A code that is already
 * in the study (or twice in the import) is a problem; then nothing is written. `line` gives each case's line in
 * the cases file for the report. Progress: the derivation (outside the transaction) counts as the first half, the
 * insert as the second; on PGlite the one connection is held by the transaction, so progress during the insert
 * is only reported on PostgreSQL.
 */
export async function importCases(
  deps: Deps,
  studyId: string,
  actorId: string | null,
  cases: CaseInput[],
  opts: { line?: (index: number) => number; progress?: Progress; source: string },
): Promise<ImportResult> {
  const line = opts.line ?? ((i: number) => i + 2);
  const total = cases.length * 2;
  const progress: Progress = opts.progress ?? (async () => {});
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  cases.forEach((c, i) => {
    const first = seen.get(c.code);
    if (first !== undefined) problems.push({ file: 'cases', line: line(i), message: `De dossiercode ${c.code} staat al op regel ${line(first)}.` });
    else seen.set(c.code, i);
    const y = Number(c.birthMonth.slice(0, 4));
    if (!(y >= YEAR_MIN && y <= YEAR_MAX)) problems.push({ file: 'cases', line: line(i), message: `De geboortemaand ${c.birthMonth} ligt niet tussen ${YEAR_MIN} en ${YEAR_MAX}.` });
    for (const e of c.events) if (!realDate(e.date)) problems.push({ file: 'cases', line: line(i), message: `Dossier ${c.code}: ${e.date} is geen bestaande datum tussen ${YEAR_MIN} en ${YEAR_MAX}.` });
    if ([c.region, c.institution, ...c.events.map((e) => e.detail)].some((v) => v.includes('\u0000'))) problems.push({ file: 'cases', line: line(i), message: `Dossier ${c.code} bevat een NUL-teken; dat kan niet worden opgeslagen.` });
  });
  if (problems.length) return rejected(problems);

  await progress(0, total);
  const bulk: repo.BulkCase[] = new Array(cases.length);
  const ids = repo.ascendingIds(cases.length);
  let events = 0;
  for (let i = 0; i < cases.length; i++) {
    const d = derive(cases[i]);
    const id = ids[i];
    bulk[i] = { id, input: cases[i], outcome: { caseId: id, ...d.row } };
    events += cases[i].events.length;
    if ((i + 1) % DERIVE_CHUNK === 0) await progress(i + 1, total);
  }
  await progress(cases.length, total);

  try {
    await deps.db.transaction().execute(async (trx) => {
      const existing = await repo.existingCodes(trx, studyId, cases.map((c) => c.code));
      if (existing.size) {
        throw new ImportRejected(
          cases.flatMap((c, i) => (existing.has(c.code) ? [{ file: 'cases' as const, line: line(i), message: `Er is in dit onderzoek al een dossier met de code ${c.code}.` }] : [])),
        );
      }
      const during = deps.kind === 'postgres' ? (done: number) => progress(cases.length + done, total) : async () => {};
      if (deps.kind === 'pglite') await repo.withoutRowTriggers(trx, () => repo.bulkInsertCases(trx, studyId, actorId, bulk, during));
      else await repo.bulkInsertCases(trx, studyId, actorId, bulk, during);
      await appendAuditEvent(trx, { studyId, actorId, action: 'cases.imported', objectType: 'study', objectId: studyId, details: { cases: cases.length, events, source: opts.source } });
    });
  } catch (e) {
    if (e instanceof ImportRejected) return rejected(e.problems);
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'cases_study_id_code_key')
      return rejected([{ file: 'cases', line: 1, message: 'Tijdens het importeren is een dossier met een van deze codes aangemaakt. Probeer het opnieuw.' }]);
    throw e;
  }
  await progress(total, total);
  return { ok: true, cases: cases.length, events };
}

/** Parses the two interchange CSV texts and imports them (the job, and `tnh dossiers import`). */
export async function importInterchangeInto(deps: Deps, studyId: string, actorId: string | null, files: { cases: string; events: string }, progress?: Progress): Promise<ImportResult> {
  const parsed = parseInterchange(files.cases, files.events);
  if (!parsed.ok) return rejected(parsed.problems);
  // the parser keeps the rows' order; their lines are only needed for a report, so they are counted lazily
  let lines: number[] | null = null;
  const line = (i: number) => (lines ??= dataRowLines(files.cases))[i] ?? i + 2;
  return importCases(deps, studyId, actorId, parsed.cases, { progress, line, source: 'csv' });
}

/** `tnh dossiers import`: the same import, run at once. */
export async function importInterchange(deps: Deps, actor: Actor | null, slug: string, files: { cases: string; events: string }, opts: CliOption & { progress?: Progress } = {}) {
  const { study, actorId } = await access(deps.db, actor, slug, 'data.write', opts);
  assertWritable(study);
  return importInterchangeInto(deps, study.id, actorId, files, opts.progress);
}

/** Starts the import job; the CSV texts wait in job_inputs until the job has run. */
export async function startImport(deps: Deps, actor: Actor | null, slug: string, files: { cases: string; events: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const { study, actorId } = await access(trx, actor, slug, 'data.write');
    assertWritable(study);
    const job = await jobs.insertJob(trx, { studyId: study.id, kind: 'dossiers.import', payload: { slug, bytes: files.cases.length + files.events.length }, createdBy: actorId });
    await jobs.insertJobInput(trx, job.id, 'cases', Buffer.from(files.cases, 'utf8'));
    await jobs.insertJobInput(trx, job.id, 'events', Buffer.from(files.events, 'utf8'));
    return job;
  });
}

registerJobKind('dossiers.import', async (ctx) => {
  const { db } = ctx.deps;
  try {
    const cases = await jobs.readJobInput(db, ctx.id, 'cases');
    const events = await jobs.readJobInput(db, ctx.id, 'events');
    if (!cases || !events) return rejected([{ file: cases ? 'events' : 'cases', line: 0, message: 'Het bestand van deze import is niet meer beschikbaar. Start de import opnieuw.' }]);
    const study = await studies.findStudyById(db, ctx.studyId!);
    if (!study) return rejected([{ file: 'cases', line: 0, message: 'Het onderzoek bestaat niet meer.' }]);
    if (study.archived_at) return rejected([{ file: 'cases', line: 0, message: 'Dit onderzoek is gearchiveerd; er kan niets worden geïmporteerd.' }]);
    return await importInterchangeInto(ctx.deps, study.id, ctx.createdBy, { cases: cases.toString('utf8'), events: events.toString('utf8') }, ctx.progress);
  } finally {
    await jobs.deleteJobInputs(db, ctx.id);
  }
});

/** `tnh dossiers generate`: a FICTIONAL cohort (generateCohort), imported like any other. */
export async function generateFictional(deps: Deps, actor: Actor | null, slug: string, o: { cases: number; seed: number; startYear?: number }, opts: CliOption = {}) {
  const { study, actorId } = await access(deps.db, actor, slug, 'data.write', opts);
  assertWritable(study);
  const cohort = generateCohort({ cases: o.cases, seed: o.seed, ...(o.startYear ? { startYear: o.startYear } : {}) });
  return importCases(deps, study.id, actorId, cohort, { source: `generated (seed ${o.seed}, fictional)` });
}

// ---- export -----------------------------------------------------------------------------------------------

export async function loadStudyCases(db: Kysely<DB>, studyId: string): Promise<CaseInput[]> {
  const { cases, events } = await repo.loadAllCases(db, studyId);
  return cases.map((r) => toInput(r, events.get(r.id) ?? []));
}

/** The interchange files of a study (both texts); the export is recorded in the audit trail. */
/**
 * The interchange files of a study (both texts); the export is recorded in the audit trail. `extended` adds the
 * optional columns institution, siblings and status. `withoutObservationEnd` counts the cases (hand-coded, still in
 * progress) that lack exactly one observation_end: the import refuses those until they are completed.
 */
export async function exportInterchange(deps: Deps, actor: Actor | null, slug: string, opts: CliOption & { file?: 'cases' | 'events'; extended?: boolean } = {}) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.read', opts);
    const { study, actorId } = a;
    await assertNoOpenBlind(trx, a);
    const cases = await loadStudyCases(trx, study.id);
    const files = serializeInterchange(cases, { extended: opts.extended });
    const withoutObservationEnd = cases.filter((c) => c.events.filter((e) => e.type === 'observation_end').length !== 1).length;
    await appendAuditEvent(trx, {
      studyId: study.id,
      actorId,
      action: 'cases.exported',
      objectType: 'study',
      objectId: study.id,
      details: { cases: cases.length, file: opts.file ?? 'both', extended: !!opts.extended },
    });
    return { slug: study.slug, files, cases: cases.length, withoutObservationEnd };
  });
}

// ---- monitor ----------------------------------------------------------------------------------------------

/** The indicator set of the whole cohort, without disclosure control (`tnh monitor`). */
export async function monitorCohort(deps: Deps, actor: Actor | null, slug: string, opts: CliOption = {}): Promise<MonitorResult> {
  const { study } = await access(deps.db, actor, slug, 'data.read', opts);
  return computeIndicators(await loadOutcomes(deps.db, study.id));
}

const placedCount = (os: CaseOutcome[]) => os.reduce((n, o) => n + (o.placed ? 1 : 0), 0);

/** Disclosure control of the `extra` figures: every count below the threshold becomes null (and a median of too few). */
function suppressExtra(x: ReturnType<typeof perspectiveAndContact>, threshold: number): { value: MonitorExtra; hit: boolean } {
  let hit = false;
  const keep = (n: number) => {
    if (n >= threshold) return n;
    hit = true;
    return null;
  };
  const p = x.perspective;
  const value: MonitorExtra = {
    perspective: { n: keep(p.n), medianDays: p.n >= threshold ? p.medianDays : null, home: keep(p.home), elsewhere: keep(p.elsewhere) },
    contact: Object.fromEntries(CONTACT_COUNT_KEYS.map((k) => [k, keep(x.contact[k])])) as MonitorExtra['contact'],
  };
  return { value, hit };
}

/**
 * Disclosure control of one group's indicators (the group itself has at least `threshold` placed cases): a share is
 * withheld when its events, or the cases without the event, are fewer than the threshold (either reveals something
 * about a handful of children); the maximum number of moves is one child's value and is always withheld; the risk
 * ratio is withheld when a cell of its 2×2 table (help yes/no × returned yes/no) is below the threshold.
 */
function suppressResult(r: MonitorResult, os: CaseOutcome[], threshold: number): { value: MonitorResult; hit: boolean } {
  let hit = false;
  const small = (k: number) => k > 0 && k < threshold;
  const share = (x: MonitorResult['reentry_12m']) => {
    const n = x.n ?? 0;
    const events = x.events ?? 0;
    if (n < threshold) {
      hit = true;
      return { n: null, events: null, share: null };
    }
    if (small(events) || small(n - events)) {
      hit = true;
      return { n, events: null, share: null };
    }
    return x;
  };
  const cells = [0, 0, 0, 0];
  for (const o of os) if (o.placed) cells[(o.parentHelp ? 2 : 0) + (o.status === 1 ? 1 : 0)]++;
  let rr = r.parent_help_rr;
  if (cells.some((c) => c < threshold)) {
    if (rr.rr !== null) hit = true;
    rr = { rr: null, lo: null, hi: null };
  }
  if (r.moves.max !== null) hit = true;
  return {
    value: { ...r, reentry_12m: share(r.reentry_12m), emergency_share: share(r.emergency_share), moves: { ...r.moves, max: null }, parent_help_rr: rr },
    hit,
  };
}

/** The groups of each breakdown in display order (always all of them, also when empty). */
const GROUP_KEYS: Record<Exclude<Subgroup, 'all'>, readonly string[]> = {
  age: ['0-3', '4-11', '12-17'],
  setting: SETTINGS,
  emergency: ['yes', 'no'],
  help: ['yes', 'no'],
};

/**
 * GET /monitor: the indicators per group. Whoever may not see raw data (the committee) gets disclosure control:
 * a group with fewer placed cases than the study's threshold is suppressed, and counts below it in `extra` are null.
 */
export async function getMonitor(deps: Deps, actor: Actor | null, slug: string, subgroup: Subgroup, opts: { publication?: boolean } = {}): Promise<MonitorResponse> {
  const { study, role } = await access(deps.db, actor, slug, 'results.read');
  // publication (the report builder): disclosure control as for the committee, whatever the reader's role
  const control = !!opts.publication || !canInStudy(role, 'data.read');
  const threshold = study.disclosure_threshold;
  const outcomes = await loadOutcomes(deps.db, study.id);

  let parts: [string, CaseOutcome[]][];
  if (subgroup === 'all') parts = [['all', outcomes]];
  else {
    const by = new Map<string, CaseOutcome[]>(GROUP_KEYS[subgroup].map((k) => [k, []]));
    for (const o of outcomes) {
      const k = subgroupOf(o, subgroup as SubgroupBy);
      if (k == null) continue;
      let list = by.get(k);
      if (!list) by.set(k, (list = []));
      list.push(o);
    }
    parts = [...by.entries()];
  }
  let suppressed = false;
  const groups = parts.map(([key, os]) => {
    const n = placedCount(os);
    if (control && n < threshold) {
      suppressed = true;
      return { key, n: null, result: null, suppressed: true };
    }
    const result = computeIndicators(os);
    if (!control) return { key, n, result, suppressed: false };
    const r = suppressResult(result, os, threshold);
    suppressed ||= r.hit;
    return { key, n, result: r.value, suppressed: false };
  });
  let extra: MonitorExtra | null = null;
  if (placedCount(outcomes) > 0) {
    const x = perspectiveAndContact(outcomes);
    if (control) {
      const r = suppressExtra(x, threshold);
      extra = r.value;
      suppressed ||= r.hit;
    } else extra = x;
  }
  return { threshold, suppressed, groups, extra };
}

// ---- double coding ----------------------------------------------------------------------------------------

/** Stores my (blind) second coding of a case. The case's first coder cannot second-code it. */
export async function saveSecondCoding(deps: Deps, actor: Actor | null, slug: string, caseId: string, input: CaseInput): Promise<CaseDetail> {
  assertPlausible(input);
  const flags = checkCase(input);
  return deps.db.transaction().execute(async (trx) => {
    const { study, actorId } = await access(trx, actor, slug, 'data.write');
    assertWritable(study);
    const c = await repo.findCase(trx, study.id, caseId);
    if (!c) throw notFound('Dit dossier');
    if (c.coder_id === actorId) throw conflict('U heeft dit dossier zelf als eerste gecodeerd; een tweede codering moet door iemand anders worden gedaan.');
    if (!(await repo.findOpenAssignment(trx, caseId, actorId!))) {
      throw conflict('Dit dossier is u niet (meer) toegewezen voor een blinde tweede codering. De projectleider wijst dossiers toe op de pagina Overeenstemming.');
    }
    const r = await repo.upsertSecondCoding(trx, caseId, actorId!, input);
    await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'case.second_coded', objectType: 'case', objectId: caseId, details: { code: c.code } });
    return toDetail(caseId, input, flags, r.updated_at);
  });
}

/** My own second coding of a case, never anyone else's (blind). */
export async function getMySecondCoding(deps: Deps, actor: Actor | null, slug: string, caseId: string): Promise<CaseDetail> {
  const { study, actorId } = await access(deps.db, actor, slug, 'data.read');
  const c = await repo.findCase(deps.db, study.id, caseId);
  if (!c) throw notFound('Dit dossier');
  const s = await repo.findSecondCoding(deps.db, caseId, actorId!);
  if (!s) throw notFound('Uw tweede codering van dit dossier');
  const input = s.data as unknown as CaseInput;
  return toDetail(caseId, input, checkCase(input), s.updated_at);
}

/** Every second coding of a case, for the lead who reconciles it (nobody else sees another person's coding). */
export async function listSecondCodings(deps: Deps, actor: Actor | null, slug: string, caseId: string): Promise<SecondCodingOfCase[]> {
  const { study } = await access(deps.db, actor, slug, 'coding.supervise');
  const c = await repo.findCase(deps.db, study.id, caseId);
  if (!c) throw notFound('Dit dossier');
  return (await repo.listSecondCodingsOfCase(deps.db, caseId)).map((s) => {
    const input = s.data as unknown as CaseInput;
    return { ...toDetail(caseId, input, checkCase(input), s.updated_at), coderId: s.coder_id, coderName: s.coder_name ?? null };
  });
}

const toAssignment = (r: repo.AssignmentRow): SecondAssignment => ({
  caseId: r.case_id,
  code: r.code,
  coderId: r.coder_id,
  coderName: r.coder_name,
  assignedAt: iso(r.assigned_at)!,
  secondCodedAt: iso(r.second_coded_at),
  closedAt: iso(r.closed_at),
});

/**
 * The lead assigns cases for a blind second coding: by code, or a random sample of cases the person did not code
 * first (complete cases before those still in progress). All or nothing: an unknown code, a case the person coded
 * first, or one already assigned to them is refused with its reason.
 */
export async function assignSecondCodings(deps: Deps, actor: Actor | null, slug: string, body: { coderId: string; sample?: number; codes?: string[] }): Promise<AssignResponse> {
  return deps.db.transaction().execute(async (trx) => {
    const { study, actorId } = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(study);
    const member = await studies.findMember(trx, study.id, body.coderId);
    if (!member || !canInStudy(member.role as StudyRole, 'data.write')) {
      throw badRequest('Deze persoon is geen lid van het onderzoek met een rol die mag coderen (projectleider, onderzoeker of codeur).');
    }
    if (body.coderId === actorId) throw badRequest('U ziet als projectleider alle coderingen; een blinde tweede codering wijst u toe aan een ander lid.');
    const found = await repo.assignableCases(trx, study.id, body.coderId, body);
    if (body.codes) {
      const codes = [...new Set(body.codes)];
      const byCode = new Map(found.map((c) => [c.code, c]));
      const problems: string[] = [];
      for (const code of codes) {
        const c = byCode.get(code);
        if (!c) problems.push(`${code}: bestaat niet in dit onderzoek of is al aan deze persoon toegewezen`);
        else if (c.coder_id === body.coderId) problems.push(`${code}: door deze persoon zelf als eerste gecodeerd`);
      }
      if (problems.length) throw badRequest(`Niets toegewezen. ${problems.join('; ')}.`);
    } else if (found.length === 0) {
      throw conflict('Er zijn geen dossiers (meer) die aan deze persoon kunnen worden toegewezen: alle andere dossiers zijn al toegewezen, of door deze persoon zelf gecodeerd.');
    }
    const chosen = found.filter((c) => c.coder_id !== body.coderId);
    await repo.insertAssignments(trx, chosen.map((c) => c.id), body.coderId, actorId);
    const codes = chosen.map((c) => c.code).sort();
    await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'cases.second_coding_assigned', objectType: 'user', objectId: body.coderId, details: { cases: codes.length, codes: codes.slice(0, 100) } });
    return { assigned: codes.length, codes };
  });
}

/** Every assignment of the study (the lead). */
export async function listAssignments(deps: Deps, actor: Actor | null, slug: string): Promise<SecondAssignment[]> {
  const { study } = await access(deps.db, actor, slug, 'coding.supervise');
  return (await repo.listAssignments(deps.db, study.id)).map(toAssignment);
}

/** My assignments: the case codes only (blind). */
export async function listMyAssignments(deps: Deps, actor: Actor | null, slug: string): Promise<SecondAssignment[]> {
  const { study, actorId } = await access(deps.db, actor, slug, 'data.write');
  return (await repo.listAssignmentsOf(deps.db, study.id, actorId!)).map(toAssignment);
}

/** The lead withdraws an open assignment (the coder's second coding, if any, stays for the agreement figures). */
export async function withdrawAssignment(deps: Deps, actor: Actor | null, slug: string, caseId: string, coderId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { study, actorId } = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(study);
    const c = await repo.findCase(trx, study.id, caseId);
    if (!c) throw notFound('Dit dossier');
    if (!(await repo.deleteAssignment(trx, caseId, coderId))) throw notFound('Deze open toewijzing');
    await appendAuditEvent(trx, { studyId: study.id, actorId, action: 'case.second_coding_withdrawn', objectType: 'case', objectId: caseId, details: { code: c.code, coderId } });
  });
}

const movesClass = (m: number | null | undefined) => (m == null ? 'onbekend' : m >= 2 ? '2+' : String(m));

/** The variables compared between two codings of one case, each as a nominal code. */
export function agreementCodes(c: CaseInput): [string, string][] {
  const o = deriveOutcome({ birthMonth: c.birthMonth, events: c.events });
  return [
    ['sex', c.sex],
    ['birthMonth', c.birthMonth],
    ['region', c.region],
    ...PLACEMENT_REASONS.map((r): [string, string] => [`placementReason.${r}`, c.placementReasons.includes(r) ? '1' : '0']),
    ...PARENT_FACTORS.map((f): [string, string] => [`parentFactor.${f}`, c.parentFactors.includes(f) ? '1' : '0']),
    ['placed', o.placed ? '1' : '0'],
    ['emergencyStart', o.emergencyStart ? '1' : '0'],
    ['reunified', o.status === 1 ? '1' : '0'],
    ['moves', movesClass(o.moves)],
    ['parentHelp', o.parentHelp ? '1' : '0'],
  ];
}

/**
 * Agreement between the first coding and each second coding, per variable (Cohen's κ). For a reconciled case the
 * first coding as it was before the reconciliation is used.
 */
export async function getAgreement(deps: Deps, actor: Actor | null, slug: string): Promise<AgreementResponse> {
  const { study } = await access(deps.db, actor, slug, 'audit.read');
  const { rows, events } = await repo.secondCodingPairs(deps.db, study.id);
  const pairs = new Map<string, [string, string][]>();
  const order: string[] = [];
  for (const r of rows) {
    const first = (r.first_coding as unknown as CaseInput | null) ?? toInput(r, events.get(r.id) ?? []);
    const a = agreementCodes(first);
    const b = agreementCodes(r.second_data as unknown as CaseInput);
    a.forEach(([variable, code], i) => {
      let list = pairs.get(variable);
      if (!list) {
        pairs.set(variable, (list = []));
        order.push(variable);
      }
      list.push([code, b[i][1]]);
    });
  }
  if (order.length === 0) for (const [v] of agreementCodes({ code: 'x', birthMonth: '2000-01', sex: 'unknown', region: '', institution: '', siblings: null, placementReasons: [], parentFactors: [], status: 'in_progress', events: [] })) order.push(v);
  return {
    cases: new Set(rows.map((r) => r.id)).size,
    pairs: rows.length,
    variables: order.map((variable) => ({ variable, ...cohenKappa(pairs.get(variable) ?? []) })),
  };
}

/** The lead settles the final version: it replaces the primary coding and the case becomes 'verified'. */
export async function reconcileCase(deps: Deps, actor: Actor | null, slug: string, caseId: string, input: CaseInput): Promise<CaseDetail> {
  const final: CaseInput = { ...input, status: 'verified' };
  assertPlausible(final);
  const d = derive(final);
  return onDuplicateCode(final.code, () =>
    deps.db.transaction().execute(async (trx) => {
      const { study, actorId } = await access(trx, actor, slug, 'coding.supervise');
      assertWritable(study);
      const old = await repo.findCaseForUpdate(trx, study.id, caseId);
      if (!old) throw notFound('Dit dossier');
      const seconds = await repo.listSecondCodingsOfCase(trx, caseId);
      if (seconds.length === 0) throw conflict('Dit dossier heeft nog geen tweede codering; er valt niets af te stemmen.');
      if (final.code !== old.code && (await repo.findCaseIdByCode(trx, study.id, final.code))) throw duplicateCode(final.code);
      const primary = toInput(old, await repo.listEvents(trx, caseId));
      const r = await repo.updateCase(trx, caseId, final, old.first_coding ? {} : { firstCoding: primary as unknown as Record<string, unknown> });
      await repo.replaceEvents(trx, caseId, final.events);
      await repo.upsertOutcome(trx, study.id, { caseId, ...d.row });
      await repo.closeAssignments(trx, caseId);
      await appendAuditEvent(trx, {
        studyId: study.id,
        actorId,
        action: 'case.reconciled',
        objectType: 'case',
        objectId: caseId,
        details: {
          code: final.code,
          changedFromFirst: changedFields(primary, final).filter((f) => f !== 'status'),
          changedFromSecond: seconds.map((s) => ({ coderId: s.coder_id, fields: changedFields(s.data as unknown as CaseInput, final).filter((f) => f !== 'status') })),
        },
      });
      return toDetail(caseId, final, d.flags, r.updated_at);
    }),
  );
}

// ---- readable summary (`tnh monitor` without --json) -------------------------------------------------------

const nl = (x: number, digits: number) => x.toFixed(digits).replace('.', ',');
const pct = (x: number | null) => (x == null ? '–' : `${nl(x * 100, 1)}%`);
const num = (x: number | null, digits = 2) => (x == null ? '–' : nl(x, digits));

export function monitorSummary(r: MonitorResult): string {
  const lines = [`Dossiers: ${r.cases}, van wie uithuisgeplaatst: ${r.placed}.`, 'Terugplaatsing, cumulatief (Kaplan-Meier [95%-BI]; Aalen-Johansen met concurrerende uitstroom):'];
  r.reunification.km.forEach((k, i) => {
    lines.push(`  na ${String(k.day).padStart(4)} dagen: ${pct(k.cum)} [${pct(k.lo)} – ${pct(k.hi)}]; ${pct(r.reunification.aj[i]?.cum ?? null)}`);
  });
  lines.push(`Opnieuw uithuisgeplaatst binnen 12 maanden na terugplaatsing: ${pct(r.reentry_12m.share)} (${r.reentry_12m.events} van ${r.reentry_12m.n}).`);
  lines.push(`Gestart met een spoedmachtiging: ${pct(r.emergency_share.share)} (${r.emergency_share.events} van ${r.emergency_share.n}).`);
  lines.push(`Overplaatsingen: gemiddeld ${num(r.moves.mean)}, minstens één bij ${pct(r.moves.share_any)}, hoogstens ${r.moves.max ?? '–'}.`);
  const rr = r.parent_help_rr;
  lines.push(`Hulp voor ouders: relatief risico op terugplaatsing ${num(rr.rr)} [95%-BI ${num(rr.lo)} – ${num(rr.hi)}].`);
  return lines.join('\n');
}
