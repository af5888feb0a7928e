/**
 * Results and exports of a survey: the responses of one version (for the statistics and exports of
 * src/lib/survey), the overview, per-question figures and crosstabs with disclosure control for readers without
 * raw-data access (the committee), the raw responses, and exports as a job (a zip) or to a directory (CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest } from '../../platform/errors';
import { canInStudy, type Actor } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import type { Crosstab, QuestionResult, SurveyExportFormat, SurveyResults, SurveyResponse } from '../../../shared/surveys';
import type { CompiledSurvey } from '../../../lib/survey/answers';
import { localText } from '../../../lib/survey/definition';
import type { ResponseRecord } from '../../../lib/survey/types';
import { completionStats, crosstab as crosstabOf, summarizeQuestions, type QuestionSummary } from '../../../lib/survey/stats';
import { exportCsv, exportJson, exportR, exportSpss, exportXlsx } from '../../../lib/survey/export/index';
import * as repo from './surveys.repository';
import * as jobs from '../jobs/jobs.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { access, loadSurvey, type CliOption } from './surveys.service';
import { versionFor } from './respondent.service';
import { controlCount, controlList, controlTable, filteredWithheld } from './disclosure';
import { hasFilters, parseFilters, passes, type Filters } from './filters';

export type { Filters } from './filters';

// ---- the responses of a version ----------------------------------------------------------------------------------

export interface VersionData {
  survey: repo.SurveyRow;
  version: number;
  versionId: string;
  compiled: CompiledSurvey;
  responses: ResponseRecord[];
}

const toRecord = (r: repo.ResponseDataRow): ResponseRecord => ({
  id: r.id,
  answers: r.answers,
  startedAt: iso(r.started_at),
  completedAt: iso(r.completed_at),
  version: r.version,
  lastPage: r.last_page,
});

async function versionData(deps: Deps, survey: repo.SurveyRow, version: number | undefined): Promise<VersionData | null> {
  const v = version !== undefined ? await repo.findVersionByNumber(deps.db, survey.id, version) : await repo.defaultVersion(deps.db, survey.id);
  if (!v) {
    if (version !== undefined) throw new AppError('not_found', `Versie ${version} van deze vragenlijst bestaat niet.`, 404);
    return null;
  }
  const { compiled } = await versionFor(deps.db, v.id);
  const rows = await repo.loadResponses(deps.db, v.id);
  return { survey, version: v.number, versionId: v.id, compiled, responses: rows.map(toRecord) };
}

/**
 * The responses of one version (completed and not; `completedAt` tells) with the frozen definition, for the
 * statistics and exports of src/lib/survey. Needs 'data.read'.
 */
export async function loadVersionResponses(deps: Deps, actor: Actor | null, slug: string, surveyId: string, version?: number, opts: CliOption = {}): Promise<VersionData | null> {
  const { study } = await access(deps.db, actor, slug, 'data.read', opts);
  return versionData(deps, await loadSurvey(deps.db, study.id, surveyId), version);
}

// ---- results ------------------------------------------------------------------------------------------------

const TEXT_TYPES = new Set(['text', 'comment']);

function rankResult(q: CompiledSurvey['info']['questions'][number], answers: Record<string, unknown>[]) {
  return q.choices.map((c) => {
    const ranks = answers
      .map((a) => (Array.isArray(a[q.name]) ? (a[q.name] as unknown[]).indexOf(c.value) : -1))
      .filter((i) => i >= 0)
      .map((i) => i + 1);
    return { value: String(c.value), label: localText(c.text), meanRank: ranks.length ? ranks.reduce((s, x) => s + x, 0) / ranks.length : null };
  });
}

const summaryKey = (s: Pick<QuestionSummary, 'question' | 'row'>) => `${s.question}\u0000${s.row ?? ''}`;
const matrixAnswered = (answers: Record<string, unknown>[], name: string) => answers.filter((a) => a[name] !== undefined).length;

/**
 * Per-question figures. `rest` (disclosure control with filters): the completed responses that did not pass the
 * filters; a question or cell is withheld when its rest-group figure is below the threshold too (differencing guard).
 */
