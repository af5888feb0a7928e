/**
 * The legal framework (norm catalogue with versions, seeded from the domain brief) and the Kinderrechtenhelpdesk
 * signals. Every change writes an audit event in its transaction.
 *
 * For other modules (findings, recommendations, the reflection session), the stable entry points are:
 *   getNorm / listNorms / getSignal / listSignals (with an actor: the permission checks apply), and
 *   normsByIds / signalsExist (inside the caller's transaction, the caller has checked the rights) to link evidence.
 * Norm ids are uuids; a seeded norm also has a stable `key` (seed.ts), the same in every study.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import type { StudyRole } from '../../../shared/api';
import type {
  Instrument,
  InstrumentKind,
  LegalPhase,
  Norm,
  NormDetail,
  NormVersion,
  ObligationType,
  SeedResult,
  Signal,
  SignalCounts,
  instrumentInput,
  instrumentPatch,
  normInput,
  normListQuery,
  normPatch,
  signalInput,
  signalListQuery,
  signalPatch,
  versionInput,
  versionPatch,
} from '../../../shared/legal';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { addSourcedDocuments, FIELD as CODING_FIELD } from '../coding/coding.service';
import { deleteDocument as deleteCodingDocument } from '../coding/coding.repository';
import * as repo from './legal.repository';
import { SEED_INSTRUMENTS, SEED_NORMS } from './seed';
import { currentVersion, findOverlap, today, versionToClose } from './versions';
import { countSignals } from './counts';
import { parseSignalCsv, type ParsedSignal } from './signal-csv';

/** The sealed field of a signal (additional authenticated data: study + field). */
export const SIGNAL_FIELD = { followUp: 'signals.follow_up' } as const;

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

const audit = (trx: Kysely<DB>, a: Access, action: string, objectType: string, objectId: string | null, details: Record<string, unknown> = {}) =>
  appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action, objectType, objectId, details });

const changedFields = (input: Record<string, unknown>) => Object.keys(input).filter((k) => input[k] !== undefined);

// ---- conversions ------------------------------------------------------------------------------------------

