/**
 * The survey among professionals: instruments (SurveyJS JSON drafts, frozen numbered versions), settings, the public
 * link, personal invitations (CSV import, mail-merge links, SMTP as a job), deletion of e-mail addresses.
 * The respondent API is in respondent.service.ts; results and exports in results.service.ts.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import type { StudyRole } from '../../../shared/api';
import type {
  Invitation,
  InvitationImportResult,
  InvitationStatus,
  LinkScope,
  MailKind,
  SurveyDefinition,
  SurveyDetail,
  SurveyInput,
  SurveyPatch,
  SurveyStatus,
  SurveySummary,
  SurveyVersion,
} from '../../../shared/surveys';
import { validateDefinition } from '../../../lib/survey/definition';
import { professionalsSurveyTemplate, PROFESSIONALS_SURVEY_TITLE } from '../../../lib/survey/template';
import { toCsv } from '../../../lib/csv';
import * as repo from './surveys.repository';
import * as studies from '../studies/studies.repository';
import * as jobs from '../jobs/jobs.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import { makeToken, respondentUrl } from './tokens';
import { mailTexts, renderMail } from './mail';
import { parseAddresses } from './addresses';
import { sendMail, smtpConfigured } from './mailer';
import { forgetSurvey } from './gate-cache';

export interface CliOption {
  /** the server operator on the command line (no actor) */
  viaCli?: boolean;
}

// ---- access -----------------------------------------------------------------------------------------------

export interface Access {
  study: studies.StudyRow;
  actorId: string | null;
  role: StudyRole | null;
}

export async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction, opts: CliOption = {}): Promise<Access> {
  if (!actor && opts.viaCli) {
    const study = await studies.findStudyBySlug(db, slug);
    if (!study) throw notFound(`Het onderzoek "${slug}"`);
    return { study, actorId: null, role: null };
  }
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, actorId: a.userId, role };
}

