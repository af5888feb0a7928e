/**
 * Participants of the interview study: a pseudonym code per role (K-01, O-01, P-01, J-01, B-01), attributes and the
 * values of the study's own variables for everyone with data access, identity (name, contact, birth month; sealed
 * with the study key) for the lead only. And the study variables themselves.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Actor } from '../../platform/permissions';
import { todayIso } from '../../../lib/consent';
import { CODE_PREFIXES, ROLES_NEEDING_BIRTH_MONTH, type ParticipantRole, type VariableType } from '../../../shared/participant-vocabulary';
import type {
  Participant,
  ParticipantIdentity,
  ParticipantInput,
  ParticipantPatch,
  StudyVariable,
  StudyVariableInput,
  StudyVariablePatch,
  participant as participantSchema,
} from '../../../shared/participants';
import type { z } from 'zod';
import { appendAuditEvent } from '../audit/audit.repository';
import * as repo from './participants.repository';
import { assertConfidential, assertWritable, openBirthMonth, openIdentity, sealIdentity, studyAccess, type Access } from './access';
import { evaluate, ruleParticipant, statusOf, toRuleRecord } from './consent';
import { groupBy } from './consent.service';
import { CHILD_AGE_BANDS, formatCode, normaliseValue, readValue, type VariableDef } from './values';

type ParticipantView = z.infer<typeof participantSchema>;

// ---- reading ----------------------------------------------------------------------------------------------

const toDef = (v: repo.VariableRow): VariableDef => ({ id: v.id, name: v.name, type: v.type as VariableType, choices: (v.choices as unknown as string[]) ?? [] });

/** Participants as the reader may see them: identity only with 'study.confidential'. */
async function views(deps: Deps, db: Kysely<DB>, a: Access, rows: repo.ParticipantRow[]): Promise<ParticipantView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [vars, values, consent] = await Promise.all([
    repo.listVariables(db, a.study.id),
    repo.valuesOf(db, ids),
    rows.length === 1 ? repo.listConsent(db, rows[0].id) : repo.listConsentOfStudy(db, a.study.id),
  ]);
  const typeOf = new Map(vars.map((v) => [v.id, v.type as VariableType]));
  const valuesBy = groupBy(values, (v) => v.participant_id);
  const consentBy = groupBy(consent, (c) => c.participant_id);
  const asOf = todayIso();
  const out: ParticipantView[] = [];
  for (const r of rows) {
    const identity = a.confidential ? await openIdentity(deps, r, db) : null;
    const birthMonth = identity ? identity.birthMonth : await openBirthMonth(deps, r, db);
    let consentStatus: Participant['consentStatus'] = 'incomplete';
    try {
      consentStatus = statusOf(evaluate(ruleParticipant(r.role as ParticipantRole, birthMonth), (consentBy.get(r.id) ?? []).map(toRuleRecord), asOf));
    } catch {
      consentStatus = 'incomplete';
    }
    const variables: Record<string, string | number> = {};
    for (const v of valuesBy.get(r.id) ?? []) {
      const type = typeOf.get(v.variable_id);
      if (type) variables[v.variable_id] = readValue(type, v.value);
    }
    out.push({
      id: r.id,
      code: r.code,
      role: r.role as ParticipantView['role'],
      ageBand: r.age_band as ParticipantView['ageBand'],
      gender: r.gender as ParticipantView['gender'],
      region: r.region,
      situation: r.situation as ParticipantView['situation'],
      placementType: r.placement_type as ParticipantView['placementType'],
      variables,
      hasBirthMonth: r.birth_month_enc !== null,
      consentStatus,
      identity,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    });
  }
  return out;
}

async function participantOr404(db: Kysely<DB>, studyId: string, id: string, forUpdate = false) {
  const p = forUpdate ? await repo.findParticipantForUpdate(db, studyId, id) : await repo.findParticipant(db, studyId, id);
  if (!p) throw notFound('Deze deelnemer');
  return p;
}

export async function listParticipants(deps: Deps, actor: Actor | null, slug: string, q: { role?: ParticipantRole } = {}): Promise<{ participants: Participant[] }> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  return { participants: await views(deps, deps.db, a, await repo.listParticipants(deps.db, a.study.id, q.role)) };
}

export async function getParticipant(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<Participant> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  const [v] = await views(deps, deps.db, a, [await participantOr404(deps.db, a.study.id, id)]);
  return v;
}

// ---- checks -----------------------------------------------------------------------------------------------

