/**
 * REFI-QDA exchange of a study: export as .qdpx (project.qde + sources/<guid>.txt) and .qdc (codebook), and import
 * of a .qdpx or .qdc into an EXISTING study, all or nothing in one transaction. The pure mapping lives in
 * src/lib/refiqda; this file reads and writes the study through the coding, participants and qdpx repositories.
 *
 * Import rules: codes are matched by their full path of names (existing ones are reused, the rest created);
 * sources become documents (kind 'transcript' unless the source is in one of our own kind sets) with their texts
 * sealed and speaker turns recognised; cases are matched to participants by pseudonym code, or created (role from a
 * variable or the code's letter, else 'parent'), but a source is linked to a participant only when the
 * participant's consent allows storing it; creatingUser is mapped to a study member by e-mail or name, else the
 * importing user ("Consensus" → the consensus layer). Everything not taken over is listed with a Dutch reason.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import type { Actor, StudyAction } from '../../platform/permissions';
import { registerJobKind } from '../../platform/jobs';
import { DEFAULT_CODE_COLOR, MAX_TEXT_CHARS, type Unit } from '../../../shared/coding';
import { AGE_BANDS, CODE_PREFIXES, GENDERS, PLACEMENT_TYPES, SITUATIONS, type ParticipantRole, type VariableType as StudyVariableType } from '../../../shared/participant-vocabulary';
import type { CodebookImportReport, QdpxImportReport } from '../../../shared/qdpx';
import {
  CONSENSUS_USER,
  RefiError,
  codebookOf,
  codeKey,
  flattenCodes,
  parseCodebook,
  parseProject,
  planImport,
  readQdpx,
  resolveInternal,
  studyToProject,
  writeCodebook,
  writeProject,
  writeQdpx,
  type PlanCode,
  type Skipped,
  type StudyData,
  type VariableType,
} from '../../../lib/refiqda';
import { parsePlainText } from '../../../lib/transcripts/plain';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import * as studies from '../studies/studies.repository';
import * as coding from '../coding/coding.repository';
import { FIELD, checkUnits, prepareText } from '../coding/coding.service';
import * as people from '../participants/participants.repository';
import { assertConsent } from '../participants/consent.service';
import { formatCode, normaliseValue } from '../participants/values';
import * as jobs from '../jobs/jobs.repository';
import * as repo from './qdpx.repository';
import pkg from '../../../../package.json' with { type: 'json' };

const ORIGIN = `Terug naar huis ${pkg.version}`;

export interface CliOption {
  /** the server operator on the command line (no actor) */
  viaCli?: boolean;
}

interface Access {
  study: studies.StudyRow;
  actorId: string | null;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction, opts: CliOption = {}): Promise<Access> {
  if (!actor && opts.viaCli) {
    const study = await studies.findStudyBySlug(db, slug);
    if (!study) throw notFound(`Het onderzoek "${slug}"`);
    return { study, actorId: null };
  }
  const { study, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, actorId: a.userId };
}

