/**
 * The report builder: reports with ordered chapters (Markdown with block lines, sealed with the study key), the
 * build (every block resolved through its module's service with publication-style disclosure control, every count
 * checked against the study threshold, every quote against consent and the identifier scan; the build lists what it
 * changed or refused), exports (HTML, DOCX, PDF) as a job or from the CLI, and frozen versions with comparison.
 * Every change writes an audit event in its transaction.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import type { StudyRole } from '../../../shared/api';
import type {
  BlockSources,
  BuildChange,
  Chapter,
  ReportBuild,
  ReportDetail,
  ReportFormat,
  ReportSummary,
  ReportVersion,
  Segment,
  VersionCompare,
  VersionDetail,
  chapterInput,
  chapterPatch,
  reportInput,
  reportPatch,
} from '../../../shared/reports';
import { appendAuditEvent } from '../audit/audit.repository';
import * as jobs from '../jobs/jobs.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { getResults } from '../surveys/results.service';
import { listSurveys } from '../surveys/surveys.service';
import { listCodes } from '../coding/coding.service';
import * as repo from './reports.repository';
import { blockDefinitions, resolveBlock } from './blocks';
import { SUBGROUP_LABELS } from './blocks.builtin';
import { FINDING_TYPE_LABELS, PHASE_LABELS } from './blocks.findings';
import { listFindings } from '../findings/findings.service';
import { listSessions } from '../reflection/reflection.service';
import { renderChapter } from './markdown';
import { REPORT_TEMPLATE } from './template';
import { reportHtml } from './html';
import { reportDocx } from './docx';
import { findChromium, htmlToPdf, noChromium } from './pdf';
import { renderSvg, svgToPng } from './charts';
import { buildText, compareFigures, compareText } from './compare';

/** Sealed fields (additional authenticated data: study + field). */
export const REPORT_FIELD = { body: 'report_chapters.body', build: 'report_versions.build', html: 'report_versions.html', text: 'report_versions.text' } as const;

interface Access {
  study: StudyRow;
  role: StudyRole;
  actor: Actor;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, role, actor: a };
}

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

const audit = (trx: Kysely<DB>, a: Access, action: string, objectType: string, objectId: string | null, details: Record<string, unknown> = {}) =>
  appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actor.userId, action, objectType, objectId, details });

const toSummary = (r: repo.ReportRow): ReportSummary => ({
  id: r.id,
  title: r.title,
  subtitle: r.subtitle,
  chapters: r.chapters,
  versions: r.versions,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

async function reportOr404(db: Kysely<DB>, studyId: string, id: string) {
  const r = await repo.findReport(db, studyId, id);
  if (!r) throw notFound('Dit rapport');
  return r;
}

async function chaptersOf(deps: Deps, db: Kysely<DB>, studyId: string, reportId: string): Promise<Chapter[]> {
  const rows = await repo.listChapters(db, reportId);
  return Promise.all(rows.map(async (c) => ({ id: c.id, position: c.position, title: c.title, body: await deps.keys.decrypt(studyId, REPORT_FIELD.body, c.body_enc, db), updatedAt: iso(c.updated_at)! })));
}

async function detail(deps: Deps, db: Kysely<DB>, studyId: string, id: string): Promise<ReportDetail> {
  const r = await reportOr404(db, studyId, id);
  return { ...toSummary(r), chapters: await chaptersOf(deps, db, studyId, id) };
}

// ---- reports --------------------------------------------------------------------------------------------------

/** Reports of the study. Readers of frozen versions only (the committee) see the reports that have versions. */
export async function listReports(deps: Deps, actor: Actor | null, slug: string) {
  const a = await access(deps.db, actor, slug, 'reports.versions');
  const drafts = canInStudy(a.role, 'reports.read');
  const rows = await repo.listReports(deps.db, a.study.id);
  return { reports: rows.filter((r) => drafts || r.versions > 0).map(toSummary), canWrite: canInStudy(a.role, 'reports.write'), canReadDrafts: drafts };
}

export async function createReport(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof reportInput>): Promise<ReportDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    const { id } = await repo.insertReport(trx, a.study.id, input, a.actor.userId);
    if (input.template) {
      const rows = await Promise.all(REPORT_TEMPLATE.map(async (c, i) => ({ position: i, title: c.title, bodyEnc: await deps.keys.encrypt(a.study.id, REPORT_FIELD.body, c.body, trx) })));
      await repo.insertChapters(trx, id, rows);
    }
    await audit(trx, a, 'report.created', 'report', id, { template: input.template });
    return detail(deps, trx, a.study.id, id);
  });
}