const toInstrument = (r: repo.InstrumentRow & { norms: number; verified: number }): Instrument => ({
  id: r.id,
  key: r.seed_key,
  kind: r.kind as InstrumentKind,
  name: r.name,
  shortName: r.short_name,
  sourceUrl: r.source_url,
  norms: r.norms,
  verified: r.verified,
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

const toVersion = (v: repo.VersionRow): NormVersion => ({
  id: v.id,
  version: v.version,
  validFrom: v.valid_from,
  validTo: v.valid_to,
  label: v.label,
  paraphrase: v.paraphrase,
  sourceUrl: v.source_url,
  createdAt: iso(v.created_at)!,
});

const asVersion = (v: repo.VersionRow) => ({ ...v, version: v.version, validFrom: v.valid_from, validTo: v.valid_to });

function toNorm(r: repo.NormRow, versions: repo.VersionRow[], day: string): Norm {
  const cur = currentVersion(versions.map(asVersion), day);
  return {
    id: r.id,
    key: r.seed_key,
    instrumentId: r.instrument_id,
    instrumentName: r.instrument_name,
    instrumentShortName: r.instrument_short_name,
    instrumentKind: r.instrument_kind as InstrumentKind,
    reference: r.reference,
    title: r.title,
    obligations: r.obligations as ObligationType[],
    phases: r.phases as LegalPhase[],
    themes: r.themes,
    sourceUrl: r.source_url,
    verification: r.verification as Norm['verification'],
    verifiedOn: r.verified_on,
    verificationNote: r.verification_note,
    current: cur ? toVersion(cur) : null,
    versionCount: versions.length,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

async function normsWithVersions(db: Kysely<DB>, rows: repo.NormRow[], day: string): Promise<Norm[]> {
  const versions = await repo.listVersions(db, rows.map((r) => r.id));
  const by = new Map<string, repo.VersionRow[]>();
  for (const v of versions) {
    let l = by.get(v.norm_id);
    if (!l) by.set(v.norm_id, (l = []));
    l.push(v);
  }
  return rows.map((r) => toNorm(r, by.get(r.id) ?? [], day));
}

async function normDetail(db: Kysely<DB>, studyId: string, normId: string, day: string): Promise<NormDetail> {
  const r = await repo.findNorm(db, studyId, normId);
  if (!r) throw notFound('Deze norm');
  const versions = await repo.listVersions(db, [normId]);
  return { ...toNorm(r, versions, day), versions: versions.map(toVersion), asOf: day };
}

/** Catalogue order: international before national, law before bills and policy; then name; references in natural order. */
const KIND_RANK = new Map<string, number>(['uncrc', 'echr', 'ecthr_judgment', 'un_guidelines', 'coe_recommendation', 'bw_boek1', 'jeugdwet', 'bill', 'policy_programme', 'other'].map((k, i) => [k, i]));
const natural = (a: string, b: string) => a.localeCompare(b, 'nl', { numeric: true, sensitivity: 'base' });
const byInstrument = (a: { kind: string; name: string }, b: { kind: string; name: string }) => (KIND_RANK.get(a.kind) ?? 99) - (KIND_RANK.get(b.kind) ?? 99) || natural(a.name, b.name);
const sortNorms = (rows: repo.NormRow[]) =>
  [...rows].sort((a, b) => byInstrument({ kind: a.instrument_kind, name: a.instrument_name }, { kind: b.instrument_kind, name: b.instrument_name }) || natural(a.reference, b.reference));

const emptyToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v);

// ---- instruments ------------------------------------------------------------------------------------------

export async function listInstruments(deps: Deps, actor: Actor | null, slug: string): Promise<{ instruments: Instrument[] }> {
  const a = await access(deps.db, actor, slug, 'legal.read');
  return { instruments: (await repo.listInstruments(deps.db, a.study.id)).sort(byInstrument).map(toInstrument) };
}

async function instrumentOut(db: Kysely<DB>, studyId: string, id: string): Promise<Instrument> {
  const r = (await repo.listInstruments(db, studyId)).find((i) => i.id === id);
  if (!r) throw notFound('Dit instrument');
  return toInstrument(r);
}

export async function createInstrument(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof instrumentInput>): Promise<Instrument> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    const { id } = await repo.insertInstrument(trx, a.study.id, { kind: input.kind, name: input.name, shortName: input.shortName, sourceUrl: emptyToNull(input.sourceUrl) }, a.actorId);
    await audit(trx, a, 'legal.instrument_created', 'legal_instrument', id, { kind: input.kind, name: input.name });
    return instrumentOut(trx, a.study.id, id);
  });
}

export async function updateInstrument(deps: Deps, actor: Actor | null, slug: string, instrumentId: string, input: z.output<typeof instrumentPatch>): Promise<Instrument> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    if (!(await repo.findInstrument(trx, a.study.id, instrumentId))) throw notFound('Dit instrument');
    await repo.updateInstrument(trx, instrumentId, { ...input, sourceUrl: input.sourceUrl === undefined ? undefined : emptyToNull(input.sourceUrl) });
    await audit(trx, a, 'legal.instrument_updated', 'legal_instrument', instrumentId, { fields: changedFields(input) });
    return instrumentOut(trx, a.study.id, instrumentId);
  });
}

export async function deleteInstrument(deps: Deps, actor: Actor | null, slug: string, instrumentId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    const i = await repo.findInstrument(trx, a.study.id, instrumentId);
    if (!i) throw notFound('Dit instrument');
    const n = await repo.countNormsOf(trx, instrumentId);
    if (n > 0) throw conflict(`Dit instrument heeft nog ${n} norm${n === 1 ? '' : 'en'}. Verwijder of verplaats die eerst.`);
    await repo.deleteInstrument(trx, instrumentId);
    await audit(trx, a, 'legal.instrument_deleted', 'legal_instrument', instrumentId, { name: i.name });
  });
}

// ---- norms ------------------------------------------------------------------------------------------------