function questionResults(c: CompiledSurvey, completed: ResponseRecord[], control: boolean, threshold: number, seeTexts: boolean, rest?: ResponseRecord[]): { questions: QuestionResult[]; hit: boolean } {
  const summaries = summarizeQuestions(c, completed);
  const restAnswers = rest?.map((r) => r.answers);
  const restOf = new Map<string, QuestionSummary>();
  if (rest) for (const x of summarizeQuestions(c, rest)) restOf.set(summaryKey(x), x);
  const byQuestion = new Map<string, QuestionSummary[]>();
  for (const s of summaries) {
    const list = byQuestion.get(s.question) ?? [];
    list.push(s);
    byQuestion.set(s.question, list);
  }
  let hit = false;
  const answers = completed.map((r) => r.answers);
  const questions = c.info.questions.map((q): QuestionResult => {
    const list = byQuestion.get(q.name) ?? [];
    const s = list[0];
    const page = c.info.pages[q.page]?.name ?? null;
    const base: QuestionResult = {
      name: q.name,
      title: localText(q.title),
      type: q.type === 'text' && q.inputType && q.inputType !== 'text' ? `text:${q.inputType}` : q.type,
      page,
      n: null,
      suppressed: false,
      options: null,
      rows: null,
      mean: null,
      ranks: null,
      texts: null,
    };
    const n = q.type === 'matrix' ? matrixAnswered(answers, q.name) : (s?.base ?? 0);
    const restN = !restAnswers ? 0 : q.type === 'matrix' ? matrixAnswered(restAnswers, q.name) : (restOf.get(summaryKey({ question: q.name }))?.base ?? 0);
    if (control && ((n > 0 && n < threshold) || (restN > 0 && restN < threshold))) {
      hit = true;
      return { ...base, suppressed: true };
    }
    base.n = n;
    const options = (cats: QuestionSummary['categories'], rowBase: number, restCats?: QuestionSummary['categories']) => {
      if (!cats) return null;
      if (!control) return cats.map((x) => ({ value: x.value, label: x.label, count: x.count, percent: x.percent }));
      const ctl = controlList(cats.map((x) => x.count), threshold, restAnswers ? cats.map((_, i) => restCats?.[i]?.count ?? 0) : undefined);
      if (ctl.hit) hit = true;
      return cats.map((x, i) => ({ value: x.value, label: x.label, count: ctl.cells[i], percent: ctl.cells[i] === null || rowBase === 0 ? null : x.percent }));
    };
    if (q.type === 'matrix') {
      base.rows = list.map((r) => ({ value: r.row ?? '', label: r.title.split(' – ').slice(1).join(' – ') || (r.row ?? ''), options: options(r.categories, r.base, restOf.get(summaryKey(r))?.categories) ?? [] }));
    } else if (s?.categories) base.options = options(s.categories, s.base, restOf.get(summaryKey(s))?.categories);
    if (s?.numeric && s.numeric.mean !== null && s.numeric.ci95 && s.numeric.sd !== null) {
      base.mean = { mean: s.numeric.mean, lo: s.numeric.ci95[0], hi: s.numeric.ci95[1], sd: s.numeric.sd, n: s.numeric.n };
    }
    if (q.type === 'ranking') base.ranks = rankResult(q, answers);
    if (TEXT_TYPES.has(q.type) && (!q.inputType || q.inputType === 'text') && seeTexts) {
      base.texts = answers.map((a) => a[q.name]).filter((v): v is string => typeof v === 'string' && v.length > 0);
    }
    return base;
  });
  return { questions, hit };
}

/** publication: disclosure control as for the committee, whatever the reader's role (the report builder) */
export interface Publication {
  publication?: boolean;
}