export async function getReport(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<ReportDetail> {
  const a = await access(deps.db, actor, slug, 'reports.read');
  return detail(deps, deps.db, a.study.id, id);
}

export async function updateReport(deps: Deps, actor: Actor | null, slug: string, id: string, patch: z.output<typeof reportPatch>): Promise<ReportDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    await reportOr404(trx, a.study.id, id);
    await repo.updateReport(trx, id, patch);
    await audit(trx, a, 'report.updated', 'report', id, { fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined) });
    return detail(deps, trx, a.study.id, id);
  });
}

export async function deleteReport(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    const r = await reportOr404(trx, a.study.id, id);
    await repo.deleteReport(trx, id);
    await audit(trx, a, 'report.deleted', 'report', id, { title: r.title, versions: r.versions });
  });
}

// ---- chapters ----------------------------------------------------------------------------------------------------

async function lockedReport(trx: Kysely<DB>, a: Access, id: string) {
  if (!(await repo.lockReport(trx, a.study.id, id))) throw notFound('Dit rapport');
}

export async function addChapter(deps: Deps, actor: Actor | null, slug: string, reportId: string, input: z.output<typeof chapterInput>): Promise<ReportDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    await lockedReport(trx, a, reportId);
    const chapters = await repo.listChapters(trx, reportId);
    let at = chapters.length;
    if (input.after) {
      const i = chapters.findIndex((c) => c.id === input.after);
      if (i < 0) throw badRequest('Het hoofdstuk waarna het nieuwe hoofdstuk moet komen, hoort niet bij dit rapport.');
      at = i + 1;
    }
    const [{ id }] = await repo.insertChapters(trx, reportId, [{ position: at, title: input.title, bodyEnc: await deps.keys.encrypt(a.study.id, REPORT_FIELD.body, input.body, trx) }]);
    const ids = chapters.map((c) => c.id);
    ids.splice(at, 0, id);
    await repo.setPositions(trx, reportId, ids);
    await repo.touchReport(trx, reportId);
    await audit(trx, a, 'report.chapter_added', 'report', reportId, { chapterId: id });
    return detail(deps, trx, a.study.id, reportId);
  });
}

export async function updateChapter(deps: Deps, actor: Actor | null, slug: string, reportId: string, chapterId: string, patch: z.output<typeof chapterPatch>): Promise<ReportDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    await lockedReport(trx, a, reportId);
    if (!(await repo.findChapter(trx, reportId, chapterId))) throw notFound('Dit hoofdstuk');
    await repo.updateChapter(trx, chapterId, { title: patch.title, body_enc: patch.body === undefined ? undefined : await deps.keys.encrypt(a.study.id, REPORT_FIELD.body, patch.body, trx) });
    await repo.touchReport(trx, reportId);
    await audit(trx, a, 'report.chapter_updated', 'report', reportId, { chapterId, fields: Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined) });
    return detail(deps, trx, a.study.id, reportId);
  });
}

export async function deleteChapter(deps: Deps, actor: Actor | null, slug: string, reportId: string, chapterId: string): Promise<ReportDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    await lockedReport(trx, a, reportId);
    const c = await repo.findChapter(trx, reportId, chapterId);
    if (!c) throw notFound('Dit hoofdstuk');
    await repo.deleteChapter(trx, chapterId);
    await repo.setPositions(trx, reportId, (await repo.listChapters(trx, reportId)).map((x) => x.id));
    await repo.touchReport(trx, reportId);
    await audit(trx, a, 'report.chapter_deleted', 'report', reportId, { chapterId, title: c.title });
    return detail(deps, trx, a.study.id, reportId);
  });
}

export async function reorderChapters(deps: Deps, actor: Actor | null, slug: string, reportId: string, ids: string[]): Promise<ReportDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reports.write');
    assertWritable(a.study);
    await lockedReport(trx, a, reportId);
    const current = (await repo.listChapters(trx, reportId)).map((c) => c.id);
    if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => current.includes(id))) {
      throw badRequest('De nieuwe volgorde moet elk hoofdstuk van dit rapport precies één keer noemen.');
    }
    await repo.setPositions(trx, reportId, ids);
    await repo.touchReport(trx, reportId);
    await audit(trx, a, 'report.chapters_reordered', 'report', reportId, {});
    return detail(deps, trx, a.study.id, reportId);
  });
}