export async function listNorms(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof normListQuery>): Promise<{ asOf: string; norms: Norm[] }> {
  const a = await access(deps.db, actor, slug, 'legal.read');
  const day = q.date ?? today();
  const rows = await repo.listNorms(deps.db, a.study.id, { instrumentId: q.instrumentId, phase: q.phase, obligation: q.obligation, verification: q.verification, q: q.q?.trim() || undefined });
  return { asOf: day, norms: await normsWithVersions(deps.db, sortNorms(rows), day) };
}

export async function getNorm(deps: Deps, actor: Actor | null, slug: string, normId: string, date?: string): Promise<NormDetail> {
  const a = await access(deps.db, actor, slug, 'legal.read');
  return normDetail(deps.db, a.study.id, normId, date ?? today());
}

/**
 * For evidence links from other modules, inside their transaction (they checked the rights): the norms of the study
 * with these ids, each with its current version. Ids that are not norms of the study are left out.
 */
export async function normsByIds(db: Kysely<DB>, studyId: string, ids: string[], date?: string): Promise<Norm[]> {
  return normsWithVersions(db, await repo.listNorms(db, studyId, { ids: [...new Set(ids)] }), date ?? today());
}

/** The same by stable seed key (e.g. 'ivrk-9-3'). */
export async function normsByKeys(db: Kysely<DB>, studyId: string, keys: string[], date?: string): Promise<Norm[]> {
  return normsWithVersions(db, await repo.listNorms(db, studyId, { keys: [...new Set(keys)] }), date ?? today());
}

async function checkInstrument(trx: Kysely<DB>, studyId: string, instrumentId: string) {
  if (!(await repo.findInstrument(trx, studyId, instrumentId))) throw notFound('Het gekozen instrument');
}

export async function createNorm(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof normInput>): Promise<NormDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    await checkInstrument(trx, a.study.id, input.instrumentId);
    const row = await repo.insertNorm(
      trx,
      a.study.id,
      {
        instrumentId: input.instrumentId,
        reference: input.reference,
        title: input.title,
        obligations: input.obligations,
        phases: input.phases,
        themes: input.themes,
        sourceUrl: emptyToNull(input.sourceUrl),
        verification: input.verification,
        verifiedOn: input.verifiedOn ?? null,
        verificationNote: input.verificationNote ?? '',
      },
      a.actorId,
    );
    const id = row!.id;
    const v = input.version;
    await repo.insertVersions(trx, [{ normId: id, version: 1, validFrom: v.validFrom ?? null, validTo: v.validTo ?? null, label: v.label ?? '', paraphrase: v.paraphrase, sourceUrl: emptyToNull(v.sourceUrl) }], a.actorId);
    await audit(trx, a, 'legal.norm_created', 'legal_norm', id, { reference: input.reference, verification: input.verification });
    return normDetail(trx, a.study.id, id, today());
  });
}

export async function updateNorm(deps: Deps, actor: Actor | null, slug: string, normId: string, input: z.output<typeof normPatch>): Promise<NormDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    if (!(await repo.lockNorm(trx, a.study.id, normId))) throw notFound('Deze norm');
    if (input.instrumentId) await checkInstrument(trx, a.study.id, input.instrumentId);
    await repo.updateNorm(trx, normId, {
      ...input,
      sourceUrl: input.sourceUrl === undefined ? undefined : emptyToNull(input.sourceUrl),
      // back to 'te verifiëren': an old verification date no longer applies
      verifiedOn: input.verification === 'te_verifieren' ? null : input.verifiedOn,
    });
    await audit(trx, a, 'legal.norm_updated', 'legal_norm', normId, { fields: changedFields(input), ...(input.verification ? { verification: input.verification } : {}) });
    return normDetail(trx, a.study.id, normId, today());
  });
}

export async function deleteNorm(deps: Deps, actor: Actor | null, slug: string, normId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    const n = await repo.findNorm(trx, a.study.id, normId);
    if (!n) throw notFound('Deze norm');
    await repo.deleteNorm(trx, normId);
    await audit(trx, a, 'legal.norm_deleted', 'legal_norm', normId, { reference: n.reference, key: n.seed_key });
  });
}