/** GET results: overview and per question, for one version (default: the newest with responses), filtered. */
export async function getResults(deps: Deps, actor: Actor | null, slug: string, surveyId: string, q: { version?: number; filters?: string; filter?: string | string[] }, opts: Publication = {}): Promise<SurveyResults> {
  const { study, role } = await access(deps.db, actor, slug, 'results.read');
  const control = !!opts.publication || !canInStudy(role, 'data.read');
  const survey = await loadSurvey(deps.db, study.id, surveyId);
  const threshold = survey.disclosure_threshold;
  const versions = await repo.versionNumbers(deps.db, survey.id);
  const data = await versionData(deps, survey, q.version);
  const filters = parseFilters(q, data?.compiled ?? null);
  const invited = survey.mode === 'personal' ? (await repo.invitationCounts(deps.db, survey.id)).total : null;
  const empty = { version: data?.version ?? null, versions, threshold, controlled: control, filters, withheld: null };
  if (!data) {
    return { ...empty, suppressed: false, overview: { invited, started: 0, completed: 0, completionRate: null, medianDurationSeconds: null, dropOff: [] }, n: 0, questions: [] };
  }
  const { compiled: c } = data;
  const pages = c.info.pages;
  const stats = completionStats(data.responses, { invited, pageCount: pages.length, pageNames: pages.map((p) => p.name) });
  const all = data.responses.filter((r) => r.completedAt);
  const filtered = hasFilters(filters);
  const completed = filtered ? all.filter((r) => passes(r.answers, filters)) : all;
  let suppressed = false;
  const ctl = (n: number | null) => {
    if (n === null || !control) return n;
    const v = controlCount(n, threshold);
    if (v === null) suppressed = true;
    return v;
  };
  const rate = invited ? stats.responseRate : stats.completionRate;
  const overview = {
    invited: ctl(invited),
    started: ctl(stats.started),
    completed: ctl(stats.completed),
    completionRate: control && (invited ?? stats.started) < threshold ? null : rate,
    medianDurationSeconds: control && stats.completed < threshold ? null : stats.medianDurationSeconds,
    dropOff: stats.pages.map((p) => ({ page: p.name ?? String(p.page), title: localText(pages[p.page].title) || p.name || '', stopped: ctl(p.droppedOut) })),
  };
  const withheld = control ? filteredWithheld(completed.length, all.length, threshold, filtered) : null;
  if (withheld) {
    // nothing of the filtered group, not even its size: the reader gets only the message (and the answer options,
    // from the definition, so that the filters can still be changed)
    const blank = (o: { value: string | number | boolean; label: string }) => ({ value: o.value, label: o.label, count: null, percent: null });
    const questions = questionResults(c, [], true, threshold, false).questions.map((x) => ({
      ...x,
      n: null,
      suppressed: true,
      options: x.options?.map(blank) ?? null,
      rows: x.rows?.map((r) => ({ ...r, options: r.options.map(blank) })) ?? null,
      mean: null,
      ranks: null,
      texts: null,
    }));
    return { ...empty, withheld, suppressed: true, overview, n: null, questions };
  }
  const rest = control && filtered ? all.filter((r) => !passes(r.answers, filters)) : undefined;
  const qr = questionResults(c, completed, control, threshold, !opts.publication && canInStudy(role, 'data.read'), rest);
  return { ...empty, suppressed: suppressed || qr.hit, overview, n: ctl(completed.length), questions: qr.questions };
}