function checkAgeBand(role: ParticipantRole, ageBand: string) {
  if (role === 'child' && !(CHILD_AGE_BANDS as readonly string[]).includes(ageBand)) throw badRequest('Een kind valt in een leeftijdsgroep onder de 18 jaar.');
  if (role === 'young_adult' && !['16-17', '18-23'].includes(ageBand)) throw badRequest('Een jongvolwassene valt in de leeftijdsgroep 16-17 of 18-23.');
}

function checkBirthMonth(role: ParticipantRole, identity: ParticipantIdentity | undefined) {
  const bm = identity?.birthMonth ?? null;
  if (ROLES_NEEDING_BIRTH_MONTH.includes(role) && !bm) {
    throw badRequest('Voor een kind of jongvolwassene is de geboortemaand nodig: daarvan hangen de regels voor toestemming en instemming af.');
  }
  if (bm) {
    const y = Number(bm.slice(0, 4));
    if (y < 1900 || bm > todayIso().slice(0, 7)) throw badRequest(`De geboortemaand ${bm} ligt in de toekomst of vóór 1900.`);
  }
}

/** Writes the given variable values (null removes one); 400 on an unknown variable or a value of the wrong type. */
async function writeValues(trx: Kysely<DB>, studyId: string, participantId: string, values: Record<string, string | number | null>): Promise<string[]> {
  const entries = Object.entries(values);
  if (entries.length === 0) return [];
  const defs = new Map((await repo.listVariables(trx, studyId)).map((v) => [v.id, toDef(v)]));
  for (const [variableId, value] of entries) {
    const def = defs.get(variableId);
    if (!def) throw badRequest(`De variabele ${variableId} bestaat niet in dit onderzoek.`);
    if (value === null) {
      await repo.removeValue(trx, participantId, variableId);
      continue;
    }
    const n = normaliseValue(def, value);
    if (!n.ok) throw badRequest(n.message);
    await repo.setValue(trx, participantId, variableId, n.value);
  }
  return entries.map(([id]) => id);
}

// ---- writing ----------------------------------------------------------------------------------------------

export async function createParticipant(deps: Deps, actor: Actor | null, slug: string, input: ParticipantInput): Promise<Participant> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    if (input.identity) assertConfidential(a);
    checkAgeBand(input.role, input.ageBand);
    checkBirthMonth(input.role, input.identity);
    await repo.lockParticipantCodes(trx, a.study.id);
    const code = formatCode(input.role, (await repo.maxCodeNumber(trx, a.study.id, CODE_PREFIXES[input.role])) + 1);
    const row = await repo.insertParticipant(trx, {
      studyId: a.study.id,
      code,
      role: input.role,
      ageBand: input.ageBand,
      gender: input.gender,
      region: input.region,
      situation: input.situation,
      placementType: input.placementType,
      createdBy: a.actorId,
      identity: await sealIdentity(deps, a.study.id, input.identity, trx),
    });
    const variables = await writeValues(trx, a.study.id, row.id, input.variables);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'participant.created',
      objectType: 'participant',
      objectId: row.id,
      // never identity values: only whether an identity was recorded
      details: { code, role: input.role, identity: !!input.identity, variables },
    });
    const [v] = await views(deps, trx, a, [row]);
    return v;
  });
}

export async function updateParticipant(deps: Deps, actor: Actor | null, slug: string, id: string, patch: ParticipantPatch): Promise<Participant> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, id, true);
    if (patch.ageBand !== undefined) checkAgeBand(p.role as ParticipantRole, patch.ageBand);
    const { variables, ...attrs } = patch;
    const row = await repo.updateParticipant(trx, p.id, attrs);
    const changedVariables = await writeValues(trx, a.study.id, p.id, variables ?? {});
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'participant.updated',
      objectType: 'participant',
      objectId: p.id,
      details: { code: p.code, fields: Object.keys(attrs).filter((k) => (attrs as Record<string, unknown>)[k] !== undefined), variables: changedVariables },
    });
    const [v] = await views(deps, trx, a, [row]);
    return v;
  });
}

