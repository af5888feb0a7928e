/**
 * Findings (bevindingen) with their evidence, triangulation, the law-versus-practice matrix, and recommendations
 * (aanbevelingen). Other modules' data is only reached through their services: quotes through the coding module
 * (with the consent gate), survey figures through the surveys results service, case-file indicators through the
 * dossier monitor, norms and signals through the legal service. Every change writes an audit event in its
 * transaction; nothing is written partly.
 *
 * For the reflection session (and other modules): listRecommendations (with an actor) and recommendationsExist
 * (inside the caller's transaction, the caller has checked the rights).
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import type { StudyRole } from '../../../shared/api';
import type { LegalPhase } from '../../../shared/legal';
import {
  DEFAULT_RULE,
  STANDARD_ADDRESSEES,
  type Addressee,
  type Evidence,
  type EvidenceInput,
  type Finding,
  type FindingDetail,
  type FindingStatus,
  type FindingType,
  type IndicatorFigure,
  type IndicatorKey,
  type LawPractice,
  type Recommendation,
  type SurveyFigure,
  type TriangulationRule,
  type addresseeInput,
  type findingInput,
  type findingListQuery,
  type findingPatch,
  type recommendationInput,
  type recommendationPatch,
} from '../../../shared/findings';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { codeNames, quotesByCodingIds } from '../coding/coding.service';
import { getSignal, normsByIds, signalsExist } from '../legal/legal.service';
import { getCrosstab, getResults } from '../surveys/results.service';
import { loadSurvey } from '../surveys/surveys.service';
import { getMonitor } from '../dossiers/dossiers.service';
import * as repo from './findings.repository';
import { distinctKinds, strengthOf } from './triangulation';
import { buildMatrix, MATRIX_PHASES } from './matrix';
import { controlFigure, controlIndicator, crosstabFigure, indicatorChanged, indicatorFigure, questionFigure, restCounts, surveyChanged, type RestCounts } from './figures';

interface Access {
  study: StudyRow;
  role: StudyRole;
  actorId: string;
  actor: Actor;
  /** a reader without raw-data access (the committee): aggregated evidence only */
  control: boolean;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, role, actorId: a.userId, actor: a, control: !canInStudy(role, 'data.read') };
}

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

const audit = (trx: Kysely<DB>, a: Access, action: string, objectType: string, objectId: string | null, details: Record<string, unknown> = {}) =>
  appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action, objectType, objectId, details });

const changedFields = (input: Record<string, unknown>) => Object.keys(input).filter((k) => input[k] !== undefined);

// ---- triangulation rule -------------------------------------------------------------------------------------

async function ruleOf(db: Kysely<DB>, studyId: string): Promise<TriangulationRule> {
  const r = await repo.getRule(db, studyId);
  return r ? { strong: r.strong, moderate: r.moderate } : { ...DEFAULT_RULE };
}

export async function getRule(deps: Deps, actor: Actor | null, slug: string): Promise<TriangulationRule> {
  const a = await access(deps.db, actor, slug, 'findings.read');
  return ruleOf(deps.db, a.study.id);
}

export async function putRule(deps: Deps, actor: Actor | null, slug: string, input: TriangulationRule): Promise<TriangulationRule> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.configure');
    assertWritable(a.study);
    const before = await ruleOf(trx, a.study.id);
    await repo.putRule(trx, a.study.id, input, a.actorId);
    await audit(trx, a, 'findings.rule_changed', 'study', a.study.id, { before, after: input });
    return { strong: input.strong, moderate: input.moderate };
  });
}

// ---- findings -----------------------------------------------------------------------------------------------

