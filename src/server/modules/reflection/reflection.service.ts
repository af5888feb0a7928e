/**
 * The reflection session (reflectiesessie). The lead puts draft recommendations to professionals who rate each on
 * importance and feasibility (1–5) through a personal token link without an account; results are live, with small-n
 * suppression; afterwards the lead records per recommendation what was decided and why (audited).
 *
 * Privacy: invitees' names/labels, e-mail addresses and comments are sealed with the study key; link tokens are stored
 * only as hashes and shown once; an anonymous comment is stored without any link to its invitee (day only). The
 * committee (no data.read) sees the aggregates and decisions only: no comments, names or links.
 *
 * For the report builder: `sessionOutcome(deps, actor, slug, sessionId)` returns aggregates + decisions.
 * Recommendations come from the findings module (`recommendationsByIds`): their text and priority are copied into the
 * session's items when they are put to it, so the session keeps what was rated.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import type { StudyRole } from '../../../shared/api';
import type {
  Comment,
  DecisionInput,
  DecisionRecord,
  Invitee,
  InviteesInput,
  IssuedLinks,
  Priority,
  RatingInput,
  RatingSaved,
  ReflectionResults,
  ReflectionSession,
  RespondentView,
  ResultItem,
  SessionInput,
  SessionItem,
  SessionPatch,
} from '../../../shared/reflection';
import { toCsv } from '../../../lib/csv';
import * as repo from './reflection.repository';
import * as jobs from '../jobs/jobs.repository';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { recommendationsByIds } from '../findings/findings.service';
import { sendMail, smtpConfigured } from '../surveys/mailer';
import { aggregateRatings, makeReflectionToken, orderedUnique, ratingProblem, reflectionUrl, tokenHashOf } from './aggregate';

/** The sealed fields (additional authenticated data: study + field). */
export const FIELD = {
  label: 'reflection_invitees.label',
  email: 'reflection_invitees.email',
  comment: 'reflection_ratings.comment',
  anonymous: 'reflection_comments.text',
} as const;

interface Access {
  study: StudyRow;
  role: StudyRole;
  actorId: string;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, role, actorId: a.userId };
}

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

const audit = (trx: Kysely<DB>, a: Access, action: string, objectId: string | null, details: Record<string, unknown> = {}) =>
  appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action, objectType: 'reflection_session', objectId, details });

const sessionNotFound = () => notFound('Deze reflectiesessie');
const sessionClosed = () => new AppError('session_closed', 'Deze reflectiesessie is gesloten. Heropen de sessie eerst.', 409);

async function loadSession(db: Kysely<DB>, studyId: string, id: string, lock = false): Promise<repo.SessionRow> {
  const s = lock ? await repo.lockSession(db, studyId, id) : await repo.findSession(db, studyId, id);
  if (!s) throw sessionNotFound();
  return s;
}

// ---- conversions ------------------------------------------------------------------------------------------

const toItem = (r: repo.ItemRow): SessionItem => ({ id: r.id, recommendationId: r.recommendation_id, text: r.text, priority: (r.priority as Priority | null) ?? null, position: r.position });

