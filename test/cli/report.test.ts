/**
 * `tnh report build --study S --format html|docx|pdf --out FILE`: builds the most recent report of a study as its
 * maker, writes the file and prints a JSON summary with what disclosure control changed; PDF without Chromium exits 1
 * with a clear Dutch message, and with Chromium writes a PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { openPlatform } from '../../src/server/platform/boot';
import { createStudy } from '../../src/server/modules/studies/studies.service';
import { createUser } from '../../src/server/modules/users/users.service';
import { createReport } from '../../src/server/modules/reports/reports.service';
import { generateFictional } from '../../src/server/modules/dossiers/dossiers.service';
import { findChromium } from '../../src/server/modules/reports/pdf';
import { newInstallation, tnh, type Installation } from './tnh';

let inst: Installation;
let slug: string;

beforeAll(async () => {
  inst = await newInstallation();
  const config = loadConfig({ TNH_DATA_DIR: inst.dataDir, DATABASE_URL: inst.databaseUrl ?? '', LOG_LEVEL: 'silent' });
  const p = await openPlatform(config, { purpose: 'test setup' });
  try {
    const { user } = await createUser(p.deps, null, { email: 'lead@example.org', name: 'Lea Lead', isAdmin: false, password: 'een lang wachtwoord voor de test' });
    const actor = { userId: user.id, isAdmin: false, name: user.name };
    const s = await createStudy(p.deps, actor, { title: 'Rapport via de opdrachtregel', description: '', researchQuestions: [], periodStart: null, periodEnd: null, funder: '', partners: [], disclosureThreshold: 10 }, { viaCli: true });
    slug = s.slug;
    await generateFictional(p.deps, null, slug, { cases: 80, seed: 3 }, { viaCli: true });
    await createReport(p.deps, actor, slug, { title: 'Eindrapport', subtitle: 'Concept', template: true });
  } finally {
    await p.close();
  }
}, 180_000);
afterAll(() => fs.rmSync(inst.dataDir, { recursive: true, force: true }));

describe('tnh report build', { timeout: 180_000 }, () => {
  it('writes HTML and DOCX and prints a summary', async () => {
    const html = path.join(inst.dataDir, 'out', 'rapport.html');
    const r = await tnh(inst, ['report', 'build', '--study', slug, '--format', 'html', '--out', html]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ ok: true, study: slug, title: 'Eindrapport', format: 'html', file: html });
    expect(Array.isArray(summary.changes)).toBe(true);
    const text = fs.readFileSync(html, 'utf8');
    expect(text).toMatch(/<html lang="nl">/);
    expect(text).toMatch(/Samenvatting/);
    expect(text).toMatch(/Indicatoren dossieronderzoek/);

    const docx = path.join(inst.dataDir, 'out', 'rapport.docx');
    const d = await tnh(inst, ['report', 'build', '--study', slug, '--format', 'docx', '--out', docx]);
    expect(d.status, d.stderr).toBe(0);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(docx)));
    expect(Object.keys(zip)).toContain('word/document.xml');
  });

  it('refuses bad input with a Dutch message and exit code 1', async () => {
    const bad = await tnh(inst, ['report', 'build', '--study', slug, '--format', 'odt', '--out', 'x']);
    expect(bad.status).toBe(1);
    const none = await tnh(inst, ['report', 'build', '--study', 'bestaat-niet', '--format', 'html', '--out', path.join(inst.dataDir, 'x.html')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/bestaat niet/);
    const pdf = await tnh(inst, ['report', 'build', '--study', slug, '--format', 'pdf', '--out', path.join(inst.dataDir, 'x.pdf')], { env: { TNH_CHROMIUM_PATH: '/nonexistent/chromium' } });
    expect(pdf.status).toBe(1);
    expect(pdf.stderr).toMatch(/Chromium/);
  });

  it.skipIf(!findChromium(process.env.TNH_CHROMIUM_PATH ?? null))('writes a PDF through headless Chromium', async () => {
    const out = path.join(inst.dataDir, 'out', 'rapport.pdf');
    const r = await tnh(inst, ['report', 'build', '--study', slug, '--format', 'pdf', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