async function findingsOut(db: Kysely<DB>, studyId: string, rows: repo.FindingRow[], rule: TriangulationRule): Promise<Finding[]> {
  const ids = rows.map((r) => r.id);
  const [themes, names, kinds] = await Promise.all([repo.themesOf(db, ids), codeNames(db, studyId), repo.kindsOf(db, studyId)]);
  const themesBy = new Map<string, { id: string; name: string }[]>();
  for (const t of themes) {
    const list = themesBy.get(t.finding_id) ?? [];
    list.push({ id: t.code_id, name: names.get(t.code_id) ?? '' });
    themesBy.set(t.finding_id, list);
  }
  const kindsBy = new Map<string, { kinds: string[]; n: number }>();
  for (const k of kinds) {
    const e = kindsBy.get(k.finding_id) ?? { kinds: [], n: 0 };
    e.kinds.push(k.kind);
    e.n += k.n;
    kindsBy.set(k.finding_id, e);
  }
  return rows.map((r) => {
    const k = kindsBy.get(r.id) ?? { kinds: [], n: 0 };
    const distinct = distinctKinds(k.kinds);
    return {
      id: r.id,
      statement: r.statement,
      type: r.type as FindingType,
      phase: r.phase as LegalPhase | null,
      themes: (themesBy.get(r.id) ?? []).sort((x, y) => x.name.localeCompare(y.name, 'nl')),
      status: r.status as FindingStatus,
      validatedAt: iso(r.validated_at),
      validatedBy: r.validated_by_name,
      kinds: distinct,
      evidenceCount: k.n,
      strength: strengthOf(distinct.length, rule),
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    };
  });
}

export async function listFindings(deps: Deps, actor: Actor | null, slug: string, q: z.output<typeof findingListQuery> = {}): Promise<{ rule: TriangulationRule; findings: Finding[] }> {
  const a = await access(deps.db, actor, slug, 'findings.read');
  const rule = await ruleOf(deps.db, a.study.id);
  const all = await findingsOut(deps.db, a.study.id, await repo.listFindings(deps.db, a.study.id), rule);
  const findings = all.filter(
    (f) =>
      (!q.type || f.type === q.type) &&
      (!q.phase || (f.phase ?? 'none') === q.phase) &&
      (!q.status || f.status === q.status) &&
      (!q.strength || f.strength === q.strength) &&
      (!q.theme || f.themes.some((t) => t.id === q.theme)),
  );
  return { rule, findings };
}

async function checkThemes(db: Kysely<DB>, studyId: string, ids: string[]) {
  if (ids.length === 0) return;
  const names = await codeNames(db, studyId);
  const unknown = ids.filter((t) => !names.has(t));
  if (unknown.length) throw badRequest(`${unknown.length === 1 ? 'Een gekozen thema is' : `${unknown.length} gekozen thema's zijn`} geen code van het codeboek van dit onderzoek.`);
}

async function findingOr404(db: Kysely<DB>, studyId: string, id: string, forUpdate = false) {
  const f = await repo.findFinding(db, studyId, id, forUpdate);
  if (!f) throw notFound('Deze bevinding');
  return f;
}

export async function createFinding(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof findingInput>): Promise<FindingDetail> {
  const id = await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    await checkThemes(trx, a.study.id, input.themes);
    const { id } = await repo.insertFinding(trx, { studyId: a.study.id, statement: input.statement, type: input.type, phase: input.phase, by: a.actorId });
    await repo.replaceThemes(trx, id, input.themes);
    await audit(trx, a, 'finding.created', 'finding', id, { type: input.type, phase: input.phase, themes: input.themes.length });
    return id;
  });
  return getFinding(deps, actor, slug, id);
}

export async function updateFinding(deps: Deps, actor: Actor | null, slug: string, findingId: string, input: z.output<typeof findingPatch>): Promise<FindingDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const f = await findingOr404(trx, a.study.id, findingId, true);
    if (input.themes) await checkThemes(trx, a.study.id, input.themes);
    await repo.updateFinding(trx, f.id, { statement: input.statement, type: input.type, phase: input.phase });
    if (input.themes) await repo.replaceThemes(trx, f.id, input.themes);
    // a validated finding whose statement or type changes goes back to draft: the validation was of the old text
    const revalidate = f.status === 'validated' && ((input.statement !== undefined && input.statement !== f.statement) || (input.type !== undefined && input.type !== f.type));
    if (revalidate) await repo.setStatus(trx, f.id, 'draft', null);
    await audit(trx, a, 'finding.updated', 'finding', f.id, { fields: changedFields(input), backToDraft: revalidate });
  });
  return getFinding(deps, actor, slug, findingId);
}