async function toSessions(db: Kysely<DB>, rows: repo.SessionRow[], withResponded: boolean): Promise<ReflectionSession[]> {
  const ids = rows.map((r) => r.id);
  const [items, counts] = await Promise.all([repo.listItems(db, ids), repo.sessionCounts(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    heldOn: String(r.held_on).slice(0, 10),
    status: r.status as 'open' | 'closed',
    allowAnonymous: r.allow_anonymous,
    items: items.filter((i) => i.session_id === r.id).map(toItem),
    invitees: counts.get(r.id)?.invitees ?? 0,
    responded: withResponded ? (counts.get(r.id)?.responded ?? 0) : null,
    closedAt: iso(r.closed_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  }));
}

const oneSession = async (db: Kysely<DB>, row: repo.SessionRow, a: Access) => (await toSessions(db, [row], canInStudy(a.role, 'reflection.manage')))[0];

// ---- recommendations (from the findings module) -----------------------------------------------------------

interface Rec {
  id: string;
  text: string;
  priority: Priority | null;
  position: number;
}

/** The study's recommendations in their order, from the findings module (inside the caller's transaction; rights checked by the caller). */
async function recommendationsOf(db: Kysely<DB>, studyId: string): Promise<Rec[]> {
  const list = await recommendationsByIds(db, studyId);
  return list.map((r) => ({ id: r.id, text: r.text, priority: r.priority, position: r.position })).sort((x, y) => x.position - y.position);
}

/** The chosen recommendations (in the requested order), or all; 400 for an id that is not a recommendation of the study. */
function pick(recs: Rec[], ids: string[] | undefined): Rec[] {
  if (!ids) return recs;
  const byId = new Map(recs.map((r) => [r.id, r]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw badRequest(`${unknown.length === 1 ? 'Een gekozen aanbeveling bestaat' : `${unknown.length} gekozen aanbevelingen bestaan`} niet (meer) in dit onderzoek.`, { recommendationIds: unknown });
  return orderedUnique(ids).map((id) => byId.get(id)!);
}

// ---- sessions ---------------------------------------------------------------------------------------------

export async function listSessions(deps: Deps, actor: Actor | null, slug: string): Promise<{ sessions: ReflectionSession[] }> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const rows = await repo.listSessions(deps.db, a.study.id);
  return { sessions: await toSessions(deps.db, rows, canInStudy(a.role, 'reflection.manage')) };
}

export async function getSession(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<ReflectionSession> {
  const a = await access(deps.db, actor, slug, 'results.read');
  return oneSession(deps.db, await loadSession(deps.db, a.study.id, id), a);
}

export async function createSession(deps: Deps, actor: Actor | null, slug: string, input: SessionInput): Promise<ReflectionSession> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const recs = pick(await recommendationsOf(trx, a.study.id), input.recommendationIds);
    if (!recs.length) throw conflict('Er zijn nog geen aanbevelingen om voor te leggen. Maak eerst aanbevelingen (Bevindingen en aanbevelingen).');
    const s = await repo.insertSession(trx, { studyId: a.study.id, title: input.title, heldOn: input.heldOn, allowAnonymous: input.allowAnonymous ?? true, createdBy: a.actorId });
    await repo.insertItems(trx, recs.map((r, i) => ({ sessionId: s.id, recommendationId: r.id, text: r.text, priority: r.priority, position: i })));
    await audit(trx, a, 'reflection.session_created', s.id, { title: s.title, heldOn: input.heldOn, recommendations: recs.length, allowAnonymous: s.allow_anonymous });
    return oneSession(trx, s, a);
  });
}

export async function updateSession(deps: Deps, actor: Actor | null, slug: string, id: string, patch: SessionPatch): Promise<ReflectionSession> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const recs = patch.recommendationIds ? pick(await recommendationsOf(trx, a.study.id), patch.recommendationIds) : null;
    if (recs && !recs.length) throw badRequest('Kies minstens één aanbeveling voor de sessie.');
    const s = await loadSession(trx, a.study.id, id, true);
    const changed: string[] = [];
    if (recs) {
      if (s.status === 'closed' && patch.status !== 'open') throw sessionClosed();
      const items = await repo.listItems(trx, [s.id]);
      const byRec = new Map(items.filter((i) => i.recommendation_id).map((i) => [i.recommendation_id!, i]));
      const wanted = new Set(recs.map((r) => r.id));
      const removed = items.filter((i) => !i.recommendation_id || !wanted.has(i.recommendation_id)).map((i) => i.id);
      const busy = await repo.itemsWithData(trx, removed);
      if (busy.length)
        throw conflict(`${busy.length === 1 ? 'Een aanbeveling die u weghaalt heeft' : `${busy.length} aanbevelingen die u weghaalt hebben`} al beoordelingen, opmerkingen of een besluit; die blijven op de sessie.`);
      await repo.deleteItems(trx, removed);
      const fresh: Rec[] = [];
      for (const [i, r] of recs.entries()) {
        const existing = byRec.get(r.id);
        if (existing) await repo.setItemPosition(trx, existing.id, i);
        else fresh.push({ ...r, position: i });
      }
      await repo.insertItems(trx, fresh.map((r) => ({ sessionId: s.id, recommendationId: r.id, text: r.text, priority: r.priority, position: r.position })));
      changed.push('recommendations');
    }
    const fields = { title: patch.title, heldOn: patch.heldOn, allowAnonymous: patch.allowAnonymous, status: patch.status };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) changed.push(k);
    const row = await repo.updateSession(trx, s.id, fields);
    if (patch.status && patch.status !== s.status) await audit(trx, a, patch.status === 'closed' ? 'reflection.session_closed' : 'reflection.session_reopened', s.id, { title: s.title });
    if (changed.some((c) => c !== 'status')) await audit(trx, a, 'reflection.session_updated', s.id, { fields: changed.filter((c) => c !== 'status') });
    return oneSession(trx, row, a);
  });
}