export function assertWritable(study: studies.StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

export async function loadSurvey(db: Kysely<DB>, studyId: string, surveyId: string): Promise<repo.SurveyRow> {
  const s = await repo.findSurvey(db, studyId, surveyId);
  if (!s) throw notFound('Deze vragenlijst');
  return s;
}

/** The server operator (CLI) addresses a survey by id or by its exact title. */
export async function findSurveyForCli(deps: Deps, slug: string, ref: string): Promise<{ study: studies.StudyRow; survey: repo.SurveyRow }> {
  const { study } = await access(deps.db, null, slug, 'data.read', { viaCli: true });
  const all = await repo.listSurveys(deps.db, study.id);
  const hits = all.filter((s) => s.id === ref || s.title === ref);
  if (hits.length === 0) throw notFound(`De vragenlijst "${ref}" in dit onderzoek`);
  if (hits.length > 1) throw badRequest(`Er zijn ${hits.length} vragenlijsten met de titel "${ref}"; gebruik de id.`);
  return { study, survey: hits[0] };
}

// ---- shapes -----------------------------------------------------------------------------------------------

export function surveyStatus(s: Pick<repo.SurveyRow, 'current_version' | 'opens_at' | 'closes_at'>, now = Date.now()): SurveyStatus {
  if (s.current_version == null) return 'draft';
  if (s.closes_at && new Date(s.closes_at).getTime() <= now) return 'closed';
  if (s.opens_at && new Date(s.opens_at).getTime() > now) return 'scheduled';
  return 'open';
}

const toSummary = (s: repo.SurveyRow): SurveySummary => ({
  id: s.id,
  title: s.title,
  mode: s.mode as SurveySummary['mode'],
  anonymised: s.anonymised,
  status: surveyStatus(s),
  languages: s.languages as SurveySummary['languages'],
  currentVersion: s.current_version ?? null,
  opensAt: iso(s.opens_at),
  closesAt: iso(s.closes_at),
  createdAt: iso(s.created_at)!,
  updatedAt: iso(s.updated_at)!,
});

/** Stable JSON (sorted keys) to compare a draft with a published version. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

async function detail(deps: Deps, db: Kysely<DB>, studyId: string, surveyId: string): Promise<SurveyDetail> {
  const s = await loadSurvey(db, studyId, surveyId);
  const versions = await repo.listVersions(db, s.id);
  const latest = s.current_version_id ? await repo.findVersion(db, s.id, s.current_version_id) : undefined;
  const rc = await repo.responseCounts(db, s.id);
  const ic = await repo.invitationCounts(db, s.id);
  const publicUrl = s.mode === 'anonymous' && s.public_token_enc ? respondentUrl(deps.config.publicUrl, await deps.keys.decrypt(studyId, 'surveys.public_token', s.public_token_enc, db)) : null;
  return {
    ...toSummary(s),
    description: s.description,
    disclosureThreshold: s.disclosure_threshold,
    mail: mailTexts(s.mail),
    definition: s.draft,
    draftChanged: !latest || canonical(latest.definition) !== canonical(s.draft),
    versions: versions.map((v) => ({ id: v.id, number: v.number, publishedAt: iso(v.published_at)!, publishedBy: v.published_by_name ?? null, responses: Number(v.responses ?? 0) })),
    publicUrl,
    counts: { invited: s.mode === 'personal' ? ic.total : 0, started: rc.started, completed: rc.completed },
    smtpConfigured: smtpConfigured(deps.config),
    emailsDeleted: ic.deleted,
  };
}

const EMPTY_DEFINITION: SurveyDefinition = { pages: [{ name: 'pagina1', elements: [] }] };

/** validateDefinition, or a 400 with every problem (error.details) and the first ones in the message. */
function checkedDefinition(json: unknown, what = 'De vragenlijst'): SurveyDefinition {
  const r = validateDefinition(json);
  if (r.ok) return r.definition;
  const first = r.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new AppError('invalid_definition', `${what} klopt niet (${r.errors.length} ${r.errors.length === 1 ? 'probleem' : 'problemen'}): ${first}${r.errors.length > 3 ? '; …' : ''}`, 400, r.errors);
}

/** A draft may be incomplete (no questions yet): it is only checked when it has questions; publish checks fully. */
function checkedDraft(json: unknown): SurveyDefinition {
  const pages = (json as { pages?: unknown })?.pages;
  const empty = Array.isArray(pages) && pages.every((p) => !(p as { elements?: unknown[] })?.elements?.length);
  if (empty && pages.length > 0 && canonical(json).length < 100_000) {
    const names = pages.map((p, i) => (p as { name?: unknown })?.name ?? `pagina${i + 1}`);
    if (names.every((n) => typeof n === 'string' && /^[A-Za-z0-9_ -]{1,64}$/.test(n))) return JSON.parse(JSON.stringify(json)) as SurveyDefinition;
  }
  return checkedDefinition(json);
}

function checkDates(opensAt: string | null | undefined, closesAt: string | null | undefined) {
  const message = 'De sluitingsdatum ligt niet na de openingsdatum.';
  if (opensAt && closesAt && new Date(closesAt).getTime() <= new Date(opensAt).getTime()) throw badRequest(message, [{ path: 'closesAt', message }]);
}

// ---- surveys ----------------------------------------------------------------------------------------------

export async function listSurveys(deps: Deps, actor: Actor | null, slug: string): Promise<{ surveys: SurveySummary[] }> {
  const { study } = await access(deps.db, actor, slug, 'results.read');
  await purgeClosedSurveys(deps, study.id);
  return { surveys: (await repo.listSurveys(deps.db, study.id)).map(toSummary) };
}

export async function getSurvey(deps: Deps, actor: Actor | null, slug: string, surveyId: string): Promise<SurveyDetail> {
  const { study } = await access(deps.db, actor, slug, 'data.read');
  await purgeClosedSurveys(deps, study.id);
  return detail(deps, deps.db, study.id, surveyId);
}

async function insertNew(deps: Deps, trx: Kysely<DB>, a: Access, input: SurveyInput, definition: SurveyDefinition, source: string): Promise<string> {
  checkDates(input.opensAt, input.closesAt);
  const { id } = await repo.insertSurvey(
    trx,
    a.study.id,
    {
      title: input.title,
      description: input.description,
      languages: input.languages,
      mode: input.mode,
      anonymised: input.mode === 'personal' && input.anonymised,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      disclosureThreshold: input.disclosureThreshold ?? a.study.disclosure_threshold,
      draft: definition,
      mail: {},
    },
    a.actorId,
  );
  if (input.mode === 'anonymous') await newPublicToken(deps, trx, a.study.id, id);
  await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.created', objectType: 'survey', objectId: id, details: { title: input.title, mode: input.mode, source } });
  return id;
}

export async function createSurvey(deps: Deps, actor: Actor | null, slug: string, input: SurveyInput): Promise<SurveyDetail> {
  const definition = input.definition ? checkedDraft(input.definition) : EMPTY_DEFINITION;
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const id = await insertNew(deps, trx, a, input, definition, 'new');
    return detail(deps, trx, a.study.id, id);
  });
}