export async function deleteFinding(deps: Deps, actor: Actor | null, slug: string, findingId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const f = await findingOr404(trx, a.study.id, findingId, true);
    const evidence = await repo.evidenceOf(trx, [f.id]);
    await repo.deleteFinding(trx, f.id);
    await audit(trx, a, 'finding.deleted', 'finding', f.id, { type: f.type, status: f.status, evidence: evidence.length });
  });
}

export async function setFindingStatus(deps: Deps, actor: Actor | null, slug: string, findingId: string, status: FindingStatus): Promise<FindingDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.validate');
    assertWritable(a.study);
    const f = await findingOr404(trx, a.study.id, findingId, true);
    if (f.status === status) throw conflict(status === 'validated' ? 'Deze bevinding is al gevalideerd.' : 'Deze bevinding is al een concept.');
    if (status === 'validated' && (await repo.evidenceOf(trx, [f.id])).length === 0) {
      throw new AppError('no_evidence', 'Een bevinding zonder bewijs kan niet worden gevalideerd. Koppel eerst minstens één bron.', 409);
    }
    await repo.setStatus(trx, f.id, status, a.actorId);
    await audit(trx, a, status === 'validated' ? 'finding.validated' : 'finding.unvalidated', 'finding', f.id, {});
  });
  return getFinding(deps, actor, slug, findingId);
}

// ---- evidence: reading --------------------------------------------------------------------------------------

interface SurveyRef {
  surveyId: string;
  version: number;
  question: string;
  col: string | null;
  filters: Record<string, (string | number | boolean)[]>;
}
interface SurveySnapshot {
  figure: SurveyFigure;
  rest: RestCounts | null;
  takenAt: string;
}
interface IndicatorRef {
  indicator: IndicatorKey;
  subgroup: 'all' | 'age' | 'setting' | 'emergency' | 'help';
  group: string;
}
interface IndicatorSnapshot {
  figure: IndicatorFigure;
  takenAt: string;
}

const hasFilters = (f: Record<string, unknown>) => Object.keys(f).length > 0;

/** The figure of a survey reference as `actor` may see it (the surveys results service applies its disclosure control). */
async function liveSurveyFigure(deps: Deps, actor: Actor, slug: string, ref: SurveyRef, filters = ref.filters): Promise<{ figure: SurveyFigure; threshold: number; controlled: boolean }> {
  const q = { version: ref.version, filters: hasFilters(filters) ? JSON.stringify(filters) : undefined };
  if (ref.col) {
    const t = await getCrosstab(deps, actor, slug, ref.surveyId, { ...q, row: ref.question, col: ref.col });
    return { figure: crosstabFigure(t), threshold: t.threshold, controlled: t.controlled };
  }
  const r = await getResults(deps, actor, slug, ref.surveyId, q);
  const figure = questionFigure(r.questions, ref.question);
  if (!figure) throw badRequest(`De vraag "${ref.question}" bestaat niet in versie ${ref.version} van deze vragenlijst of heeft geen antwoordcategorieën (kies een gesloten vraag).`);
  return { figure, threshold: r.threshold, controlled: r.controlled };
}

async function liveIndicator(deps: Deps, actor: Actor, slug: string, ref: IndicatorRef) {
  const m = await getMonitor(deps, actor, slug, ref.subgroup);
  return { figure: indicatorFigure(m, ref.indicator, ref.group), threshold: m.threshold };
}

