/** Every SQL query of the case-file study: cases, their events, the cached derived rows, second codings, job inputs. */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { EVENT_TYPES, type CaseEvent, type CaseInput } from '../../../shared/dossiers';
import { dayOf } from './outcomes';

export interface CaseRow {
  id: string;
  study_id: string;
  code: string;
  birth_month: string;
  sex: string;
  region: string;
  institution: string;
  siblings: number | null;
  placement_reasons: string[];
  parent_factors: string[];
  status: string;
  coder_id: string | null;
  first_coding: Record<string, unknown> | null;
  updated_at: Date;
}

/** What the cached per-case row holds: derived once per write, read by the monitor and the case list. */
export interface OutcomeRow {
  caseId: string;
  outcome: unknown;
  flagsCount: number;
  eventsCount: number;
  placed: boolean;
  reunified: boolean;
  /** the version of the outcome definition it was derived with (OUTCOME_VERSION) */
  version: number;
}

// ---- one case ---------------------------------------------------------------------------------------

export const findCase = (db: Kysely<DB>, studyId: string, caseId: string) =>
  db.selectFrom('cases').selectAll().where('study_id', '=', studyId).where('id', '=', caseId).executeTakeFirst() as Promise<CaseRow | undefined>;

/** The same row, locked for the rest of the transaction (edits of one case are serialised). */
export const findCaseForUpdate = (db: Kysely<DB>, studyId: string, caseId: string) =>
  db.selectFrom('cases').selectAll().where('study_id', '=', studyId).where('id', '=', caseId).forUpdate().executeTakeFirst() as Promise<CaseRow | undefined>;

export const listEvents = (db: Kysely<DB>, caseId: string) =>
  db.selectFrom('case_events').select(['date', 'type', 'detail']).where('case_id', '=', caseId).orderBy('seq').execute() as Promise<CaseEvent[]>;

export async function findCaseIdByCode(db: Kysely<DB>, studyId: string, code: string): Promise<string | null> {
  const r = await db.selectFrom('cases').select('id').where('study_id', '=', studyId).where('code', '=', code).executeTakeFirst();
  return r?.id ?? null;
}

const caseValues = (c: CaseInput) => ({
  code: c.code,
  birth_month: c.birthMonth,
  sex: c.sex,
  region: c.region,
  institution: c.institution,
  siblings: c.siblings,
  placement_reasons: JSON.stringify(c.placementReasons),
  parent_factors: JSON.stringify(c.parentFactors),
  status: c.status,
});

export async function insertCase(db: Kysely<DB>, studyId: string, c: CaseInput, coderId: string | null): Promise<CaseRow> {
  return (await db
    .insertInto('cases')
    .values({ study_id: studyId, coder_id: coderId, ...caseValues(c) })
    .returningAll()
    .executeTakeFirstOrThrow()) as CaseRow;
}

export async function updateCase(db: Kysely<DB>, caseId: string, c: CaseInput, extra: { firstCoding?: Record<string, unknown> } = {}): Promise<CaseRow> {
  return (await db
    .updateTable('cases')
    .set({
      ...caseValues(c),
      ...(extra.firstCoding ? { first_coding: JSON.stringify(extra.firstCoding) } : {}),
      updated_at: sql`now()`,
    } as never)
    .where('id', '=', caseId)
    .returningAll()
    .executeTakeFirstOrThrow()) as CaseRow;
}

export async function replaceEvents(db: Kysely<DB>, caseId: string, events: CaseEvent[]): Promise<void> {
  await db.deleteFrom('case_events').where('case_id', '=', caseId).execute();
  if (events.length === 0) return;
  await db
    .insertInto('case_events')
    .values(events.map((e, seq) => ({ case_id: caseId, seq, date: e.date, type: e.type, detail: e.detail })))
    .execute();
}

export const upsertOutcome = (db: Kysely<DB>, studyId: string, o: OutcomeRow) => {
  const v = { outcome: JSON.stringify(o.outcome), flags_count: o.flagsCount, events_count: o.eventsCount, placed: o.placed, reunified: o.reunified, version: o.version };
  return db
    .insertInto('case_outcomes')
    .values({ case_id: o.caseId, study_id: studyId, ...v })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(v))
    .execute();
};