function assertWritable(study: studies.StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

/** A RefiError (a file that is not what it should be) as a 400 (413 when unpacked too large). */
function asAppError(e: unknown): never {
  if (e instanceof RefiError) throw new AppError(`qdpx_${e.code}`, e.message, e.code === 'too_large' ? 413 : 400);
  throw e;
}

const clean = (s: string, max: number) => s.replace(/\u0000/g, '').trim().slice(0, max);

/** The participant attributes (columns) exchanged as REFI variables, by their Dutch variable name. */
const FIXED: { name: string; column: 'role' | 'age_band' | 'gender' | 'region' | 'situation' | 'placement_type'; aliases: string[] }[] = [
  { name: 'Rol', column: 'role', aliases: ['rol', 'role', 'rol deelnemer', 'type deelnemer'] },
  { name: 'Leeftijdsgroep', column: 'age_band', aliases: ['leeftijdsgroep', 'age band', 'age_band'] },
  { name: 'Geslacht', column: 'gender', aliases: ['geslacht', 'gender', 'sekse'] },
  { name: 'Regio', column: 'region', aliases: ['regio', 'region'] },
  { name: 'Situatie', column: 'situation', aliases: ['situatie', 'situation'] },
  { name: 'Soort plaatsing', column: 'placement_type', aliases: ['soort plaatsing', 'placement type', 'placement_type'] },
];
const fixedOf = (name: string) => FIXED.find((f) => f.aliases.includes(name.trim().toLocaleLowerCase('nl')));

/** The names of the sets that carry our document kinds. */
const KIND_SETS: Record<string, string> = { transcript: 'Transcripten', survey_answer: 'Open antwoorden enquête', signal: 'Signalen', dossier_note: 'Dossiernotities' };
/** A set of the documents assigned to one coder (teamwork): "Toegewezen aan <name>". */
const ASSIGNED_PREFIX = 'Toegewezen aan ';
const KIND_BY_SET = Object.fromEntries(Object.entries(KIND_SETS).map(([k, v]) => [v.toLocaleLowerCase('nl'), k]));

const ROLE_WORDS: Record<string, ParticipantRole> = {
  child: 'child',
  kind: 'child',
  jeugdige: 'child',
  parent: 'parent',
  ouder: 'parent',
  moeder: 'parent',
  vader: 'parent',
  foster_parent: 'foster_parent',
  pleegouder: 'foster_parent',
  'pleeg-ouder': 'foster_parent',
  young_adult: 'young_adult',
  jongvolwassene: 'young_adult',
  professional: 'professional',
  professioneel: 'professional',
  hulpverlener: 'professional',
  jeugdbeschermer: 'professional',
  gezinsvoogd: 'professional',
};

// ---- export -----------------------------------------------------------------------------------------------

export interface ExportResult {
  filename: string;
  bytes: Uint8Array;
  counts: { codes: number; sources: number; selections: number; codings: number; cases: number; notes: number; users: number };
}

/** Reads the whole study and builds the .qdpx. */
export async function buildExport(deps: Deps, study: studies.StudyRow, progress?: (done: number, total: number) => Promise<void>): Promise<ExportResult> {
  const db = deps.db;
  const [codes, participants, variables, documents, codings, members, assignments] = await Promise.all([
    coding.listCodes(db, study.id),
    people.listParticipants(db, study.id),
    people.listVariables(db, study.id),
    repo.exportDocuments(db, study.id),
    repo.exportCodings(db, study.id),
    studies.listMembers(db, study.id),
    repo.assignmentsOf(db, study.id),
  ]);
  const values = await people.valuesOf(
    db,
    participants.map((p) => p.id),
  );
  const userIds = new Set([...members.map((m) => m.user_id), ...codings.map((c) => c.coder_id), ...documents.map((d) => d.created_by), ...assignments.map((x) => x.coder_id)].filter((x): x is string => !!x));
  const users = await repo.usersByIds(db, [...userIds]);
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const assigned = new Map<string, string[]>();
  for (const x of assignments) assigned.set(x.coder_id, [...(assigned.get(x.coder_id) ?? []), x.document_id]);

  const fixedNames = new Set(FIXED.map((f) => f.name.toLocaleLowerCase('nl')));
  const varName = new Map(variables.map((v) => [v.id, fixedNames.has(v.name.toLocaleLowerCase('nl')) ? `${v.name} (variabele)` : v.name]));
  const data: StudyData = {
    name: study.title,
    origin: ORIGIN,
    createdAt: new Date(study.created_at).toISOString(),
    users: users.map((u) => ({ id: u.id, name: u.name, email: u.email })),
    codes: codes.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, description: c.description, color: c.color, memo: c.memo, position: c.position })),
    variables: [...FIXED.map((f) => ({ name: f.name, type: 'text' as const })), ...variables.map((v) => ({ name: varName.get(v.id)!, type: v.type as StudyVariableType }))],
    participants: participants.map((p) => {
      const vals: Record<string, string> = {};
      for (const f of FIXED) {
        const v = String(p[f.column] ?? '');
        if (v) vals[f.name] = v;
      }
      for (const v of values) if (v.participant_id === p.id && varName.has(v.variable_id)) vals[varName.get(v.variable_id)!] = v.value;
      return { id: p.id, code: p.code, values: vals };
    }),
    documents: [],
    codings: [],
    kindNames: KIND_SETS,
    sets: [...assigned].map(([coderId, documentIds]) => ({ key: `assigned:${coderId}`, name: `${ASSIGNED_PREFIX}${nameOf.get(coderId) ?? coderId}`, documentIds })),
  };
  const total = documents.length;
  for (const [i, d] of documents.entries()) {
    data.documents.push({
      id: d.id,
      title: d.title,
      kind: d.kind,
      participantId: d.participant_id,
      memo: d.memo_enc ? await deps.keys.decrypt(study.id, FIELD.documentMemo, d.memo_enc) : '',
      text: await deps.keys.decrypt(study.id, FIELD.text, d.text_enc),
      createdBy: d.created_by,
      createdAt: new Date(d.created_at).toISOString(),
    });
    if (progress && i % 20 === 19) await progress(i + 1, total + 1);
  }
  for (const c of codings) {
    data.codings.push({
      id: c.id,
      documentId: c.document_id,
      codeId: c.code_id,
      start: c.start,
      end: c.end,
      coderId: c.coder_id,
      memo: c.memo_enc ? await deps.keys.decrypt(study.id, FIELD.codingMemo, c.memo_enc) : '',
      createdAt: new Date(c.created_at).toISOString(),
      consensus: c.layer === 'consensus',
    });
  }
  const { project, sources } = studyToProject(data);
  const bytes = writeQdpx(writeProject(project), sources);
  if (progress) await progress(total + 1, total + 1);
  const stamp = new Date().toISOString().slice(0, 10);
  return {
    filename: `${study.slug}-${stamp}.qdpx`,
    bytes,
    counts: {
      codes: codes.length,
      sources: project.sources.length,
      selections: project.sources.reduce((n, s) => n + s.selections.length, 0),
      codings: codings.length,
      cases: project.cases.length,
      notes: project.notes.length,
      users: project.users.length,
    },
  };
}

