/** Every SQL query of the legal module: instruments, norms and their versions, helpdesk signals and their themes. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, LegalInstrumentsTable, LegalNormVersionsTable, LegalNormsTable, SignalsTable } from '../../db/schema';

export type InstrumentRow = Selectable<LegalInstrumentsTable>;
export type NormRow = Selectable<LegalNormsTable> & { instrument_name: string; instrument_short_name: string; instrument_kind: string };
export type VersionRow = Selectable<LegalNormVersionsTable>;
export type SignalRow = Selectable<SignalsTable>;

const json = (v: unknown) => JSON.stringify(v);

// ---- instruments ------------------------------------------------------------------------------------------

export const listInstruments = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('legal_instruments as i')
    .selectAll('i')
    .select((eb) => [
      eb.selectFrom('legal_norms as n').whereRef('n.instrument_id', '=', 'i.id').select(sql<number>`count(*)::int`.as('c')).as('norms'),
      eb.selectFrom('legal_norms as n').whereRef('n.instrument_id', '=', 'i.id').where('n.verification', '=', 'verified').select(sql<number>`count(*)::int`.as('c')).as('verified'),
    ])
    .where('i.study_id', '=', studyId)
    .orderBy('i.created_at')
    .orderBy('i.name')
    .execute() as Promise<(InstrumentRow & { norms: number; verified: number })[]>;

export const findInstrument = (db: Kysely<DB>, studyId: string, id: string) =>
  db.selectFrom('legal_instruments').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();

export interface InstrumentValues {
  kind: string;
  name: string;
  shortName: string;
  sourceUrl: string | null;
}

export const insertInstrument = (db: Kysely<DB>, studyId: string, v: InstrumentValues, createdBy: string | null, seedKey: string | null = null) =>
  db
    .insertInto('legal_instruments')
    .values({ study_id: studyId, seed_key: seedKey, kind: v.kind, name: v.name, short_name: v.shortName, source_url: v.sourceUrl, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Seed rows: inserted when their key is new in the study; returns the created keys. */