export async function deleteCase(db: Kysely<DB>, studyId: string, caseId: string): Promise<boolean> {
  const r = await db.deleteFrom('cases').where('study_id', '=', studyId).where('id', '=', caseId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// ---- lists ------------------------------------------------------------------------------------------

export interface CaseFilter {
  q?: string;
  status?: string;
  flagged?: boolean;
  /** leave out the cases this person codes blind (open second-coding assignments) */
  hideBlindFor?: string;
  offset: number;
  limit: number;
}

function filtered(db: Kysely<DB>, studyId: string, f: Omit<CaseFilter, 'offset' | 'limit'>) {
  let q = db.selectFrom('cases as c').innerJoin('case_outcomes as o', 'o.case_id', 'c.id').where('c.study_id', '=', studyId);
  // strpos, not LIKE: the search text needs no escaping of % and _
  if (f.q) q = q.where(sql<boolean>`strpos(lower(c.code), lower(${f.q})) > 0`);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.flagged !== undefined) q = q.where('o.flags_count', f.flagged ? '>' : '=', 0);
  const blind = f.hideBlindFor;
  if (blind) {
    q = q.where((eb) =>
      eb.not(eb.exists(eb.selectFrom('case_second_assignments as a').select('a.case_id').whereRef('a.case_id', '=', 'c.id').where('a.coder_id', '=', blind).where('a.closed_at', 'is', null))),
    );
  }
  return q;
}

export async function listCases(db: Kysely<DB>, studyId: string, f: CaseFilter) {
  const rows = await filtered(db, studyId, f)
    .select(['c.id', 'c.code', 'c.birth_month', 'c.sex', 'c.region', 'c.status', 'c.updated_at', 'o.events_count', 'o.flags_count', 'o.placed', 'o.reunified'])
    .orderBy('c.code')
    .offset(f.offset)
    .limit(f.limit)
    .execute();
  const total = await filtered(db, studyId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

/** Every derived outcome of a study in one round trip: one JSON text instead of a row per case. */
export async function loadOutcomes<T>(db: Kysely<DB>, studyId: string): Promise<T[]> {
  const { rows } = await sql<{ j: string | null }>`select string_agg(outcome::text, ',') as j from case_outcomes where study_id = ${studyId}`.execute(db);
  return rows[0]?.j ? (JSON.parse(`[${rows[0].j}]`) as T[]) : [];
}

/** True when some cached outcome of the study was derived with another version of the definition. */
export async function hasStaleOutcomes(db: Kysely<DB>, studyId: string, version: number): Promise<boolean> {
  const { rows } = await sql<{ stale: boolean }>`select exists(select 1 from case_outcomes where study_id = ${studyId} and version <> ${version}) as stale`.execute(db);
  return !!rows[0]?.stale;
}

/** The ids of the study's cases whose cached outcome is of another version (all of them with `all`), in code order. */
export async function outcomeCaseIds(db: Kysely<DB>, studyId: string, version: number, all: boolean): Promise<string[]> {
  let q = db.selectFrom('case_outcomes as o').innerJoin('cases as c', 'c.id', 'o.case_id').select('o.case_id').where('o.study_id', '=', studyId);
  if (!all) q = q.where('o.version', '<>', version);
  return (await q.orderBy('c.code').execute()).map((r) => r.case_id);
}

/** Some cases of a study with their events (recomputation). */
export async function loadCasesByIds(db: Kysely<DB>, studyId: string, ids: string[]): Promise<{ cases: CaseRow[]; events: Map<string, CaseEvent[]> }> {
  const cases = (await db.selectFrom('cases').selectAll().where('study_id', '=', studyId).where(sql<boolean>`id = any(${ids}::uuid[])`).execute()) as CaseRow[];
  const events = new Map<string, CaseEvent[]>();
  const { rows } = await sql<{ case_id: string; date: string; type: string; detail: string }>`
    select case_id, date, type, detail from case_events where case_id = any(${ids}::uuid[]) order by case_id, seq`.execute(db);
  for (const r of rows) {
    let list = events.get(r.case_id);
    if (!list) events.set(r.case_id, (list = []));
    list.push({ date: r.date, type: r.type as CaseEvent['type'], detail: r.detail });
  }
  return { cases, events };
}

/** Inserts (or, with `replace`, overwrites) cached outcome rows in one statement. */
export async function insertOutcomes(db: Kysely<DB>, studyId: string, rows: OutcomeRow[], replace = false) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((o) => [o.caseId, o.outcome, o.flagsCount, o.eventsCount, o.placed, o.reunified, o.version]));
  const onConflict = replace
    ? sql`on conflict (case_id) do update set outcome = excluded.outcome, flags_count = excluded.flags_count, events_count = excluded.events_count,
        placed = excluded.placed, reunified = excluded.reunified, version = excluded.version`
    : sql``;
  await sql`
    insert into case_outcomes (case_id, study_id, outcome, flags_count, events_count, placed, reunified, version)
    select (v->>0)::uuid, ${studyId}::uuid, v->1, (v->>2)::int, (v->>3)::int, (v->>4)::boolean, (v->>5)::boolean, (v->>6)::int
    from jsonb_array_elements(${json}::jsonb) v
    ${onConflict}`.execute(db);
}

/** Which of these codes already exist in the study. */
export async function existingCodes(db: Kysely<DB>, studyId: string, codes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 10_000) {
    const { rows } = await sql<{ code: string }>`select code from cases where study_id = ${studyId} and code = any(${codes.slice(i, i + 10_000)}::text[])`.execute(db);
    for (const r of rows) out.add(r.code);
  }
  return out;
}