/** GET …/qdpx/export and `tnh qdpx export`: the file at once, audited. */
export async function exportQdpx(deps: Deps, actor: Actor | null, slug: string, opts: CliOption = {}): Promise<ExportResult> {
  const a = await access(deps.db, actor, slug, 'data.read', opts);
  const r = await buildExport(deps, a.study);
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'qdpx.exported', objectType: 'study', objectId: a.study.id, details: { ...r.counts, bytes: r.bytes.length, ...(opts.viaCli ? { via: 'cli' } : {}) } }),
  );
  return r;
}

/** POST …/qdpx/export: the same as a job with progress (large studies); the file is the job's output. */
export async function startExportJob(deps: Deps, actor: Actor | null, slug: string) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.read');
    const job = await jobs.insertJob(trx, { studyId: a.study.id, kind: 'qdpx.export', payload: {}, createdBy: a.actorId });
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'qdpx.exported', objectType: 'study', objectId: a.study.id, details: { jobId: job.id } });
    return job;
  });
}

registerJobKind('qdpx.export', async (ctx) => {
  const study = await studies.findStudyById(ctx.deps.db, ctx.studyId!);
  if (!study) return { ok: false, message: 'Het onderzoek bestaat niet meer.' };
  const r = await buildExport(ctx.deps, study, ctx.progress);
  await ctx.output(r.filename, 'application/zip', Buffer.from(r.bytes));
  return { ok: true, ...r.counts };
});

/** GET …/qdpx/codebook: the codebook as .qdc. */
export async function exportCodebook(deps: Deps, actor: Actor | null, slug: string): Promise<{ filename: string; xml: string; codes: number }> {
  const a = await access(deps.db, actor, slug, 'data.read');
  const codes = await coding.listCodes(deps.db, a.study.id);
  const xml = writeCodebook(codebookOf({ codes: codes.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name, description: c.description, color: c.color, memo: '', position: c.position })) }, ORIGIN));
  await deps.db.transaction().execute((trx) =>
    appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'codebook.exported', objectType: 'study', objectId: a.study.id, details: { codes: codes.length } }),
  );
  return { filename: `${a.study.slug}-codeboek.qdc`, xml, codes: codes.length };
}