/** GET crosstab of two closed single-answer questions (or matrix rows `name.row`), completed responses, filtered. */
export async function getCrosstab(deps: Deps, actor: Actor | null, slug: string, surveyId: string, q: { version?: number; filters?: string; filter?: string | string[]; row?: string; col?: string }, opts: Publication = {}): Promise<Crosstab> {
  const { study, role } = await access(deps.db, actor, slug, 'results.read');
  const control = !!opts.publication || !canInStudy(role, 'data.read');
  const survey = await loadSurvey(deps.db, study.id, surveyId);
  const threshold = survey.disclosure_threshold;
  const data = await versionData(deps, survey, q.version);
  if (!data) throw new AppError('not_published', 'Deze vragenlijst is nog niet gepubliceerd; er zijn geen resultaten.', 409);
  if (!q.row || !q.col) throw badRequest('Kies twee gesloten vragen voor de kruistabel (row en col).');
  if (q.row === q.col) throw badRequest('Kies voor de rijen en de kolommen van de kruistabel twee verschillende vragen.');
  const rowRef = q.row;
  const colRef = q.col;
  const filters = parseFilters(q, data.compiled);
  const filtered = hasFilters(filters);
  const all = data.responses.filter((r) => r.completedAt);
  const completed = filtered ? all.filter((r) => passes(r.answers, filters)) : all;
  let t: ReturnType<typeof crosstabOf>;
  try {
    t = crosstabOf(data.compiled, completed, rowRef, colRef);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
  const labels = (a: typeof t.rows) => a.categories.map((x) => ({ value: String(x.value), label: x.label }));
  const test = t.chiSquare !== null && t.df !== null && t.p !== null ? { statistic: t.chiSquare, df: t.df, p: t.p, cramersV: t.cramersV } : null;
  const base = {
    version: data.version,
    threshold,
    controlled: control,
    filters,
    row: { name: rowRef, title: t.rows.title },
    col: { name: colRef, title: t.cols.title },
    rowLabels: labels(t.rows),
    colLabels: labels(t.cols),
    chiSquare: test,
    lowExpected: t.expectedBelow5 > 0 || t.expectedBelow1 > 0,
    cellsTested: t.cellsTested,
    expectedBelow5: t.expectedBelow5,
    expectedBelow1: t.expectedBelow1,
    testWithheld: false,
    withheld: null,
  };
  if (!control) return { ...base, suppressed: false, counts: t.counts, rowTotals: t.rowTotals, colTotals: t.colTotals, total: t.n };
  const nothing = { chiSquare: null, cellsTested: 0, expectedBelow5: 0, expectedBelow1: 0, lowExpected: false, counts: t.counts.map((r) => r.map(() => null)), rowTotals: t.rowTotals.map(() => null), colTotals: t.colTotals.map(() => null), total: null };
  const rest = filtered ? crosstabOf(data.compiled, all.filter((r) => !passes(r.answers, filters)), rowRef, colRef) : null;
  const withheld = filteredWithheld(completed.length, all.length, threshold, filtered) ?? filteredWithheld(t.n, t.n + (rest?.n ?? 0), threshold, filtered);
  if (withheld) return { ...base, ...nothing, suppressed: true, testWithheld: test !== null, withheld };
  const cells = controlTable(t.counts, threshold, rest?.counts);
  const rowTotals = controlList(t.rowTotals, threshold, rest?.rowTotals);
  const colTotals = controlList(t.colTotals, threshold, rest?.colTotals);
  const hit = cells.hit || rowTotals.hit || colTotals.hit;
  // with withheld cells and the margins known, χ² (and p, V) could give a withheld cell away (in a 2 × 2 table exactly)
  return { ...base, chiSquare: hit ? null : test, testWithheld: hit && test !== null, suppressed: hit, counts: cells.cells, rowTotals: rowTotals.cells, colTotals: colTotals.cells, total: t.n };
}

/** GET responses: the raw responses (answers as plain strings and values), paged. */
export async function listResponses(deps: Deps, actor: Actor | null, slug: string, surveyId: string, q: { version?: number; completed?: 'true' | 'false'; offset: number; limit: number }) {
  const { study } = await access(deps.db, actor, slug, 'data.read');
  const survey = await loadSurvey(deps.db, study.id, surveyId);
  let versionId: string | undefined;
  if (q.version !== undefined) {
    const v = await repo.findVersionByNumber(deps.db, survey.id, q.version);
    if (!v) throw new AppError('not_found', `Versie ${q.version} van deze vragenlijst bestaat niet.`, 404);
    versionId = v.id;
  }
  const { total, rows } = await repo.listResponses(deps.db, survey.id, { versionId, completed: q.completed === undefined ? undefined : q.completed === 'true', offset: q.offset, limit: q.limit });
  const responses: SurveyResponse[] = [];
  const pagesOf = new Map<number, CompiledSurvey>();
  for (const r of rows) {
    let compiled = pagesOf.get(r.version);
    if (!compiled) {
      compiled = (await versionFor(deps.db, (await repo.findVersionByNumber(deps.db, survey.id, r.version))!.id)).compiled;
      pagesOf.set(r.version, compiled);
    }
    responses.push({
      id: r.id,
      version: r.version,
      language: r.language,
      answers: r.answers,
      lastSavedPage: r.last_page != null ? (compiled.info.pages[r.last_page]?.name ?? null) : null,
      startedAt: iso(r.started_at)!,
      completedAt: iso(r.completed_at),
    });
  }
  return { total, responses };
}

// ---- exports ----------------------------------------------------------------------------------------------------

export interface ExportFile {
  name: string;
  content: Buffer;
}

/** The files of an export in one format (data plus codebook, syntax or script). */
export async function exportFiles(data: VersionData, format: SurveyExportFormat): Promise<ExportFile[]> {
  const base = `enquete-v${data.version}`;
  const c = data.compiled;
  const t = (name: string, text: string): ExportFile => ({ name, content: Buffer.from(text, 'utf8') });
  switch (format) {
    case 'csv': {
      const r = exportCsv(c, data.responses);
      return [t(`${base}.csv`, r.data), t(`${base}-codeboek.csv`, r.codebook)];
    }
    case 'xlsx':
      return [{ name: `${base}.xlsx`, content: await exportXlsx(c, data.responses) }];
    case 'spss': {
      const r = exportSpss(c, data.responses, { dataFileName: `${base}.csv` });
      return [t(`${base}.csv`, r.data), t(`${base}.sps`, r.syntax)];
    }
    case 'r': {
      const r = exportR(c, data.responses, { dataFileName: `${base}.csv` });
      return [t(`${base}.csv`, r.data), t(`${base}.R`, r.script)];
    }
    case 'json':
      return [t(`${base}.json`, exportJson(c, data.responses))];
  }
}

export async function startExport(deps: Deps, actor: Actor | null, slug: string, surveyId: string, body: { format: SurveyExportFormat; version?: number }) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.read');
    const s = await loadSurvey(trx, a.study.id, surveyId);
    const v = body.version !== undefined ? await repo.findVersionByNumber(trx, s.id, body.version) : await repo.defaultVersion(trx, s.id);
    if (!v) throw body.version !== undefined ? new AppError('not_found', `Versie ${body.version} van deze vragenlijst bestaat niet.`, 404) : new AppError('not_published', 'Deze vragenlijst is nog niet gepubliceerd; er is niets te exporteren.', 409);
    const job = await jobs.insertJob(trx, { studyId: a.study.id, kind: 'surveys.export', payload: { surveyId: s.id, version: v.number, format: body.format }, createdBy: a.actorId });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.exported', objectType: 'survey', objectId: s.id, details: { format: body.format, version: v.number, jobId: job.id } });
    return job;
  });
}