/** Every case of a study with its events, in code order (export). */
export async function loadAllCases(db: Kysely<DB>, studyId: string): Promise<{ cases: CaseRow[]; events: Map<string, CaseEvent[]> }> {
  const cases = (await db.selectFrom('cases').selectAll().where('study_id', '=', studyId).orderBy('code').execute()) as CaseRow[];
  const events = new Map<string, CaseEvent[]>();
  const { rows } = await sql<{ case_id: string; date: string; type: string; detail: string }>`
    select e.case_id, e.date, e.type, e.detail from case_events e join cases c on c.id = e.case_id
    where c.study_id = ${studyId} order by e.case_id, e.seq`.execute(db);
  for (const r of rows) {
    let list = events.get(r.case_id);
    if (!list) events.set(r.case_id, (list = []));
    list.push({ date: r.date, type: r.type as CaseEvent['type'], detail: r.detail });
  }
  return { cases, events };
}

// ---- bulk insert (import) ---------------------------------------------------------------------------

export interface BulkCase {
  id: string;
  input: CaseInput;
  outcome: OutcomeRow;
}

/**
 * Ids for a bulk insert in ascending order (UUID version 7 layout: the time, then a counter, then random bits), so
 * that the primary-key indexes of cases and case_events grow at their right edge instead of at random places.
 */
