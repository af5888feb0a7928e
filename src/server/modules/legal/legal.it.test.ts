/**
 * The legal framework and helpdesk signals on a real database: instruments and norms CRUD with versions and the
 * current version by date, idempotent seeding that keeps the brief's verification status, signals whose summary is
 * a coding document of kind 'signal', the all-or-nothing CSV import, counts with disclosure control for the
 * committee (who never gets single signals), permissions, audit and Dutch 400s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, studyWithRoles, type TestPlatform } from '../../../../test/support/platform';
import { SEED_NORMS, SEED_INSTRUMENTS } from './seed';

let t: TestPlatform;
let s: Awaited<ReturnType<typeof studyWithRoles>>;
const L = () => `/api/studies/${s.slug}/legal`;
const S = () => `/api/studies/${s.slug}/signals`;
const today = new Date().toISOString().slice(0, 10);

async function auditActions(): Promise<string[]> {
  const r = await s.lead.client.get(`/api/studies/${s.slug}/audit?limit=500`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.events as any[]).map((e: { action: string }) => e.action);
}

beforeAll(async () => {
  t = await startTestPlatform();
  s = await studyWithRoles(t);
});
afterAll(() => t.close());

describe('norm catalogue', () => {
  let instrumentId: string;
  let normId: string;

  it('creates an instrument and a norm with its first version; coder reads, coder and committee cannot write', async () => {
    const i = await s.researcher.client.post(`${L()}/instruments`, { kind: 'bill', name: 'Wetsvoorstel testrecht', shortName: 'Wv test', sourceUrl: 'https://example.org/wv' });
    expect(i.status, JSON.stringify(i.body)).toBe(200);
    instrumentId = i.body.id;
    expect(i.body).toMatchObject({ kind: 'bill', key: null, norms: 0 });
    const n = await s.researcher.client.post(`${L()}/norms`, {
      instrumentId,
      reference: 'art. 2 lid 1',
      title: 'Recht op contact',
      obligations: ['right_to_contact'],
      phases: ['during_placement'],
      themes: ['Contact en omgang'],
      verification: 'te_verifieren',
      verificationNote: 'Nog toetsen.',
      version: { label: 'Voorstel', paraphrase: 'Het kind heeft recht op contact.' },
    });
    expect(n.status, JSON.stringify(n.body)).toBe(200);
    normId = n.body.id;
    expect(n.body).toMatchObject({ instrumentShortName: 'Wv test', versionCount: 1, verification: 'te_verifieren', current: { version: 1, paraphrase: 'Het kind heeft recht op contact.' } });
    expect((await s.coder.client.get(`${L()}/norms/${normId}`)).status).toBe(200);
    expect((await s.committee.client.get(`${L()}/norms/${normId}`)).status).toBe(200);
    expect((await s.coder.client.patch(`${L()}/norms/${normId}`, { title: 'x' })).status).toBe(403);
    expect((await s.committee.client.post(`${L()}/seed`)).status).toBe(403);
    expect((await s.outsider.client.get(`${L()}/norms`)).status).toBe(403);
  });

  it('adds versions with validity dates; the current version follows the date asked', async () => {
    const v2 = await s.researcher.client.post(`${L()}/norms/${normId}/versions`, { validFrom: '2027-01-01', label: 'Wet in werking', paraphrase: 'Het kind heeft recht op wekelijks contact.' });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    // the open first version was closed the day before
    expect(v2.body.versions.map((v: any) => [v.version, v.validFrom, v.validTo])).toEqual([
      [1, null, '2026-12-31'],
      [2, '2027-01-01', null],
    ]);
    const before = await s.coder.client.get(`${L()}/norms/${normId}?date=2026-06-01`);
    expect(before.body.current.version).toBe(1);
    const after = await s.coder.client.get(`${L()}/norms/${normId}?date=2027-06-01`);
    expect(after.body.current.version).toBe(2);
    expect(after.body.asOf).toBe('2027-06-01');
    const list = await s.coder.client.get(`${L()}/norms?date=2027-02-01&instrumentId=${instrumentId}`);
    expect(list.body.norms.map((n: any) => n.current?.version)).toEqual([2]);
    // overlapping validity is refused in Dutch and nothing changes
    const bad = await s.researcher.client.post(`${L()}/norms/${normId}/versions`, { validFrom: '2026-01-01', validTo: '2027-06-01', paraphrase: 'Overlap', closePrevious: false });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/overlapt/);
    expect((await s.coder.client.get(`${L()}/norms/${normId}`)).body.versionCount).toBe(2);
    const inverted = await s.researcher.client.post(`${L()}/norms/${normId}/versions`, { validFrom: '2030-01-01', validTo: '2029-01-01', paraphrase: 'x' });
    expect(inverted.status).toBe(400);
  });

  it('corrects and deletes versions (never the last one), patches and filters norms', async () => {
    const d = (await s.coder.client.get(`${L()}/norms/${normId}`)).body;
    const p = await s.researcher.client.patch(`${L()}/norms/${normId}/versions/${d.versions[1].id}`, { label: 'Gecorrigeerd' });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.versions[1].label).toBe('Gecorrigeerd');
    expect((await s.researcher.client.delete(`${L()}/norms/${normId}/versions/${d.versions[1].id}`)).status).toBe(200);
    const last = await s.researcher.client.delete(`${L()}/norms/${normId}/versions/${d.versions[0].id}`);
    expect(last.status).toBe(409);
    const v = await s.lead.client.patch(`${L()}/norms/${normId}`, { verification: 'verified', verifiedOn: '2026-11-01', verificationNote: 'Getoetst aan de wettekst.', phases: ['during_placement', 'reunification'] });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body).toMatchObject({ verification: 'verified', verifiedOn: '2026-11-01' });
    const back = await s.lead.client.patch(`${L()}/norms/${normId}`, { verification: 'te_verifieren' });
    expect(back.body).toMatchObject({ verification: 'te_verifieren', verifiedOn: null });
    expect((await s.lead.client.patch(`${L()}/norms/${normId}`, { verification: 'verified', verifiedOn: '2026-11-01' })).status).toBe(200);
    expect((await s.coder.client.get(`${L()}/norms?phase=reunification&instrumentId=${instrumentId}`)).body.norms).toHaveLength(1);
    expect((await s.coder.client.get(`${L()}/norms?obligation=aftercare&instrumentId=${instrumentId}`)).body.norms).toHaveLength(0);
    expect((await s.coder.client.get(`${L()}/norms?verification=verified&instrumentId=${instrumentId}`)).body.norms).toHaveLength(1);
    // an instrument with norms cannot be deleted
    expect((await s.researcher.client.delete(`${L()}/instruments/${instrumentId}`)).status).toBe(409);
  });

  it('gives Dutch 400s for bad input and 404 for unknown ids', async () => {
    const noPhase = await s.researcher.client.post(`${L()}/norms`, { instrumentId, reference: 'x', title: 'x', phases: [], verification: 'te_verifieren', version: { paraphrase: 'x' } });
    expect(noPhase.status).toBe(400);
    expect(JSON.stringify(noPhase.body)).toMatch(/minstens één fase/);
    const badInstrument = await s.researcher.client.post(`${L()}/norms`, { instrumentId: crypto.randomUUID(), reference: 'x', title: 'x', phases: ['prevention'], verification: 'te_verifieren', version: { paraphrase: 'x' } });
    expect(badInstrument.status).toBe(404);
    expect(badInstrument.body.error.message).toMatch(/instrument bestaat niet/);
    const badStatus = await s.researcher.client.patch(`${L()}/norms/${normId}`, { verification: 'zeker' });
    expect(badStatus.status).toBe(400);
    const badUrl = await s.researcher.client.post(`${L()}/instruments`, { kind: 'bill', name: 'x', shortName: 'x', sourceUrl: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(400);
    expect((await s.coder.client.get(`${L()}/norms/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('seeds the catalogue from the brief, idempotently, keeping the verification status', async () => {
    const first = await s.lead.client.post(`${L()}/seed`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ instrumentsCreated: SEED_INSTRUMENTS.length, normsCreated: SEED_NORMS.length, normsExisting: 0 });
    const again = await s.lead.client.post(`${L()}/seed`);
    expect(again.body).toEqual({ instrumentsCreated: 0, normsCreated: 0, normsExisting: SEED_NORMS.length });
    const all = (await s.committee.client.get(`${L()}/norms`)).body.norms as any[];
    const seeded = all.filter((n) => n.key);
    expect(seeded).toHaveLength(SEED_NORMS.length);
    for (const n of SEED_NORMS) expect(seeded.find((x) => x.key === n.key)?.verification, n.key).toBe(n.verification);
    expect(seeded.filter((n) => n.verification === 'verified').map((n) => n.key).sort()).toEqual(['ivrk-25', 'ivrk-9-1', 'ivrk-9-2', 'ivrk-9-3']);
    // the versioned seed norm: art. 1:261 (old) before 2015, 1:265b since
    const muhp = seeded.find((n) => n.key === 'bw1-265b');
    expect(muhp.current.validFrom).toBe('2015-01-01');
    const old = (await s.coder.client.get(`${L()}/norms/${muhp.id}?date=2010-01-01`)).body;
    expect(old.current.label).toMatch(/1:261/);
    const instruments = (await s.coder.client.get(`${L()}/instruments`)).body.instruments;
    expect(instruments.find((i: any) => i.key === 'ivrk')).toMatchObject({ norms: 9, verified: 4 });
    const actions = await auditActions();
    expect(actions.filter((a) => a === 'legal.seeded')).toHaveLength(1);
    for (const a of ['legal.instrument_created', 'legal.norm_created', 'legal.norm_version_added', 'legal.norm_version_updated', 'legal.norm_version_deleted', 'legal.norm_updated']) expect(actions, a).toContain(a);
  });
});

describe('helpdesk signals', () => {
  let contactCode: string;
  let nazorgCode: string;
  let signalId: string;

  beforeAll(async () => {
    const a = await s.lead.client.post(`/api/studies/${s.slug}/codes`, { name: 'Contact en omgang' });
    const b = await s.lead.client.post(`/api/studies/${s.slug}/codes`, { name: 'Nazorg' });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    contactCode = a.body.id;
    nazorgCode = b.body.id;
  });

  it('registers a signal whose summary is a sealed coding document of kind signal', async () => {
    const r = await s.researcher.client.post(S(), {
      receivedOn: '2026-01-15',
      channel: 'telefoon',
      contact: 'ouder',
      ageBand: '5-11',
      themeIds: [contactCode],
      phase: 'during_placement',
      region: 'Utrecht',
      summary: 'Moeder Jansen belt: het bezoek aan haar zoon gaat al drie weken niet door.',
      followUp: 'Teruggebeld.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    signalId = r.body.id;
    expect(r.body).toMatchObject({ channel: 'telefoon', themes: [{ id: contactCode, name: 'Contact en omgang' }], followUp: 'Teruggebeld.', followUpStatus: 'open', pseudonymised: false });
    expect(r.body.summary).toMatch(/Jansen/);
    const doc = await s.coder.client.get(`/api/studies/${s.slug}/documents/${r.body.documentId}`);
    expect(doc.status, JSON.stringify(doc.body)).toBe(200);
    expect(doc.body.document.kind).toBe('signal');
    expect(doc.body.version.text).toMatch(/Jansen/);
    // sealed at rest: the text is not in the database in the clear
    const raw = await t.platform.deps.db.selectFrom('document_versions').select('text_enc').where('document_id', '=', r.body.documentId).executeTakeFirstOrThrow();
    expect(raw.text_enc).not.toMatch(/Jansen/);
    const rawSignal = await t.platform.deps.db.selectFrom('signals').select('follow_up_enc').where('id', '=', signalId).executeTakeFirstOrThrow();
    expect(rawSignal.follow_up_enc).not.toMatch(/Teruggebeld/);
    // through the pseudonymisation assistant: the signal shows the pseudonymised version
    const props = await s.researcher.client.get(`/api/studies/${s.slug}/documents/${r.body.documentId}/pseudonymisation`);
    expect(props.status).toBe(200);
    const text: string = doc.body.version.text;
    const start = [...text.slice(0, text.indexOf('Jansen'))].length;
    const ps = await s.lead.client.post(`/api/studies/${s.slug}/documents/${r.body.documentId}/pseudonymisation`, { baseVersion: 1, spans: [{ start, end: start + 6, kind: 'name' }] });
    expect(ps.status, JSON.stringify(ps.body)).toBe(200);
    const after = await s.coder.client.get(`${S()}/${signalId}`);
    expect(after.body.pseudonymised).toBe(true);
    expect(after.body.summary).not.toMatch(/Jansen/);
  });

  it('edits, lists and filters signals; coder reads but cannot write; committee gets 403 on rows and summaries', async () => {
    const p = await s.researcher.client.patch(`${S()}/${signalId}`, { followUpStatus: 'afgehandeld', themeIds: [contactCode, nazorgCode] });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.themes).toHaveLength(2);
    expect(p.body.followUpStatus).toBe('afgehandeld');
    const l = await s.coder.client.get(`${S()}?theme=${nazorgCode}`);
    expect(l.body.total).toBe(1);
    expect((await s.coder.client.get(`${S()}?status=open`)).body.total).toBe(0);
    expect((await s.coder.client.post(S(), { receivedOn: '2026-01-01', channel: 'chat', contact: 'kind', ageBand: '12-15', summary: 'x' })).status).toBe(403);
    expect((await s.committee.client.get(S())).status).toBe(403);
    expect((await s.committee.client.get(`${S()}/${signalId}`)).status).toBe(403);
    expect((await s.committee.client.get(`/api/studies/${s.slug}/documents/${p.body.documentId}`)).status).toBe(403);
  });

  it('refuses bad signals with Dutch 400s and writes nothing', async () => {
    const before = (await s.coder.client.get(S())).body.total;
    const future = await s.researcher.client.post(S(), { receivedOn: '2999-01-01', channel: 'chat', contact: 'kind', ageBand: '12-15', summary: 'x' });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toMatch(/toekomst/);
    const badTheme = await s.researcher.client.post(S(), { receivedOn: '2026-01-01', channel: 'chat', contact: 'kind', ageBand: '12-15', themeIds: [crypto.randomUUID()], summary: 'x' });
    expect(badTheme.status).toBe(400);
    expect(badTheme.body.error.message).toMatch(/codeboek/);
    const noSummary = await s.researcher.client.post(S(), { receivedOn: '2026-01-01', channel: 'fax', contact: 'kind', ageBand: '12-15', summary: '' });
    expect(noSummary.status).toBe(400);
    expect((await s.coder.client.get(S())).body.total).toBe(before);
    const docs = await s.coder.client.get(`/api/studies/${s.slug}/documents?kind=signal`);
    expect(docs.body.total).toBe(before);
  });

  it('imports CSV all-or-nothing: a bad row reports every problem by row and writes nothing', async () => {
    const before = (await s.coder.client.get(S())).body.total;
    const docsBefore = (await s.coder.client.get(`/api/studies/${s.slug}/documents?kind=signal`)).body.total;
    const bad = 'datum,kanaal,contact,leeftijd,themas,samenvatting\n2026-02-01,chat,kind,12-15,Nazorg,Goed signaal\n2026-02-30,fax,kind,12-15,,Fout\n2026-02-03,chat,kind,12-15,Bestaat niet,Ook fout\n';
    const r = await s.researcher.client.post(`${S()}/import`, { csv: bad });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('signal_import_invalid');
    expect(r.body.error.message).toMatch(/Niets geïmporteerd: 2 regels/);
    const problems = r.body.error.details.problems as { row: number; column: string; message: string }[];
    expect(problems.map((p) => p.row)).toEqual([3, 3, 4]);
    expect(problems.find((p) => p.column === 'datum')?.message).toMatch(/geen geldige datum/);
    expect((await s.coder.client.get(S())).body.total).toBe(before);
    expect((await s.coder.client.get(`/api/studies/${s.slug}/documents?kind=signal`)).body.total).toBe(docsBefore);

    const rows = ['datum;kanaal;contact;leeftijd;themas;fase;regio;samenvatting;opvolging;opvolgstatus'];
    for (let i = 1; i <= 6; i++) rows.push(`2026-03-0${i};telefoon;ouder;0-4;Contact en omgang;tijdens plaatsing;Gelderland;Signaal ${i} over contact;;open`);
    rows.push('2026-03-10;chat;kind;16-17;Nazorg;nazorg;;Jongere mist begeleiding na thuiskomst;;');
    const good = await s.researcher.client.post(`${S()}/import`, { csv: rows.join('\r\n') });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body.imported).toBe(7);
    expect((await s.coder.client.get(S())).body.total).toBe(before + 7);
    expect((await s.coder.client.get(`/api/studies/${s.slug}/documents?kind=signal`)).body.total).toBe(docsBefore + 7);
    expect(await auditActions()).toContain('signals.imported');
  });

  it('counts per theme per month: exact for researchers, with small cells withheld for the committee', async () => {
    const full = await s.researcher.client.get(`${S()}/counts`);
    expect(full.status, JSON.stringify(full.body)).toBe(200);
    expect(full.body.controlled).toBe(false);
    const cell = (b: any, m: string, id: string) => b.cells.find((c: any) => c.month === m && c.themeId === id)?.n;
    expect(cell(full.body, '2026-03', contactCode)).toBe(6);
    expect(cell(full.body, '2026-03', nazorgCode)).toBe(1);
    expect(cell(full.body, '2026-01', contactCode)).toBe(1);
    expect(full.body.months).toEqual(['2026-01', '2026-02', '2026-03']);
    const com = await s.committee.client.get(`${S()}/counts`);
    expect(com.status).toBe(200);
    expect(com.body).toMatchObject({ controlled: true, suppressed: true, threshold: 10 });
    // threshold 10: every non-zero count here is small
    expect(com.body.cells.every((c: any) => c.n === null || c.n === 0)).toBe(true);
    expect(JSON.stringify(com.body)).not.toMatch(/Jansen|Signaal \d|begeleiding/);
    // threshold 5: January's single contact signal is withheld, and so (secondary suppression within the theme's
    // column) is March's 6; the zero month stays
    expect((await s.lead.client.patch(`/api/studies/${s.slug}`, { disclosureThreshold: 5 })).status).toBe(200);
    const com5 = await s.committee.client.get(`${S()}/counts`);
    expect(cell(com5.body, '2026-01', contactCode)).toBeNull();
    expect(cell(com5.body, '2026-03', contactCode)).toBeNull();
    expect(cell(com5.body, '2026-02', contactCode)).toBe(0);
    // threshold 1: nothing is small
    expect((await s.lead.client.patch(`/api/studies/${s.slug}`, { disclosureThreshold: 1 })).status).toBe(200);
    const com1 = await s.committee.client.get(`${S()}/counts`);
    expect(cell(com1.body, '2026-03', contactCode)).toBe(6);
    expect(com1.body.suppressed).toBe(false);
    expect((await s.committee.client.get(`${S()}/counts?from=2026-03-01&to=2026-01-01`)).status).toBe(400);
  });

  it('deletes a signal with its document, audited', async () => {
    const sig = (await s.coder.client.get(`${S()}/${signalId}`)).body;
    expect((await s.coder.client.delete(`${S()}/${signalId}`)).status).toBe(403);
    expect((await s.researcher.client.delete(`${S()}/${signalId}`)).status).toBe(200);
    expect((await s.coder.client.get(`${S()}/${signalId}`)).status).toBe(404);
    expect((await s.coder.client.get(`/api/studies/${s.slug}/documents/${sig.documentId}`)).status).toBe(404);
    expect(await auditActions()).toEqual(expect.arrayContaining(['signal.created', 'signal.updated', 'signal.deleted']));
  });
});