async function evidenceOut(deps: Deps, a: Access, slug: string, rows: repo.EvidenceRow[]): Promise<Evidence[]> {
  const quoteIds = rows.filter((r) => r.kind === 'quote').map((r) => r.coding_id!);
  const quotes = quoteIds.length ? await quotesByCodingIds(deps, deps.db, a.study.id, quoteIds) : new Map();
  const normIds = rows.filter((r) => r.kind === 'norm').map((r) => r.norm_id!);
  const norms = new Map((normIds.length ? await normsByIds(deps.db, a.study.id, normIds) : []).map((n) => [n.id, n]));
  const seeSignals = canInStudy(a.role, 'signals.read');
  const surveyTitles = new Map<string, string>();
  const out: Evidence[] = [];
  for (const r of rows) {
    const e: Evidence = { id: r.id, kind: r.kind as Evidence['kind'], note: r.note, createdAt: iso(r.created_at)!, quote: null, survey: null, indicator: null, norm: null, signal: null };
    if (r.kind === 'quote') {
      const q = quotes.get(r.coding_id!);
      if (a.control) e.quote = { codingId: r.coding_id!, codeName: q?.codeName ?? '', documentTitle: null, documentId: null, participantCode: null, text: null, refused: null, hidden: true };
      else
        e.quote = {
          codingId: r.coding_id!,
          codeName: q?.codeName ?? '',
          documentTitle: q?.documentTitle ?? null,
          documentId: q?.documentId ?? null,
          participantCode: q?.participantCode ?? null,
          text: q?.text ?? null,
          refused: q?.refused ?? null,
          hidden: false,
        };
    } else if (r.kind === 'norm') {
      const n = norms.get(r.norm_id!);
      e.norm = { id: r.norm_id!, reference: n?.reference ?? '', title: n?.title ?? '', instrumentShortName: n?.instrumentShortName ?? '', verification: n?.verification ?? 'te_verifieren' };
    } else if (r.kind === 'signal') {
      if (seeSignals) {
        const s = await getSignal(deps, a.actor, slug, r.signal_id!);
        e.signal = { id: s.id, receivedOn: s.receivedOn, channel: s.channel, contact: s.contact, phase: s.phase };
      } else e.signal = { id: r.signal_id!, receivedOn: null, channel: null, contact: null, phase: null };
    } else if (r.kind === 'survey') {
      const ref = r.ref as unknown as SurveyRef;
      const snap = r.snapshot as unknown as SurveySnapshot;
      if (!surveyTitles.has(ref.surveyId)) surveyTitles.set(ref.surveyId, (await loadSurvey(deps.db, a.study.id, ref.surveyId)).title);
      let live: SurveyFigure | null = null;
      let liveError: string | null = null;
      let threshold = 0;
      let controlled = a.control;
      try {
        const l = await liveSurveyFigure(deps, a.actor, slug, ref);
        live = l.figure;
        threshold = l.threshold;
        controlled = l.controlled;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        liveError = err.message;
        threshold = (await loadSurvey(deps.db, a.study.id, ref.surveyId)).disclosure_threshold;
      }
      const snapshot = controlled ? controlFigure(snap.figure, threshold, snap.rest) : snap.figure;
      e.survey = {
        surveyId: ref.surveyId,
        surveyTitle: surveyTitles.get(ref.surveyId)!,
        version: ref.version,
        question: ref.question,
        col: ref.col,
        filters: ref.filters,
        threshold,
        controlled,
        snapshot,
        live,
        changed: live ? surveyChanged(snapshot, live) : false,
        liveError,
      };
    } else if (r.kind === 'indicator') {
      const ref = r.ref as unknown as IndicatorRef;
      const snap = r.snapshot as unknown as IndicatorSnapshot;
      const l = await liveIndicator(deps, a.actor, slug, ref);
      const liveShown = l.figure?.value !== null && l.figure?.value !== undefined;
      const snapshot = a.control ? controlIndicator(ref.indicator, snap.figure, l.threshold, liveShown) : snap.figure;
      e.indicator = {
        indicator: ref.indicator,
        subgroup: ref.subgroup,
        group: ref.group,
        threshold: l.threshold,
        controlled: a.control,
        snapshot,
        live: l.figure,
        changed: l.figure ? indicatorChanged(snapshot, l.figure) : true,
      };
    }
    out.push(e);
  }
  return out;
}

export async function getFinding(deps: Deps, actor: Actor | null, slug: string, findingId: string): Promise<FindingDetail> {
  const a = await access(deps.db, actor, slug, 'findings.read');
  const f = await findingOr404(deps.db, a.study.id, findingId);
  const [finding] = await findingsOut(deps.db, a.study.id, [f], await ruleOf(deps.db, a.study.id));
  const evidence = await evidenceOut(deps, a, slug, await repo.evidenceOf(deps.db, [f.id]));
  const recommendations = await repo.recommendationsOfFinding(deps.db, f.id);
  return { ...finding, evidence, recommendations };
}

// ---- evidence: linking --------------------------------------------------------------------------------------