const DEFAULTS = { description: '', languages: ['nl'] as SurveyInput['languages'], mode: 'anonymous' as const, anonymised: false, opensAt: null, closesAt: null };

/** Copies the ready instrument "Enquête professionals: uithuisplaatsing en terugplaatsing" into the study. */
export async function createFromTemplate(deps: Deps, actor: Actor | null, slug: string, body: { title?: string }, opts: CliOption = {}): Promise<SurveyDetail> {
  const definition = checkedDefinition(professionalsSurveyTemplate(), 'Het sjabloon');
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write', opts);
    assertWritable(a.study);
    const id = await insertNew(deps, trx, a, { ...DEFAULTS, languages: ['nl', 'en'], title: body.title ?? PROFESSIONALS_SURVEY_TITLE }, definition, 'template');
    return detail(deps, trx, a.study.id, id);
  });
}

/** Imports a SurveyJS JSON file or a LimeSurvey .lss structure as a new survey (a draft), with a report. */
export async function importSurvey(
  deps: Deps,
  actor: Actor | null,
  slug: string,
  body: { format: 'surveyjs' | 'limesurvey'; content: string; title?: string },
  opts: CliOption = {},
): Promise<{ survey: SurveyDetail; report: string[] }> {
  let json: unknown;
  const report: string[] = [];
  if (body.format === 'surveyjs') {
    try {
      json = JSON.parse(body.content.replace(/^\ufeff/, ''));
    } catch {
      throw badRequest('Het bestand is geen geldige JSON.');
    }
  } else {
    // loaded on first use: the XML parser is only needed here
    const { importLimeSurvey } = await import('../../../lib/survey/limesurvey');
    let r: ReturnType<typeof importLimeSurvey>;
    try {
      r = importLimeSurvey(body.content);
    } catch (e) {
      throw badRequest(`Het LimeSurvey-bestand kan niet worden gelezen: ${(e as Error).message}`.slice(0, 500));
    }
    json = r.definition;
    for (const item of r.report) report.push(item.code ? `${item.code}: ${item.reason}` : item.reason);
  }
  const definition = checkedDefinition(json, 'De geïmporteerde vragenlijst');
  const rawTitle = (definition as { title?: unknown }).title;
  const defTitle = typeof rawTitle === 'string' ? rawTitle : typeof (rawTitle as { default?: unknown })?.default === 'string' ? (rawTitle as { default: string }).default : '';
  const title = (body.title ?? defTitle.trim().slice(0, 200)) || 'Geïmporteerde vragenlijst';
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write', opts);
    assertWritable(a.study);
    const id = await insertNew(deps, trx, a, { ...DEFAULTS, title: title.length >= 3 ? title : `${title} (import)` }, definition, body.format);
    return { survey: await detail(deps, trx, a.study.id, id), report };
  });
}