// ---- import: codes ----------------------------------------------------------------------------------------

/** Creates the plan's codes that the study does not have yet (matched by path); returns key → code id. */
async function writeCodes(trx: Kysely<DB>, studyId: string, actorId: string | null, planCodes: PlanCode[]): Promise<{ ids: Map<string, string>; created: number }> {
  await coding.lockCodebook(trx, studyId);
  const existing = await coding.listCodes(trx, studyId);
  const byId = new Map(existing.map((c) => [c.id, c]));
  const pathOf = (id: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (let c = byId.get(id); c && !seen.has(c.id); c = c.parent_id ? byId.get(c.parent_id) : undefined) {
      seen.add(c.id);
      out.unshift(c.name);
    }
    return out;
  };
  const ids = new Map<string, string>();
  for (const c of existing) ids.set(codeKey(pathOf(c.id)), c.id);
  const nextPosition = new Map<string | null, number>();
  for (const c of existing) nextPosition.set(c.parent_id, Math.max(nextPosition.get(c.parent_id) ?? 0, c.position + 1));
  let created = 0;
  for (const c of planCodes) {
    if (ids.has(c.key)) continue;
    const parentId = c.parentKey ? (ids.get(c.parentKey) ?? null) : null;
    const position = nextPosition.get(parentId) ?? 0;
    nextPosition.set(parentId, position + 1);
    const row = await coding.insertCode(trx, {
      studyId,
      parentId,
      name: c.path[c.path.length - 1],
      description: clean(c.description, 5_000),
      color: c.color ?? DEFAULT_CODE_COLOR,
      memo: clean(c.memo, 20_000),
      position,
      createdBy: actorId,
    });
    ids.set(c.key, row.id);
    created++;
  }
  return { ids, created };
}

// ---- import: project --------------------------------------------------------------------------------------

function readPlan(bytes: Uint8Array) {
  try {
    const c = readQdpx(bytes);
    const project = parseProject(c.xml);
    const plan = planImport(project, { file: (p) => resolveInternal(c, p), maxTextChars: MAX_TEXT_CHARS, kindSets: KIND_BY_SET, keepSet: (name) => name.startsWith(ASSIGNED_PREFIX) });
    plan.warnings.unshift(...c.warnings);
    return { plan, qdeName: c.qdeName };
  } catch (e) {
    asAppError(e);
  }
}

function roleOf(c: { name: string; values: { name: string; value: string }[] }): ParticipantRole | null {
  for (const v of c.values) {
    if (fixedOf(v.name)?.column !== 'role') continue;
    const r = ROLE_WORDS[v.value.trim().toLocaleLowerCase('nl')];
    if (r) return r;
  }
  const m = /^([A-Za-z])-\d+$/.exec(c.name.trim());
  if (m) {
    const r = (Object.entries(CODE_PREFIXES) as [ParticipantRole, string][]).find(([, prefix]) => prefix === m[1].toUpperCase());
    if (r) return r[0];
  }
  return null;
}

const studyTypeOf = (t: VariableType): StudyVariableType => (t === 'Integer' || t === 'Float' ? 'number' : t === 'Date' || t === 'DateTime' ? 'date' : 'text');

type Progress = (done: number, total: number) => Promise<void>;

/** A source's text, turns and memos, sealed before the transaction (the slow part, so it can report progress). */
interface SealedSource {
  length: number;
  textEnc: string;
  unitsEnc: string;
  memoEnc: string | null;
  codingMemoEnc: (string | null)[];
}