/** Figures are taken before the transaction (through the other modules' services, with the actor's rights). */
async function prepareSnapshot(deps: Deps, actor: Actor, slug: string, input: EvidenceInput): Promise<{ ref: unknown; snapshot: unknown; surveyId?: string } | null> {
  const takenAt = new Date().toISOString();
  if (input.kind === 'survey') {
    if (input.col && input.col === input.question) throw badRequest('Kies voor de rijen en de kolommen van de kruistabel twee verschillende vragen.');
    let version = input.version;
    if (version === undefined) {
      const r = await getResults(deps, actor, slug, input.surveyId, {});
      if (r.version === null) throw new AppError('not_published', 'Deze vragenlijst is nog niet gepubliceerd; er zijn geen cijfers om te koppelen.', 409);
      version = r.version;
    }
    const ref: SurveyRef = { surveyId: input.surveyId, version, question: input.question, col: input.col ?? null, filters: input.filters ?? {} };
    const live = await liveSurveyFigure(deps, actor, slug, ref);
    if (live.controlled) throw badRequest('Alleen wie de ruwe gegevens mag zien, kan enquêtecijfers als bewijs koppelen.');
    let rest: RestCounts | null = null;
    if (hasFilters(ref.filters)) rest = restCounts((await liveSurveyFigure(deps, actor, slug, ref, {})).figure, live.figure);
    const snapshot: SurveySnapshot = { figure: live.figure, rest, takenAt };
    return { ref, snapshot, surveyId: input.surveyId };
  }
  if (input.kind === 'indicator') {
    const ref: IndicatorRef = { indicator: input.indicator, subgroup: input.subgroup, group: input.subgroup === 'all' ? 'all' : input.group };
    const l = await liveIndicator(deps, actor, slug, ref);
    if (!l.figure) throw badRequest(`De groep "${ref.group}" bestaat niet bij de uitsplitsing "${ref.subgroup}".`);
    if (l.figure.n === null || l.figure.n === 0) throw new AppError('no_cases', 'Er zijn (in deze groep) geen geplaatste kinderen; er is geen cijfer om te koppelen.', 409);
    const snapshot: IndicatorSnapshot = { figure: l.figure, takenAt };
    return { ref, snapshot };
  }
  return null;
}

export async function addEvidence(deps: Deps, actor: Actor | null, slug: string, findingId: string, input: EvidenceInput): Promise<FindingDetail> {
  // rights and existence first (a 403/404 before any other module is asked)
  const pre = await access(deps.db, actor, slug, 'findings.write');
  assertWritable(pre.study);
  await findingOr404(deps.db, pre.study.id, findingId);
  if (input.kind === 'survey' || input.kind === 'indicator') {
    if (!canInStudy(pre.role, 'data.read')) throw badRequest('Alleen wie de ruwe gegevens mag zien, kan cijfers als bewijs koppelen.');
  }
  const prepared = await prepareSnapshot(deps, pre.actor, slug, input);
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const f = await findingOr404(trx, a.study.id, findingId, true);
    const base = { findingId: f.id, kind: input.kind, note: input.note, by: a.actorId };
    let inserted: { id: string };
    const dup = () => conflict('Deze bron is al als bewijs aan deze bevinding gekoppeld.');
    switch (input.kind) {
      case 'quote': {
        const q = (await quotesByCodingIds(deps, trx, a.study.id, [input.codingId])).get(input.codingId);
        if (!q) throw notFound('Dit gecodeerde segment');
        if (q.refused) throw new AppError('consent_missing', `Dit segment mag niet worden geciteerd: ${q.refused}`, 409);
        if (await repo.duplicateEvidence(trx, f.id, 'quote', 'coding_id', input.codingId)) throw dup();
        inserted = await repo.insertEvidence(trx, { ...base, codingId: input.codingId });
        break;
      }
      case 'norm': {
        if ((await normsByIds(trx, a.study.id, [input.normId])).length === 0) throw notFound('Deze norm');
        if (await repo.duplicateEvidence(trx, f.id, 'norm', 'norm_id', input.normId)) throw dup();
        inserted = await repo.insertEvidence(trx, { ...base, normId: input.normId });
        break;
      }
      case 'signal': {
        if (!(await signalsExist(trx, a.study.id, [input.signalId])).has(input.signalId)) throw notFound('Dit signaal');
        if (await repo.duplicateEvidence(trx, f.id, 'signal', 'signal_id', input.signalId)) throw dup();
        inserted = await repo.insertEvidence(trx, { ...base, signalId: input.signalId });
        break;
      }
      default: {
        const p = prepared!;
        if (await repo.duplicateEvidence(trx, f.id, input.kind, null, null, p.ref)) throw dup();
        inserted = await repo.insertEvidence(trx, { ...base, surveyId: p.surveyId, ref: p.ref, snapshot: p.snapshot });
      }
    }
    await repo.updateFinding(trx, f.id, {});
    await audit(trx, a, 'finding.evidence_added', 'finding', f.id, { evidenceId: inserted.id, kind: input.kind, ref: prepared?.ref ?? null });
  });
  return getFinding(deps, actor, slug, findingId);
}