export async function updateSettings(deps: Deps, actor: Actor | null, slug: string, surveyId: string, patch: SurveyPatch): Promise<SurveyDetail> {
  const out = await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    const mode = patch.mode ?? s.mode;
    const anonymised = mode === 'personal' && (patch.anonymised ?? s.anonymised);
    if ((patch.mode !== undefined && patch.mode !== s.mode) || anonymised !== s.anonymised) {
      const rc = await repo.responseCounts(trx, s.id);
      const ic = await repo.invitationCounts(trx, s.id);
      if (rc.started > 0 || ic.total > 0) throw conflict('De manier van verspreiden (open link of persoonlijke uitnodigingen, geanonimiseerd of niet) kan niet meer veranderen: er zijn al uitnodigingen of antwoorden.');
    }
    const opensAt = patch.opensAt !== undefined ? patch.opensAt : iso(s.opens_at);
    const closesAt = patch.closesAt !== undefined ? patch.closesAt : iso(s.closes_at);
    checkDates(opensAt, closesAt);
    await repo.updateSurvey(trx, s.id, {
      title: patch.title,
      description: patch.description,
      languages: patch.languages,
      mode: patch.mode,
      anonymised: patch.mode !== undefined || patch.anonymised !== undefined ? anonymised : undefined,
      opensAt: patch.opensAt,
      closesAt: patch.closesAt,
      disclosureThreshold: patch.disclosureThreshold,
      mail: patch.mail,
    });
    if (mode === 'anonymous' && !s.public_token_hash) await newPublicToken(deps, trx, a.study.id, s.id);
    const fields = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.updated', objectType: 'survey', objectId: s.id, details: { fields } });
    const closedNow = closesAt && new Date(closesAt).getTime() <= Date.now();
    if (closedNow) await purgeIn(trx, a.study.id, s.id, a.actorId, 'closed');
    return detail(deps, trx, a.study.id, s.id);
  });
  forgetSurvey(surveyId);
  return out;
}

export async function deleteSurvey(deps: Deps, actor: Actor | null, slug: string, surveyId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    const rc = await repo.responseCounts(trx, s.id);
    if (rc.started > 0) throw conflict('Deze vragenlijst heeft al antwoorden en kan daarom niet worden verwijderd. Sluit hem in plaats daarvan.');
    await repo.deleteSurvey(trx, s.id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.deleted', objectType: 'survey', objectId: s.id, details: { title: s.title } });
  });
  forgetSurvey(surveyId);
}

export async function saveDraft(deps: Deps, actor: Actor | null, slug: string, surveyId: string, json: SurveyDefinition): Promise<SurveyDetail> {
  const definition = checkedDraft(json);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    await repo.updateSurvey(trx, s.id, { draft: definition });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.draft_saved', objectType: 'survey', objectId: s.id, details: {} });
    return detail(deps, trx, a.study.id, s.id);
  });
}

/** Freezes the draft as the next numbered version. New respondents get it; started responses keep their own. */
export async function publish(deps: Deps, actor: Actor | null, slug: string, surveyId: string): Promise<SurveyDetail> {
  const out = await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    const definition = checkedDefinition(s.draft, 'Het concept');
    if (s.current_version_id) {
      const latest = await repo.findVersion(trx, s.id, s.current_version_id);
      if (latest && canonical(latest.definition) === canonical(definition)) throw conflict(`Het concept is gelijk aan versie ${latest.number}; er is niets nieuws om te publiceren.`);
    }
    const v = await repo.insertVersion(trx, s.id, (s.current_version ?? 0) + 1, definition, a.actorId);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.published', objectType: 'survey', objectId: s.id, details: { version: v.number } });
    return detail(deps, trx, a.study.id, s.id);
  });
  forgetSurvey(surveyId);
  return out;
}

