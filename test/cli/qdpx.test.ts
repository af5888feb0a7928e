/**
 * `tnh qdpx export --study S --out FILE` and `tnh qdpx import --study S FILE`: a hand-written project is imported,
 * exported again and imported into a second study; the JSON summaries carry the counts; bad input exits 1 with a
 * clear Dutch message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { openPlatform } from '../../src/server/platform/boot';
import { createStudy } from '../../src/server/modules/studies/studies.service';
import { newInstallation, tnh, type Installation } from './tnh';

let inst: Installation;
const slugs: string[] = [];

const SRC = 'dddddddd-0000-4000-8000-000000000001';
const TEXT = 'I: Hoe ging het?\r\nR: Het contact met de gezinsvoogd was slecht.\r\nI: En nu?\r\nR: Nu gaat het beter.';
const QDE = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Voorbeeld" origin="QualCoder 3.6">
  <Users><User guid="11111111-1111-4111-8111-111111111111" name="Onbekende codeur"/></Users>
  <CodeBook><Codes>
    <Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Knelpunten" isCodable="false" color="#CC3333">
      <Code guid="aaaaaaaa-0000-4000-8000-000000000002" name="Contact" isCodable="true" color="#E66"/>
    </Code>
    <Code guid="aaaaaaaa-0000-4000-8000-000000000003" name="Goede praktijken" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="${SRC}" name="Interview 1" plainTextPath="internal://${SRC}.txt">
      <PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000001" name="contact met de gezinsvoogd" startPosition="25" endPosition="51" creatingUser="11111111-1111-4111-8111-111111111111">
        <Description>Memo bij het fragment</Description>
        <Coding guid="ffffffff-0000-4000-8000-000000000001" creatingUser="11111111-1111-4111-8111-111111111111"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000002"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="eeeeeeee-0000-4000-8000-000000000002" startPosition="900" endPosition="950">
        <Coding guid="ffffffff-0000-4000-8000-000000000002"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000003"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="dddddddd-0000-4000-8000-000000000002" name="Dossier.pdf"/>
  </Sources>
  <Sets/>
</Project>`;

beforeAll(async () => {
  inst = await newInstallation();
  const config = loadConfig({ TNH_DATA_DIR: inst.dataDir, DATABASE_URL: inst.databaseUrl ?? '', LOG_LEVEL: 'silent' });
  const p = await openPlatform(config, { purpose: 'test setup' });
  try {
    for (const title of ['QDPX bron', 'QDPX doel']) {
      const s = await createStudy(p.deps, null, { title, description: '', researchQuestions: [], periodStart: null, periodEnd: null, funder: '', partners: [], disclosureThreshold: 10 }, { viaCli: true });
      slugs.push(s.slug);
    }
  } finally {
    await p.close();
  }
  fs.writeFileSync(path.join(inst.dataDir, 'in.qdpx'), zipSync({ 'Voorbeeld.qde': new TextEncoder().encode(QDE), [`sources/${SRC}.txt`]: new TextEncoder().encode(`\uFEFF${TEXT}`) }));
}, 180_000);
afterAll(() => fs.rmSync(inst.dataDir, { recursive: true, force: true }));

describe('tnh qdpx', { timeout: 180_000 }, () => {
  it('imports a project (tolerating its deviations), exports it, and imports the export into another study', async () => {
    const imp = await tnh(inst, ['qdpx', 'import', '--study', slugs[0], path.join(inst.dataDir, 'in.qdpx')]);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    const a = JSON.parse(imp.stdout);
    expect(a).toMatchObject({ ok: true, codes: 3, sources: 1, selections: 1, codings: 1, cases: 0, notes: 1 });
    expect(a.skipped.map((x: { kind: string; name: string }) => `${x.kind}:${x.name}`).sort()).toEqual(['bron:Dossier.pdf', 'fragment:Interview 1 900–950', 'gebruiker:Onbekende codeur']);
    expect(a.warnings.join(' ')).toMatch(/Voorbeeld\.qde.*BOM.*CRLF/);

    const out = path.join(inst.dataDir, 'uit', 'project.qdpx');
    const exp = await tnh(inst, ['qdpx', 'export', '--study', slugs[0], '--out', out]);
    expect(exp.stderr).toBe('');
    expect(exp.status).toBe(0);
    expect(JSON.parse(exp.stdout)).toMatchObject({ ok: true, codes: 3, sources: 1, selections: 1, codings: 1 });
    const files = unzipSync(new Uint8Array(fs.readFileSync(out)));
    expect(Object.keys(files).filter((f) => f.startsWith('sources/'))).toHaveLength(1);
    const text = new TextDecoder().decode(Object.entries(files).find(([f]) => f.startsWith('sources/'))![1]);
    expect(text).toBe(TEXT.replace(/\r\n/g, '\n'));
    expect(new TextDecoder().decode(files['project.qde'])).toContain('startPosition="24" endPosition="50"');

    const again = await tnh(inst, ['qdpx', 'import', '--study', slugs[1], out]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ codes: 3, sources: 1, selections: 1, codings: 1, notes: 1, skipped: [] });
  });

  it('refuses a missing file, a non-zip and an unknown study with a clear message', async () => {
    const missing = await tnh(inst, ['qdpx', 'import', '--study', slugs[0], path.join(inst.dataDir, 'bestaat-niet.qdpx')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Bestand niet gevonden/);
    fs.writeFileSync(path.join(inst.dataDir, 'kapot.qdpx'), 'geen zip');
    const bad = await tnh(inst, ['qdpx', 'import', '--study', slugs[0], path.join(inst.dataDir, 'kapot.qdpx')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/geen \.qdpx-archief/);
    const nostudy = await tnh(inst, ['qdpx', 'export', '--study', 'bestaat-niet', '--out', path.join(inst.dataDir, 'x.qdpx')]);
    expect(nostudy.status).toBe(1);
    expect(nostudy.stderr).toMatch(/bestaat niet/);
  });
});