export async function removeEvidence(deps: Deps, actor: Actor | null, slug: string, findingId: string, evidenceId: string): Promise<FindingDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const f = await findingOr404(trx, a.study.id, findingId, true);
    const e = await repo.findEvidence(trx, f.id, evidenceId);
    if (!e) throw notFound('Dit bewijs');
    await repo.deleteEvidence(trx, e.id);
    await repo.updateFinding(trx, f.id, {});
    await audit(trx, a, 'finding.evidence_removed', 'finding', f.id, { evidenceId: e.id, kind: e.kind });
  });
  return getFinding(deps, actor, slug, findingId);
}

// ---- law versus practice ------------------------------------------------------------------------------------

export async function lawPractice(deps: Deps, actor: Actor | null, slug: string, q: { status?: FindingStatus } = {}): Promise<LawPractice> {
  const a = await access(deps.db, actor, slug, 'findings.read');
  const rule = await ruleOf(deps.db, a.study.id);
  const findings = (await findingsOut(deps.db, a.study.id, await repo.listFindings(deps.db, a.study.id), rule)).filter((f) => !q.status || f.status === q.status);
  const links = await repo.normLinks(deps.db, a.study.id);
  const norms = await normsByIds(deps.db, a.study.id, [...new Set(links.map((l) => l.normId))]);
  const matrix = buildMatrix(
    norms.map((n) => n.id),
    findings.map((f) => ({ id: f.id, type: f.type, phase: f.phase })),
    links,
  );
  const rows = norms
    .map((n) => ({
      norm: { id: n.id, reference: n.reference, title: n.title, instrumentShortName: n.instrumentShortName, verification: n.verification, phases: n.phases },
      ...matrix.get(n.id)!,
    }))
    .filter((r) => r.total > 0)
    .sort((x, y) => x.norm.instrumentShortName.localeCompare(y.norm.instrumentShortName, 'nl') || x.norm.reference.localeCompare(y.norm.reference, 'nl', { numeric: true }));
  const used = new Set(rows.flatMap((r) => r.cells.flatMap((c) => c.findingIds)));
  return { phases: MATRIX_PHASES, rows, findings: findings.filter((f) => used.has(f.id)) };
}

// ---- addressees ---------------------------------------------------------------------------------------------

async function addresseesOf(db: Kysely<DB>, studyId: string): Promise<Addressee[]> {
  const own = await repo.listAddressees(db, studyId);
  return [...STANDARD_ADDRESSEES.map((s) => ({ id: null, key: s.key, label: s.label, standard: true })), ...own.map((o) => ({ id: o.id, key: o.key, label: o.label, standard: false }))];
}

export async function listAddressees(deps: Deps, actor: Actor | null, slug: string): Promise<{ addressees: Addressee[] }> {
  const a = await access(deps.db, actor, slug, 'findings.read');
  return { addressees: await addresseesOf(deps.db, a.study.id) };
}

const keyOf = (label: string) =>
  'eigen-' +
  label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

export async function addAddressee(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof addresseeInput>): Promise<Addressee> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const key = keyOf(input.label);
    if (key === 'eigen-') throw badRequest('Geef een naam met letters of cijfers.');
    const all = await addresseesOf(trx, a.study.id);
    if (all.some((x) => x.key === key || x.label.toLowerCase() === input.label.toLowerCase())) throw conflict(`De geadresseerde "${input.label}" staat al in de lijst.`);
    const row = await repo.insertAddressee(trx, a.study.id, key, input.label, a.actorId);
    if (!row) throw conflict(`De geadresseerde "${input.label}" staat al in de lijst.`);
    await audit(trx, a, 'addressee.created', 'addressee', row.id, { key, label: input.label });
    return { id: row.id, key: row.key, label: row.label, standard: false };
  });
}

