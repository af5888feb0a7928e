import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { GENESIS, canonicalTail, chainHash } from './audit.chain';
import { prepared } from '../../db/prepared';

export interface AuditInput {
  studyId: string | null;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId?: string | null;
  details?: Record<string, unknown>;
}

const CHAIN_LOCK = 7_274_001;

/**
 * Appends one event to the hash chain. Must run inside the transaction of the change it records.
 *
 * Two statements: the chain lock (a statement of its own, so that the next one's snapshot sees every event committed
 * before the lock was granted), then one INSERT that takes the next id and the previous hash and computes the hash in
 * the database. That hash is sha256 over the same canonical text as `chainHash` (audit.chain.ts): the JSON array
 * [id, prevHash, studyId, actorId, action, objectType, objectId, details, createdAt]; everything after id and prevHash
 * is serialised here by `canonicalTail`, so the database only adds a number and a hex string (audit.it.test.ts checks
 * that `chainHash` gives the stored hash).
 */
export async function appendAuditEvent(trx: Kysely<DB>, e: AuditInput): Promise<number> {
  await prepared`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const fields = {
    studyId: e.studyId,
    actorId: e.actorId,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId ?? null,
    details: e.details ?? {},
    createdAt: new Date().toISOString(),
  };
  const { rows } = await prepared<{ id: number }>`
    with n as (
      select nextval('audit_events_id_seq')::bigint as id,
             coalesce((select hash from audit_events order by id desc limit 1), ${GENESIS}) as prev
    )
    insert into audit_events (id, study_id, actor_id, action, object_type, object_id, details, created_at, prev_hash, hash)
    select n.id, ${fields.studyId}, ${fields.actorId}, ${fields.action}, ${fields.objectType}, ${fields.objectId}, ${JSON.stringify(fields.details)}::jsonb,
           ${fields.createdAt}::timestamptz, n.prev,
           encode(sha256(convert_to('[' || n.id::text || ',"' || n.prev || '",' || ${canonicalTail(fields)}::text, 'UTF8')), 'hex')
    from n
    returning id`.execute(trx);
  return Number(rows[0].id);
}

/**
 * Appends several events (in the given order) to the hash chain: the chain lock, one statement that takes the ids
 * and the previous hash, one INSERT of all rows with their hashes computed here (`chainHash`, the same text the
 * database hashes in `appendAuditEvent`). Must run inside the transaction of the changes it records.
 */
export async function appendAuditEvents(trx: Kysely<DB>, events: AuditInput[]): Promise<number[]> {
  if (events.length === 0) return [];
  if (events.length === 1) return [await appendAuditEvent(trx, events[0])];
  await prepared`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const { rows: head } = await prepared<{ prev: string | null; ids: string[] }>`
    select (select hash from audit_events order by id desc limit 1) as prev,
           array(select nextval('audit_events_id_seq')::bigint from generate_series(1, ${events.length}::int)) as ids`.execute(trx);
  let prev = head[0].prev ?? GENESIS;
  const ids = head[0].ids.map(Number).sort((a, b) => a - b);
  const createdAt = new Date().toISOString();
  const rows = events.map((e, i) => {
    const f = { id: ids[i], studyId: e.studyId, actorId: e.actorId, action: e.action, objectType: e.objectType, objectId: e.objectId ?? null, details: e.details ?? {}, createdAt, prevHash: prev };
    const hash = chainHash(f);
    const row = { id: f.id, study_id: f.studyId, actor_id: f.actorId, action: f.action, object_type: f.objectType, object_id: f.objectId, details: f.details, created_at: createdAt, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  await prepared`
    insert into audit_events (id, study_id, actor_id, action, object_type, object_id, details, created_at, prev_hash, hash)
    select id, study_id, actor_id, action, object_type, object_id, details, created_at, prev_hash, hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as x(id bigint, study_id uuid, actor_id uuid, action text, object_type text, object_id text, details jsonb, created_at timestamptz, prev_hash text, hash text)`.execute(trx);
  return ids;
}

export interface AuditFilter {
  studyId: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

function filtered(db: Kysely<DB>, f: Omit<AuditFilter, 'limit'>) {
  let q = db.selectFrom('audit_events as a').where('a.study_id', '=', f.studyId);
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.from) q = q.where('a.created_at', '>=', f.from);
  if (f.to) q = q.where(sql<boolean>`a.created_at < (${f.to}::date + 1)`);
  if (f.before) q = q.where('a.id', '<', f.before);
  return q;
}

export const listAuditEvents = (db: Kysely<DB>, f: AuditFilter) =>
  filtered(db, f)
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.id', 'a.created_at', 'a.actor_id', 'u.name as actor_name', 'a.action', 'a.object_type', 'a.object_id', 'a.details'])
    .orderBy('a.id', 'desc')
    .limit(f.limit)
    .execute();

export async function countAuditEvents(db: Kysely<DB>, f: Omit<AuditFilter, 'limit'>): Promise<number> {
  const r = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function distinctAuditActions(db: Kysely<DB>, studyId: string): Promise<string[]> {
  const rows = await db.selectFrom('audit_events').select('action').distinct().where('study_id', '=', studyId).orderBy('action').execute();
  return rows.map((r) => r.action);
}

/** A page of the whole chain in id order, for verification. */
export async function chainPage(db: Kysely<DB>, afterId: number, limit: number) {
  const rows = await db.selectFrom('audit_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    studyId: r.study_id,
    actorId: r.actor_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    details: r.details as unknown as Record<string, unknown>,
    createdAt: new Date(r.created_at).toISOString(),
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}