registerJobKind('surveys.export', async (ctx) => {
  const { deps } = ctx;
  const format = String(ctx.payload.format) as SurveyExportFormat;
  const survey = await repo.findSurvey(deps.db, ctx.studyId!, String(ctx.payload.surveyId));
  if (!survey) return { ok: false, message: 'De vragenlijst bestaat niet meer.' };
  await ctx.progress(0, 3);
  const data = await versionData(deps, survey, Number(ctx.payload.version));
  if (!data) return { ok: false, message: 'Deze versie bestaat niet meer.' };
  await ctx.progress(1, 3);
  const files = await exportFiles(data, format);
  await ctx.progress(2, 3);
  const zip = zipSync(Object.fromEntries(files.map((f) => [f.name, new Uint8Array(f.content)])), { level: 6 });
  const stamp = new Date().toISOString().slice(0, 10);
  await ctx.output(`enquete-${format}-v${data.version}-${stamp}.zip`, 'application/zip', Buffer.from(zip));
  return { ok: true, format, version: data.version, responses: data.responses.length, completed: data.responses.filter((r) => r.completedAt).length, files: files.map((f) => f.name) };
});

/** `tnh survey export`: the same files, written into a directory. */
export async function exportToDir(deps: Deps, slug: string, surveyRef: string, format: SurveyExportFormat, outDir: string, opts: { version?: number; findSurvey: (deps: Deps, slug: string, ref: string) => Promise<{ survey: repo.SurveyRow; study: { id: string } }> }) {
  const { survey, study } = await opts.findSurvey(deps, slug, surveyRef);
  const data = await versionData(deps, survey, opts.version);
  if (!data) throw new AppError('not_published', 'Deze vragenlijst is nog niet gepubliceerd; er is niets te exporteren.', 409);
  const files = await exportFiles(data, format);
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(outDir, f.name), f.content);
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, { studyId: study.id, actorId: null, action: 'survey.exported', objectType: 'survey', objectId: survey.id, details: { format, version: data.version, via: 'cli' } }),
  );
  return { version: data.version, responses: data.responses.length, files: files.map((f) => path.join(outDir, f.name)) };
}