async function sealSources(deps: Deps, studyId: string, plan: ReturnType<typeof readPlan>['plan'], progress: Progress, total: number): Promise<SealedSource[]> {
  const out: SealedSource[] = [];
  for (const [i, s] of plan.sources.entries()) {
    const { text, length } = prepareText(s.text);
    let units: Unit[] = [];
    try {
      units = checkUnits(
        parsePlainText(text).turns.map((t) => ({ start: t.start, end: t.end, speaker: t.speaker?.slice(0, 100) ?? null, role: t.role, startMs: t.startMs, endMs: t.endMs })),
        length,
      );
    } catch {
      units = [];
    }
    const codingMemoEnc: (string | null)[] = [];
    for (const c of s.codings) codingMemoEnc.push(c.memo ? await deps.keys.encrypt(studyId, FIELD.codingMemo, clean(c.memo, 20_000)) : null);
    out.push({
      length,
      textEnc: await deps.keys.encrypt(studyId, FIELD.text, text),
      unitsEnc: await deps.keys.encrypt(studyId, FIELD.units, JSON.stringify(units)),
      memoEnc: s.memo ? await deps.keys.encrypt(studyId, FIELD.documentMemo, clean(s.memo, 20_000)) : null,
      codingMemoEnc,
    });
    if (i % 10 === 9) await progress(2 + i, total);
  }
  return out;
}

/** Imports a .qdpx into an existing study: all or nothing (the synchronous route and `tnh qdpx import`). */
export async function importQdpx(deps: Deps, actor: Actor | null, slug: string, bytes: Uint8Array, opts: CliOption & { progress?: Progress } = {}): Promise<QdpxImportReport> {
  return importInto(deps, (db) => access(db, actor, slug, 'data.write', opts), bytes, opts);
}

/**
 * The import itself. `resolve` gives the study and the importing user (checked again inside the transaction).
 * Progress: 1 for reading the archive, 1 per source (sealed before the transaction), 1 for the transaction; on
 * PGlite the transaction holds the one connection, so nothing is reported while it runs.
 */