const overlapError = (a: { version: number }, b: { version: number }) =>
  badRequest(`De geldigheid van versie ${a.version} en versie ${b.version} overlapt. Pas de begin- of einddatum aan.`);

export async function addVersion(deps: Deps, actor: Actor | null, slug: string, normId: string, input: z.output<typeof versionInput>): Promise<NormDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    if (!(await repo.lockNorm(trx, a.study.id, normId))) throw notFound('Deze norm');
    const existing = (await repo.listVersions(trx, [normId])).map(asVersion);
    const number = Math.max(0, ...existing.map((v) => v.version)) + 1;
    const fresh = { version: number, validFrom: input.validFrom ?? null, validTo: input.validTo ?? null };
    const close = input.closePrevious === false ? null : versionToClose(existing, fresh.validFrom);
    const after = existing.map((v) => (close && v.id === close.version.id ? { ...v, validTo: close.validTo } : v));
    const overlap = findOverlap([...after, fresh]);
    if (overlap) throw overlapError(overlap[0], overlap[1]);
    if (close) await repo.updateVersion(trx, close.version.id, { validTo: close.validTo });
    await repo.insertVersions(trx, [{ normId, version: number, validFrom: fresh.validFrom, validTo: fresh.validTo, label: input.label ?? '', paraphrase: input.paraphrase, sourceUrl: emptyToNull(input.sourceUrl) }], a.actorId);
    await repo.touchNorm(trx, normId);
    await audit(trx, a, 'legal.norm_version_added', 'legal_norm', normId, { version: number, validFrom: fresh.validFrom, validTo: fresh.validTo, closed: close ? { version: close.version.version, validTo: close.validTo } : null });
    return normDetail(trx, a.study.id, normId, today());
  });
}

export async function updateVersion(deps: Deps, actor: Actor | null, slug: string, normId: string, versionId: string, input: z.output<typeof versionPatch>): Promise<NormDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    if (!(await repo.lockNorm(trx, a.study.id, normId))) throw notFound('Deze norm');
    const existing = (await repo.listVersions(trx, [normId])).map(asVersion);
    const v = existing.find((x) => x.id === versionId);
    if (!v) throw notFound('Deze versie');
    const next = { ...v, validFrom: input.validFrom === undefined ? v.validFrom : input.validFrom, validTo: input.validTo === undefined ? v.validTo : input.validTo };
    if (next.validFrom && next.validTo && next.validTo < next.validFrom) throw badRequest('De einddatum van de geldigheid ligt vóór de begindatum.');
    const overlap = findOverlap(existing.map((x) => (x.id === versionId ? next : x)));
    if (overlap) throw overlapError(overlap[0], overlap[1]);
    await repo.updateVersion(trx, versionId, { ...input, sourceUrl: input.sourceUrl === undefined ? undefined : emptyToNull(input.sourceUrl) });
    await repo.touchNorm(trx, normId);
    await audit(trx, a, 'legal.norm_version_updated', 'legal_norm', normId, { version: v.version, fields: changedFields(input) });
    return normDetail(trx, a.study.id, normId, today());
  });
}

export async function deleteVersion(deps: Deps, actor: Actor | null, slug: string, normId: string, versionId: string): Promise<NormDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    if (!(await repo.lockNorm(trx, a.study.id, normId))) throw notFound('Deze norm');
    const existing = await repo.listVersions(trx, [normId]);
    const v = existing.find((x) => x.id === versionId);
    if (!v) throw notFound('Deze versie');
    if (existing.length === 1) throw conflict('Een norm heeft minstens één versie. Verwijder de norm zelf als die weg moet.');
    await repo.deleteVersion(trx, versionId);
    await repo.touchNorm(trx, normId);
    await audit(trx, a, 'legal.norm_version_deleted', 'legal_norm', normId, { version: v.version });
    return normDetail(trx, a.study.id, normId, today());
  });
}