export async function deleteSession(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const s = await loadSession(trx, a.study.id, id, true);
    await repo.deleteSession(trx, s.id);
    await audit(trx, a, 'reflection.session_deleted', s.id, { title: s.title });
  });
}

// ---- invitees ---------------------------------------------------------------------------------------------

export async function listInvitees(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<{ invitees: Invitee[]; smtpConfigured: boolean }> {
  const a = await access(deps.db, actor, slug, 'reflection.manage');
  const s = await loadSession(deps.db, a.study.id, id);
  const rows = await repo.listInvitees(deps.db, s.id);
  const invitees: Invitee[] = [];
  for (const r of rows)
    invitees.push({
      id: r.id,
      label: await deps.keys.decrypt(a.study.id, FIELD.label, r.label_enc),
      hasEmail: !!r.email_enc,
      linkIssuedAt: iso(r.link_issued_at),
      firstSeenAt: iso(r.first_seen_at),
      rated: r.rated,
      createdAt: iso(r.created_at)!,
    });
  return { invitees, smtpConfigured: smtpConfigured(deps.config) };
}

/** Adds invitees with a personal link each; the links are in the answer only (the server keeps their hashes). */
export async function addInvitees(deps: Deps, actor: Actor | null, slug: string, id: string, input: InviteesInput): Promise<IssuedLinks> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const s = await loadSession(trx, a.study.id, id, true);
    if (s.status === 'closed') throw sessionClosed();
    const tokens = input.invitees.map(() => makeReflectionToken());
    const rows = [];
    for (const [i, v] of input.invitees.entries())
      rows.push({
        labelEnc: await deps.keys.encrypt(a.study.id, FIELD.label, v.label, trx),
        emailEnc: v.email ? await deps.keys.encrypt(a.study.id, FIELD.email, v.email, trx) : null,
        tokenHash: tokens[i].hash,
        createdBy: a.actorId,
      });
    const inserted = await repo.insertInvitees(trx, s.id, rows);
    await audit(trx, a, 'reflection.invitees_added', s.id, { count: inserted.length });
    const byHash = new Map(tokens.map((t, i) => [t.hash, { token: t.token, label: input.invitees[i].label }]));
    return { links: inserted.map((r) => ({ inviteeId: r.id, label: byHash.get(r.token_hash!)!.label, url: reflectionUrl(deps.config.publicUrl, byHash.get(r.token_hash!)!.token) })) };
  });
}

export async function deleteInvitee(deps: Deps, actor: Actor | null, slug: string, id: string, inviteeId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const s = await loadSession(trx, a.study.id, id, true);
    const v = await repo.findInvitee(trx, s.id, inviteeId);
    if (!v) throw notFound('Deze genodigde');
    await repo.deleteInvitee(trx, v.id);
    await audit(trx, a, 'reflection.invitee_deleted', s.id, { inviteeId: v.id });
  });
}

/** New personal links (all, or only invitees whose link was never shown) as a CSV; the old links stop working. */
export async function exportLinks(deps: Deps, actor: Actor | null, slug: string, id: string, scope: 'all' | 'unissued'): Promise<{ csv: string; count: number; filename: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const s = await loadSession(trx, a.study.id, id, true);
    if (s.status === 'closed') throw sessionClosed();
    const rows = (await repo.listInvitees(trx, s.id)).filter((r) => scope === 'all' || !r.link_issued_at);
    const out: unknown[][] = [];
    const hashes: { id: string; tokenHash: string }[] = [];
    for (const r of rows) {
      const t = makeReflectionToken();
      hashes.push({ id: r.id, tokenHash: t.hash });
      out.push([await deps.keys.decrypt(a.study.id, FIELD.label, r.label_enc, trx), r.email_enc ? await deps.keys.decrypt(a.study.id, FIELD.email, r.email_enc, trx) : '', reflectionUrl(deps.config.publicUrl, t.token)]);
    }
    await repo.setTokens(trx, hashes);
    await audit(trx, a, 'reflection.links_exported', s.id, { count: rows.length, scope });
    return { csv: '\ufeff' + toCsv(['naam', 'email', 'link'], out) + '\r\n', count: rows.length, filename: `reflectiesessie-links-${new Date().toISOString().slice(0, 10)}.csv` };
  });
}