async function importInto(deps: Deps, resolve: (db: Kysely<DB>) => Promise<Access>, bytes: Uint8Array, opts: CliOption & { progress?: Progress }): Promise<QdpxImportReport> {
  const progress: Progress = opts.progress ?? (async () => {});
  // the rights first: unpacking a large archive is work an outsider may not cause
  const before = await resolve(deps.db);
  assertWritable(before.study);
  await progress(0, 1);
  const { plan, qdeName } = readPlan(bytes);
  const skipped: Skipped[] = [...plan.skipped];
  const warnings = [...plan.warnings];
  const total = plan.sources.length + 2;
  await progress(1, total);
  const sealed = await sealSources(deps, before.study.id, plan, progress, total);
  await progress(total - 1, total);

  return deps.db.transaction().execute(async (trx) => {
    const a = await resolve(trx);
    assertWritable(a.study);
    if (a.study.id !== before.study.id) throw new AppError('conflict', 'Het onderzoek is tijdens het importeren gewijzigd. Probeer het opnieuw.', 409);
    const studyId = a.study.id;

    // codes
    const { ids: codeIds, created: codesCreated } = await writeCodes(trx, studyId, a.actorId, plan.codes);

    // variables: participant attributes, or study variables (matched by name, else created)
    const defs = new Map<string, people.VariableRow>((await people.listVariables(trx, studyId)).map((v) => [v.name.toLocaleLowerCase('nl'), v]));
    const varOf = new Map<string, people.VariableRow | 'fixed'>();
    for (const v of plan.variables) {
      if (fixedOf(v.name)) {
        varOf.set(v.guid, 'fixed');
        continue;
      }
      const name = clean(v.name, 100);
      let def = defs.get(name.toLocaleLowerCase('nl'));
      if (!def) {
        def = await people.insertVariable(trx, { studyId, name, type: studyTypeOf(v.type), choices: [] });
        defs.set(name.toLocaleLowerCase('nl'), def);
      }
      varOf.set(v.guid, def);
    }

    // cases → participants
    await people.lockParticipantCodes(trx, studyId);
    const participants = await people.listParticipants(trx, studyId);
    const byCode = new Map(participants.map((p) => [p.code.toLocaleLowerCase('nl'), p]));
    const existingValues = new Set((await people.valuesOf(trx, participants.map((p) => p.id))).map((v) => `${v.participant_id}:${v.variable_id}`));
    const participantOfSource = new Map<string, { id: string; code: string }>();
    let casesMatched = 0;
    let casesCreated = 0;
    const createdIds = new Set<string>();
    for (const c of plan.cases) {
      let p: { id: string; code: string } | undefined = byCode.get(c.name.toLocaleLowerCase('nl'));
      if (p) casesMatched++;
      else {
        const role = roleOf(c) ?? 'parent';
        if (role === 'child' || role === 'young_adult') {
          skipped.push({
            kind: 'casus',
            name: c.name,
            reason: `Geen deelnemer met deze code in het onderzoek. Een ${role === 'child' ? 'kind' : 'jongvolwassene'} kan alleen met geboortemaand worden geregistreerd: registreer de deelnemer eerst zelf; de bronnen van deze casus zijn zonder deelnemer geïmporteerd.`,
          });
          continue;
        }
        const fixed = (column: string) => c.values.find((v) => fixedOf(v.name)?.column === column)?.value ?? '';
        const pick = <T extends string>(list: readonly T[], v: string, fallback: T): T => ((list as readonly string[]).includes(v) ? (v as T) : fallback);
        const code = formatCode(role, (await people.maxCodeNumber(trx, studyId, CODE_PREFIXES[role])) + 1);
        const row = await people.insertParticipant(trx, {
          studyId,
          code,
          role,
          ageBand: pick(AGE_BANDS, fixed('age_band'), 'adult'),
          gender: pick(GENDERS, fixed('gender'), 'unknown'),
          region: clean(fixed('region'), 100),
          situation: pick(SITUATIONS, fixed('situation'), 'other'),
          placementType: pick(PLACEMENT_TYPES, fixed('placement_type'), 'none'),
          createdBy: a.actorId,
          identity: { nameEnc: null, contactEnc: null, birthMonthEnc: null },
        });
        p = { id: row.id, code };
        createdIds.add(row.id);
        byCode.set(code.toLocaleLowerCase('nl'), row);
        casesCreated++;
        skipped.push({
          kind: 'casus',
          name: c.name,
          reason: `Nieuwe deelnemer ${code} aangemaakt (rol ${role}${roleOf(c) ? '' : ', niet herkend: controleer haar'}). Er is nog geen toestemming vastgelegd, dus de bronnen zijn niet aan de deelnemer gekoppeld.`,
        });
      }
      for (const v of c.values) {
        const def = varOf.get(v.variableGuid);
        if (!def || def === 'fixed' || existingValues.has(`${p.id}:${def.id}`)) continue;
        const value = def.type === 'date' ? v.value.slice(0, 10) : v.type === 'Boolean' ? (/^(true|1)$/i.test(v.value) ? 'ja' : 'nee') : v.value;
        const n = normaliseValue({ id: def.id, name: def.name, type: def.type as StudyVariableType, choices: (def.choices as unknown as string[]) ?? [] }, value);
        if (!n.ok) {
          skipped.push({ kind: 'variabele', name: `${c.name}: ${def.name}`, reason: n.message });
          continue;
        }
        await people.setValue(trx, p.id, def.id, n.value);
        existingValues.add(`${p.id}:${def.id}`);
      }
      for (const g of c.sourceGuids) {
        if (participantOfSource.has(g)) skipped.push({ kind: 'casus', name: c.name, reason: 'Een bron hoort bij meer dan één casus; het document is aan de eerste gekoppeld.' });
        else participantOfSource.set(g, p);
      }
    }

    // coders: members by e-mail or name, "Consensus" → the consensus layer, else the importing user
    const members = await studies.listMembers(trx, studyId);
    const usedUsers = new Set(plan.sources.flatMap((s) => s.codings.map((c) => c.userGuid)).filter((x): x is string => !!x));
    const coderOf = new Map<string, { id: string | null; layer: 'coder' | 'consensus' }>();
    for (const u of plan.users) {
      const m = members.find((x) => (u.id && x.email.toLowerCase() === u.id.toLowerCase()) || (u.name && x.name.trim().toLocaleLowerCase('nl') === u.name.toLocaleLowerCase('nl')));
      if (m) coderOf.set(u.guid, { id: m.user_id, layer: 'coder' });
      else if (u.name.toLocaleLowerCase('nl') === CONSENSUS_USER.name.toLocaleLowerCase('nl')) coderOf.set(u.guid, { id: a.actorId, layer: 'consensus' });
      else if (usedUsers.has(u.guid)) {
        coderOf.set(u.guid, { id: a.actorId, layer: 'coder' });
        skipped.push({
          kind: 'gebruiker',
          name: u.name || u.id || u.guid,
          reason: a.actorId ? 'Geen lid van dit onderzoek met deze naam of dit e-mailadres: de coderingen staan op naam van de importeur.' : 'Geen lid van dit onderzoek met deze naam of dit e-mailadres: de coderingen zijn zonder codeur geïmporteerd (opdrachtregel).',
        });
      }
    }

    // sources → documents (the consent gate decides the participant link)
    const consentOk = new Map<string, string | null>();
    const docs: repo.NewDocument[] = [];
    const codingRows: repo.NewImportedCoding[] = [];
    let unknownCoder = 0;
    for (const [si, s] of plan.sources.entries()) {
      const sealedSource = sealed[si];
      let participantId: string | null = null;
      const p = participantOfSource.get(s.guid);
      if (p) {
        if (!consentOk.has(p.id)) {
          try {
            await assertConsent(deps, trx, studyId, p.id, 'store_transcript');
            consentOk.set(p.id, null);
          } catch (e) {
            if (!(e instanceof AppError) || e.status !== 409) throw e;
            consentOk.set(p.id, e.message);
          }
        }
        const why = consentOk.get(p.id);
        if (why === null) participantId = p.id;
        else if (!createdIds.has(p.id)) skipped.push({ kind: 'bron', name: s.name, reason: `Geïmporteerd zonder koppeling aan deelnemer ${p.code}: de toestemming staat het bewaren niet toe (${why}).` });
      }
      const id = crypto.randomUUID();
      docs.push({
        id,
        kind: s.kind ?? 'transcript',
        title: clean(s.name, 200) || 'Bron',
        participantId,
        memoEnc: sealedSource.memoEnc,
        textEnc: sealedSource.textEnc,
        unitsEnc: sealedSource.unitsEnc,
        length: sealedSource.length,
      });
      for (const [ci, c] of s.codings.entries()) {
        const coder = c.userGuid ? coderOf.get(c.userGuid) : undefined;
        if (c.userGuid && !coder) unknownCoder++;
        codingRows.push({
          documentId: id,
          codeId: codeIds.get(c.codeKey)!,
          start: c.start,
          end: c.end,
          memoEnc: sealedSource.codingMemoEnc[ci],
          coderId: coder ? coder.id : a.actorId,
          layer: coder?.layer ?? 'coder',
        });
      }
    }
    if (unknownCoder) warnings.push(`${unknownCoder} ${unknownCoder === 1 ? 'codering verwijst' : 'coderingen verwijzen'} naar een onbekende gebruiker; ze staan op naam van de importeur.`);
    await repo.insertDocuments(trx, studyId, a.actorId, docs);
    // assignment sets ("Toegewezen aan <name>") → assignments to the member with that name
    const docOf = new Map(plan.sources.map((src, i) => [src.guid, docs[i].id]));
    const assignmentRows: { documentId: string; coderId: string; assignedBy: string | null }[] = [];
    for (const set of plan.sets) {
      const who = set.name.slice(ASSIGNED_PREFIX.length).trim().toLocaleLowerCase('nl');
      const m = members.find((x) => x.name.trim().toLocaleLowerCase('nl') === who || x.email.toLowerCase() === who);
      if (!m) {
        skipped.push({ kind: 'set', name: set.name, reason: 'Geen lid van dit onderzoek met deze naam: de toewijzing van documenten is niet overgenomen.' });
        continue;
      }
      for (const g of set.sources) if (docOf.has(g)) assignmentRows.push({ documentId: docOf.get(g)!, coderId: m.user_id, assignedBy: a.actorId });
    }
    await repo.insertAssignments(trx, assignmentRows);
    const inserted = await repo.insertImportedCodings(trx, codingRows);
    if (inserted < codingRows.length) {
      const d = codingRows.length - inserted;
      warnings.push(`${d} dubbele ${d === 1 ? 'codering' : 'coderingen'} (zelfde code, fragment en codeur) ${d === 1 ? 'is' : 'zijn'} één keer overgenomen.`);
    }
    const counts = {
      codes: plan.codes.length,
      codesCreated,
      sources: docs.length,
      selections: plan.sources.reduce((n, s) => n + s.selections, 0),
      codings: inserted,
      cases: casesMatched + casesCreated,
      casesMatched,
      casesCreated,
      notes: plan.notes,
      assignments: assignmentRows.length,
      variables: new Set(plan.cases.flatMap((c) => c.values.map((v) => v.variableGuid))).size,
    };
    await appendAuditEvent(trx, {
      studyId,
      actorId: a.actorId,
      action: 'qdpx.imported',
      objectType: 'study',
      objectId: studyId,
      details: { ...counts, skipped: skipped.length, origin: plan.origin.slice(0, 100), bytes: bytes.length, documentIds: docs.map((d) => d.id), ...(opts.viaCli ? { via: 'cli' } : {}) },
    });
    return { project: plan.name, origin: plan.origin, file: qdeName, counts, skipped, warnings };
  });
}

