/**
 * Impact tracking (issue 8 item 5): what policy does with the study's recommendations. Policy trajectories per study
 * (the standard ones seeded idempotently by key, plus the study's own), the trajectories each recommendation touches,
 * and a dated status history per recommendation with a source reference (a Kamerstuk number, a URL) and a note. The
 * current status is the latest by date (src/lib/impact/timeline.ts). Every change is audited in its transaction.
 *
 * Recommendations belong to the findings module and are read through its service (`recommendationsByIds`), never with
 * SQL here. For the report builder and the demo: `impactSummary`, `addStatus`, `linkTrajectory`, `seedTrajectories`.
 *
 * The texts here (trajectory descriptions, source references, notes) are public policy follow-up, not personal data,
 * so they are stored unsealed.
 */
import type { Kysely } from 'kysely';
import ExcelJS from 'exceljs';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import type { Actor, StudyAction } from '../../platform/permissions';
import {
  EARLIEST_STATUS_DATE,
  IMPACT_STATUSES,
  IMPACT_STATUS_LABELS,
  SEEDED_TRAJECTORIES,
  type ImpactRecommendation,
  type ImpactStatus,
  type ImpactSummary,
  type LinkInput,
  type StatusEntry,
  type StatusInput,
  type Trajectory,
  type TrajectoryInput,
} from '../../../shared/impact';
import type { Recommendation } from '../../../shared/findings';
import { currentEntry, sortEntries, statusSeries, todayInNl } from '../../../lib/impact/timeline';
import { protectCell } from '../../../lib/csv';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import { recommendationsByIds } from '../findings/findings.service';
import * as repo from './impact.repository';

interface Access {
  study: StudyRow;
  actorId: string;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, actorId: a.userId };
}

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

const audit = (trx: Kysely<DB>, a: Access, action: string, objectType: string, objectId: string | null, details: Record<string, unknown> = {}) =>
  appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action, objectType, objectId, details });

const trajectoryNotFound = () => notFound('Dit beleidstraject');
const recommendationNotFound = () => notFound('Deze aanbeveling');

// ---- conversions ------------------------------------------------------------------------------------------

const toTrajectory = (r: repo.TrajectoryRow): Trajectory => ({
  id: r.id,
  key: r.key,
  title: r.title,
  description: r.description,
  sourceRef: r.source_ref,
  verify: r.verify,
  seeded: r.key !== null,
  recommendations: r.recommendations,
  createdAt: iso(r.created_at)!,
});

const toEntry = (r: repo.StatusRow): StatusEntry => ({
  id: r.id,
  status: r.status as ImpactStatus,
  date: String(r.status_date).slice(0, 10),
  sourceRef: r.source_ref,
  note: r.note,
  createdAt: iso(r.created_at)!,
});

async function build(db: Kysely<DB>, studyId: string, only?: string[]): Promise<ImpactSummary> {
  const recs = (await recommendationsByIds(db, studyId, only)).sort((x, y) => x.position - y.position);
  const ids = recs.map((r) => r.id);
  const [trajectories, links, statuses] = await Promise.all([repo.listTrajectories(db, studyId), repo.linksOf(db, studyId), repo.statusesOf(db, ids)]);
  const asOf = todayInNl();
  const recommendations: ImpactRecommendation[] = recs.map((r: Recommendation) => {
    const history = sortEntries(statuses.filter((s) => s.recommendation_id === r.id).map(toEntry));
    return {
      id: r.id,
      position: r.position,
      text: r.text,
      priority: r.priority,
      addressees: r.addressees,
      trajectoryIds: links.filter((l) => l.recommendation_id === r.id).map((l) => l.trajectory_id),
      current: currentEntry(history),
      history,
    };
  });
  const histories = recommendations.map((r) => r.history);
  return {
    asOf,
    trajectories: trajectories.map(toTrajectory),
    recommendations,
    totals: IMPACT_STATUSES.map((status) => ({ status, count: recommendations.filter((r) => r.current?.status === status).length })),
    series: { month: statusSeries(histories, IMPACT_STATUSES, 'month', asOf), quarter: statusSeries(histories, IMPACT_STATUSES, 'quarter', asOf) },
  };
}