/** Replaces the identity (lead only). The birth month must still fit the consent records (not after one of them). */
export async function setParticipantIdentity(deps: Deps, actor: Actor | null, slug: string, id: string, identity: ParticipantIdentity): Promise<Participant> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'study.confidential');
    assertConfidential(a);
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, id, true);
    checkBirthMonth(p.role as ParticipantRole, identity);
    const row = await repo.setIdentity(trx, p.id, await sealIdentity(deps, a.study.id, identity, trx));
    // 400 when a consent record would lie before the birth month
    evaluate(ruleParticipant(p.role as ParticipantRole, identity.birthMonth), (await repo.listConsent(trx, p.id)).map(toRuleRecord), todayIso(), 400);
    await appendAuditEvent(trx, {
      studyId: a.study.id,
      actorId: a.actorId,
      action: 'participant.identity_updated',
      objectType: 'participant',
      objectId: p.id,
      details: { code: p.code, name: identity.name !== '', contact: identity.contact !== '', birthMonth: identity.birthMonth !== null },
    });
    const [v] = await views(deps, trx, a, [row]);
    return v;
  });
}

/**
 * Deletes a participant registered by mistake, with their consent records, variable values and interview links.
 * 409 while coding documents (transcripts) of the participant exist: a withdrawal is the way to remove material.
 */
export async function deleteParticipant(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const p = await participantOr404(trx, a.study.id, id, true);
    if ((await repo.countParticipantDocuments(trx, a.study.id, p.id)) > 0) {
      throw conflict(`Deelnemer ${p.code} heeft nog transcripten. Verwijder die eerst, of leg een intrekking van de toestemming vast.`);
    }
    await repo.deleteParticipant(trx, p.id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'participant.deleted', objectType: 'participant', objectId: p.id, details: { code: p.code, role: p.role } });
  });
}

// ---- study variables --------------------------------------------------------------------------------------

const toVariable = (v: repo.VariableRow & { used: number }): StudyVariable => ({ ...toDef(v), used: Number(v.used) });

async function variableView(db: Kysely<DB>, studyId: string, id: string): Promise<StudyVariable> {
  const v = (await repo.listVariables(db, studyId)).find((x) => x.id === id);
  if (!v) throw notFound('Deze variabele');
  return toVariable(v);
}

export async function listVariables(deps: Deps, actor: Actor | null, slug: string): Promise<StudyVariable[]> {
  const a = await studyAccess(deps.db, actor, slug, 'data.read');
  return (await repo.listVariables(deps.db, a.study.id)).map(toVariable);
}

export async function createVariable(deps: Deps, actor: Actor | null, slug: string, input: StudyVariableInput): Promise<StudyVariable> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    if (await repo.findVariableByName(trx, a.study.id, input.name)) throw conflict(`Er is al een variabele "${input.name}" in dit onderzoek.`);
    const v = await repo.insertVariable(trx, { studyId: a.study.id, name: input.name, type: input.type, choices: input.choices });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'variable.created', objectType: 'study_variable', objectId: v.id, details: { name: v.name, type: v.type } });
    return variableView(trx, a.study.id, v.id);
  });
}

export async function updateVariable(deps: Deps, actor: Actor | null, slug: string, id: string, patch: StudyVariablePatch): Promise<StudyVariable> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const v = await repo.findVariable(trx, a.study.id, id);
    if (!v) throw notFound('Deze variabele');
    if (patch.name !== undefined && patch.name.toLowerCase() !== v.name.toLowerCase()) {
      if (await repo.findVariableByName(trx, a.study.id, patch.name)) throw conflict(`Er is al een variabele "${patch.name}" in dit onderzoek.`);
    }
    if (patch.choices !== undefined) {
      if (v.type !== 'choice') throw badRequest('Alleen een keuzevariabele heeft keuzes.');
      if (patch.choices.length === 0) throw badRequest('Een keuzevariabele heeft minstens één keuze.');
      const orphaned = await repo.valuesOutside(trx, v.id, patch.choices);
      if (orphaned.length) throw conflict(`Deze keuzes zijn nog in gebruik bij deelnemers en kunnen niet worden verwijderd: ${orphaned.join(', ')}.`);
    }
    await repo.updateVariable(trx, v.id, patch);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'variable.updated', objectType: 'study_variable', objectId: v.id, details: { fields: Object.keys(patch) } });
    return variableView(trx, a.study.id, v.id);
  });
}

export async function deleteVariable(deps: Deps, actor: Actor | null, slug: string, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await studyAccess(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const v = await repo.findVariable(trx, a.study.id, id);
    if (!v) throw notFound('Deze variabele');
    const values = await repo.deleteVariable(trx, v.id);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'variable.deleted', objectType: 'study_variable', objectId: v.id, details: { name: v.name, values } });
  });
}
