import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { Client, startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { verifyAuditChain } from './audit.service';
import { chainHash } from './audit.chain';
import { JobRunner } from '../../platform/jobs';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
const countAll = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(db())).rows[0].n);
const lastEvent = () => db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
const auditPage = (c: Client, query = '') => c.get(`/api/studies/${s.slug}/audit${query ? `?${query}` : ''}`);

describe('audit trail', () => {
  it('every study change writes exactly one event, by the person who made it', async () => {
    const lead = s.lead.client;
    const url = `/api/studies/${s.slug}`;
    const changes: [string, () => Promise<{ status: number; body: any }>, Record<string, unknown>?][] = [
      ['study.updated', () => lead.patch(url, { title: 'Terugplaatsing: herziene titel' }), { fields: ['title'] }],
      ['study.confidential_updated', () => lead.put(`${url}/confidential`, { notes: 'Contact: familie De Vries' }), { length: 25 }],
      ['member.role_changed', () => lead.patch(`${url}/members/${s.committee.user.id}`, { role: 'researcher' }), { from: 'committee', to: 'researcher' }],
      ['member.removed', () => lead.delete(`${url}/members/${s.committee.user.id}`), { role: 'researcher' }],
      ['member.added', () => lead.post(`${url}/members`, { email: s.committee.email, role: 'committee' }), { role: 'committee' }],
      ['member.invited', () => lead.post(`${url}/members`, { email: 'later@example.org', role: 'coder' }), { role: 'coder' }],
      [
        'member.invitation_revoked',
        async () => {
          const inv = (await lead.get(`${url}/members`)).body.invitations.find((i: { email: string }) => i.email === 'later@example.org');
          return lead.delete(`${url}/invitations/${inv.id}`);
        },
      ],
      ['study.archived', () => lead.post(`${url}/archive`)],
      ['study.unarchived', () => lead.post(`${url}/unarchive`)],
    ];
    for (const [action, change, details] of changes) {
      const before = await countAll();
      const r = await change();
      expect(r.status, action).toBe(200);
      expect(await countAll(), action).toBe(before + 1);
      const e = await lastEvent();
      expect(e, action).toMatchObject({ action, study_id: s.studyId, actor_id: s.lead.user.id });
      if (details) expect(e.details, action).toEqual(details);
    }
    // the edit changed only the title (and the event says so)
    expect((await lead.get(url)).body).toMatchObject({ title: 'Terugplaatsing: herziene titel', researchQuestions: ['Wat helpt bij terugplaatsing?'] });
    // the confidential notes themselves never end up in the trail
    const all = await db().selectFrom('audit_events').select(sql<string>`details::text`.as('d')).execute();
    expect(all.map((r) => r.d).join()).not.toContain('De Vries');
  });

  it('a refused change writes no event', async () => {
    const url = `/api/studies/${s.slug}`;
    const before = await countAll();
    const refused = [
      await s.lead.client.delete(`${url}/members/${s.lead.user.id}`),
      await s.lead.client.patch(`${url}/members/${s.lead.user.id}`, { role: 'coder' }),
      await s.lead.client.patch(url, { periodStart: '2026-06-01', periodEnd: '2026-01-01' }),
      await s.researcher.client.patch(url, { title: 'Niet toegestaan' }),
      await s.outsider.client.post(`${url}/members`, { email: s.outsider.email, role: 'lead' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([409, 409, 400, 403, 403]);
    expect(await countAll()).toBe(before);
  });

  it('the change and its event are one transaction: when the event cannot be written, the change is undone', async () => {
    const url = `/api/studies/${s.slug}`;
    const titleBefore = (await s.lead.client.get(url)).body.title;
    // test-only: make every audit insert fail
    await sql`CREATE FUNCTION tnh_test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: audit write refused'; END $$`.execute(db());
    await sql`CREATE TRIGGER tnh_test_refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION tnh_test_refuse_audit()`.execute(db());
    let patched, added;
    try {
      patched = await s.lead.client.patch(url, { title: 'Deze titel mag niet blijven' });
      added = await s.lead.client.post(`${url}/members`, { email: s.outsider.email, role: 'coder' });
    } finally {
      await sql`DROP TRIGGER tnh_test_refuse_audit ON audit_events`.execute(db());
      await sql`DROP FUNCTION tnh_test_refuse_audit()`.execute(db());
    }
    expect(patched.status).toBe(500);
    expect(patched.body.error.code).toBe('internal');
    // a 500 never leaks internals, and carries the request id under which it was logged
    expect(JSON.stringify(patched.body)).not.toMatch(/audit write refused|plpgsql|at /);
    expect(patched.body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(added.status).toBe(500);
    expect((await s.lead.client.get(url)).body.title).toBe(titleBefore);
    const members = (await s.lead.client.get(`${url}/members`)).body.members.map((m: { userId: string }) => m.userId);
    expect(members).not.toContain(s.outsider.user.id);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const before = await db().selectFrom('audit_events').select(['id', 'action', 'hash']).orderBy('id').execute();
    const first = before[0].id;
    await expect(sql`UPDATE audit_events SET action = 'vervalst' WHERE id = ${first}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events WHERE id = ${first}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_events`.execute(db())).rejects.toThrow(/append-only/);
    await expect(db().updateTable('audit_events').set({ details: '{}' }).execute()).rejects.toThrow(/append-only/);
    expect(await db().selectFrom('audit_events').select(['id', 'action', 'hash']).orderBy('id').execute()).toEqual(before);
  });

  it('filters by person, action and date, and pages with nextBefore', async () => {
    // an event by someone else: a person accepts an invitation
    const inv = await s.lead.client.post(`/api/studies/${s.slug}/members`, { email: 'formule@example.org', role: 'coder' });
    const newcomer = new Client(t.app);
    const acc = await newcomer.post('/api/links/accept', { token: inv.body.invitationLink.split('#')[1], name: '=1+2', password: 'een-lang-wachtwoord-2' });
    expect(acc.status).toBe(200);
    const newcomerId: string = acc.body.user.id;

    const all = await auditPage(s.lead.client, 'limit=500');
    expect(all.status).toBe(200);
    const events: { id: number; actorId: string; actorName: string; action: string }[] = all.body.events;
    const inDb = await db().selectFrom('audit_events').select('id').where('study_id', '=', s.studyId).orderBy('id', 'desc').execute();
    expect(events.map((e) => e.id)).toEqual(inDb.map((r) => Number(r.id)));
    expect(all.body.nextBefore).toBeNull();
    expect(all.body.actions).toEqual([...new Set(events.map((e) => e.action))].sort());

    const byActor = await auditPage(s.lead.client, `actor=${newcomerId}`);
    expect(byActor.body.events).toHaveLength(1);
    expect(byActor.body.events[0]).toMatchObject({ action: 'member.joined', actorId: newcomerId, actorName: '=1+2', details: { role: 'coder' } });
    const leadEvents = (await auditPage(s.lead.client, `actor=${s.lead.user.id}&limit=500`)).body.events;
    expect(leadEvents.length).toBe(events.filter((e) => e.actorId === s.lead.user.id).length);
    expect(leadEvents.every((e: { actorId: string }) => e.actorId === s.lead.user.id)).toBe(true);

    const added = (await auditPage(s.lead.client, 'action=member.added&limit=500')).body.events;
    expect(added.length).toBe(events.filter((e) => e.action === 'member.added').length);
    expect(added.length).toBeGreaterThanOrEqual(3);
    expect(added.every((e: { action: string }) => e.action === 'member.added')).toBe(true);

    // dates are whole days (inclusive), in the database's calendar
    const { rows } = await sql<{ today: string; tomorrow: string; yesterday: string }>`
      select current_date::text as today, (current_date + 1)::text as tomorrow, (current_date - 1)::text as yesterday`.execute(db());
    const { today, tomorrow, yesterday } = rows[0];
    const n = async (q: string) => (await auditPage(s.lead.client, `${q}&limit=500`)).body.events.length;
    expect(await n(`from=${today}&to=${today}`)).toBe(events.length);
    expect(await n(`from=${tomorrow}`)).toBe(0);
    expect(await n(`to=${yesterday}`)).toBe(0);
    expect(await n(`from=${yesterday}&to=${today}&action=member.added`)).toBe(added.length);

    // paging: every event exactly once, newest first
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page: { body: { events: { id: number }[]; nextBefore: number | null } } = await auditPage(s.lead.client, `limit=3${before ? `&before=${before}` : ''}`);
      expect(page.body.events.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.events.map((e) => e.id));
      before = page.body.nextBefore;
      pages++;
    } while (before !== null && pages < 100);
    expect(seen).toEqual(events.map((e) => e.id));
    expect(pages).toBe(Math.ceil(events.length / 3));

    const invalid = await auditPage(s.lead.client, 'actor=niet-een-id');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation');
    expect((await auditPage(s.lead.client, 'from=31-12-2026')).status).toBe(400);
    // only the lead reads the trail
    for (const who of [s.researcher, s.coder, s.committee, s.outsider, s.admin]) expect((await auditPage(who.client)).status).toBe(403);
  });

  it('exports the trail as CSV in a job that only its starter can see', async () => {
    const start = await s.lead.client.post(`/api/studies/${s.slug}/audit/export`, {});
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ kind: 'audit.export', status: 'queued', hasOutput: false });
    const jobId: string = start.body.id;
    const early = await s.lead.client.get(`/api/jobs/${jobId}/download`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_ready');
    expect((await s.researcher.client.post(`/api/studies/${s.slug}/audit/export`, {})).status).toBe(403);

    expect(await new JobRunner(t.platform.deps).drain()).toBe(1);
    const job = await s.lead.client.get(`/api/jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ status: 'done', hasOutput: true, error: null });
    expect(job.body.total).toBeGreaterThan(0);
    expect(job.body.progress).toBe(job.body.total);
    expect(job.body.finishedAt).not.toBeNull();

    const dl = await s.lead.client.get(`/api/jobs/${jobId}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(dl.headers['content-disposition']).toContain(`attachment; filename="audittrail-${s.slug}.csv"`);
    const text = dl.body as string;
    expect(text.startsWith('\ufeff')).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual(['id', 'tijdstip', 'persoon', 'persoon_id', 'handeling', 'objecttype', 'object_id', 'details']);

    const events = (await auditPage(s.lead.client, 'limit=500')).body.events as { id: number; at: string; actorId: string | null; actorName: string | null; action: string; objectType: string; objectId: string | null; details: unknown }[];
    expect(rows.map((r) => Number(r[0]))).toEqual(events.map((e) => e.id));
    expect(rows.at(0)![4]).toBe('audit.exported');
    for (const [i, e] of events.entries()) {
      const [, at, name, actorId, action, objectType, objectId, details] = rows[i];
      expect({ at, actorId, action, objectType, objectId, details: JSON.parse(details) }).toEqual({
        at: e.at,
        actorId: e.actorId ?? '',
        action: e.action,
        objectType: e.objectType,
        objectId: e.objectId ?? '',
        details: e.details,
      });
      // a name that a spreadsheet would run as a formula is neutralised
      expect(name).toBe(e.actorName === '=1+2' ? "'=1+2" : (e.actorName ?? ''));
    }
    expect(rows.some((r) => r[2] === "'=1+2")).toBe(true);

    // the job and its file belong to the person who started it
    for (const who of [s.researcher, s.admin, s.outsider]) {
      expect((await who.client.get(`/api/jobs/${jobId}`)).status).toBe(404);
      expect((await who.client.get(`/api/jobs/${jobId}/download`)).status).toBe(404);
    }
    expect((await new Client(t.app).get(`/api/jobs/${jobId}`)).status).toBe(401);

    // a filtered export holds only the matching events
    const filtered = await s.lead.client.post(`/api/studies/${s.slug}/audit/export`, { action: 'member.added' });
    await new JobRunner(t.platform.deps).drain();
    expect((await s.lead.client.get(`/api/jobs/${filtered.body.id}`)).body.status).toBe('done');
    const fRows = Papa.parse<string[]>(((await s.lead.client.get(`/api/jobs/${filtered.body.id}/download`)).body as string).slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(fRows.map((r) => Number(r[0]))).toEqual(events.filter((e) => e.action === 'member.added').map((e) => e.id));
  });

  describe('hash chain', () => {
    const rowsInOrder = () => db().selectFrom('audit_events').selectAll().orderBy('id').execute();
    async function withTriggersOff(fn: () => Promise<unknown>) {
      await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(db());
      try {
        await fn();
      } finally {
        await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(db());
      }
    }
    const fields = (r: Awaited<ReturnType<typeof rowsInOrder>>[number], details: Record<string, unknown>) => ({
      id: Number(r.id),
      studyId: r.study_id,
      actorId: r.actor_id,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      details,
      createdAt: new Date(r.created_at).toISOString(),
      prevHash: r.prev_hash,
    });

    it('stores the hash the database computed as chainHash computes it, for any details and concurrent appends', async () => {
      const { appendAuditEvent } = await import('./audit.repository');
      const details = { 'z"': ['é', '😀', 'regel\nregel', null, 1.5, true], a: { '': 'leeg', b: [{ y: 1, x: 2 }] }, '</script>': '<b>\\' };
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          db().transaction().execute((trx) => appendAuditEvent(trx, { studyId: i % 2 ? s.studyId : null, actorId: null, action: `test.chain_${i}`, objectType: 'test', objectId: i ? `o"${i}` : null, details: i ? details : undefined })),
        ),
      );
      const rows = (await rowsInOrder()).slice(-5);
      expect(rows.map((r) => r.action).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `test.chain_${i}`));
      for (const r of rows) expect(chainHash(fields(r, r.details as unknown as Record<string, unknown>))).toBe(r.hash);
      expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
    });

    it('appends several events at once (batched completions) in order, linked to single appends running at the same time', async () => {
      const { appendAuditEvent, appendAuditEvents } = await import('./audit.repository');
      const details = { 'z"': ['é', '😀', 'regel\nregel', null], '</script>': '<b>\\' };
      const batch = (n: number, tag: string) =>
        db().transaction().execute((trx) =>
          appendAuditEvents(trx, Array.from({ length: n }, (_, i) => ({ studyId: i % 2 ? s.studyId : null, actorId: null, action: `test.batch_${tag}_${i}`, objectType: 'test', objectId: `o"${i}`, details: i ? details : undefined }))),
        );
      const [ids1, , ids2] = await Promise.all([
        batch(4, 'a'),
        db().transaction().execute((trx) => appendAuditEvent(trx, { studyId: null, actorId: null, action: 'test.single', objectType: 'test' })),
        batch(3, 'b'),
      ]);
      expect(ids1).toHaveLength(4);
      expect(ids2).toHaveLength(3);
      expect(await db().transaction().execute((trx) => appendAuditEvents(trx, []))).toEqual([]);
      const rows = (await rowsInOrder()).slice(-8);
      for (const tag of ['a', 'b']) {
        const mine = rows.filter((r) => r.action.startsWith(`test.batch_${tag}_`));
        expect(mine.map((r) => r.action)).toEqual(mine.map((_, i) => `test.batch_${tag}_${i}`));
      }
      for (const r of rows) expect(chainHash(fields(r, r.details as unknown as Record<string, unknown>))).toBe(r.hash);
      expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
    });

    it('verifies a clean chain', async () => {
      const rows = await rowsInOrder();
      const r = await verifyAuditChain(t.platform.deps);
      expect(r).toEqual({ ok: true, checked: rows.length, headHash: rows.at(-1)!.hash, firstBroken: null });
      expect(rows.length).toBeGreaterThan(20);
    });

    it('finds a changed row, also when its own hash was recomputed', async () => {
      const rows = await rowsInOrder();
      const i = Math.floor(rows.length / 2);
      const victim = rows[i];
      await withTriggersOff(() => sql`UPDATE audit_events SET details = ${JSON.stringify({ title: 'vervalst' })}::jsonb WHERE id = ${victim.id}`.execute(db()));
      let r = await verifyAuditChain(t.platform.deps);
      expect(r.ok).toBe(false);
      expect(r.firstBroken).toEqual({ id: Number(victim.id), reason: expect.stringMatching(/hash klopt niet/) });
      expect(r.checked).toBe(i);

      // a careful forger also recomputes the row's hash: then the next link breaks
      const forged = chainHash(fields(victim, { title: 'vervalst' }));
      await withTriggersOff(() => sql`UPDATE audit_events SET hash = ${forged} WHERE id = ${victim.id}`.execute(db()));
      r = await verifyAuditChain(t.platform.deps);
      expect(r.firstBroken).toEqual({ id: Number(rows[i + 1].id), reason: expect.stringMatching(/prev_hash klopt niet/) });

      await withTriggersOff(() => sql`UPDATE audit_events SET details = ${JSON.stringify(victim.details)}::jsonb, hash = ${victim.hash} WHERE id = ${victim.id}`.execute(db()));
      expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
    });

    it('finds a deleted row: the row after it is reported', async () => {
      const rows = await rowsInOrder();
      const i = Math.floor(rows.length / 3);
      const victim = rows[i];
      await withTriggersOff(() => sql`DELETE FROM audit_events WHERE id = ${victim.id}`.execute(db()));
      const r = await verifyAuditChain(t.platform.deps);
      expect(r.ok).toBe(false);
      expect(r.firstBroken!.id).toBe(Number(rows[i + 1].id));
      expect(r.checked).toBe(i);

      await db().insertInto('audit_events').values({ ...victim, details: JSON.stringify(victim.details) }).execute();
      expect((await verifyAuditChain(t.platform.deps)).ok).toBe(true);
    });
  });
});