async function oneRecommendation(db: Kysely<DB>, studyId: string, recommendationId: string): Promise<ImpactRecommendation> {
  const s = await build(db, studyId, [recommendationId]);
  const r = s.recommendations[0];
  if (!r) throw recommendationNotFound();
  return r;
}

async function assertRecommendation(db: Kysely<DB>, studyId: string, recommendationId: string) {
  if (!(await recommendationsByIds(db, studyId, [recommendationId])).length) throw recommendationNotFound();
}

// ---- read -------------------------------------------------------------------------------------------------

/** The dashboard: trajectories, every recommendation with its trajectories, current status and history, and the series. */
export async function impactSummary(deps: Deps, actor: Actor | null, slug: string): Promise<ImpactSummary> {
  const a = await access(deps.db, actor, slug, 'impact.read');
  return build(deps.db, a.study.id);
}

// ---- trajectories -----------------------------------------------------------------------------------------

async function seedIn(trx: Kysely<DB>, a: Access): Promise<string[]> {
  await repo.lockStudyTrajectories(trx, a.study.id);
  const added: string[] = [];
  for (const t of SEEDED_TRAJECTORIES) {
    if (await repo.findTrajectoryByKey(trx, a.study.id, t.key)) continue;
    // a study trajectory of the same title blocks the seed of that title (unique per study); keep the study's own
    if (await repo.titleTaken(trx, a.study.id, t.title)) continue;
    const row = await repo.insertSeed(trx, { studyId: a.study.id, key: t.key, title: t.title, description: t.description, sourceRef: t.sourceRef, verify: t.verify, by: a.actorId });
    if (row) added.push(t.key);
  }
  if (added.length) await audit(trx, a, 'impact.trajectories_seeded', 'study', a.study.id, { keys: added });
  return added;
}

/** Adds the standard policy trajectories the study does not have yet (idempotent by key). */
export async function seedTrajectories(deps: Deps, actor: Actor | null, slug: string): Promise<{ added: string[]; trajectories: Trajectory[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    const added = await seedIn(trx, a);
    return { added, trajectories: (await repo.listTrajectories(trx, a.study.id)).map(toTrajectory) };
  });
}

/** A study's own policy trajectory (title unique within the study, case-insensitive). */
export async function createTrajectory(deps: Deps, actor: Actor | null, slug: string, input: TrajectoryInput): Promise<Trajectory> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    await repo.lockStudyTrajectories(trx, a.study.id);
    if (await repo.titleTaken(trx, a.study.id, input.title)) throw conflict('Er is al een beleidstraject met deze titel in dit onderzoek.');
    const row = await repo.insertTrajectory(trx, { studyId: a.study.id, key: null, title: input.title, description: input.description, sourceRef: input.sourceRef, verify: '', by: a.actorId });
    await audit(trx, a, 'impact.trajectory_created', 'policy_trajectory', row.id, { title: input.title });
    return toTrajectory({ ...row, recommendations: 0 });
  });
}

/** Deletes a trajectory that no recommendation touches (409 otherwise: unlink first). */
export async function deleteTrajectory(deps: Deps, actor: Actor | null, slug: string, trajectoryId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    await repo.lockStudyTrajectories(trx, a.study.id);
    const row = await repo.findTrajectory(trx, a.study.id, trajectoryId);
    if (!row) throw trajectoryNotFound();
    const n = await repo.countLinks(trx, row.id);
    if (n) throw conflict(`Dit beleidstraject is nog gekoppeld aan ${n === 1 ? 'een aanbeveling' : `${n} aanbevelingen`}. Ontkoppel ${n === 1 ? 'die' : 'ze'} eerst.`);
    await repo.deleteTrajectory(trx, row.id);
    await audit(trx, a, 'impact.trajectory_deleted', 'policy_trajectory', row.id, { title: row.title, key: row.key });
  });
}

// ---- links ------------------------------------------------------------------------------------------------

