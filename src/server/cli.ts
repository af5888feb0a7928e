/** The `tnh` command. Every command has --help and exits non-zero with a clear message on error. */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig } from './config';
import type { Platform } from './platform/boot';
import { email as emailSchema, password as passwordSchema, studyInput } from '../shared/api';
import pkg from '../../package.json' with { type: 'json' };

// The platform (database engine, web server) is loaded only by the commands that need it, so that
// `tnh --help` and argument errors answer at once.
const boot = () => import('./platform/boot');
const crypto = () => import('./platform/crypto');
const backup = () => import('./platform/backup');
const usersService = () => import('./modules/users/users.service');
const studiesService = () => import('./modules/studies/studies.service');
const auditService = () => import('./modules/audit/audit.service');
const dossiersService = () => import('./modules/dossiers/dossiers.service');

class CliError extends Error {}

async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(`${what} (Enter, dan Ctrl-D): `);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!text) throw new CliError(`Geen ${what.toLowerCase()} ontvangen op standaardinvoer.`);
  return text;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, v: unknown, what: string): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new CliError(`${what}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** Opens the platform for a one-off command, quietly (no request logs), and always closes it. */
async function withPlatform<T>(purpose: string, fn: (p: Platform) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { logLevel: process.env.LOG_LEVEL ?? 'warn' });
  const p = await (await boot()).openPlatform(config, { purpose });
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

export function buildCli(): Command {
  const program = new Command('tnh')
    .description('Terug naar huis — onderzoeksplatform voor uithuisplaatsing en terugplaatsing')
    .version(pkg.version)
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\nOmgeving: TNH_DATA_DIR (standaard ./data), DATABASE_URL (PostgreSQL in plaats van de ingebedde database), PORT, TNH_MASTER_KEY, TNH_PUBLIC_URL',
    );

  program
    .command('serve')
    .description('Start het platform (web-app en API)')
    .action(async () => {
      const config = loadConfig();
      const server = await (await boot()).startServer(config);
      const { deps } = server.platform;
      console.log(`Terug naar huis draait op ${server.url} (database: ${deps.kind === 'pglite' ? `ingebed, ${config.dataDir}` : 'PostgreSQL'})`);
      if (server.platform.masterKeyCreated) console.log(`Nieuwe hoofdsleutel aangemaakt: ${server.platform.masterKeyCreated} (alleen leesbaar voor deze gebruiker). Bewaar een kopie op een veilige plek.`);
      if (server.setupLink) {
        console.log('\nEerste start: maak de eerste beheerder aan via deze eenmalige link (24 uur geldig):');
        console.log(`  ${server.setupLink}\n`);
      }
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`${signal} ontvangen: database wordt weggeschreven en gesloten…`);
        try {
          await server.stop();
          process.exit(0);
        } catch (e) {
          console.error(e);
          process.exit(1);
        }
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
    });

  program
    .command('migrate')
    .description('Voer de databasemigraties uit (gebeurt ook bij elke start)')
    .action(async () => {
      await withPlatform('tnh migrate', async (p) => {
        console.log(`Database (${p.deps.kind}) is bij.`);
      });
    });

  const user = program.command('user').description('Accounts beheren');
  user
    .command('add')
    .description('Maak een account; het wachtwoord komt van standaardinvoer')
    .requiredOption('--email <email>', 'e-mailadres')
    .requiredOption('--name <name>', 'naam')
    .addOption(new Option('--role <role>', 'installatierol').choices(['admin', 'user']).default('user'))
    .option('--expires <date>', 'vervaldatum JJJJ-MM-DD')
    .action(async (o: { email: string; name: string; role: string; expires?: string }) => {
      const email = parse(emailSchema, o.email, 'E-mailadres');
      const password = parse(passwordSchema, await readStdin('Wachtwoord'), 'Wachtwoord');
      await withPlatform('tnh user add', async (p) => {
        const r = await (await usersService()).createUser(p.deps, null, { email, name: o.name.trim(), isAdmin: o.role === 'admin', expiresAt: o.expires ?? null, password });
        console.log(`Account aangemaakt: ${r.user.email} (${o.role === 'admin' ? 'beheerder' : 'gebruiker'}).`);
      });
    });
  user
    .command('reset-password')
    .description('Zet een nieuw wachtwoord (van standaardinvoer); alle sessies van het account eindigen')
    .requiredOption('--email <email>', 'e-mailadres')
    .action(async (o: { email: string }) => {
      const email = parse(emailSchema, o.email, 'E-mailadres');
      const password = parse(passwordSchema, await readStdin('Nieuw wachtwoord'), 'Wachtwoord');
      await withPlatform('tnh user reset-password', async (p) => {
        await (await usersService()).setPasswordCli(p.deps, email, password);
        console.log(`Wachtwoord van ${email} is gewijzigd.`);
      });
    });

  program
    .command('backup')
    .description('Schrijf een versleutelde back-up van alle tabellen naar een bestand')
    .requiredOption('--out <file>', 'doelbestand')
    .option('--passphrase-stdin', 'versleutel met een wachtwoordzin van standaardinvoer in plaats van de hoofdsleutel')
    .action(async (o: { out: string; passphraseStdin?: boolean }) => {
      const passphrase = o.passphraseStdin ? await readStdin('Wachtwoordzin') : null;
      if (passphrase !== null && passphrase.length < 12) throw new CliError('Een wachtwoordzin heeft minstens 12 tekens.');
      await withPlatform('tnh backup', async (p) => {
        const { file, counts } = await (await backup()).createBackup(p.deps, (await crypto()).loadMasterKey(p.deps.config).key, passphrase);
        fs.writeFileSync(o.out, file, { mode: 0o600 });
        console.log(`Back-up geschreven naar ${o.out} (${file.length} bytes): ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      });
    });

  program
    .command('restore')
    .description('Zet een back-up terug in een lege database (ingebed of PostgreSQL)')
    .argument('<file>', 'back-upbestand')
    .option('--passphrase-stdin', 'de wachtwoordzin van de back-up komt van standaardinvoer')
    .action(async (file: string, o: { passphraseStdin?: boolean }) => {
      if (!fs.existsSync(file)) throw new CliError(`Bestand niet gevonden: ${file}`);
      const passphrase = o.passphraseStdin ? await readStdin('Wachtwoordzin') : null;
      await withPlatform('tnh restore', async (p) => {
        const counts = await (await backup()).restoreBackup(p.deps, (await crypto()).loadMasterKey(p.deps.config).key, fs.readFileSync(file), passphrase);
        console.log(`Teruggezet: ${Object.entries(counts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      });
    });

  const audit = program.command('audit').description('De audittrail');
  audit
    .command('verify')
    .description('Controleer de hashketen van de audittrail; meldt de eerste gebroken schakel')
    .action(async () => {
      await withPlatform('tnh audit verify', async (p) => {
        const r = await (await auditService()).verifyAuditChain(p.deps);
        if (r.ok) console.log(`Audittrail in orde: ${r.checked} regels gecontroleerd. Laatste hash: ${r.headHash}`);
        else {
          console.error(`Audittrail GEBROKEN bij regel ${r.firstBroken!.id}: ${r.firstBroken!.reason}. ${r.checked} regels daarvoor zijn in orde.`);
          process.exitCode = 2;
        }
      });
    });

  const study = program.command('study').description('Onderzoeken');
  study
    .command('create')
    .description('Maak een onderzoek; drukt de code (slug) af die andere commando’s met --study gebruiken')
    .requiredOption('--title <title>', 'titel')
    .option('--lead <email>', 'e-mailadres van de projectleider (een bestaand account)')
    .action(async (o: { title: string; lead?: string }) => {
      const input = parse(studyInput, { title: o.title }, 'Titel');
      await withPlatform('tnh study create', async (p) => {
        let actor = null;
        if (o.lead) {
          const { findUserByEmail } = await import('./modules/users/users.repository');
          const u = await findUserByEmail(p.deps.db, o.lead);
          if (!u) throw new CliError(`Er is geen account met e-mailadres ${o.lead}.`);
          actor = { userId: u.id, isAdmin: u.is_admin, name: u.name };
        }
        const s = await (await studiesService()).createStudy(p.deps, actor, input, { viaCli: true });
        console.log(s.slug);
      });
    });
  study
    .command('list')
    .description('Alle onderzoeken met hun code')
    .option('--json', 'als JSON')
    .action(async (o: { json?: boolean }) => {
      await withPlatform('tnh study list', async (p) => {
        const all = await (await studiesService()).listAllStudies(p.deps);
        if (o.json) console.log(JSON.stringify(all));
        else if (all.length === 0) console.log('Nog geen onderzoeken.');
        else for (const s of all) console.log(`${s.slug}\t${s.title}${s.archived ? '\t(gearchiveerd)' : ''}`);
      });
    });

  program
    .command('demo')
    .description('Laad het FICTIEVE demonstratieonderzoek "Terug naar huis (demo)" met inhoud in elke module; drukt de code (slug) af')
    .option('--lead <email>', 'e-mailadres van de projectleider (een bestaand account; standaard de eerste beheerder)')
    .addHelpText('after', '\nZonder --lead wordt de eerst aangemaakte beheerder projectleider. Is er nog geen beheerder, dan wordt het fictieve account demo-projectleider@example.invalid (zonder wachtwoord) projectleider; geef het een wachtwoord met `tnh user reset-password` om in te loggen. Opnieuw laden maakt een tweede demo-onderzoek.')
    .action(async (o: { lead?: string }) => {
      await withPlatform('tnh demo', async (p) => {
        const usersRepo = await import('./modules/users/users.repository');
        let u;
        if (o.lead) {
          u = await usersRepo.findUserByEmail(p.deps.db, o.lead);
          if (!u) throw new CliError(`Er is geen account met e-mailadres ${o.lead}.`);
        } else {
          u = (await usersRepo.listUsers(p.deps.db)).filter((x) => x.is_admin).sort((x, y) => +x.created_at - +y.created_at)[0];
          if (!u) {
            const email = 'demo-projectleider@example.invalid';
            u = await usersRepo.findUserByEmail(p.deps.db, email);
            if (!u) {
              await (await usersService()).createUser(p.deps, null, { email, name: 'Demo-projectleider (fictief)', isAdmin: false });
              u = (await usersRepo.findUserByEmail(p.deps.db, email))!;
            }
            console.error(`Er is nog geen beheerder: projectleider is het fictieve account ${email}. Zet een wachtwoord met: tnh user reset-password --email ${email}`);
          }
        }
        const { loadDemo } = await import('./modules/demo/demo.service');
        const progress = process.stderr.isTTY ? (done: number, total: number) => void process.stderr.write(`\rDemo laden: stap ${done} van ${total}`) : undefined;
        const r = await loadDemo(p.deps, { userId: u.id, isAdmin: u.is_admin, name: u.name }, { progress });
        if (progress) process.stderr.write('\n');
        console.error(`FICTIEF demonstratieonderzoek geladen in ${r.seconds} s met ${u.email} als projectleider: ${Object.entries(r.counts).map(([k, n]) => `${k} ${n}`).join(', ')}.`);
        console.log(r.slug);
      });
    });

  const dossiers = program.command('dossiers').description('Het dossieronderzoek');
  dossiers
    .command('import')
    .description('Importeer dossiers uit de uitwisselbestanden (CSV): alles of niets; drukt een samenvatting (JSON) af, of de problemen')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .argument('<cases>', 'CSV-bestand met de dossiers')
    .argument('<events>', 'CSV-bestand met de gebeurtenissen')
    .action(async (casesFile: string, eventsFile: string, o: { study: string }) => {
      for (const f of [casesFile, eventsFile]) if (!fs.existsSync(f)) throw new CliError(`Bestand niet gevonden: ${f}`);
      const files = { cases: fs.readFileSync(casesFile, 'utf8'), events: fs.readFileSync(eventsFile, 'utf8') };
      await withPlatform('tnh dossiers import', async (p) => {
        const r = await (await dossiersService()).importInterchange(p.deps, null, o.study, files, { viaCli: true });
        if (r.ok) {
          console.log(JSON.stringify({ ok: true, study: o.study, cases: r.cases, events: r.events }));
          return;
        }
        const name = { cases: casesFile, events: eventsFile };
        console.error(`Import geweigerd: ${r.problemCount} ${r.problemCount === 1 ? 'probleem' : 'problemen'}; er is niets geïmporteerd.`);
        for (const pr of r.problems) console.error(`${name[pr.file]}${pr.line ? `, regel ${pr.line}` : ''}: ${pr.message}`);
        process.exitCode = 1;
      });
    });
  dossiers
    .command('export')
    .description('Schrijf de dossiers van een onderzoek als uitwisselbestanden cases.csv en events.csv')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .requiredOption('--out <dir>', 'doelmap (wordt aangemaakt)')
    .option('--extended', 'cases.csv ook met de kolommen institution, siblings en status')
    .action(async (o: { study: string; out: string; extended?: boolean }) => {
      await withPlatform('tnh dossiers export', async (p) => {
        const r = await (await dossiersService()).exportInterchange(p.deps, null, o.study, { viaCli: true, extended: !!o.extended });
        if (r.withoutObservationEnd) {
          console.error(`Let op: ${r.withoutObservationEnd} ${r.withoutObservationEnd === 1 ? 'dossier heeft' : 'dossiers hebben'} niet precies één observation_end; een import weigert die tot ze zijn aangevuld.`);
        }
        fs.mkdirSync(o.out, { recursive: true });
        fs.writeFileSync(path.join(o.out, 'cases.csv'), r.files.cases, { mode: 0o600 });
        fs.writeFileSync(path.join(o.out, 'events.csv'), r.files.events, { mode: 0o600 });
        console.log(`${r.cases} dossiers geschreven naar ${path.join(o.out, 'cases.csv')} en ${path.join(o.out, 'events.csv')}.`);
      });
    });
  dossiers
    .command('generate')
    .description('Maak een FICTIEF cohort dossiers (om te testen en te demonstreren) en importeer het')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .requiredOption('--cases <n>', 'aantal dossiers')
    .option('--seed <k>', 'startwaarde van de toevalsgenerator (zelfde seed, zelfde cohort)', '1')
    .action(async (o: { study: string; cases: string; seed: string }) => {
      const n = Number(o.cases);
      const seed = Number(o.seed);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new CliError('--cases moet een geheel getal tussen 1 en 1.000.000 zijn.');
      if (!Number.isInteger(seed)) throw new CliError('--seed moet een geheel getal zijn.');
      await withPlatform('tnh dossiers generate', async (p) => {
        const r = await (await dossiersService()).generateFictional(p.deps, null, o.study, { cases: n, seed }, { viaCli: true });
        if (!r.ok) {
          console.error(`Niets geïmporteerd: ${r.problems.map((pr) => pr.message).join('; ')}`);
          process.exitCode = 1;
          return;
        }
        console.log(`FICTIEVE gegevens: ${r.cases} verzonnen dossiers met ${r.events} gebeurtenissen (seed ${seed}) geïmporteerd in ${o.study}. Ze beschrijven geen echte kinderen; gebruik ze alleen om te testen.`);
      });
    });

  dossiers
    .command('recompute')
    .description('Leid de indicatoren van elk dossier opnieuw af (na een update van de definities, of om zeker te zijn)')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .option('--stale', 'alleen de dossiers die met een oudere definitie zijn afgeleid')
    .action(async (o: { study: string; stale?: boolean }) => {
      await withPlatform('tnh dossiers recompute', async (p) => {
        const progress = (done: number, total: number) => process.stderr.write(`\r${done} van ${total} dossiers`);
        const r = await (await dossiersService()).recomputeOutcomes(p.deps, null, o.study, { viaCli: true, all: !o.stale, progress });
        if (r.cases) process.stderr.write('\n');
        console.log(`${r.cases} dossiers opnieuw afgeleid (definitieversie ${r.version}) in ${o.study}.`);
      });
    });

  program
    .command('monitor')
    .description('De indicatoren van de monitor over het hele cohort van een onderzoek')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .option('--json', 'als JSON (precies de MonitorResult)')
    .action(async (o: { study: string; json?: boolean }) => {
      await withPlatform('tnh monitor', async (p) => {
        const r = await (await dossiersService()).monitorCohort(p.deps, null, o.study, { viaCli: true });
        if (o.json) console.log(JSON.stringify(r));
        else console.log((await dossiersService()).monitorSummary(r));
      });
    });

  const report = program.command('report').description('De rapportbouwer');
  report
    .command('build')
    .description('Bouw een rapport van een onderzoek als HTML, DOCX of PDF (met onthullingscontrole en citaatcontrole); drukt een samenvatting (JSON) af met wat is gewijzigd of geweigerd')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .addOption(new Option('--format <format>', 'bestandsformaat').choices(['html', 'docx', 'pdf']).makeOptionMandatory())
    .requiredOption('--out <file>', 'het bestand dat wordt geschreven')
    .option('--report <id>', 'het rapport (standaard: het laatst gewijzigde rapport van het onderzoek)')
    .option('--as <email>', 'bouw met de rechten van dit lid van het onderzoek (standaard: wie het rapport maakte)')
    .addHelpText('after', '\nPDF vraagt een geïnstalleerde Chromium (TNH_CHROMIUM_PATH, of /usr/bin/chromium).')
    .action(async (o: { study: string; format: 'html' | 'docx' | 'pdf'; out: string; report?: string; as?: string }) => {
      if (o.report && !/^[0-9a-f-]{36}$/i.test(o.report)) throw new CliError(`--report moet de id (uuid) van een rapport zijn, niet "${o.report}".`);
      await withPlatform('tnh report build', async (p) => {
        let asUserId: string | undefined;
        if (o.as) {
          const { findUserByEmail } = await import('./modules/users/users.repository');
          const u = await findUserByEmail(p.deps.db, o.as);
          if (!u) throw new CliError(`Er is geen account met e-mailadres ${o.as}.`);
          asUserId = u.id;
        }
        const { buildForCli } = await import('./modules/reports/reports.service');
        const started = Date.now();
        const progress = (done: number, total: number) => void process.stderr.write(`\r${done} van ${total} blokken`);
        const r = await buildForCli(p.deps, o.study, { reportId: o.report, format: o.format, asUserId, progress });
        process.stderr.write('\n');
        fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
        fs.writeFileSync(o.out, r.content, { mode: 0o600 });
        console.log(JSON.stringify({ ok: true, study: o.study, report: r.reportId, title: r.title, format: o.format, file: o.out, bytes: r.content.length, seconds: (Date.now() - started) / 1000, changes: r.changes }));
      });
    });

  const pseudonymise = program.command('pseudonymise').description('Hulp bij het pseudonimiseren van teksten (zonder database)');
  pseudonymise
    .command('detect')
    .description('Stel fragmenten voor om te vervangen in een tekstbestand (UTF-8): namen, plaatsen, instellingen, datums, leeftijden, telefoonnummers, e-mailadressen, URL\'s, BSN\'s, postcodes en adressen')
    .argument('<file>', 'tekstbestand (UTF-8)')
    .option('--json', 'als JSON: een lijst van {start, end, kind, text}')
    .addHelpText('after', '\nPosities (start, end) tellen Unicode-codepunten in de tekst van het bestand nadat een eventuele BOM aan het begin is verwijderd; end is exclusief.')
    .action(async (file: string, o: { json?: boolean }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`Bestand niet gevonden: ${file}`);
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const { detect } = await import('../lib/pseudonymise/detect');
      const found = detect(text);
      if (o.json) console.log(JSON.stringify(found));
      else console.log((await import('../lib/pseudonymise/table')).formatProposals(found));
    });

  const survey = program.command('survey').description('De enquête onder professionals');
  survey
    .command('export')
    .description('Exporteer de antwoorden van een vragenlijst: gegevens plus codeboek, syntax of script')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .requiredOption('--survey <id>', 'id of exacte titel van de vragenlijst')
    .requiredOption('--format <format>', 'csv, xlsx, spss, r of json')
    .requiredOption('--out <dir>', 'map voor de bestanden (wordt aangemaakt)')
    .option('--survey-version <n>', 'versienummer van de vragenlijst (standaard: de nieuwste versie met antwoorden)')
    .action(async (o: { study: string; survey: string; format: string; out: string; surveyVersion?: string }) => {
      const formats = ['csv', 'xlsx', 'spss', 'r', 'json'] as const;
      const format = formats.find((f) => f === o.format.toLowerCase());
      if (!format) throw new CliError(`--format moet een van ${formats.join(', ')} zijn.`);
      const version = o.surveyVersion === undefined ? undefined : Number(o.surveyVersion);
      if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw new CliError('--survey-version moet een positief geheel getal zijn.');
      await withPlatform('tnh survey export', async (p) => {
        const { exportToDir } = await import('./modules/surveys/results.service');
        const { findSurveyForCli } = await import('./modules/surveys/surveys.service');
        const r = await exportToDir(p.deps, o.study, o.survey, format, o.out, { version, findSurvey: findSurveyForCli });
        console.log(`${r.responses} antwoorden (versie ${r.version}) geschreven naar:\n${r.files.map((f) => `  ${f}`).join('\n')}`);
      });
    });


  const qdpx = program.command('qdpx').description('Uitwisseling met andere programma\'s voor kwalitatieve analyse (REFI-QDA: ATLAS.ti, NVivo, MAXQDA, QualCoder)');
  qdpx
    .command('export')
    .description('Exporteer een onderzoek als REFI-QDA-project (.qdpx): codeboek, casussen, teksten, fragmenten, coderingen, memo\'s en sets')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .requiredOption('--out <file>', 'het .qdpx-bestand dat wordt geschreven')
    .action(async (o: { study: string; out: string }) => {
      await withPlatform('tnh qdpx export', async (p) => {
        const { exportQdpx } = await import('./modules/qdpx/qdpx.service');
        const r = await exportQdpx(p.deps, null, o.study, { viaCli: true });
        fs.mkdirSync(path.dirname(path.resolve(o.out)), { recursive: true });
        fs.writeFileSync(o.out, r.bytes, { mode: 0o600 });
        console.log(JSON.stringify({ ok: true, study: o.study, file: o.out, bytes: r.bytes.length, ...r.counts }));
      });
    });
  qdpx
    .command('import')
    .description('Importeer een REFI-QDA-project (.qdpx) in een bestaand onderzoek: alles of niets; drukt een samenvatting (JSON) af met wat is overgeslagen')
    .requiredOption('--study <slug>', 'code van het onderzoek')
    .argument('<file>', 'het .qdpx-bestand')
    .action(async (file: string, o: { study: string }) => {
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CliError(`Bestand niet gevonden: ${file}`);
      const bytes = fs.readFileSync(file);
      await withPlatform('tnh qdpx import', async (p) => {
        const { importQdpx } = await import('./modules/qdpx/qdpx.service');
        const r = await importQdpx(p.deps, null, o.study, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { viaCli: true });
        const c = r.counts;
        console.log(
          JSON.stringify({
            ok: true,
            study: o.study,
            codes: c.codes,
            sources: c.sources,
            selections: c.selections,
            codings: c.codings,
            cases: c.cases,
            notes: c.notes,
            variables: c.variables,
            codesCreated: c.codesCreated,
            casesMatched: c.casesMatched,
            casesCreated: c.casesCreated,
            skipped: r.skipped,
            warnings: r.warnings,
          }),
        );
      });
    });

  return program;
}

export async function runCli(argv: string[]) {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    const err = e as Error & { code?: string };
    console.error(`Fout: ${err.message}`);
    if (!(e instanceof CliError) && !err.code && process.env.TNH_DEBUG) console.error(err.stack);
    process.exit(1);
  }
}