// ---- block catalogue ------------------------------------------------------------------------------------------

const soft = async <T>(fn: () => Promise<T>, fallback: T): Promise<T> => {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) return fallback;
    throw e;
  }
};

export async function blockSources(deps: Deps, actor: Actor | null, slug: string): Promise<BlockSources> {
  await access(deps.db, actor, slug, 'reports.read');
  const types = blockDefinitions().map((d) => ({ type: d.type, label: d.label, description: d.description, params: d.params }));
  const list = await soft(() => listSurveys(deps, actor, slug), { surveys: [] });
  const surveys = [];
  for (const s of list.surveys.filter((x) => x.currentVersion !== null)) {
    const r = await soft(() => getResults(deps, actor, slug, s.id, {}, { publication: true }), null);
    if (!r) continue;
    surveys.push({ id: s.id, title: s.title, questions: r.questions.map((q) => ({ name: q.name, title: q.title, type: q.type, closed: !!q.options || !!q.rows })) });
  }
  const codes = (await soft(() => listCodes(deps, actor, slug), { codes: [] })).codes.map((c) => ({ id: c.id, name: c.name }));
  const findings = (await soft(() => listFindings(deps, actor, slug), { rule: { strong: 3, moderate: 2 }, findings: [] })).findings.map((f) => ({ id: f.id, label: `${FINDING_TYPE_LABELS[f.type]}: ${f.statement.length > 90 ? `${f.statement.slice(0, 87)}…` : f.statement}` }));
  const sessions = (await soft(() => listSessions(deps, actor, slug), { sessions: [] })).sessions.map((x) => ({ id: x.id, label: `${x.title} (${x.heldOn})` }));
  const pairs = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));
  return { types, surveys, codes, subgroups: pairs(SUBGROUP_LABELS), findingTypes: pairs(FINDING_TYPE_LABELS), phases: pairs(PHASE_LABELS), findings, sessions };
}

// ---- build ---------------------------------------------------------------------------------------------------

type Progress = (done: number, total: number) => Promise<void> | void;

/** Resolves every block of every chapter (in order) into a build. */
async function buildFrom(deps: Deps, a: Access, report: { title: string; subtitle: string }, chapters: Chapter[], progress?: Progress): Promise<ReportBuild> {
  const parts = chapters.map((c) => ({ c, parts: renderChapter(c.body, `h${c.position + 1}`) }));
  const total = parts.reduce((n, p) => n + p.parts.filter((x) => x.kind === 'block').length, 0);
  let done = 0;
  const changes: BuildChange[] = [];
  const base = { deps, actor: a.actor, slug: a.study.slug, studyId: a.study.id, threshold: a.study.disclosure_threshold };
  const built = [];
  for (const { c, parts: ps } of parts) {
    const segments: Segment[] = [];
    for (const p of ps) {
      if (p.kind === 'html') segments.push({ kind: 'html', html: p.html });
      else {
        const r = await resolveBlock(base, p.ref, c.title);
        segments.push({ kind: 'block', figure: r.figure });
        changes.push(...r.changes);
        await progress?.(++done, total);
      }
    }
    built.push({ id: c.id, title: c.title, markdown: c.body, segments });
  }
  return { title: report.title, subtitle: report.subtitle, studyTitle: a.study.title, threshold: a.study.disclosure_threshold, builtAt: new Date().toISOString(), chapters: built, changes };
}

export async function previewReport(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<ReportBuild> {
  const a = await access(deps.db, actor, slug, 'reports.read');
  const r = await reportOr404(deps.db, a.study.id, id);
  return buildFrom(deps, a, r, await chaptersOf(deps, deps.db, a.study.id, id));
}

const svgOf = (fig: { chart: unknown }) => (fig.chart ? renderSvg(fig.chart) : Promise.resolve(null));
const pngOf = async (fig: { chart: unknown }) => {
  if (!fig.chart) return null;
  return svgToPng(await renderSvg(fig.chart));
};

const MIME: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

const fileBase = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 60) || 'rapport';