/**
 * Copies the seed catalogue (seed.ts, from the domain brief §1–2) into the study: instruments and norms whose key is
 * not there yet, each norm with its versions. Idempotent: a second call adds nothing (unique keys per study).
 */
export async function seedCatalogue(deps: Deps, actor: Actor | null, slug: string): Promise<SeedResult> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'legal.write');
    assertWritable(a.study);
    const instrumentsCreated = await repo.insertSeedInstruments(
      trx,
      a.study.id,
      SEED_INSTRUMENTS.map((i) => ({ key: i.key, kind: i.kind, name: i.name, shortName: i.shortName, sourceUrl: i.sourceUrl })),
      a.actorId,
    );
    const instrumentIds = await repo.instrumentIdsByKey(trx, a.study.id);
    const present = await repo.existingNormKeys(trx, a.study.id);
    let normsCreated = 0;
    const versions: Parameters<typeof repo.insertVersions>[1] = [];
    for (const n of SEED_NORMS) {
      if (present.has(n.key)) continue;
      const instrumentId = instrumentIds.get(n.instrument);
      if (!instrumentId) throw new Error(`seed: instrument ${n.instrument} ontbreekt`);
      const row = await repo.insertNorm(
        trx,
        a.study.id,
        { instrumentId, reference: n.reference, title: n.title, obligations: n.obligations, phases: n.phases, themes: n.themes, sourceUrl: n.sourceUrl, verification: n.verification, verifiedOn: n.verifiedOn, verificationNote: n.verificationNote },
        a.actorId,
        n.key,
      );
      if (!row) continue; // added meanwhile by a concurrent seed
      normsCreated++;
      n.versions.forEach((v, i) => versions.push({ normId: row.id, version: i + 1, validFrom: v.validFrom, validTo: v.validTo, label: v.label, paraphrase: v.paraphrase, sourceUrl: v.sourceUrl ?? null }));
    }
    await repo.insertVersions(trx, versions, a.actorId);
    const result = { instrumentsCreated, normsCreated, normsExisting: SEED_NORMS.length - normsCreated };
    if (instrumentsCreated + normsCreated > 0) await audit(trx, a, 'legal.seeded', 'study', a.study.id, result);
    return result;
  });
}

// ---- signals ----------------------------------------------------------------------------------------------

async function toSignals(deps: Deps, db: Kysely<DB>, studyId: string, rows: repo.SignalRow[]): Promise<Signal[]> {
  const [themes, texts] = await Promise.all([repo.themesOf(db, rows.map((r) => r.id)), repo.documentTexts(db, rows.map((r) => r.document_id).filter((x): x is string => !!x))]);
  const textBy = new Map(texts.map((t) => [t.id, t]));
  const out: Signal[] = [];
  for (const r of rows) {
    const doc = r.document_id ? textBy.get(r.document_id) : undefined;
    out.push({
      id: r.id,
      receivedOn: r.received_on,
      channel: r.channel as Signal['channel'],
      contact: r.contact as Signal['contact'],
      ageBand: r.age_band as Signal['ageBand'],
      themes: themes.get(r.id) ?? [],
      phase: r.phase as Signal['phase'],
      region: r.region,
      documentId: doc ? r.document_id : null,
      summary: doc ? await deps.keys.decrypt(studyId, CODING_FIELD.text, doc.text_enc, db) : null,
      pseudonymised: doc?.pseudonymised ?? false,
      followUp: r.follow_up_enc ? await deps.keys.decrypt(studyId, SIGNAL_FIELD.followUp, r.follow_up_enc, db) : '',
      followUpStatus: r.follow_up_status as Signal['followUpStatus'],
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    });
  }
  return out;
}

async function signalOut(deps: Deps, db: Kysely<DB>, studyId: string, signalId: string): Promise<Signal> {
  const r = await repo.findSignal(db, studyId, signalId);
  if (!r) throw notFound('Dit signaal');
  return (await toSignals(deps, db, studyId, [r]))[0];
}