/** Sends every invitee with an e-mail address a new personal link (SMTP), as a job. 409 without a mail server. */
export async function startSending(deps: Deps, actor: Actor | null, slug: string, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const s = await loadSession(trx, a.study.id, id, true);
    if (!smtpConfigured(deps.config)) throw new AppError('smtp_not_configured', 'Er is geen mailserver ingesteld (TNH_SMTP_URL en TNH_MAIL_FROM). Download de links als CSV en verstuur ze zelf.', 409);
    if (s.status === 'closed') throw sessionClosed();
    const job = await jobs.insertJob(trx, { studyId: a.study.id, kind: 'reflection.send', payload: { sessionId: s.id }, createdBy: a.actorId });
    await audit(trx, a, 'reflection.mail_started', s.id, { jobId: job.id });
    return job;
  });
}

export const mailText = (v: { title: string; heldOn: string; link: string }) => ({
  subject: `Uitnodiging reflectiesessie: ${v.title}`.replace(/[\r\n]+/g, ' '),
  text: [
    'Beste collega,',
    '',
    `U bent uitgenodigd voor de reflectiesessie "${v.title}" (${v.heldOn}). Wij leggen u de conceptaanbevelingen van het onderzoek voor en horen graag hoe belangrijk en hoe haalbaar u ze vindt.`,
    '',
    'Via deze persoonlijke link geeft u uw oordeel (stuur hem niet door; u heeft geen account nodig):',
    v.link,
    '',
    'U kunt uw oordeel aanpassen zolang de sessie open is.',
    '',
    'Hartelijk dank!',
  ].join('\n'),
});

registerJobKind('reflection.send', async (ctx) => {
  const { deps } = ctx;
  const sessionId = String(ctx.payload.sessionId);
  const s = await repo.findSession(deps.db, ctx.studyId!, sessionId);
  if (!s) return { sent: 0, failed: 0, message: 'De reflectiesessie bestaat niet meer.' };
  if (s.status === 'closed') return { sent: 0, failed: 0, message: 'De reflectiesessie is gesloten; er is niets verstuurd.' };
  const targets = (await repo.listInvitees(deps.db, s.id)).filter((r) => r.email_enc);
  let sent = 0;
  let failed = 0;
  await ctx.progress(0, targets.length);
  for (const [i, t] of targets.entries()) {
    const { token, hash } = makeReflectionToken();
    try {
      const to = await deps.keys.decrypt(s.study_id, FIELD.email, t.email_enc!);
      await sendMail(deps.config, { to, ...mailText({ title: s.title, heldOn: String(s.held_on).slice(0, 10), link: reflectionUrl(deps.config.publicUrl, token) }) });
      await repo.setTokens(deps.db, [{ id: t.id, tokenHash: hash }]);
      sent++;
    } catch (e) {
      failed++;
      deps.log.warn({ err: e, jobId: ctx.id }, 'reflection e-mail failed');
    }
    await ctx.progress(i + 1, targets.length);
  }
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, { studyId: s.study_id, actorId: ctx.createdBy, action: 'reflection.invitations_sent', objectType: 'reflection_session', objectId: s.id, details: { sent, failed } }),
  );
  return { sent, failed, ...(failed ? { message: `${failed} e-mail${failed === 1 ? '' : 's'} kon${failed === 1 ? '' : 'den'} niet worden verstuurd; probeer het later opnieuw.` } : {}) };
});

// ---- results and decisions --------------------------------------------------------------------------------