export async function getVersion(deps: Deps, actor: Actor | null, slug: string, surveyId: string, versionId: string): Promise<SurveyVersion> {
  const { study } = await access(deps.db, actor, slug, 'data.read');
  await loadSurvey(deps.db, study.id, surveyId);
  const v = await repo.findVersion(deps.db, surveyId, versionId);
  if (!v) throw notFound('Deze versie');
  return { id: v.id, number: v.number, publishedAt: iso(v.published_at)!, definition: v.definition };
}

async function newPublicToken(deps: Deps, trx: Kysely<DB>, studyId: string, surveyId: string): Promise<string> {
  const { token, hash } = makeToken('P');
  await repo.setPublicToken(trx, surveyId, hash, await deps.keys.encrypt(studyId, 'surveys.public_token', token, trx));
  return token;
}

/** A new public link; the old one stops working. Only for anonymous surveys. */
export async function rotatePublicLink(deps: Deps, actor: Actor | null, slug: string, surveyId: string): Promise<{ url: string }> {
  const out = await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    if (s.mode !== 'anonymous') throw conflict('Deze vragenlijst werkt met persoonlijke uitnodigingen en heeft geen open link.');
    const token = await newPublicToken(deps, trx, a.study.id, s.id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.public_link_renewed', objectType: 'survey', objectId: s.id, details: {} });
    return { url: respondentUrl(deps.config.publicUrl, token) };
  });
  forgetSurvey(surveyId);
  return out;
}

/** Closes the survey now (respondents see a kind message) and deletes the invitations' e-mail addresses. */
export async function closeSurvey(deps: Deps, actor: Actor | null, slug: string, surveyId: string): Promise<SurveyDetail> {
  const out = await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    if (surveyStatus(s) === 'closed') throw conflict('Deze vragenlijst is al gesloten.');
    const now = new Date();
    await repo.updateSurvey(trx, s.id, { closesAt: now.toISOString(), ...(s.opens_at && new Date(s.opens_at) > now ? { opensAt: null } : {}) });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.closed', objectType: 'survey', objectId: s.id, details: {} });
    await purgeIn(trx, a.study.id, s.id, a.actorId, 'closed');
    return detail(deps, trx, a.study.id, s.id);
  });
  forgetSurvey(surveyId);
  return out;
}

// ---- e-mail addresses --------------------------------------------------------------------------------------

async function purgeIn(trx: Kysely<DB>, studyId: string, surveyId: string, actorId: string | null, reason: 'closed') {
  const n = await repo.purgeEmails(trx, surveyId);
  if (n > 0) await appendAuditEvent(trx, { studyId, actorId, action: 'survey.emails_deleted', objectType: 'survey', objectId: surveyId, details: { count: n, reason } });
}

/**
 * Deletes the e-mail addresses of every survey whose close date has passed (of one study, or all). Runs on reads
 * of the researchers' pages, when a respondent reaches a closed survey, and by `tnh survey purge`.
 */
export async function purgeClosedSurveys(deps: Deps, studyId?: string): Promise<number> {
  const closed = await repo.closedSurveysWithEmails(deps.db, studyId);
  for (const s of closed) await deps.db.transaction().execute((trx) => purgeIn(trx, s.study_id, s.id, null, 'closed'));
  return closed.length;
}

const emailKey = (key: Buffer, surveyId: string, normalised: string) => crypto.createHmac('sha256', key).update(`survey-invitation:${surveyId}:${normalised}`).digest('hex');

function invitationStatus(r: repo.InvitationRow): InvitationStatus {
  if (r.completed_at) return 'completed';
  if (r.started_at) return 'started';
  if (r.link_issued_at) return 'invited';
  return 'pending';
}