async function checkThemes(db: Kysely<DB>, studyId: string, themeIds: string[]) {
  if (!themeIds.length) return;
  const codes = new Set((await repo.studyCodes(db, studyId)).map((c) => c.id));
  const unknown = themeIds.filter((t) => !codes.has(t));
  if (unknown.length) throw badRequest(`${unknown.length === 1 ? 'Een gekozen thema staat' : `${unknown.length} gekozen thema's staan`} niet in het codeboek van dit onderzoek.`);
}

const futureCheck = (d: string | undefined) => {
  if (d && d > today()) throw badRequest(`De datum ${d} ligt in de toekomst.`);
};

export async function listSignals(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof signalListQuery>): Promise<{ total: number; signals: Signal[] }> {
  const a = await access(deps.db, actor, slug, 'signals.read');
  const { rows, total } = await repo.listSignals(deps.db, a.study.id, { from: q.from, to: q.to, theme: q.theme, status: q.status }, { offset: q.offset, limit: q.limit });
  return { total, signals: await toSignals(deps, deps.db, a.study.id, rows) };
}

export async function getSignal(deps: Deps, actor: Actor | null, slug: string, signalId: string): Promise<Signal> {
  const a = await access(deps.db, actor, slug, 'signals.read');
  return signalOut(deps, deps.db, a.study.id, signalId);
}

/** For evidence links from other modules (inside their transaction): which of these ids are signals of the study. */
export async function signalsExist(db: Kysely<DB>, studyId: string, ids: string[]): Promise<Set<string>> {
  const { rows } = await repo.listSignals(db, studyId, { ids: [...new Set(ids)] }, { offset: 0, limit: Math.max(1, ids.length) });
  return new Set(rows.map((r) => r.id));
}

const CHANNEL_TITLE: Record<string, string> = { telefoon: 'telefoon', 'e-mail': 'e-mail', chat: 'chat', brief: 'brief', anders: 'ander kanaal' };

/** Writes signals with their summary documents (kind 'signal', sealed through the coding module) and themes. */
async function insertSignalsWithDocuments(deps: Deps, trx: Kysely<DB>, a: Access, items: Omit<ParsedSignal, 'row'>[], source: Record<string, unknown>): Promise<string[]> {
  const ids = items.map(() => crypto.randomUUID());
  const rows = [];
  for (let i = 0; i < items.length; i++) {
    const s = items[i];
    rows.push({
      id: ids[i],
      receivedOn: s.receivedOn,
      channel: s.channel,
      contact: s.contact,
      ageBand: s.ageBand,
      phase: s.phase,
      region: s.region,
      followUpEnc: s.followUp ? await deps.keys.encrypt(a.study.id, SIGNAL_FIELD.followUp, s.followUp, trx) : null,
      followUpStatus: s.followUpStatus,
    });
  }
  await repo.insertSignals(trx, a.study.id, rows, a.actorId);
  await repo.setSignalThemes(trx, items.map((s, i) => ({ signalId: ids[i], codeIds: s.themeIds })), false);
  await addSourcedDocuments(
    deps,
    trx,
    a.study.id,
    a.actorId,
    items.map((s, i) => ({
      kind: 'signal' as const,
      title: `Signaal ${s.receivedOn} (${CHANNEL_TITLE[s.channel] ?? s.channel})`,
      text: s.summary,
      attributes: { kanaal: s.channel, contact: s.contact, leeftijd: s.ageBand, ...(s.phase ? { fase: s.phase } : {}), ...(s.region ? { regio: s.region } : {}) },
      sourceRef: `signal:${ids[i]}`,
    })),
    { source: 'signals', ...source },
  );
  await repo.linkSignalDocuments(trx, a.study.id, ids);
  return ids;
}

export async function createSignal(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof signalInput>): Promise<Signal> {
  futureCheck(input.receivedOn);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'signals.write');
    assertWritable(a.study);
    await checkThemes(trx, a.study.id, input.themeIds);
    const [id] = await insertSignalsWithDocuments(deps, trx, a, [input], {});
    await audit(trx, a, 'signal.created', 'signal', id, { receivedOn: input.receivedOn, channel: input.channel, contact: input.contact, themes: input.themeIds.length });
    return signalOut(deps, trx, a.study.id, id);
  });
}