async function buildResults(deps: Deps, a: Access, s: repo.SessionRow, withComments: boolean): Promise<ReflectionResults> {
  const db = deps.db;
  const [session, ratings, anonymous, decisions] = await Promise.all([
    oneSession(db, s, a),
    repo.ratingsOfSession(db, s.id),
    withComments ? repo.anonymousCommentsOfSession(db, s.id) : Promise.resolve([]),
    repo.decisionsOfSession(db, s.id),
  ]);
  const threshold = a.study.disclosure_threshold;
  const labels = new Map<string, string>();
  const labelOf = async (inviteeId: string, enc: string) => {
    let l = labels.get(inviteeId);
    if (l === undefined) labels.set(inviteeId, (l = await deps.keys.decrypt(a.study.id, FIELD.label, enc)));
    return l;
  };
  const items: ResultItem[] = [];
  for (const it of session.items) {
    const rs = ratings.filter((r) => r.item_id === it.id);
    let comments: Comment[] | null = null;
    if (withComments) {
      comments = [];
      for (const r of rs)
        if (r.comment_enc)
          comments.push({ id: `${r.invitee_id}`, text: await deps.keys.decrypt(a.study.id, FIELD.comment, r.comment_enc), author: await labelOf(r.invitee_id, r.label_enc), anonymous: false, createdAt: iso(r.updated_at)! });
      for (const c of anonymous.filter((c) => c.item_id === it.id))
        comments.push({ id: c.id, text: await deps.keys.decrypt(a.study.id, FIELD.anonymous, c.text_enc), author: null, anonymous: true, createdAt: new Date(`${String(c.created_on).slice(0, 10)}T00:00:00Z`).toISOString() });
    }
    const d = decisions.find((x) => x.item_id === it.id);
    const decision: DecisionRecord | null = d ? { itemId: it.id, decision: d.decision as DecisionRecord['decision'], reason: d.reason, decidedBy: d.decided_by_name ?? null, decidedAt: iso(d.decided_at)! } : null;
    items.push({
      ...it,
      importance: aggregateRatings(rs.map((r) => r.importance), threshold),
      feasibility: aggregateRatings(rs.map((r) => r.feasibility), threshold),
      comments,
      decision,
    });
  }
  return { session, threshold, items, commentsVisible: withComments, generatedAt: new Date().toISOString() };
}

/** Live results: aggregates with small-n suppression for everyone; comments only for readers with data.read. */
export async function results(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<ReflectionResults> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const s = await loadSession(deps.db, a.study.id, id);
  return buildResults(deps, a, s, canInStudy(a.role, 'data.read'));
}

/** For the report: the session's aggregates (suppressed below the threshold) and the decisions, without comments. */
export async function sessionOutcome(deps: Deps, actor: Actor | null, slug: string, sessionId: string): Promise<ReflectionResults> {
  const a = await access(deps.db, actor, slug, 'results.read');
  const s = await loadSession(deps.db, a.study.id, sessionId);
  return buildResults(deps, a, s, false);
}

/** The lead's decision on one recommendation of a closed session (kept / changed / dropped, and why); audited. */
export async function decide(deps: Deps, actor: Actor | null, slug: string, id: string, input: DecisionInput): Promise<ReflectionResults> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'reflection.manage');
    assertWritable(a.study);
    const s = await loadSession(trx, a.study.id, id, true);
    if (s.status !== 'closed') throw conflict('Sluit de sessie eerst; daarna legt u per aanbeveling het besluit vast.');
    const item = await repo.findItem(trx, s.id, input.itemId);
    if (!item) throw badRequest('Deze aanbeveling hoort niet bij deze sessie.');
    await repo.upsertDecision(trx, { itemId: item.id, decision: input.decision, reason: input.reason, decidedBy: a.actorId });
    await audit(trx, a, 'reflection.decision', s.id, { itemId: item.id, recommendationId: item.recommendation_id, decision: input.decision, reason: input.reason });
  });
  return results(deps, actor, slug, id);
}

// ---- respondent (public, token) ---------------------------------------------------------------------------

const linkInvalid = () => new AppError('link_invalid', 'Deze link is niet (meer) geldig. Controleer of u de hele link heeft overgenomen, of vraag de onderzoekers om een nieuwe link.', 404);
const respondentClosed = () =>
  new AppError('session_closed', 'De reflectiesessie is gesloten; u kunt uw oordeel niet meer wijzigen. Hartelijk dank voor uw bijdrage!', 409);

async function gate(db: Kysely<DB>, rawToken: unknown) {
  const hash = tokenHashOf(rawToken);
  if (!hash) throw linkInvalid();
  const g = await repo.inviteeByToken(db, hash);
  if (!g) throw linkInvalid();
  return g;
}