/**
 * POST …/qdpx/import-job: the same import as a job with progress (large files). The file waits in job_inputs
 * until the job has run; the job's result is the report ({ ok: true, …report }) or, for a file or study that
 * cannot be imported, { ok: false, code, message } — in both cases nothing else was written.
 */
export async function startImportJob(deps: Deps, actor: Actor | null, slug: string, bytes: Uint8Array) {
  if (bytes.length === 0) throw badRequest('Het bestand is leeg.');
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const job = await jobs.insertJob(trx, { studyId: a.study.id, kind: 'qdpx.import', payload: { bytes: bytes.length }, createdBy: a.actorId });
    await jobs.insertJobInput(trx, job.id, 'qdpx', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return job;
  });
}

registerJobKind('qdpx.import', async (ctx) => {
  const { db } = ctx.deps;
  try {
    const bytes = await jobs.readJobInput(db, ctx.id, 'qdpx');
    if (!bytes) return { ok: false, code: 'input_gone', message: 'Het bestand van deze import is niet meer beschikbaar. Start de import opnieuw.' };
    const resolve = async (via: Kysely<DB>): Promise<Access> => {
      const study = await studies.findStudyById(via, ctx.studyId!);
      if (!study) throw notFound('Het onderzoek');
      return { study, actorId: ctx.createdBy };
    };
    const report = await importInto(ctx.deps, resolve, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { progress: ctx.progress });
    return { ok: true, ...report };
  } catch (e) {
    // a file or study that cannot be imported: the user's message, not a failed job
    if (e instanceof AppError && e.status < 500) return { ok: false, code: e.code, message: e.message };
    throw e;
  } finally {
    await jobs.deleteJobInputs(db, ctx.id);
  }
});

