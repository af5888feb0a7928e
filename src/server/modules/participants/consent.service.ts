/**
 * Consent (toestemming) and assent (instemming) of participants, evaluated with the rules in src/lib/consent;
 * withdrawal and what it does to the participant's material; and `assertConsent`, the gate other modules call
 * before they store, code or quote a participant's words.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { Actor } from '../../platform/permissions';
import { gate, todayIso, type ConsentEvaluation } from '../../../lib/consent';
import type { ParticipantRole } from '../../../shared/participant-vocabulary';
import type { ConsentDashboard, ConsentInput, ParticipantConsent, WithdrawalInput, WithdrawalResult } from '../../../shared/participants';
import { appendAuditEvent } from '../audit/audit.repository';
import * as repo from './participants.repository';
import { assertWritable, openBirthMonth, studyAccess } from './access';
import { dashboardRow, dashboardTotals, evaluate, ruleParticipant, toRecordView, toRuleRecord, type StoredConsent } from './consent';

// ---- evaluation -------------------------------------------------------------------------------------------

/** The consent evaluation of one participant today, from the stored records (409 when stored data does not fit). */
export async function evaluateParticipant(deps: Deps, db: Kysely<DB>, p: repo.ParticipantRow, records?: StoredConsent[], status: 400 | 409 = 409): Promise<ConsentEvaluation> {
  const rows = records ?? (await repo.listConsent(db, p.id));
  const birthMonth = await openBirthMonth(deps, p, db);
  return evaluate(ruleParticipant(p.role as ParticipantRole, birthMonth), rows.map(toRuleRecord), todayIso(), status);
}

/**
 * Throws a 409 AppError (code 'consent_missing', the Dutch reason) unless the participant's consent allows the
 * action: store_transcript and code need participation; quote needs participation and quotes. 404 when the
 * participant is not in the study. Pass the transaction as `db` when called inside one.
 */
export async function assertConsent(deps: Deps, db: Kysely<DB>, studyId: string, participantId: string, action: 'store_transcript' | 'code' | 'quote'): Promise<void> {
  const p = await repo.findParticipant(db, studyId, participantId);
  if (!p) throw notFound('Deze deelnemer');
  const g = gate(action, await evaluateParticipant(deps, db, p));
  if (!g.allowed) throw new AppError('consent_missing', `Deelnemer ${p.code}: ${g.reason}`, 409);
}

async function consentOf(deps: Deps, db: Kysely<DB>, p: repo.ParticipantRow): Promise<ParticipantConsent> {
  const rows = await repo.listConsent(db, p.id);
  return { participantId: p.id, code: p.code, records: rows.map(toRecordView), evaluation: await evaluateParticipant(deps, db, p, rows) };
}

async function participantOr404(db: Kysely<DB>, studyId: string, id: string, forUpdate = false) {
  const p = forUpdate ? await repo.findParticipantForUpdate(db, studyId, id) : await repo.findParticipant(db, studyId, id);
  if (!p) throw notFound('Deze deelnemer');
  return p;
}

function assertNotFuture(date: string, what: string) {
  if (date > todayIso()) throw badRequest(`${what} (${date}) ligt in de toekomst.`);
}

// ---- use cases --------------------------------------------------------------------------------------------

export async function getParticipantConsent(deps: Deps, actor: Actor | null, slug: string, participantId: string): Promise<ParticipantConsent> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  return consentOf(deps, deps.db, await participantOr404(deps.db, a.study.id, participantId));
}

export async function addConsent(deps: Deps, actor: Actor | null, slug: string, participantId: string, input: ConsentInput): Promise<ParticipantConsent> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, participantId, true);
    assertNotFuture(input.date, 'De datum van de toestemming');
    if (input.givenBy !== 'participant' && input.kind === 'assent') {
      throw badRequest('Een ouder of voogd geeft toestemming (consent); instemming (assent) geeft alleen het kind zelf.');
    }
    const scopes = Object.fromEntries(Object.entries(input.scopes).filter(([, v]) => typeof v === 'boolean')) as Record<string, boolean>;
    const row = await repo.insertConsent(trx, { studyId: a.study.id, participantId: p.id, ...input, scopes, createdBy: a.actorId });
    // the new record must fit the participant (not dated before the birth month): 400, nothing written
    const evaluation = await evaluateParticipant(deps, trx, p, undefined, 400);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'consent.recorded',
      objectType: 'participant',
      objectId: p.id,
      details: { consentId: row.id, code: p.code, givenBy: input.givenBy, kind: input.kind, method: input.method, date: input.date, letterVersion: input.letterVersion, scopes },
    });
    // after a withdrawal, a later "no" to archiving means the kept material may not be kept any longer
    await removeMaterialIfNoLongerKept(trx, a.study.id, a.actorId, p, evaluation);
    return consentOf(deps, trx, p);
  });
}

/** Deletes a record entered by mistake (not one that carries a withdrawal: that stays as evidence). */
export async function deleteConsentRecord(deps: Deps, actor: Actor | null, slug: string, participantId: string, consentId: string): Promise<ParticipantConsent> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, participantId, true);
    const c = await repo.findConsent(trx, p.id, consentId);
    if (!c) throw notFound('Deze toestemming');
    if (c.withdrawn_at) throw conflict('Deze toestemming is ingetrokken; een intrekking blijft bewaard en kan niet worden verwijderd.');
    await repo.deleteConsent(trx, c.id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'consent.deleted', objectType: 'participant', objectId: p.id, details: { consentId: c.id, code: p.code } });
    return consentOf(deps, trx, p);
  });
}