/** Renders a build as a file. */
export async function renderBuild(deps: Deps, build: ReportBuild, format: ReportFormat, versionLabel?: string): Promise<{ filename: string; mime: string; content: Buffer }> {
  const name = `${fileBase(build.title)}${versionLabel ? `-${fileBase(versionLabel)}` : ''}.${format}`;
  if (format === 'docx') return { filename: name, mime: MIME.docx, content: await reportDocx(build, { png: pngOf, versionLabel }) };
  const html = await reportHtml(build, { svg: svgOf, versionLabel });
  if (format === 'html') return { filename: name, mime: MIME.html, content: Buffer.from(html, 'utf8') };
  return { filename: name, mime: MIME.pdf, content: await htmlToPdf(html, deps.config.chromiumPath, build.title) };
}

const versionName = (v: { number: number; label: string }) => `Versie ${v.number}${v.label ? ` — ${v.label}` : ''}`;

/** Starts an export as a job (the UI polls its progress). PDF without Chromium: 409 at once. */
export async function startBuild(deps: Deps, actor: Actor | null, slug: string, id: string, body: { format: ReportFormat; versionId?: string }) {
  if (body.format === 'pdf' && !findChromium(deps.config.chromiumPath)) throw noChromium(deps.config.chromiumPath);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, body.versionId ? 'reports.versions' : 'reports.read');
    await reportOr404(trx, a.study.id, id);
    if (body.versionId && !(await repo.findVersion(trx, id, body.versionId))) throw notFound('Deze versie');
    const job = await jobs.insertJob(trx, { studyId: a.study.id, kind: 'reports.build', payload: { slug: a.study.slug, reportId: id, format: body.format, versionId: body.versionId ?? null }, createdBy: a.actor.userId });
    await audit(trx, a, 'report.exported', 'report', id, { format: body.format, versionId: body.versionId ?? null, jobId: job.id });
    return job;
  });
}

registerJobKind('reports.build', async (ctx) => {
  const { deps } = ctx;
  const format = String(ctx.payload.format) as ReportFormat;
  const actor: Actor = { userId: ctx.createdBy ?? '', isAdmin: false, name: '' };
  const slug = String(ctx.payload.slug);
  const reportId = String(ctx.payload.reportId);
  const started = Date.now();
  let build: ReportBuild;
  let label: string | undefined;
  if (ctx.payload.versionId) {
    const v = await getVersion(deps, actor, slug, reportId, String(ctx.payload.versionId));
    build = v.build;
    label = versionName(v);
    await ctx.progress(1, 2);
  } else {
    const a = await access(deps.db, actor, slug, 'reports.read');
    const r = await reportOr404(deps.db, a.study.id, reportId);
    const chapters = await chaptersOf(deps, deps.db, a.study.id, reportId);
    // blocks are the slow part: progress per block, then one step for rendering
    build = await buildFrom(deps, a, r, chapters, (done, total) => ctx.progress(done, total + 1));
  }
  const file = await renderBuild(deps, build, format, label);
  await ctx.output(file.filename, file.mime, file.content);
  return { ok: true, format, bytes: file.content.length, seconds: (Date.now() - started) / 1000, changes: build.changes };
});

// ---- versions ---------------------------------------------------------------------------------------------------

const toVersion = (v: repo.VersionRow): ReportVersion => ({ id: v.id, number: v.number, label: v.label, frozenAt: iso(v.frozen_at)!, frozenBy: v.frozen_by_name, changes: v.changes });

export async function freezeVersion(deps: Deps, actor: Actor | null, slug: string, id: string, input: { label: string }): Promise<ReportVersion> {
  const a = await access(deps.db, actor, slug, 'reports.freeze');
  assertWritable(a.study);
  const r = await reportOr404(deps.db, a.study.id, id);
  const chapters = await chaptersOf(deps, deps.db, a.study.id, id);
  if (!chapters.length) throw badRequest('Dit rapport heeft nog geen hoofdstukken; er is niets te bevriezen.');
  // the build reads other modules outside the transaction; the version stores exactly what it resolved
  const build = await buildFrom(deps, a, r, chapters);
  return deps.db.transaction().execute(async (trx) => {
    const a2 = await access(trx, actor, slug, 'reports.freeze');
    await lockedReport(trx, a2, id);
    const number = await repo.nextVersionNumber(trx, id);
    const html = await reportHtml(build, { svg: svgOf, versionLabel: versionName({ number, label: input.label }) });
    const seal = (field: string, text: string) => deps.keys.encrypt(a.study.id, field, text, trx);
    const { id: versionId } = await repo.insertVersion(trx, {
      reportId: id,
      number,
      label: input.label,
      buildEnc: await seal(REPORT_FIELD.build, JSON.stringify(build)),
      htmlEnc: await seal(REPORT_FIELD.html, html),
      textEnc: await seal(REPORT_FIELD.text, buildText(build)),
      changes: build.changes.length,
      frozenBy: a.actor.userId,
    });
    await audit(trx, a2, 'report.frozen', 'report', id, { versionId, number, changes: build.changes.length });
    return toVersion((await repo.findVersion(trx, id, versionId))!);
  });
}

