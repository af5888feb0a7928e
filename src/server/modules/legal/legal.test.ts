/** Pure parts of the legal module: the seed catalogue against the domain brief, versions by date, CSV rows, counts. */
import { describe, expect, it } from 'vitest';
import { LEGAL_PHASES, OBLIGATION_TYPES, INSTRUMENT_KINDS } from '../../../shared/legal';
import { SEED_INSTRUMENTS, SEED_NORMS } from './seed';
import { currentVersion, dayBefore, findOverlap, versionToClose } from './versions';
import { parseDay, parseSignalCsv } from './signal-csv';
import { countSignals, monthRange, NO_THEME } from './counts';

/** Exactly what the domain brief (§2.1) marks "verified"; everything else is 'te_verifieren'. */
const VERIFIED_IN_BRIEF = ['ivrk-9-1', 'ivrk-9-2', 'ivrk-9-3', 'ivrk-25'];

describe('seed catalogue', () => {
  it('has unique keys, and every norm an existing instrument, a reference, a title, a phase and a paraphrase', () => {
    const ik = SEED_INSTRUMENTS.map((i) => i.key);
    expect(new Set(ik).size).toBe(ik.length);
    const nk = SEED_NORMS.map((n) => n.key);
    expect(new Set(nk).size).toBe(nk.length);
    for (const i of SEED_INSTRUMENTS) expect(INSTRUMENT_KINDS).toContain(i.kind);
    for (const n of SEED_NORMS) {
      expect(ik, n.key).toContain(n.instrument);
      expect(n.reference.trim(), n.key).not.toBe('');
      expect(n.title.trim(), n.key).not.toBe('');
      expect(n.phases.length, n.key).toBeGreaterThan(0);
      for (const p of n.phases) expect(LEGAL_PHASES).toContain(p);
      for (const o of n.obligations) expect(OBLIGATION_TYPES).toContain(o);
      expect(n.versions.length, n.key).toBeGreaterThan(0);
      for (const v of n.versions) expect(v.paraphrase.trim().length, n.key).toBeGreaterThan(10);
      expect(findOverlap(n.versions.map((v, i) => ({ ...v, version: i + 1 }))), n.key).toBeNull();
      expect(n.verificationNote.trim(), n.key).not.toBe('');
      if (n.sourceUrl) expect(n.sourceUrl).toMatch(/^https?:\/\//);
    }
    // every instrument is used
    for (const k of ik) expect(SEED_NORMS.some((n) => n.instrument === k), k).toBe(true);
  });

  it('marks exactly what the brief marks verified as verified, and nothing else', () => {
    expect(SEED_NORMS.filter((n) => n.verification === 'verified').map((n) => n.key).sort()).toEqual([...VERIFIED_IN_BRIEF].sort());
    for (const n of SEED_NORMS) if (!VERIFIED_IN_BRIEF.includes(n.key)) expect(n.verification, n.key).toBe('te_verifieren');
    // the brief gives no verification dates: none is invented
    for (const n of SEED_NORMS) expect(n.verifiedOn, n.key).toBeNull();
  });

  it('keeps explicitly unverified items of the brief as te verifiëren', () => {
    for (const k of ['ivrk-3', 'ivrk-12', 'vn-52', 'vn-131-136', 'bw1-258', 'bw1-265f', 'bw1-265j', 'bw1-265k', 'ehrm-strand-lobben', 'ehrm-olsson-hereniging', 'wv-perspectiefbesluit', 'hervormingsagenda-minder-uhp'])
      expect(SEED_NORMS.find((n) => n.key === k)?.verification, k).toBe('te_verifieren');
  });

  it('never hard-codes the old 6/12-month terms as law', () => {
    const n = SEED_NORMS.find((x) => x.key === 'bw1-255')!;
    expect(n.versions[0].paraphrase).toMatch(/open norm/);
  });

  it('covers every phase and obligation type', () => {
    for (const p of LEGAL_PHASES) expect(SEED_NORMS.some((n) => n.phases.includes(p)), p).toBe(true);
    for (const o of OBLIGATION_TYPES) expect(SEED_NORMS.some((n) => n.obligations.includes(o)), o).toBe(true);
  });
});

describe('versions by date', () => {
  const vs = [
    { version: 1, validFrom: null, validTo: '2014-12-31' },
    { version: 2, validFrom: '2015-01-01', validTo: null },
  ];
  it('picks the version valid on the day', () => {
    expect(currentVersion(vs, '2010-06-01')?.version).toBe(1);
    expect(currentVersion(vs, '2014-12-31')?.version).toBe(1);
    expect(currentVersion(vs, '2015-01-01')?.version).toBe(2);
    expect(currentVersion(vs, '2030-01-01')?.version).toBe(2);
    expect(currentVersion([{ version: 1, validFrom: '2027-01-01', validTo: null }], '2026-01-01')).toBeNull();
  });
  it('finds overlaps and closes the open version', () => {
    expect(findOverlap(vs)).toBeNull();
    expect(findOverlap([...vs, { version: 3, validFrom: '2020-01-01', validTo: null }])?.map((v) => v.version)).toEqual([2, 3]);
    expect(versionToClose(vs, '2026-03-01')).toEqual({ version: vs[1], validTo: '2026-02-28' });
    expect(versionToClose(vs, null)).toBeNull();
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
  });
});

describe('CSV rows of signals', () => {
  const codes = [
    { id: 'c1', name: 'Contact en omgang' },
    { id: 'c2', name: 'Nazorg' },
  ];
  it('reads good rows (comma or semicolon, Dutch dates, theme names)', () => {
    const csv = 'datum;kanaal;contact;leeftijd;themas;fase;regio;samenvatting;opvolging;opvolgstatus\n05-01-2026;E-mail;ouder;5-11;contact en omgang | Nazorg;tijdens plaatsing;Utrecht;"Ouder mailt; contact valt uit";Teruggebeld;afgehandeld\n2026-02-01;chat;kind;;;;;Jongere vraagt hulp;;\n';
    const r = parseSignalCsv(csv, codes);
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ row: 2, receivedOn: '2026-01-05', channel: 'e-mail', contact: 'ouder', ageBand: '5-11', themeIds: ['c1', 'c2'], phase: 'during_placement', region: 'Utrecht', summary: 'Ouder mailt; contact valt uit', followUpStatus: 'afgehandeld' });
    expect(r.rows[1]).toMatchObject({ row: 3, ageBand: 'onbekend', themeIds: [], phase: null, followUpStatus: 'open' });
  });
  it('reports every bad row with its row number and a Dutch reason', () => {
    const csv = 'datum,kanaal,contact,samenvatting,themas\n2026-13-01,fax,buurman,,Onbekend thema\n2026-01-02,telefoon,kind,Goed,\n';
    const r = parseSignalCsv(csv, codes);
    expect(r.rows).toHaveLength(1);
    const rows = r.problems.map((p) => p.row);
    expect(new Set(rows)).toEqual(new Set([2]));
    const text = r.problems.map((p) => `${p.column}: ${p.message}`).join('\n');
    expect(text).toMatch(/datum: "2026-13-01" is geen geldige datum/);
    expect(text).toMatch(/kanaal: onbekend kanaal "fax"/);
    expect(text).toMatch(/contact: onbekend wie contact opnam/);
    expect(text).toMatch(/samenvatting: de samenvatting is leeg/);
    expect(text).toMatch(/themas: het thema "Onbekend thema" staat niet in het codeboek/);
  });
  it('checks the header and empty files', () => {
    expect(parseSignalCsv('', codes).problems[0].message).toMatch(/leeg/);
    expect(parseSignalCsv('datum,kanaal\n2026-01-01,chat\n', codes).problems[0].message).toMatch(/ontbreekt.*contact, samenvatting/);
    expect(parseSignalCsv('datum,kanaal,contact,samenvatting\n', codes).problems[0].message).toMatch(/geen signalen/);
  });
  it('parses days strictly', () => {
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('29-02-2024')).toBe('2024-02-29');
    expect(parseDay('1/3/2026')).toBe('2026-03-01');
    expect(parseDay('gisteren')).toBeNull();
  });
});

