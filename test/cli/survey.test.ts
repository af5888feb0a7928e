/**
 * `tnh survey export --study S --survey V --format … --out DIR`: a survey with responses is made in-process, then
 * the command writes the files of each format; bad arguments give a clear Dutch message and exit 1.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { openPlatform } from '../../src/server/platform/boot';
import { createStudy } from '../../src/server/modules/studies/studies.service';
import { complete } from '../../src/server/modules/surveys/respondent.service';
import { newInstallation, tnh, type Installation } from './tnh';

let inst: Installation;
let surveyId: string;
let slug: string;

beforeAll(async () => {
  inst = await newInstallation();
  const config = loadConfig({ TNH_DATA_DIR: inst.dataDir, DATABASE_URL: inst.databaseUrl ?? '', LOG_LEVEL: 'silent' });
  const p = await openPlatform(config, { purpose: 'test setup' });
  try {
    const deps = p.deps;
    const study = await createStudy(deps, null, { title: 'Enquête CLI', description: '', researchQuestions: [], periodStart: null, periodEnd: null, funder: '', partners: [], disclosureThreshold: 10 }, { viaCli: true });
    slug = study.slug;
    // the survey directly through the repository (the researchers' services need a signed-in member)
    const { insertSurvey, insertVersion } = await import('../../src/server/modules/surveys/surveys.repository');
    const def = { pages: [{ name: 'p1', elements: [{ type: 'radiogroup', name: 'rol', title: 'Rol', choices: ['a', 'b'] }, { type: 'comment', name: 'opm', title: 'Opmerking' }] }] };
    const s = await insertSurvey(deps.db, study.id, { title: 'Vragenlijst', description: '', languages: ['nl'], mode: 'anonymous', anonymised: false, opensAt: null, closesAt: null, disclosureThreshold: 10, draft: def, mail: {} }, null);
    await insertVersion(deps.db, s.id, 1, def, null);
    surveyId = s.id;
    const { makeToken } = await import('../../src/server/modules/surveys/tokens');
    const { setPublicToken } = await import('../../src/server/modules/surveys/surveys.repository');
    const { token, hash } = makeToken('P');
    await setPublicToken(deps.db, s.id, hash, 'x');
    for (let i = 0; i < 3; i++) await complete(deps, token, { idempotencyKey: crypto.randomUUID(), page: 'p1', answers: { rol: i ? 'a' : 'b', opm: `=1+${i}` } });
  } finally {
    await p.close();
  }
}, 180_000);
afterAll(() => fs.rmSync(inst.dataDir, { recursive: true, force: true }));

describe('tnh survey export', { timeout: 180_000 }, () => {
  it('writes data and codebook (csv) and the SPSS syntax; by id or by title', async () => {
    const out = path.join(inst.dataDir, 'export-csv');
    const r = await tnh(inst, ['survey', 'export', '--study', slug, '--survey', surveyId, '--format', 'csv', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/3 antwoorden \(versie 1\)/);
    expect(fs.readdirSync(out).sort()).toEqual(['enquete-v1-codeboek.csv', 'enquete-v1.csv']);
    const data = fs.readFileSync(path.join(out, 'enquete-v1.csv'), 'utf8');
    expect(data).not.toMatch(/(^|,)=1\+/m);
    const spss = path.join(inst.dataDir, 'export-spss');
    const s = await tnh(inst, ['survey', 'export', '--study', slug, '--survey', 'Vragenlijst', '--format', 'spss', '--out', spss]);
    expect(s.status).toBe(0);
    expect(fs.readdirSync(spss).some((f) => f.endsWith('.sps'))).toBe(true);
  });

  it('refuses an unknown format, survey or version with a clear message', async () => {
    const bad = await tnh(inst, ['survey', 'export', '--study', slug, '--survey', surveyId, '--format', 'pdf', '--out', path.join(inst.dataDir, 'x')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--format moet een van csv, xlsx, spss, r, json zijn/);
    const none = await tnh(inst, ['survey', 'export', '--study', slug, '--survey', 'Bestaat niet', '--format', 'csv', '--out', path.join(inst.dataDir, 'y')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/bestaat niet/);
    const v = await tnh(inst, ['survey', 'export', '--study', slug, '--survey', surveyId, '--format', 'csv', '--survey-version', '7', '--out', path.join(inst.dataDir, 'z')]);
    expect(v.status).toBe(1);
    expect(v.stderr).toMatch(/Versie 7/);
  });
});