export async function updateSignal(deps: Deps, actor: Actor | null, slug: string, signalId: string, input: z.output<typeof signalPatch>): Promise<Signal> {
  futureCheck(input.receivedOn);
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'signals.write');
    assertWritable(a.study);
    if (!(await repo.lockSignal(trx, a.study.id, signalId))) throw notFound('Dit signaal');
    if (input.themeIds) await checkThemes(trx, a.study.id, input.themeIds);
    await repo.updateSignal(trx, signalId, {
      receivedOn: input.receivedOn,
      channel: input.channel,
      contact: input.contact,
      ageBand: input.ageBand,
      phase: input.phase,
      region: input.region,
      followUpStatus: input.followUpStatus,
      followUpEnc: input.followUp === undefined ? undefined : input.followUp ? await deps.keys.encrypt(a.study.id, SIGNAL_FIELD.followUp, input.followUp, trx) : null,
    });
    if (input.themeIds) await repo.setSignalThemes(trx, [{ signalId, codeIds: input.themeIds }], true);
    await audit(trx, a, 'signal.updated', 'signal', signalId, { fields: changedFields(input) });
    return signalOut(deps, trx, a.study.id, signalId);
  });
}

export async function deleteSignal(deps: Deps, actor: Actor | null, slug: string, signalId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'signals.write');
    assertWritable(a.study);
    const s = await repo.lockSignal(trx, a.study.id, signalId);
    if (!s) throw notFound('Dit signaal');
    await repo.deleteSignal(trx, signalId);
    const removed = s.document_id ? await deleteCodingDocument(trx, a.study.id, s.document_id) : null;
    await audit(trx, a, 'signal.deleted', 'signal', signalId, { documentId: s.document_id, ...(removed ? { versions: removed.versions, codings: removed.codings } : {}) });
  });
}

/**
 * CSV import, all-or-nothing: every row is checked first; with any problem nothing is written and the answer is a
 * 400 whose details list every problem (row number as in a spreadsheet, column, Dutch reason). Otherwise all rows
 * are written in one transaction.
 */
export async function importSignals(deps: Deps, actor: Actor | null, slug: string, csv: string): Promise<{ imported: number; signalIds: string[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'signals.write');
    assertWritable(a.study);
    const { rows, problems } = parseSignalCsv(csv, await repo.studyCodes(trx, a.study.id));
    if (problems.length) {
      const rowsWithProblems = new Set(problems.map((p) => p.row)).size;
      throw new AppError('signal_import_invalid', `Niets geïmporteerd: ${rowsWithProblems === 1 ? 'één regel bevat' : `${rowsWithProblems} regels bevatten`} fouten. Verbeter het bestand en importeer het opnieuw.`, 400, {
        problems: problems.slice(0, 500),
        totalProblems: problems.length,
      });
    }
    const ids = await insertSignalsWithDocuments(deps, trx, a, rows, { import: true });
    await audit(trx, a, 'signals.imported', 'study', a.study.id, { rows: ids.length });
    return { imported: ids.length, signalIds: ids };
  });
}

/**
 * Counts per theme per month. Readers who may not see single signals (the committee) get disclosure control with
 * the study's threshold (counts.ts); the others get the exact counts.
 */
export async function signalCounts(deps: Deps, actor: Actor | null, slug: string, q: { from?: string; to?: string }): Promise<SignalCounts> {
  const a = await access(deps.db, actor, slug, 'results.read');
  if (q.from && q.to && q.to < q.from) throw badRequest('De einddatum ligt vóór de begindatum.');
  const [inputs, codes] = await Promise.all([repo.countInputs(deps.db, a.study.id, q), repo.studyCodes(deps.db, a.study.id)]);
  return countSignals(inputs, new Map(codes.map((c) => [c.id, c.name])), { control: !canInStudy(a.role, 'signals.read'), threshold: a.study.disclosure_threshold, noThemeLabel: 'Zonder thema' });
}