export function ascendingIds(n: number): string[] {
  const hex = (v: number, width: number) => v.toString(16).padStart(width, '0');
  const time = hex(Date.now(), 12);
  const tail = crypto.randomBytes(5).toString('hex');
  const out = new Array<string>(n);
  for (let c = 0; c < n; c++) {
    const h = `${time}7${hex((c >>> 20) & 0xfff, 3)}${(8 + ((c >>> 18) & 3)).toString(16)}${hex((c >>> 6) & 0xfff, 3)}${hex(c & 0x3f, 2)}${tail}`;
    out[c] = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return out;
}

/** PostgreSQL array literals, written directly (compact: a few bytes per value instead of a quoted string). */
const intArray = (a: number[]) => `{${a.join(',')}}`;
const SAFE_ELEMENT = /^[A-Za-z0-9_.-]+$/;
const textElement = (v: string) => (SAFE_ELEMENT.test(v) && !/^null$/i.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
const textArray = (a: string[]) => `{${a.map(textElement).join(',')}}`;
const TYPE_INDEX = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

/**
 * PGlite only: runs fn with row triggers off for this transaction (session_replication_role = replica, which needs
 * the superuser PGlite always runs as), so the foreign-key checks of a bulk insert do not cost one lookup per
 * row (the embedded database spends ~80% of an import on them). Integrity holds by construction: every row refers
 * to a case inserted just before in the same transaction (an out-of-range position gives NULL, which NOT NULL
 * refuses), to the study loaded for the import, or to the importing account. Off again before the audit event.
 */
export async function withoutRowTriggers<T>(trx: Kysely<DB>, fn: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ su: boolean }>`select current_setting('is_superuser') = 'on' as su`.execute(trx);
  if (!rows[0]?.su) return fn();
  await sql`set local session_replication_role = replica`.execute(trx);
  // on an error the transaction is rolled back, and the setting with it
  const r = await fn();
  await sql`set local session_replication_role = origin`.execute(trx);
  return r;
}

const CASE_CHUNK = 5_000;
const EVENT_CHUNK = 100_000;

/**
 * Inserts cases, their events and derived rows with `insert … select from unnest(arrays)`: a few statements per
 * thousands of rows. Events travel compactly: the case as its position in the chunk, the date as a day number, the
 * type as its position in EVENT_TYPES. Runs inside the caller's transaction; `progress` hears how many cases are in.
 */
export async function bulkInsertCases(trx: Kysely<DB>, studyId: string, coderId: string | null, cases: BulkCase[], progress: (done: number) => Promise<void>) {
  for (let i = 0; i < cases.length; i += CASE_CHUNK) {
    const chunk = cases.slice(i, i + CASE_CHUNK);
    // cases and derived rows travel as one JSON text each: far cheaper than text[] literals of escaped strings
    const caseRows = JSON.stringify(
      chunk.map((b) => [b.id, b.input.code, b.input.birthMonth, b.input.sex, b.input.region, b.input.institution, b.input.siblings, b.input.placementReasons, b.input.parentFactors, b.input.status]),
    );
    await sql`
      insert into cases (id, study_id, code, birth_month, sex, region, institution, siblings, placement_reasons, parent_factors, status, coder_id)
      select (v->>0)::uuid, ${studyId}::uuid, v->>1, v->>2, v->>3, v->>4, v->>5, (v->>6)::int, v->7, v->8, v->>9, ${coderId}::uuid
      from jsonb_array_elements(${caseRows}::jsonb) v`.execute(trx);
    await insertOutcomes(trx, studyId, chunk.map((b) => ({ ...b.outcome, caseId: b.id })));

    // the chunk's events, in statements of about EVENT_CHUNK rows
    const ids = `{${chunk.map((b) => b.id).join(',')}}`;
    let ks: number[] = [];
    let seqs: number[] = [];
    let days: number[] = [];
    let types: number[] = [];
    let details: string[] = [];
    const flush = async () => {
      if (ks.length === 0) return;
      await sql`
        insert into case_events (case_id, seq, date, type, detail)
        select (${ids}::uuid[])[t.k], t.seq, date '1970-01-01' + t.d, (${EVENT_TYPES as unknown as string[]}::text[])[t.ty], t.detail
        from unnest(${intArray(ks)}::int[], ${intArray(seqs)}::int[], ${intArray(days)}::int[], ${intArray(types)}::int[], ${textArray(details)}::text[])
          as t(k, seq, d, ty, detail)`.execute(trx);
      ks = [];
      seqs = [];
      days = [];
      types = [];
      details = [];
    };
    for (let k = 0; k < chunk.length; k++) {
      const events = chunk[k].input.events;
      for (let seq = 0; seq < events.length; seq++) {
        const e = events[seq];
        const day = dayOf(e.date);
        if (Number.isNaN(day)) throw new Error(`not a date: ${e.date}`);
        ks.push(k + 1);
        seqs.push(seq);
        days.push(day);
        types.push(TYPE_INDEX.get(e.type)! + 1);
        details.push(e.detail);
      }
      if (ks.length >= EVENT_CHUNK) await flush();
    }
    await flush();
    await progress(Math.min(i + CASE_CHUNK, cases.length));
  }
}

// ---- second coding ----------------------------------------------------------------------------------

export const upsertSecondCoding = (db: Kysely<DB>, caseId: string, coderId: string, data: CaseInput) =>
  db
    .insertInto('case_second_codings')
    .values({ case_id: caseId, coder_id: coderId, data: JSON.stringify(data) })
    .onConflict((oc) => oc.columns(['case_id', 'coder_id']).doUpdateSet({ data: JSON.stringify(data), updated_at: sql`now()` } as never))
    .returningAll()
    .executeTakeFirstOrThrow();

export const findSecondCoding = (db: Kysely<DB>, caseId: string, coderId: string) =>
  db.selectFrom('case_second_codings').selectAll().where('case_id', '=', caseId).where('coder_id', '=', coderId).executeTakeFirst();

export const listSecondCodingsOfCase = (db: Kysely<DB>, caseId: string) =>
  db
    .selectFrom('case_second_codings as s')
    .leftJoin('users as u', 'u.id', 's.coder_id')
    .selectAll('s')
    .select('u.name as coder_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.updated_at')
    .execute();

/** Every second coding of a study with its case (the primary coding) and the primary's events. */
export async function secondCodingPairs(db: Kysely<DB>, studyId: string) {
  const rows = await db
    .selectFrom('case_second_codings as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .selectAll('c')
    .select(['s.coder_id as second_coder_id', 's.data as second_data'])
    .where('c.study_id', '=', studyId)
    .orderBy('c.code')
    .orderBy('s.coder_id')
    .execute();
  const ids = [...new Set(rows.map((r) => r.id))];
  const events = new Map<string, CaseEvent[]>();
  if (ids.length) {
    const ev = await db
      .selectFrom('case_events')
      .select(['case_id', 'date', 'type', 'detail'])
      .where(sql<boolean>`case_id = any(${ids}::uuid[])`)
      .orderBy('case_id')
      .orderBy('seq')
      .execute();
    for (const e of ev) {
      let list = events.get(e.case_id);
      if (!list) events.set(e.case_id, (list = []));
      list.push({ date: e.date, type: e.type as CaseEvent['type'], detail: e.detail });
    }
  }
  return { rows: rows as unknown as (CaseRow & { second_coder_id: string; second_data: Record<string, unknown> })[], events };
}

// ---- blind second-coding assignments ------------------------------------------------------------------

export interface AssignmentRow {
  case_id: string;
  code: string;
  coder_id: string;
  coder_name: string | null;
  assigned_at: Date;
  closed_at: Date | null;
  second_coded_at: Date | null;
}

function assignments(db: Kysely<DB>, studyId: string) {
  return db
    .selectFrom('case_second_assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('users as u', 'u.id', 'a.coder_id')
    .leftJoin('case_second_codings as s', (j) => j.onRef('s.case_id', '=', 'a.case_id').onRef('s.coder_id', '=', 'a.coder_id'))
    .select(['a.case_id', 'c.code', 'a.coder_id', 'u.name as coder_name', 'a.assigned_at', 'a.closed_at', 's.updated_at as second_coded_at'])
    .where('c.study_id', '=', studyId);
}

/** The study's assignments (all coders), open ones first, then by code. */
export const listAssignments = (db: Kysely<DB>, studyId: string) =>
  assignments(db, studyId).orderBy(sql`a.closed_at is not null`).orderBy('c.code').orderBy('u.name').execute() as Promise<AssignmentRow[]>;

/** One coder's assignments, open ones first. */
export const listAssignmentsOf = (db: Kysely<DB>, studyId: string, coderId: string) =>
  assignments(db, studyId).where('a.coder_id', '=', coderId).orderBy(sql`a.closed_at is not null`).orderBy('c.code').execute() as Promise<AssignmentRow[]>;

export async function findOpenAssignment(db: Kysely<DB>, caseId: string, coderId: string): Promise<boolean> {
  const r = await db.selectFrom('case_second_assignments').select('case_id').where('case_id', '=', caseId).where('coder_id', '=', coderId).where('closed_at', 'is', null).executeTakeFirst();
  return !!r;
}

export async function hasOpenAssignments(db: Kysely<DB>, studyId: string, coderId: string): Promise<boolean> {
  const r = await db
    .selectFrom('case_second_assignments as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .select('a.case_id')
    .where('c.study_id', '=', studyId)
    .where('a.coder_id', '=', coderId)
    .where('a.closed_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

/**
 * Cases that can be assigned to this coder: not coded first by them, not assigned to them before. `codes`: only
 * these; otherwise a random sample of `sample` cases (complete or verified cases first).
 */
export async function assignableCases(db: Kysely<DB>, studyId: string, coderId: string, pick: { codes?: string[]; sample?: number }) {
  let q = db
    .selectFrom('cases as c')
    .select(['c.id', 'c.code', 'c.coder_id'])
    .where('c.study_id', '=', studyId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('case_second_assignments as a').select('a.case_id').whereRef('a.case_id', '=', 'c.id').where('a.coder_id', '=', coderId))));
  if (pick.codes) return q.where(sql<boolean>`c.code = any(${pick.codes}::text[])`).execute();
  q = q.where((eb) => eb.or([eb('c.coder_id', 'is', null), eb('c.coder_id', '<>', coderId)]));
  return q.orderBy(sql`c.status = 'in_progress'`).orderBy(sql`random()`).limit(pick.sample ?? 0).execute();
}

export const insertAssignments = (db: Kysely<DB>, caseIds: string[], coderId: string, assignedBy: string | null) =>
  db
    .insertInto('case_second_assignments')
    .values(caseIds.map((case_id) => ({ case_id, coder_id: coderId, assigned_by: assignedBy })))
    .onConflict((oc) => oc.columns(['case_id', 'coder_id']).doNothing())
    .execute();

/** The lead has settled the case: its assignments are closed (their coders may now see it). */
export const closeAssignments = (db: Kysely<DB>, caseId: string) =>
  db.updateTable('case_second_assignments').set({ closed_at: sql`now()` } as never).where('case_id', '=', caseId).where('closed_at', 'is', null).execute();

export async function deleteAssignment(db: Kysely<DB>, caseId: string, coderId: string): Promise<boolean> {
  const r = await db.deleteFrom('case_second_assignments').where('case_id', '=', caseId).where('coder_id', '=', coderId).where('closed_at', 'is', null).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