describe('counts per theme per month', () => {
  const names = new Map([['a', 'Contact en omgang'], ['b', 'Nazorg']]);
  const signals = [
    ...Array.from({ length: 6 }, (_, i) => ({ signalId: `x${i}`, receivedOn: '2026-01-10', themeIds: ['a'] })),
    { signalId: 'y', receivedOn: '2026-03-02', themeIds: ['a', 'b'] },
    { signalId: 'z', receivedOn: '2026-03-05', themeIds: [] },
  ];
  it('counts exactly for readers of single signals, with empty months', () => {
    const c = countSignals(signals, names, { control: false, threshold: 5, noThemeLabel: 'Zonder thema' });
    expect(c.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(c.themes.map((t) => t.id)).toEqual(['a', 'b', NO_THEME]);
    expect(c.cells.find((x) => x.month === '2026-01' && x.themeId === 'a')?.n).toBe(6);
    expect(c.totals.map((t) => t.n)).toEqual([6, 0, 2]);
    expect(c.suppressed).toBe(false);
  });
  it('withholds small cells and totals for the committee (zeros stay), with secondary suppression', () => {
    const more = [...signals, ...Array.from({ length: 6 }, (_, i) => ({ signalId: `m${i}`, receivedOn: '2026-03-20', themeIds: ['a'] }))];
    const c = countSignals(more, names, { control: true, threshold: 5, noThemeLabel: 'Zonder thema' });
    const cell = (m: string, t: string) => c.cells.find((x) => x.month === m && x.themeId === t)?.n;
    expect(cell('2026-01', 'a')).toBe(6);
    expect(cell('2026-03', 'a')).toBe(7);
    expect(cell('2026-03', 'b')).toBeNull();
    expect(cell('2026-03', NO_THEME)).toBeNull();
    expect(cell('2026-02', 'a')).toBe(0);
    expect(c.totals.map((t) => t.n)).toEqual([6, 0, null]);
    expect(c.suppressed).toBe(true);
    // one small cell alone in its column: the smallest other count of that column is withheld too
    const c2 = countSignals(signals, names, { control: true, threshold: 5, noThemeLabel: 'Zonder thema' });
    expect(c2.cells.find((x) => x.month === '2026-01' && x.themeId === 'a')?.n).toBeNull();
    expect(c2.totals.map((t) => t.n)).toEqual([null, 0, null]);
    const c3 = countSignals([{ signalId: 'q', receivedOn: '2026-05-01', themeIds: ['a'] }], names, { control: true, threshold: 5, noThemeLabel: 'Zonder thema' });
    expect(c3.totals[0].n).toBeNull();
  });
  it('spans months across years', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