export async function deleteAddressee(deps: Deps, actor: Actor | null, slug: string, addresseeId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const row = await repo.findAddressee(trx, a.study.id, addresseeId);
    if (!row) throw notFound('Deze geadresseerde');
    const used = await repo.recommendationsWithAddressee(trx, a.study.id, row.key);
    if (used) throw conflict(`"${row.label}" is geadresseerde van ${used} ${used === 1 ? 'aanbeveling' : 'aanbevelingen'}; haal de geadresseerde daar eerst weg.`);
    await repo.deleteAddressee(trx, row.id);
    await audit(trx, a, 'addressee.deleted', 'addressee', row.id, { key: row.key, label: row.label });
  });
}

// ---- recommendations ----------------------------------------------------------------------------------------

async function recommendationsOut(db: Kysely<DB>, studyId: string, rows: repo.RecommendationRow[]): Promise<Recommendation[]> {
  const links = await repo.recommendationLinks(db, rows.map((r) => r.id));
  const findings = new Map((await repo.listFindings(db, studyId, [...new Set(links.findings.map((l) => l.finding_id))])).map((f) => [f.id, f]));
  const norms = new Map((await normsByIds(db, studyId, [...new Set(links.norms.map((l) => l.norm_id))])).map((n) => [n.id, n]));
  const labels = new Map((await addresseesOf(db, studyId)).map((x) => [x.key, x.label]));
  return rows.map((r) => {
    const fs = links.findings
      .filter((l) => l.recommendation_id === r.id)
      .map((l) => findings.get(l.finding_id))
      .filter((f): f is repo.FindingRow => !!f)
      .map((f) => ({ id: f.id, statement: f.statement, type: f.type as FindingType, status: f.status as FindingStatus }));
    const ns = links.norms
      .filter((l) => l.recommendation_id === r.id)
      .map((l) => norms.get(l.norm_id))
      .filter((n) => !!n)
      .map((n) => ({ id: n.id, reference: n.reference, title: n.title, instrumentShortName: n.instrumentShortName }));
    const validated = fs.filter((f) => f.status === 'validated').length;
    return {
      id: r.id,
      text: r.text,
      priority: r.priority as Recommendation['priority'],
      position: r.position,
      addressees: (r.addressees as string[]).map((k) => ({ key: k, label: labels.get(k) ?? k })),
      findings: fs,
      norms: ns,
      validatedFindings: validated,
      flagged: validated === 0,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
    };
  });
}

/** The study's recommendations in their order, each flagged when no validated finding is behind it. */
export async function listRecommendations(deps: Deps, actor: Actor | null, slug: string): Promise<{ recommendations: Recommendation[] }> {
  const a = await access(deps.db, actor, slug, 'findings.read');
  return { recommendations: await recommendationsOut(deps.db, a.study.id, await repo.listRecommendations(deps.db, a.study.id)) };
}

/** For other modules (inside their transaction): are all these ids recommendations of the study? */
export async function recommendationsExist(trx: Kysely<DB>, studyId: string, ids: string[]): Promise<boolean> {
  const unique = [...new Set(ids)];
  return (await repo.countRecommendations(trx, studyId, unique)) === unique.length;
}

/** For other modules: the recommendations of a study by id (order kept), without rights checks. */
export async function recommendationsByIds(db: Kysely<DB>, studyId: string, ids?: string[]): Promise<Recommendation[]> {
  return recommendationsOut(db, studyId, await repo.listRecommendations(db, studyId, ids));
}