/**
 * Links a recommendation to a trajectory, by id or by the key of a standard trajectory (seeded in the same
 * transaction when the study does not have it yet). Idempotent: linking again changes nothing and is not audited.
 */
export async function linkTrajectory(deps: Deps, actor: Actor | null, slug: string, recommendationId: string, input: LinkInput): Promise<ImpactRecommendation> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    await assertRecommendation(trx, a.study.id, recommendationId);
    let trajectory;
    if (input.trajectoryId) {
      trajectory = await repo.findTrajectory(trx, a.study.id, input.trajectoryId);
      if (!trajectory) throw badRequest('Dit beleidstraject bestaat niet (meer) in dit onderzoek.');
    } else {
      if (!input.key) throw badRequest('Geef precies één beleidstraject: een id of de sleutel van een standaardtraject.');
      trajectory = await repo.findTrajectoryByKey(trx, a.study.id, input.key);
      if (!trajectory) {
        await seedIn(trx, a);
        trajectory = await repo.findTrajectoryByKey(trx, a.study.id, input.key);
      }
      if (!trajectory) throw conflict('Dit standaardtraject kon niet worden toegevoegd: het onderzoek heeft al een eigen traject met dezelfde titel. Koppel dat traject.');
    }
    if (await repo.insertLink(trx, recommendationId, trajectory.id, a.actorId)) {
      await audit(trx, a, 'impact.linked', 'recommendation', recommendationId, { trajectory: trajectory.id, title: trajectory.title });
    }
    return oneRecommendation(trx, a.study.id, recommendationId);
  });
}

export async function unlinkTrajectory(deps: Deps, actor: Actor | null, slug: string, recommendationId: string, trajectoryId: string): Promise<ImpactRecommendation> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    await assertRecommendation(trx, a.study.id, recommendationId);
    const trajectory = await repo.findTrajectory(trx, a.study.id, trajectoryId);
    if (!trajectory) throw trajectoryNotFound();
    if (!(await repo.deleteLink(trx, recommendationId, trajectory.id))) throw notFound('Deze koppeling');
    await audit(trx, a, 'impact.unlinked', 'recommendation', recommendationId, { trajectory: trajectory.id, title: trajectory.title });
    return oneRecommendation(trx, a.study.id, recommendationId);
  });
}

// ---- statuses ---------------------------------------------------------------------------------------------

/** Checks a status date: a real date, not before 1990, not after today (Dutch time): a response is recorded once it is there. */
export function statusDateProblem(date: string, today = todayInNl()): string | null {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return 'Deze datum bestaat niet.';
  if (date < EARLIEST_STATUS_DATE) return `Een status kan niet vóór ${EARLIEST_STATUS_DATE.slice(0, 4)} liggen; controleer het jaartal.`;
  if (date > today) return 'Een status kan niet in de toekomst liggen: leg een reactie vast op of na de dag waarop die er is.';
  return null;
}

/** Records a dated status of a recommendation with its source reference and note. */
export async function addStatus(deps: Deps, actor: Actor | null, slug: string, recommendationId: string, input: StatusInput): Promise<ImpactRecommendation> {
  if (!(IMPACT_STATUSES as readonly string[]).includes(input.status)) throw badRequest('Kies een status: geen reactie, in overweging, deels overgenomen, overgenomen of afgewezen.');
  const problem = statusDateProblem(input.date);
  if (problem) throw badRequest(problem, { field: 'date' });
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    await assertRecommendation(trx, a.study.id, recommendationId);
    const row = await repo.insertStatus(trx, { recommendationId, status: input.status, date: input.date, sourceRef: input.sourceRef ?? '', note: input.note ?? '', by: a.actorId });
    await audit(trx, a, 'impact.status_added', 'recommendation', recommendationId, { status: input.status, date: input.date, sourceRef: input.sourceRef ?? '', entry: row.id });
    return oneRecommendation(trx, a.study.id, recommendationId);
  });
}