export async function listVersions(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<{ versions: ReportVersion[] }> {
  const a = await access(deps.db, actor, slug, 'reports.versions');
  await reportOr404(deps.db, a.study.id, id);
  return { versions: (await repo.listVersions(deps.db, id)).map(toVersion) };
}

async function versionOr404(deps: Deps, db: Kysely<DB>, studyId: string, reportId: string, versionId: string): Promise<VersionDetail> {
  const v = await repo.findVersion(db, reportId, versionId);
  if (!v) throw notFound('Deze versie');
  const [build, html] = await Promise.all([deps.keys.decrypt(studyId, REPORT_FIELD.build, v.build_enc, db), deps.keys.decrypt(studyId, REPORT_FIELD.html, v.html_enc, db)]);
  return { ...toVersion(v), build: JSON.parse(build) as ReportBuild, html };
}

export async function getVersion(deps: Deps, actor: Actor | null, slug: string, reportId: string, versionId: string): Promise<VersionDetail> {
  const a = await access(deps.db, actor, slug, 'reports.versions');
  await reportOr404(deps.db, a.study.id, reportId);
  return versionOr404(deps, deps.db, a.study.id, reportId, versionId);
}

export async function compareVersions(deps: Deps, actor: Actor | null, slug: string, reportId: string, q: { from?: string; to?: string }): Promise<VersionCompare> {
  const a = await access(deps.db, actor, slug, 'reports.versions');
  await reportOr404(deps.db, a.study.id, reportId);
  let { from, to } = q;
  if (!from || !to) {
    const newest = await repo.listVersions(deps.db, reportId);
    if (newest.length < 2) throw new AppError('too_few_versions', 'Om te vergelijken zijn minstens twee bevroren versies nodig.', 409);
    to ??= newest[0].id;
    from ??= newest.find((v) => v.id !== to)!.id;
  }
  const [x, y] = await Promise.all([versionOr404(deps, deps.db, a.study.id, reportId, from), versionOr404(deps, deps.db, a.study.id, reportId, to)]);
  const strip = ({ build: _b, html: _h, ...v }: VersionDetail) => v;
  return { from: strip(x), to: strip(y), text: compareText(buildText(x.build), buildText(y.build)), figures: compareFigures(x.build, y.build) };
}

// ---- command line ---------------------------------------------------------------------------------------------

/**
 * `tnh report build`: builds a report of the study (default: the most recently changed one) as the member who made
 * it, or as `asUserId`, with the same permission checks and disclosure control as in the web app.
 */
export async function buildForCli(deps: Deps, slug: string, o: { reportId?: string; format: ReportFormat; asUserId?: string; progress?: Progress }) {
  const { findStudyBySlug } = await import('../studies/studies.repository');
  const study = await findStudyBySlug(deps.db, slug);
  if (!study) throw notFound(`Het onderzoek "${slug}"`);
  const report = o.reportId ? await repo.findReport(deps.db, study.id, o.reportId) : await repo.latestReport(deps.db, study.id);
  if (!report) throw new AppError('not_found', o.reportId ? 'Dit rapport bestaat niet in dit onderzoek.' : 'Dit onderzoek heeft nog geen rapport. Maak er een in de webapplicatie (Rapporten).', 404);
  const userId = o.asUserId ?? report.created_by;
  if (!userId) throw badRequest('Het rapport heeft geen maker meer; geef met --as het e-mailadres van een lid van het onderzoek op.');
  if (o.format === 'pdf' && !findChromium(deps.config.chromiumPath)) throw noChromium(deps.config.chromiumPath);
  const actor: Actor = { userId, isAdmin: false, name: '' };
  const a = await access(deps.db, actor, slug, 'reports.read');
  const build = await buildFrom(deps, a, report, await chaptersOf(deps, deps.db, a.study.id, report.id), o.progress);
  const file = await renderBuild(deps, build, o.format);
  return { ...file, reportId: report.id, title: report.title, changes: build.changes };
}