/** Revoking one record: the party that gave it withdraws on `date`; the consequences of a withdrawal follow. */
export async function revokeConsent(deps: Deps, actor: Actor | null, slug: string, participantId: string, consentId: string, date: string): Promise<WithdrawalResult> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, participantId, true);
    const c = await repo.findConsent(trx, p.id, consentId);
    if (!c) throw notFound('Deze toestemming');
    if (c.withdrawn_at) throw conflict(`Deze toestemming is al ingetrokken op ${c.withdrawn_at}.`);
    assertNotFuture(date, 'De datum van de intrekking');
    if (date < c.date) throw badRequest(`De intrekking (${date}) ligt vóór de datum van de toestemming (${c.date}).`);
    await repo.setWithdrawn(trx, [c.id], date, a.actorId);
    return afterWithdrawal(deps, trx, a, p, { date, by: c.given_by as WithdrawalInput['by'] }, [c.id]);
  });
}

/**
 * A withdrawal by the participant, a parent or the guardian on `date`: every record of that party given on or before
 * the date is marked withdrawn. 409 when that party has no record to withdraw.
 */
export async function recordWithdrawal(deps: Deps, actor: Actor | null, slug: string, participantId: string, input: WithdrawalInput): Promise<WithdrawalResult> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, participantId, true);
    assertNotFuture(input.date, 'De datum van de intrekking');
    const targets = (await repo.listConsent(trx, p.id)).filter((r) => r.given_by === input.by && !r.withdrawn_at && r.date <= input.date);
    if (targets.length === 0) {
      const who = { participant: 'de deelnemer', parent: 'een ouder', guardian: 'de voogd' }[input.by];
      throw conflict(`Er is geen toestemming van ${who} van vóór of op ${input.date} die kan worden ingetrokken.`);
    }
    await repo.setWithdrawn(trx, targets.map((r) => r.id), input.date, a.actorId);
    return afterWithdrawal(deps, trx, a, p, input, targets.map((r) => r.id));
  });
}

async function afterWithdrawal(
  deps: Deps,
  trx: Kysely<DB>,
  a: { study: { id: string }; actorId: string },
  p: repo.ParticipantRow,
  w: WithdrawalInput,
  recordIds: string[],
): Promise<WithdrawalResult> {
  const evaluation = await evaluateParticipant(deps, trx, p, undefined, 400);
  let removed = { documents: 0, versions: 0, codings: 0 };
  let kept = false;
  let reason: string;
  const effective = evaluation.withdrawn;
  if (!effective) {
    const counted = evaluation.withdrawal !== null && recordIds.includes(evaluation.withdrawal.recordId);
    reason =
      w.by !== 'participant' && !counted
        ? 'De intrekking is vastgelegd, maar heeft geen gevolg: vanaf 16 jaar beslist de deelnemer zelf, niet een ouder of voogd.'
        : 'De intrekking is vastgelegd, maar de deelnemer heeft daarna opnieuw toestemming gegeven; het materiaal blijft bewaard.';
  } else {
    const keep = gate('keep_after_withdrawal', evaluation);
    if (keep.allowed) {
      kept = true;
      reason = 'Er was vóór de intrekking toestemming voor archivering: het materiaal van de deelnemer blijft bewaard, maar wordt niet verder gebruikt zonder nieuwe toestemming.';
    } else {
      removed = await repo.removeParticipantDocuments(trx, a.study.id, p.id);
      reason = `${keep.reason} Het materiaal van de deelnemer (transcripten met hun versies en coderingen) is verwijderd.`;
    }
  }
  await appendAuditEvent(trx, {
    studyId: a.study.id,
    actorId: a.actorId,
    action: 'participant.withdrawn',
    objectType: 'participant',
    objectId: p.id,
    details: { code: p.code, date: w.date, by: w.by, consentIds: recordIds, effective, kept, removed },
  });
  return { effective, kept, reason, removed, consent: await consentOf(deps, trx, p) };
}

/** Material kept after a withdrawal must go when archiving is revoked later. */
async function removeMaterialIfNoLongerKept(trx: Kysely<DB>, studyId: string, actorId: string, p: repo.ParticipantRow, evaluation: ConsentEvaluation) {
  if (!evaluation.withdrawn || gate('keep_after_withdrawal', evaluation).allowed) return;
  if ((await repo.countParticipantDocuments(trx, studyId, p.id)) === 0) return;
  const removed = await repo.removeParticipantDocuments(trx, studyId, p.id);
  await appendAuditEvent(trx, { studyId, actorId, action: 'participant.material_removed', objectType: 'participant', objectId: p.id, details: { code: p.code, removed } });
}

export async function getConsentDashboard(deps: Deps, actor: Actor | null, slug: string): Promise<ConsentDashboard> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  const [participants, records] = await Promise.all([repo.listParticipants(deps.db, a.study.id), repo.listConsentOfStudy(deps.db, a.study.id)]);
  const byParticipant = groupBy(records, (r) => r.participant_id);
  const asOf = todayIso();
  const rows = [];
  for (const p of participants) {
    let e: ConsentEvaluation | { error: string };
    try {
      const birthMonth = await openBirthMonth(deps, p);
      e = evaluate(ruleParticipant(p.role as ParticipantRole, birthMonth), (byParticipant.get(p.id) ?? []).map(toRuleRecord), asOf);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      e = { error: err.message };
    }
    rows.push(dashboardRow({ id: p.id, code: p.code, role: p.role as ParticipantRole }, e));
  }
  return { asOf, participants: rows, ...dashboardTotals(rows) };
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