// ---- import: codebook -------------------------------------------------------------------------------------

/** Imports a .qdc (or the codebook of a .qde): codes the study lacks are created, the others matched by path. */
export async function importCodebook(deps: Deps, actor: Actor | null, slug: string, xml: string): Promise<CodebookImportReport> {
  assertWritable((await access(deps.db, actor, slug, 'data.write')).study);
  const skipped: Skipped[] = [];
  let cb;
  try {
    cb = parseCodebook(xml);
  } catch (e) {
    asAppError(e);
  }
  const { list } = flattenCodes(cb.codes, skipped);
  if (list.length === 0) throw badRequest('Het codeboek bevat geen codes.');
  if (cb.sets.length) skipped.push(...cb.sets.map((s) => ({ kind: 'set' as const, name: s.name, reason: 'Sets van codes worden niet overgenomen; het platform kent geen sets.' })));
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'data.write');
    assertWritable(a.study);
    const { created } = await writeCodes(trx, a.study.id, a.actorId, list);
    await appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action: 'codebook.imported', objectType: 'study', objectId: a.study.id, details: { codes: list.length, created, origin: (cb.origin ?? '').slice(0, 100) } });
    return { origin: cb.origin ?? '', counts: { codes: list.length, created, existing: list.length - created }, skipped };
  });
}