export async function openSession(deps: Deps, rawToken: unknown): Promise<RespondentView> {
  const g = await gate(deps.db, rawToken);
  if (!g.first_seen_at) await repo.markSeen(deps.db, g.invitee_id);
  const [items, own] = await Promise.all([repo.listItems(deps.db, [g.session_id]), repo.ratingsOfInvitee(deps.db, g.invitee_id)]);
  const byItem = new Map(own.map((r) => [r.item_id, r]));
  const out: RespondentView['items'] = [];
  for (const it of items) {
    const r = byItem.get(it.id);
    out.push({
      id: it.id,
      text: it.text,
      priority: (it.priority as Priority | null) ?? null,
      position: it.position,
      importance: r?.importance ?? null,
      feasibility: r?.feasibility ?? null,
      comment: r?.comment_enc ? await deps.keys.decrypt(g.study_id, FIELD.comment, r.comment_enc) : '',
    });
  }
  return {
    title: g.title,
    heldOn: String(g.held_on).slice(0, 10),
    studyTitle: g.study_title,
    status: g.status === 'closed' || g.archived_at ? 'closed' : 'open',
    allowAnonymous: g.allow_anonymous,
    invitee: await deps.keys.decrypt(g.study_id, FIELD.label, g.label_enc),
    items: out,
  };
}

/**
 * Saves the invitee's rating of one recommendation: importance/feasibility 1–5 (null clears, absent keeps), the named
 * comment (absent keeps), or — with anonymous — a comment stored without any link to the invitee. Only while open.
 */
export async function saveRating(deps: Deps, rawToken: unknown, input: RatingInput): Promise<RatingSaved> {
  const problems = [ratingProblem('importance', input.importance), ratingProblem('feasibility', input.feasibility)].filter(Boolean) as string[];
  if (problems.length) throw new AppError('invalid_rating', problems.join(' '), 400, { problems });
  return deps.db.transaction().execute(async (trx) => {
    const g = await gate(trx, rawToken);
    const s = await repo.sessionStatusShared(trx, g.session_id);
    if (!s || s.status === 'closed' || g.archived_at) throw respondentClosed();
    const item = await repo.findItem(trx, g.session_id, input.itemId);
    if (!item) throw badRequest('Deze aanbeveling hoort niet bij deze sessie. Laad de pagina opnieuw.');
    const anonymous = !!input.anonymous;
    if (anonymous && !g.allow_anonymous) throw badRequest('Bij deze sessie zijn anonieme opmerkingen niet mogelijk. Zet "anoniem" uit om uw opmerking op te slaan.');
    const prev = (await repo.ratingsOfInvitee(trx, g.invitee_id)).find((r) => r.item_id === item.id);
    const importance = input.importance === undefined ? (prev?.importance ?? null) : input.importance;
    const feasibility = input.feasibility === undefined ? (prev?.feasibility ?? null) : input.feasibility;
    let commentEnc = prev?.comment_enc ?? null;
    let anonymousSent = false;
    if (input.comment !== undefined) {
      if (anonymous) {
        if (input.comment) {
          await repo.insertAnonymousComment(trx, item.id, await deps.keys.encrypt(g.study_id, FIELD.anonymous, input.comment, trx));
          anonymousSent = true;
        }
      } else commentEnc = input.comment ? await deps.keys.encrypt(g.study_id, FIELD.comment, input.comment, trx) : null;
    }
    // nothing changed (e.g. only an anonymous comment was sent): the rating row is left alone, so its time does not
    // move together with the anonymous comment
    const unchanged = prev ? prev.importance === importance && prev.feasibility === feasibility && prev.comment_enc === commentEnc : importance === null && feasibility === null && commentEnc === null;
    const row = unchanged ? prev : await repo.upsertRating(trx, { inviteeId: g.invitee_id, itemId: item.id, importance, feasibility, commentEnc });
    return {
      itemId: item.id,
      importance,
      feasibility,
      comment: commentEnc ? (input.comment !== undefined && !anonymous ? input.comment : await deps.keys.decrypt(g.study_id, FIELD.comment, commentEnc, trx)) : '',
      anonymousSent,
      savedAt: iso(row?.updated_at ?? new Date())!,
    };
  });
}
