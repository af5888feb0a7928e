// qdpx: REFI-QDA exchange of a generated project of 200 documents (interview transcripts of ~12,000 characters with
// I:/R: turns, some emoji) and 20,000 codings over 20 codes (two levels), 1,000 of them with a memo.
//   export_s   tnh qdpx export's service: read the study (codes, participants, texts, codings), open the sealed
//              texts and memos, build project.qde and the zip (GET /qdpx/export does the same)
//   import_s   the exported .qdpx imported into a second, empty study: unzip, parse, plan, codes, sealed texts with
//              speaker turns, codings, one transaction
// Baselines in the same run: baseline_read_s (the same rows read from the database without decrypting),
// baseline_build_s (project.qde + zip built from the same data in memory, no database), baseline_parse_s (unzip +
// parse + plan of the same file, no database). Goal: ≤ 5 s each direction. On PGlite in memory unless DATABASE_URL is
// set. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { log, tempDir } from './lib.mjs';
import { loadConfig } from '../src/server/config.ts';
import { openPlatform } from '../src/server/platform/boot.ts';
import { createStudy } from '../src/server/modules/studies/studies.service.ts';
import { exportQdpx, importQdpx } from '../src/server/modules/qdpx/qdpx.service.ts';
import { exportCodings, exportDocuments } from '../src/server/modules/qdpx/qdpx.repository.ts';
import { parseProject, planImport, readQdpx, resolveInternal, studyToProject, writeProject, writeQdpx } from '../src/lib/refiqda/index.ts';

const DOCS = 200;
const CODINGS = 20_000;
const GOAL_S = 5;

// ---- a deterministic project --------------------------------------------------------------------------------
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const WORDS = 'het contact met de gezinsvoogd was soms moeilijk maar de school hielp mee en thuis ging het beter toen mijn moeder weer werk had 🙂 Zoë zei dat ze blij was'.split(' ');
const sentence = () => Array.from({ length: 8 + Math.floor(rnd() * 14) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ') + '.';

function generate() {
  const codes = [];
  for (let i = 0; i < 4; i++) {
    codes.push({ id: `top-${i}`, parentId: null, name: `Thema ${i + 1}`, description: `Beschrijving ${i + 1}`, color: `#${(0x336699 + i * 0x1111).toString(16).slice(0, 6)}`, memo: '', position: i });
    for (let j = 0; j < 4; j++) codes.push({ id: `sub-${i}-${j}`, parentId: `top-${i}`, name: `Subthema ${i + 1}.${j + 1}`, description: '', color: '#7db2e8', memo: j === 0 ? 'Memo bij de code' : '', position: j });
  }
  const documents = [];
  const codings = [];
  for (let d = 0; d < DOCS; d++) {
    const lines = [];
    let len = 0;
    while (len < 12_000) {
      const l = `${lines.length % 2 ? 'R' : 'I'}: ${sentence()} ${sentence()}`;
      lines.push(l);
      len += l.length + 1;
    }
    const text = lines.join('\n');
    const cps = [...text].length;
    documents.push({ id: `doc-${d}`, title: `Interview ${String(d + 1).padStart(3, '0')}`, kind: 'transcript', participantId: null, memo: d % 10 ? '' : 'Memo bij het document', text, createdBy: null });
    for (let k = 0; k < CODINGS / DOCS; k++) {
      const start = Math.floor(rnd() * (cps - 200));
      const n = codings.length;
      codings.push({ id: `c-${n}`, documentId: `doc-${d}`, codeId: codes[Math.floor(rnd() * codes.length)].id, start, end: start + 20 + Math.floor(rnd() * 150), coderId: null, memo: n % 20 ? '' : 'Memo bij de codering' });
    }
  }
  return { name: 'Benchmark', origin: 'bench', users: [], codes, variables: [], participants: [], documents, codings, kindNames: { transcript: 'Transcripten' } };
}

const secs = (ms) => Math.round(ms) / 1000;
const dataDir = tempDir('tnh-bench-qdpx-');
const config = loadConfig({ TNH_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '', LOG_LEVEL: 'silent' });
const platform = await openPlatform(config, { purpose: 'bench qdpx', memory: !process.env.DATABASE_URL });
const deps = platform.deps;
try {
  const data = generate();
  let t = performance.now();
  const seedFile = writeQdpx(writeProject(studyToProject(data).project), studyToProject(data).sources);
  log(`generated ${DOCS} documents, ${data.codings.length} codings (${(seedFile.length / 1e6).toFixed(1)} MB .qdpx) in ${secs(performance.now() - t)} s`);
  const mk = (title) => createStudy(deps, null, { title, description: '', researchQuestions: [], periodStart: null, periodEnd: null, funder: '', partners: [], disclosureThreshold: 10 }, { viaCli: true });
  const a = await mk('Benchmark bron');
  const b = await mk('Benchmark doel');

  t = performance.now();
  const seeded = await importQdpx(deps, null, a.slug, seedFile, { viaCli: true });
  const seedS = secs(performance.now() - t);
  log(`seeded study ${a.slug}: ${JSON.stringify(seeded.counts)} in ${seedS} s`);

  t = performance.now();
  const exp = await exportQdpx(deps, null, a.slug, { viaCli: true });
  const exportS = secs(performance.now() - t);
  log(`export: ${JSON.stringify(exp.counts)}, ${(exp.bytes.length / 1e6).toFixed(1)} MB in ${exportS} s`);

  t = performance.now();
  const imp = await importQdpx(deps, null, b.slug, exp.bytes, { viaCli: true });
  const importS = secs(performance.now() - t);
  log(`import: ${JSON.stringify(imp.counts)} in ${importS} s`);

  // baselines
  t = performance.now();
  const docs = await exportDocuments(deps.db, a.id);
  const rows = await exportCodings(deps.db, a.id);
  const readS = secs(performance.now() - t);
  t = performance.now();
  const built = studyToProject(data);
  writeQdpx(writeProject(built.project), built.sources);
  const buildS = secs(performance.now() - t);
  t = performance.now();
  const c = readQdpx(exp.bytes);
  planImport(parseProject(c.xml), { file: (p) => resolveInternal(c, p), maxTextChars: 1_000_000, kindSets: {} });
  const parseS = secs(performance.now() - t);

  const ok = imp.counts.codings === CODINGS && imp.counts.sources === DOCS && exp.counts.codings === CODINGS && docs.length === DOCS && rows.length === CODINGS;
  console.log(
    JSON.stringify({
      bench: 'qdpx',
      database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
      documents: DOCS,
      codings: CODINGS,
      bytes: exp.bytes.length,
      export_s: exportS,
      import_s: importS,
      seed_import_s: seedS,
      baseline_read_s: readS,
      baseline_build_s: buildS,
      baseline_parse_s: parseS,
      goal_s: GOAL_S,
      within_goal: exportS <= GOAL_S && importS <= GOAL_S,
      counts_ok: ok,
    }),
  );
  if (!ok) process.exitCode = 1;
} finally {
  await platform.close();
}