/** Deletes a status entry recorded in error (audited with what it said). */
export async function deleteStatus(deps: Deps, actor: Actor | null, slug: string, recommendationId: string, statusId: string): Promise<ImpactRecommendation> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'impact.write');
    assertWritable(a.study);
    await assertRecommendation(trx, a.study.id, recommendationId);
    const row = await repo.findStatus(trx, recommendationId, statusId);
    if (!row) throw notFound('Deze status');
    await repo.deleteStatus(trx, row.id);
    await audit(trx, a, 'impact.status_deleted', 'recommendation', recommendationId, { entry: row.id, status: row.status, date: String(row.status_date).slice(0, 10), sourceRef: row.source_ref });
    return oneRecommendation(trx, a.study.id, recommendationId);
  });
}

// ---- export -----------------------------------------------------------------------------------------------

export interface FileOut {
  filename: string;
  contentType: string;
  body: Buffer;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PRIORITY: Record<string, string> = { hoog: 'Hoog', middel: 'Middel', laag: 'Laag' };

/** The summary as a workbook: "Aanbevelingen" (current status), "Statusgeschiedenis", "Beleidstrajecten" and "Verloop per kwartaal". */
export async function impactWorkbook(s: ImpactSummary, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Terug naar huis';
  const titles = new Map(s.trajectories.map((t) => [t.id, t.title]));
  const p = (v: string) => protectCell(v);
  const sheet = (name: string, header: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  };

  const recs = sheet('Aanbevelingen', ['Nr.', 'Aanbeveling', 'Prioriteit', 'Geadresseerden', 'Beleidstrajecten', 'Huidige status', 'Datum', 'Bron', 'Toelichting'], [6, 60, 10, 30, 40, 18, 12, 30, 40]);
  for (const r of s.recommendations) {
    recs.addRow([
      r.position,
      p(r.text),
      PRIORITY[r.priority] ?? r.priority,
      p(r.addressees.map((x) => x.label).join('; ')),
      p(r.trajectoryIds.map((id) => titles.get(id) ?? '').join('; ')),
      r.current ? IMPACT_STATUS_LABELS[r.current.status] : 'Nog niets vastgelegd',
      r.current?.date ?? '',
      p(r.current?.sourceRef ?? ''),
      p(r.current?.note ?? ''),
    ]);
  }

  const hist = sheet('Statusgeschiedenis', ['Nr.', 'Aanbeveling', 'Datum', 'Status', 'Bron', 'Toelichting', 'Vastgelegd op'], [6, 60, 12, 18, 30, 40, 22]);
  for (const r of s.recommendations) {
    for (const e of r.history) hist.addRow([r.position, p(r.text), e.date, IMPACT_STATUS_LABELS[e.status], p(e.sourceRef), p(e.note), e.createdAt]);
  }

  const traj = sheet('Beleidstrajecten', ['Titel', 'Soort', 'Omschrijving', 'Bron', 'Te verifiëren', 'Aanbevelingen'], [50, 14, 60, 40, 50, 14]);
  for (const t of s.trajectories) traj.addRow([p(t.title), t.seeded ? 'Standaard' : 'Eigen', p(t.description), p(t.sourceRef), p(t.verify), t.recommendations]);

  const periods = [...new Set(s.series.quarter.map((x) => x.period))];
  const over = sheet('Verloop per kwartaal', ['Kwartaal', ...IMPACT_STATUSES.map((k) => IMPACT_STATUS_LABELS[k])], [12, 16, 16, 18, 16, 16]);
  for (const per of periods) over.addRow([per, ...IMPACT_STATUSES.map((k) => s.series.quarter.find((x) => x.period === per && x.status === k)?.count ?? 0)]);

  wb.title = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportImpact(deps: Deps, actor: Actor | null, slug: string): Promise<FileOut> {
  const a = await access(deps.db, actor, slug, 'impact.read');
  const s = await build(deps.db, a.study.id);
  await deps.db.transaction().execute((trx) => audit(trx, a, 'impact.exported', 'study', a.study.id, { format: 'xlsx', recommendations: s.recommendations.length }));
  return { filename: `impact-${a.study.slug}-${s.asOf}.xlsx`, contentType: XLSX, body: await impactWorkbook(s, `Impact van de aanbevelingen: ${a.study.title}`) };
}