export async function listInvitations(deps: Deps, actor: Actor | null, slug: string, surveyId: string, q: { status?: InvitationStatus; offset: number; limit: number }) {
  const a = await access(deps.db, actor, slug, 'data.read');
  await purgeClosedSurveys(deps, a.study.id);
  const s = await loadSurvey(deps.db, a.study.id, surveyId);
  const seeEmail = canInStudy(a.role, 'study.confidential');
  const { total, rows } = await repo.listInvitations(deps.db, s.id, q);
  const c = await repo.invitationCounts(deps.db, s.id);
  const invitations: Invitation[] = [];
  for (const r of rows) {
    invitations.push({
      id: r.id,
      email: seeEmail && r.email_enc ? await deps.keys.decrypt(a.study.id, 'survey_invitations.email', r.email_enc) : null,
      emailDeleted: !!r.email_deleted_at,
      status: invitationStatus(r),
      linkIssuedAt: iso(r.link_issued_at),
      sentAt: iso(r.sent_at),
      reminders: r.reminders,
      startedAt: iso(r.started_at),
      completedAt: iso(r.completed_at),
      createdAt: iso(r.created_at)!,
    });
  }
  return { total, counts: { pending: c.pending, invited: c.invited, started: c.started, completed: c.completed }, invitations };
}

function assertPersonal(s: repo.SurveyRow) {
  if (s.mode !== 'personal') throw conflict('Deze vragenlijst werkt met een open link; zet haar eerst op persoonlijke uitnodigingen.');
}
function assertNotClosed(s: repo.SurveyRow) {
  if (surveyStatus(s) === 'closed') throw conflict('Deze vragenlijst is gesloten; er kunnen geen uitnodigingen meer bij.');
}

/** Adds the addresses of a CSV file: bad rows reported, duplicates (in the file or already invited) skipped. */
export async function importInvitations(deps: Deps, actor: Actor | null, slug: string, surveyId: string, csv: string): Promise<InvitationImportResult> {
  const list = parseAddresses(csv);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    assertPersonal(s);
    assertNotClosed(s);
    if (list.addresses.length === 0) return { added: 0, duplicates: list.duplicates, problems: list.problems };
    const key = await deps.keys.studyKey(a.study.id, trx);
    const hashed = list.addresses.map((x) => ({ ...x, hash: emailKey(key, s.id, x.key) }));
    const existing = await repo.existingEmailHashes(trx, s.id, hashed.map((x) => x.hash));
    const fresh = hashed.filter((x) => !existing.has(x.hash));
    const rows = [];
    for (const x of fresh) rows.push({ emailHash: x.hash, emailEnc: await deps.keys.encrypt(a.study.id, 'survey_invitations.email', x.email, trx) });
    const added = await repo.insertInvitations(trx, s.id, rows);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.invitations_imported', objectType: 'survey', objectId: s.id, details: { added, duplicates: list.duplicates + existing.size, problems: list.problems.length } });
    return { added, duplicates: list.duplicates + (hashed.length - added), problems: list.problems };
  });
}

/**
 * The mail-merge file: one row per invitation with its address and a new personal link. The links are shown only
 * here (the server keeps their hashes); a new export gives the exported invitations new links (earlier ones stop).
 */
export async function exportLinks(deps: Deps, actor: Actor | null, slug: string, surveyId: string, scope: LinkScope): Promise<{ csv: string; count: number; filename: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'study.confidential');
    assertWritable(a.study);
    await repo.lockSurvey(trx, surveyId);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    assertPersonal(s);
    assertNotClosed(s);
    const targets = await repo.invitationsForLinks(trx, s.id, scope);
    const rows: unknown[][] = [];
    const tokens: { id: string; tokenHash: string }[] = [];
    for (const t of targets) {
      const { token, hash } = makeToken('I');
      tokens.push({ id: t.id, tokenHash: hash });
      rows.push([await deps.keys.decrypt(a.study.id, 'survey_invitations.email', t.email_enc!, trx), respondentUrl(deps.config.publicUrl, token)]);
    }
    await repo.setInvitationTokens(trx, tokens);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.links_exported', objectType: 'survey', objectId: s.id, details: { scope, count: tokens.length } });
    const stamp = new Date().toISOString().slice(0, 10);
    return { csv: '\ufeff' + toCsv(['email', 'link'], rows) + '\r\n', count: tokens.length, filename: `uitnodigingen-${stamp}.csv` };
  });
}