async function checkLinks(trx: Kysely<DB>, studyId: string, v: { addressees?: string[]; findingIds?: string[]; normIds?: string[] }) {
  if (v.addressees) {
    const known = new Set((await addresseesOf(trx, studyId)).map((x) => x.key));
    const unknown = v.addressees.filter((k) => !known.has(k));
    if (unknown.length) throw badRequest(`Onbekende geadresseerde: ${unknown.map((u) => `"${u.slice(0, 60)}"`).join(', ')}. Kies uit de lijst of voeg de geadresseerde eerst toe.`);
  }
  if (v.findingIds?.length) {
    const found = await repo.findingsExist(trx, studyId, v.findingIds);
    const missing = v.findingIds.filter((id) => !found.has(id)).length;
    if (missing) throw badRequest(`${missing === 1 ? 'Een gekozen bevinding bestaat' : `${missing} gekozen bevindingen bestaan`} niet (meer) in dit onderzoek.`);
  }
  if (v.normIds?.length) {
    const found = new Set((await normsByIds(trx, studyId, v.normIds)).map((n) => n.id));
    const missing = v.normIds.filter((id) => !found.has(id)).length;
    if (missing) throw badRequest(`${missing === 1 ? 'Een gekozen norm bestaat' : `${missing} gekozen normen bestaan`} niet (meer) in dit onderzoek.`);
  }
}

async function recommendationOut(db: Kysely<DB>, studyId: string, id: string): Promise<Recommendation> {
  const row = await repo.findRecommendation(db, studyId, id);
  if (!row) throw notFound('Deze aanbeveling');
  return (await recommendationsOut(db, studyId, [row]))[0];
}

export async function createRecommendation(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof recommendationInput>): Promise<Recommendation> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    await checkLinks(trx, a.study.id, input);
    await repo.lockRecommendations(trx, a.study.id);
    const { id } = await repo.insertRecommendation(trx, { studyId: a.study.id, text: input.text, priority: input.priority, position: await repo.nextPosition(trx, a.study.id), addressees: input.addressees, by: a.actorId });
    await repo.replaceRecommendationLinks(trx, id, input.findingIds, input.normIds);
    await audit(trx, a, 'recommendation.created', 'recommendation', id, { priority: input.priority, addressees: input.addressees, findings: input.findingIds, norms: input.normIds });
    return recommendationOut(trx, a.study.id, id);
  });
}

export async function updateRecommendation(deps: Deps, actor: Actor | null, slug: string, recommendationId: string, input: z.output<typeof recommendationPatch>): Promise<Recommendation> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const row = await repo.findRecommendation(trx, a.study.id, recommendationId);
    if (!row) throw notFound('Deze aanbeveling');
    await checkLinks(trx, a.study.id, input);
    await repo.updateRecommendation(trx, row.id, { text: input.text, priority: input.priority, addressees: input.addressees });
    await repo.replaceRecommendationLinks(trx, row.id, input.findingIds, input.normIds);
    await audit(trx, a, 'recommendation.updated', 'recommendation', row.id, { fields: changedFields(input), findings: input.findingIds, norms: input.normIds, addressees: input.addressees });
    return recommendationOut(trx, a.study.id, row.id);
  });
}

export async function deleteRecommendation(deps: Deps, actor: Actor | null, slug: string, recommendationId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    const row = await repo.findRecommendation(trx, a.study.id, recommendationId);
    if (!row) throw notFound('Deze aanbeveling');
    await repo.deleteRecommendation(trx, row.id);
    await audit(trx, a, 'recommendation.deleted', 'recommendation', row.id, { priority: row.priority, position: row.position });
  });
}

export async function reorderRecommendations(deps: Deps, actor: Actor | null, slug: string, ids: string[]): Promise<{ recommendations: Recommendation[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'findings.write');
    assertWritable(a.study);
    await repo.lockRecommendations(trx, a.study.id);
    const rows = await repo.listRecommendations(trx, a.study.id);
    const have = new Set(rows.map((r) => r.id));
    if (ids.length !== rows.length || ids.some((id) => !have.has(id))) {
      throw badRequest(`Geef alle ${rows.length} aanbevelingen van dit onderzoek precies één keer, in de nieuwe volgorde.`);
    }
    for (let i = 0; i < ids.length; i++) await repo.updateRecommendation(trx, ids[i], { position: i + 1 });
    await audit(trx, a, 'recommendation.reordered', 'study', a.study.id, { order: ids });
    return { recommendations: await recommendationsOut(trx, a.study.id, await repo.listRecommendations(trx, a.study.id)) };
  });
}