export async function insertSeedInstruments(db: Kysely<DB>, studyId: string, rows: (InstrumentValues & { key: string })[], createdBy: string | null): Promise<number> {
  if (!rows.length) return 0;
  const r = await db
    .insertInto('legal_instruments')
    .values(rows.map((v) => ({ study_id: studyId, seed_key: v.key, kind: v.kind, name: v.name, short_name: v.shortName, source_url: v.sourceUrl, created_by: createdBy })))
    .onConflict((oc) => oc.columns(['study_id', 'seed_key']).where('seed_key', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return r.length;
}

export async function instrumentIdsByKey(db: Kysely<DB>, studyId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('legal_instruments').select(['id', 'seed_key']).where('study_id', '=', studyId).where('seed_key', 'is not', null).execute();
  return new Map(rows.map((r) => [r.seed_key!, r.id]));
}

export async function updateInstrument(db: Kysely<DB>, id: string, v: Partial<InstrumentValues>) {
  await db
    .updateTable('legal_instruments')
    .set({
      ...(v.kind !== undefined ? { kind: v.kind } : {}),
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.shortName !== undefined ? { short_name: v.shortName } : {}),
      ...(v.sourceUrl !== undefined ? { source_url: v.sourceUrl } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export const countNormsOf = async (db: Kysely<DB>, instrumentId: string) =>
  Number((await db.selectFrom('legal_norms').select(sql<number>`count(*)::int`.as('n')).where('instrument_id', '=', instrumentId).executeTakeFirstOrThrow()).n);

export const deleteInstrument = (db: Kysely<DB>, id: string) => db.deleteFrom('legal_instruments').where('id', '=', id).execute();

// ---- norms ------------------------------------------------------------------------------------------------

export interface NormFilter {
  instrumentId?: string;
  phase?: string;
  obligation?: string;
  verification?: string;
  q?: string;
  ids?: string[];
  keys?: string[];
}

function normsQuery(db: Kysely<DB>, studyId: string) {
  return db
    .selectFrom('legal_norms as n')
    .innerJoin('legal_instruments as i', 'i.id', 'n.instrument_id')
    .selectAll('n')
    .select(['i.name as instrument_name', 'i.short_name as instrument_short_name', 'i.kind as instrument_kind'])
    .where('n.study_id', '=', studyId);
}

export function listNorms(db: Kysely<DB>, studyId: string, f: NormFilter = {}): Promise<NormRow[]> {
  let q = normsQuery(db, studyId);
  if (f.instrumentId) q = q.where('n.instrument_id', '=', f.instrumentId);
  if (f.phase) q = q.where(sql<boolean>`n.phases @> ${json([f.phase])}::jsonb`);
  if (f.obligation) q = q.where(sql<boolean>`n.obligations @> ${json([f.obligation])}::jsonb`);
  if (f.verification) q = q.where('n.verification', '=', f.verification);
  if (f.ids) {
    if (!f.ids.length) return Promise.resolve([]);
    q = q.where('n.id', 'in', f.ids);
  }
  if (f.keys) {
    if (!f.keys.length) return Promise.resolve([]);
    q = q.where('n.seed_key', 'in', f.keys);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('n.title', 'ilike', like), eb('n.reference', 'ilike', like), eb(sql`n.themes::text`, 'ilike', like)]));
  }
  return q.orderBy('i.created_at').orderBy('i.name').orderBy('n.created_at').orderBy('n.reference').execute() as Promise<NormRow[]>;
}

export const findNorm = (db: Kysely<DB>, studyId: string, id: string) => normsQuery(db, studyId).where('n.id', '=', id).executeTakeFirst() as Promise<NormRow | undefined>;

/** Serialises the changes of one norm and its versions for the rest of the transaction. */
export const lockNorm = (trx: Kysely<DB>, studyId: string, id: string) =>
  trx.selectFrom('legal_norms').select('id').where('study_id', '=', studyId).where('id', '=', id).forUpdate().executeTakeFirst();

export interface NormValues {
  instrumentId: string;
  reference: string;
  title: string;
  obligations: string[];
  phases: string[];
  themes: string[];
  sourceUrl: string | null;
  verification: string;
  verifiedOn: string | null;
  verificationNote: string;
}

export const insertNorm = (db: Kysely<DB>, studyId: string, v: NormValues, createdBy: string | null, seedKey: string | null = null) =>
  db
    .insertInto('legal_norms')
    .values({
      study_id: studyId,
      seed_key: seedKey,
      instrument_id: v.instrumentId,
      reference: v.reference,
      title: v.title,
      obligations: json(v.obligations),
      phases: json(v.phases),
      themes: json(v.themes),
      source_url: v.sourceUrl,
      verification: v.verification,
      verified_on: v.verifiedOn,
      verification_note: v.verificationNote,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['study_id', 'seed_key']).where('seed_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();

export async function updateNorm(db: Kysely<DB>, id: string, v: Partial<NormValues>) {
  await db
    .updateTable('legal_norms')
    .set({
      ...(v.instrumentId !== undefined ? { instrument_id: v.instrumentId } : {}),
      ...(v.reference !== undefined ? { reference: v.reference } : {}),
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(v.obligations !== undefined ? { obligations: json(v.obligations) } : {}),
      ...(v.phases !== undefined ? { phases: json(v.phases) } : {}),
      ...(v.themes !== undefined ? { themes: json(v.themes) } : {}),
      ...(v.sourceUrl !== undefined ? { source_url: v.sourceUrl } : {}),
      ...(v.verification !== undefined ? { verification: v.verification } : {}),
      ...(v.verifiedOn !== undefined ? { verified_on: v.verifiedOn } : {}),
      ...(v.verificationNote !== undefined ? { verification_note: v.verificationNote } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export const touchNorm = (db: Kysely<DB>, id: string) => db.updateTable('legal_norms').set({ updated_at: sql`now()` }).where('id', '=', id).execute();
export const deleteNorm = (db: Kysely<DB>, id: string) => db.deleteFrom('legal_norms').where('id', '=', id).execute();

export async function existingNormKeys(db: Kysely<DB>, studyId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('legal_norms').select('seed_key').where('study_id', '=', studyId).where('seed_key', 'is not', null).execute();
  return new Set(rows.map((r) => r.seed_key!));
}

// ---- versions ---------------------------------------------------------------------------------------------

export const listVersions = (db: Kysely<DB>, normIds: string[]) =>
  normIds.length ? db.selectFrom('legal_norm_versions').selectAll().where('norm_id', 'in', normIds).orderBy('norm_id').orderBy('version').execute() : Promise.resolve([] as VersionRow[]);

export interface VersionValues {
  validFrom: string | null;
  validTo: string | null;
  label: string;
  paraphrase: string;
  sourceUrl: string | null;
}

export async function insertVersions(db: Kysely<DB>, rows: (VersionValues & { normId: string; version: number })[], createdBy: string | null) {
  if (!rows.length) return [];
  return db
    .insertInto('legal_norm_versions')
    .values(rows.map((v) => ({ norm_id: v.normId, version: v.version, valid_from: v.validFrom, valid_to: v.validTo, label: v.label, paraphrase: v.paraphrase, source_url: v.sourceUrl, created_by: createdBy })))
    .returning('id')
    .execute();
}

export async function updateVersion(db: Kysely<DB>, id: string, v: Partial<VersionValues>) {
  await db
    .updateTable('legal_norm_versions')
    .set({
      ...(v.validFrom !== undefined ? { valid_from: v.validFrom } : {}),
      ...(v.validTo !== undefined ? { valid_to: v.validTo } : {}),
      ...(v.label !== undefined ? { label: v.label } : {}),
      ...(v.paraphrase !== undefined ? { paraphrase: v.paraphrase } : {}),
      ...(v.sourceUrl !== undefined ? { source_url: v.sourceUrl } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export const deleteVersion = (db: Kysely<DB>, id: string) => db.deleteFrom('legal_norm_versions').where('id', '=', id).execute();

// ---- signals ----------------------------------------------------------------------------------------------

export interface SignalFilter {
  from?: string;
  to?: string;
  theme?: string;
  status?: string;
  ids?: string[];
}

function signalsWhere(db: Kysely<DB>, studyId: string, f: SignalFilter) {
  let q = db.selectFrom('signals as s').where('s.study_id', '=', studyId);
  if (f.from) q = q.where('s.received_on', '>=', f.from);
  if (f.to) q = q.where('s.received_on', '<=', f.to);
  if (f.status) q = q.where('s.follow_up_status', '=', f.status);
  if (f.theme) q = q.where((eb) => eb.exists(eb.selectFrom('signal_themes as t').select('t.signal_id').whereRef('t.signal_id', '=', 's.id').where('t.code_id', '=', f.theme!)));
  if (f.ids) q = q.where('s.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  return q;
}

export async function listSignals(db: Kysely<DB>, studyId: string, f: SignalFilter, page: { offset: number; limit: number }) {
  const [rows, total] = await Promise.all([
    signalsWhere(db, studyId, f).selectAll('s').orderBy('s.received_on', 'desc').orderBy('s.created_at', 'desc').offset(page.offset).limit(page.limit).execute(),
    signalsWhere(db, studyId, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as SignalRow[], total: Number(total.n) };
}

export const findSignal = (db: Kysely<DB>, studyId: string, id: string) => db.selectFrom('signals').selectAll().where('study_id', '=', studyId).where('id', '=', id).executeTakeFirst();
export const lockSignal = (trx: Kysely<DB>, studyId: string, id: string) =>
  trx.selectFrom('signals').selectAll().where('study_id', '=', studyId).where('id', '=', id).forUpdate().executeTakeFirst();

export interface SignalValues {
  receivedOn: string;
  channel: string;
  contact: string;
  ageBand: string;
  phase: string | null;
  region: string;
  followUpEnc: string | null;
  followUpStatus: string;
}

export async function insertSignals(db: Kysely<DB>, studyId: string, rows: (SignalValues & { id: string })[], createdBy: string | null) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('signals')
      .values(
        rows.slice(i, i + 500).map((v) => ({
          id: v.id,
          study_id: studyId,
          received_on: v.receivedOn,
          channel: v.channel,
          contact: v.contact,
          age_band: v.ageBand,
          phase: v.phase,
          region: v.region,
          follow_up_enc: v.followUpEnc,
          follow_up_status: v.followUpStatus,
          created_by: createdBy,
        })),
      )
      .execute();
}

/** Links signals to their summary documents (source reference `signal:<signal id>`), one statement per 5000. */
export async function linkSignalDocuments(db: Kysely<DB>, studyId: string, signalIds: string[]) {
  for (let i = 0; i < signalIds.length; i += 5000) {
    const chunk = signalIds.slice(i, i + 5000);
    await sql`update signals s set document_id = d.id from documents d
      where s.study_id = ${studyId} and d.study_id = ${studyId} and d.source_ref = 'signal:' || s.id::text and s.id in (${sql.join(chunk)})`.execute(db);
  }
}

export async function updateSignal(db: Kysely<DB>, id: string, v: Partial<SignalValues>) {
  await db
    .updateTable('signals')
    .set({
      ...(v.receivedOn !== undefined ? { received_on: v.receivedOn } : {}),
      ...(v.channel !== undefined ? { channel: v.channel } : {}),
      ...(v.contact !== undefined ? { contact: v.contact } : {}),
      ...(v.ageBand !== undefined ? { age_band: v.ageBand } : {}),
      ...(v.phase !== undefined ? { phase: v.phase } : {}),
      ...(v.region !== undefined ? { region: v.region } : {}),
      ...(v.followUpEnc !== undefined ? { follow_up_enc: v.followUpEnc } : {}),
      ...(v.followUpStatus !== undefined ? { follow_up_status: v.followUpStatus } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export const deleteSignal = (db: Kysely<DB>, id: string) => db.deleteFrom('signals').where('id', '=', id).execute();

export async function setSignalThemes(db: Kysely<DB>, pairs: { signalId: string; codeIds: string[] }[], replace: boolean) {
  if (replace && pairs.length) await db.deleteFrom('signal_themes').where('signal_id', 'in', pairs.map((p) => p.signalId)).execute();
  const rows = pairs.flatMap((p) => p.codeIds.map((c) => ({ signal_id: p.signalId, code_id: c })));
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('signal_themes').values(rows.slice(i, i + 1000)).execute();
}

export async function themesOf(db: Kysely<DB>, signalIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!signalIds.length) return out;
  const rows = await db
    .selectFrom('signal_themes as t')
    .innerJoin('codes as c', 'c.id', 't.code_id')
    .select(['t.signal_id', 'c.id', 'c.name'])
    .where('t.signal_id', 'in', signalIds)
    .orderBy('c.name')
    .execute();
  for (const r of rows) {
    let l = out.get(r.signal_id);
    if (!l) out.set(r.signal_id, (l = []));
    l.push({ id: r.id, name: r.name });
  }
  return out;
}

/** The codes of the study (the themes a signal may carry). */
export const studyCodes = (db: Kysely<DB>, studyId: string) => db.selectFrom('codes').select(['id', 'name']).where('study_id', '=', studyId).execute();

/** The current version's sealed text of these documents (the signal summaries). */
export const documentTexts = (db: Kysely<DB>, documentIds: string[]) =>
  documentIds.length
    ? db
        .selectFrom('documents as d')
        .innerJoin('document_versions as v', (j) => j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'))
        .select(['d.id', 'd.pseudonymised', 'v.text_enc'])
        .where('d.id', 'in', documentIds)
        .execute()
    : Promise.resolve([] as { id: string; pseudonymised: boolean; text_enc: string }[]);

/** Date and themes of every signal in a period (for the counts per theme per month). */
export async function countInputs(db: Kysely<DB>, studyId: string, f: { from?: string; to?: string }) {
  const rows = await signalsWhere(db, studyId, f)
    .leftJoin('signal_themes as t', 't.signal_id', 's.id')
    .select(['s.id', 's.received_on', 't.code_id'])
    .execute();
  const by = new Map<string, { signalId: string; receivedOn: string; themeIds: string[] }>();
  for (const r of rows) {
    let s = by.get(r.id);
    if (!s) by.set(r.id, (s = { signalId: r.id, receivedOn: r.received_on, themeIds: [] }));
    if (r.code_id) s.themeIds.push(r.code_id);
  }
  return [...by.values()];
}