/** Starts sending invitations or reminders through SMTP (a job with progress). 409 when no mail server is set. */
export async function startSending(deps: Deps, actor: Actor | null, slug: string, surveyId: string, kind: MailKind) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const s = await loadSurvey(trx, a.study.id, surveyId);
    if (!smtpConfigured(deps.config)) throw new AppError('smtp_not_configured', 'Er is geen mailserver ingesteld (TNH_SMTP_URL en TNH_MAIL_FROM). Exporteer de persoonlijke links en verstuur ze met een mail merge.', 409);
    assertPersonal(s);
    assertNotClosed(s);
    if (s.current_version == null) throw conflict('Publiceer de vragenlijst eerst; daarna kunt u uitnodigingen versturen.');
    const job = await jobs.insertJob(trx, { studyId: a.study.id, kind: 'surveys.send', payload: { surveyId: s.id, kind }, createdBy: a.actorId });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.mail_started', objectType: 'survey', objectId: s.id, details: { kind, jobId: job.id } });
    return job;
  });
}

const SEND_CHUNK = 20;

registerJobKind('surveys.send', async (ctx) => {
  const { deps } = ctx;
  const surveyId = String(ctx.payload.surveyId);
  const kind = ctx.payload.kind === 'reminder' ? 'reminder' : 'invitation';
  const s = await repo.findSurvey(deps.db, ctx.studyId!, surveyId);
  if (!s) return { sent: 0, failed: 0, message: 'De vragenlijst bestaat niet meer.' };
  if (surveyStatus(s) === 'closed') return { sent: 0, failed: 0, message: 'De vragenlijst is gesloten; er is niets verstuurd.' };
  const targets = await repo.invitationsForLinks(deps.db, s.id, kind === 'invitation' ? 'new' : 'reminder');
  const texts = mailTexts(s.mail);
  let sent = 0;
  let failed = 0;
  await ctx.progress(0, targets.length);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const { token, hash } = makeToken('I');
    try {
      const to = await deps.keys.decrypt(s.study_id, 'survey_invitations.email', t.email_enc!);
      await sendMail(deps.config, { to, ...renderMail(texts, kind, { title: s.title, link: respondentUrl(deps.config.publicUrl, token) }) });
      // stored after sending: the database always holds the link of the last e-mail that went out
      await repo.setInvitationTokens(deps.db, [{ id: t.id, tokenHash: hash }], kind);
      sent++;
    } catch (e) {
      failed++;
      deps.log.warn({ err: e, jobId: ctx.id }, 'survey e-mail failed');
    }
    if ((i + 1) % SEND_CHUNK === 0) await ctx.progress(i + 1, targets.length);
  }
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, { studyId: s.study_id, actorId: ctx.createdBy, action: kind === 'invitation' ? 'survey.invitations_sent' : 'survey.reminders_sent', objectType: 'survey', objectId: s.id, details: { sent, failed } }),
  );
  return { sent, failed, ...(failed ? { message: `${failed} e-mail${failed === 1 ? '' : 's'} kon${failed === 1 ? '' : 'den'} niet worden verstuurd; probeer het later opnieuw.` } : {}) };
});

/** Deletes one invitation's e-mail address on request (the invitation and its status stay). */
export async function deleteInvitationEmail(deps: Deps, actor: Actor | null, slug: string, surveyId: string, invitationId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    const s = await loadSurvey(trx, a.study.id, surveyId);
    const inv = await repo.findInvitation(trx, s.id, invitationId);
    if (!inv) throw notFound('Deze uitnodiging');
    if (!inv.email_enc) return;
    await repo.deleteInvitationEmail(trx, inv.id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'survey.email_deleted', objectType: 'survey_invitation', objectId: inv.id, details: { surveyId: s.id, reason: 'request' } });
  });
}
