/**
 * Team coding: the lead assigns documents to coders, runs reliability rounds (blind mode while a round is open:
 * see coding.repository codingVisibleTo), reads the agreement per code and overall, and adjudicates disagreements
 * into the consensus layer (codings with layer 'consensus', coder = the lead) that analysis uses
 * (coding.repository analysisCodingFilter). Every change is audited; adjudication is idempotent.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import type { Deps } from '../../platform/context';
import { iso } from '../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors';
import { canInStudy, type Actor, type StudyAction } from '../../platform/permissions';
import type { StudyRole } from '../../../shared/api';
import type { Unit } from '../../../shared/coding';
import type {
  AgreementResponse,
  AgreementRow,
  DisagreementsResponse,
  Round,
  acceptAgreementsBody,
  adjudicateBody,
  createAssignmentsBody,
  createRoundBody,
} from '../../../shared/teamwork';
import { CodePointIndex } from '../../../lib/text/codepoints';
import { appendAuditEvent } from '../audit/audit.repository';
import { loadStudyFor } from '../studies/studies.service';
import type { StudyRow } from '../studies/studies.repository';
import * as coding from '../coding/coding.repository';
import { FIELD } from '../coding/coding.service';
import * as repo from './teamwork.repository';
import { agreementTable, clip, decide, disagreementItems, normalise, predefinedUnits, sameSpans, type DocumentInput, type Span, type UnitKind } from './units';

interface Access {
  study: StudyRow;
  actorId: string;
  role: StudyRole;
  supervise: boolean;
}

async function access(db: Kysely<DB>, actor: Actor | null, slug: string, action: StudyAction): Promise<Access> {
  const { study, role, actor: a } = await loadStudyFor(db, actor, slug, action);
  return { study, role, actorId: a.userId, supervise: canInStudy(role, 'coding.supervise') };
}

function assertWritable(study: StudyRow) {
  if (study.archived_at) throw new AppError('study_archived', 'Dit onderzoek is gearchiveerd. Haal het eerst uit het archief om het te wijzigen.', 409);
}

const audit = (trx: Kysely<DB>, a: Access, action: string, objectType: string, objectId: string, details: Record<string, unknown>) =>
  appendAuditEvent(trx, { studyId: a.study.id, actorId: a.actorId, action, objectType, objectId, details });

// ---- coders and assignments -------------------------------------------------------------------------------

/** Members who may code (their role may write data). */
export async function listCoders(deps: Deps, actor: Actor | null, slug: string) {
  const a = await access(deps.db, actor, slug, 'coding.supervise');
  const members = await repo.membersOf(deps.db, a.study.id);
  return { coders: members.filter((m) => canInStudy(m.role as StudyRole, 'data.write')).map((m) => ({ userId: m.user_id, name: m.name, role: m.role })) };
}

/** Checks that every id is a member of the study who may code (400 otherwise); returns them without duplicates. */
async function assertCoders(db: Kysely<DB>, studyId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const members = await repo.membersOf(db, studyId, unique);
  const ok = new Set(members.filter((m) => canInStudy(m.role as StudyRole, 'data.write')).map((m) => m.user_id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length) throw badRequest(`${bad.length === 1 ? 'Eén gekozen persoon is' : `${bad.length} gekozen personen zijn`} geen lid van dit onderzoek met een rol die mag coderen.`, { userIds: bad });
  return unique;
}

async function assertDocuments(db: Kysely<DB>, studyId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  const docs = await repo.documentsOf(db, studyId, unique);
  if (docs.length !== unique.length) throw notFound('Een of meer van de gekozen documenten');
  return docs;
}

export async function listAssignments(deps: Deps, actor: Actor | null, slug: string) {
  const a = await access(deps.db, actor, slug, 'data.read');
  const rows = await repo.listAssignments(deps.db, a.study.id, a.supervise ? undefined : a.actorId);
  return {
    assignments: rows.map((r) => ({ documentId: r.document_id, documentTitle: r.title, coderId: r.coder_id, coderName: r.name, assignedBy: r.assigned_by, assignedAt: iso(r.assigned_at)! })),
  };
}

export async function createAssignments(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof createAssignmentsBody>) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    const docs = await assertDocuments(trx, a.study.id, input.documentIds);
    const coders = await assertCoders(trx, a.study.id, input.coderIds);
    const rows = docs.flatMap((d) => coders.map((coderId) => ({ documentId: d.id, coderId, assignedBy: a.actorId })));
    const created = await repo.insertAssignments(trx, rows);
    if (created > 0) await audit(trx, a, 'coding.assigned', 'study', a.study.id, { documentIds: docs.map((d) => d.id), coderIds: coders, created });
    return { created, existing: rows.length - created };
  });
}

export async function deleteAssignment(deps: Deps, actor: Actor | null, slug: string, documentId: string, coderId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    if ((await repo.deleteAssignment(trx, a.study.id, documentId, coderId)) === 0) throw notFound('Deze toewijzing');
    await audit(trx, a, 'coding.unassigned', 'document', documentId, { coderId });
  });
}

// ---- rounds -----------------------------------------------------------------------------------------------

async function roundsOut(db: Kysely<DB>, rows: repo.RoundRow[]): Promise<Round[]> {
  const ids = rows.map((r) => r.id);
  const [docs, coders] = await Promise.all([repo.roundDocuments(db, ids), repo.roundCoders(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitKind: r.unit_kind,
    status: r.status,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    closedAt: iso(r.closed_at),
    documents: docs.filter((d) => d.round_id === r.id).map((d) => ({ id: d.id, title: d.title })),
    coders: coders.filter((c) => c.round_id === r.id).map((c) => ({ userId: c.coder_id, name: c.name })),
  }));
}

export async function listRounds(deps: Deps, actor: Actor | null, slug: string) {
  const a = await access(deps.db, actor, slug, 'data.read');
  return { rounds: await roundsOut(deps.db, await repo.listRounds(deps.db, a.study.id, a.supervise ? undefined : a.actorId)) };
}

/** A round the actor may see: the lead every round, a coder the rounds they code in (404 otherwise). */
async function roundFor(db: Kysely<DB>, a: Access, roundId: string, forUpdate = false): Promise<repo.RoundRow> {
  const r = await repo.findRound(db, a.study.id, roundId, forUpdate);
  if (!r) throw notFound('Deze betrouwbaarheidsronde');
  if (!a.supervise && !(await repo.roundCoders(db, [r.id])).some((c) => c.coder_id === a.actorId)) throw notFound('Deze betrouwbaarheidsronde');
  return r;
}

export async function getRound(deps: Deps, actor: Actor | null, slug: string, roundId: string): Promise<Round> {
  const a = await access(deps.db, actor, slug, 'data.read');
  return (await roundsOut(deps.db, [await roundFor(deps.db, a, roundId)]))[0];
}

export async function createRound(deps: Deps, actor: Actor | null, slug: string, input: z.output<typeof createRoundBody>): Promise<Round> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    const docs = await assertDocuments(trx, a.study.id, input.documentIds);
    const coders = await assertCoders(trx, a.study.id, input.coderIds);
    if (coders.length < 2) throw badRequest('Kies ten minste twee verschillende codeurs.');
    const row = await repo.insertRound(trx, { studyId: a.study.id, name: input.name, unitKind: input.unitKind, createdBy: a.actorId, documentIds: docs.map((d) => d.id), coderIds: coders });
    await audit(trx, a, 'reliability_round.created', 'reliability_round', row.id, { name: row.name, unitKind: row.unit_kind, documentIds: docs.map((d) => d.id), coderIds: coders });
    return (await roundsOut(trx, [row]))[0];
  });
}

export async function closeRound(deps: Deps, actor: Actor | null, slug: string, roundId: string): Promise<Round> {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    const r = await roundFor(trx, a, roundId, true);
    if (r.status === 'closed') throw conflict('Deze ronde is al gesloten.');
    await repo.closeRound(trx, r.id);
    await audit(trx, a, 'reliability_round.closed', 'reliability_round', r.id, { name: r.name });
    return (await roundsOut(trx, [(await repo.findRound(trx, a.study.id, r.id))!]))[0];
  });
}

export async function deleteRound(deps: Deps, actor: Actor | null, slug: string, roundId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    const r = await roundFor(trx, a, roundId, true);
    await repo.deleteRound(trx, r.id);
    await audit(trx, a, 'reliability_round.deleted', 'reliability_round', r.id, { name: r.name, status: r.status });
  });
}

// ---- loading a round's data -------------------------------------------------------------------------------

interface RoundDoc extends DocumentInput {
  title: string;
  version: number;
}

/** The round's documents (or one of them) with texts, turns and each coder's codings by code. */
async function loadRoundDocs(deps: Deps, db: Kysely<DB>, studyId: string, round: repo.RoundRow, coderIds: string[], onlyDocument?: string): Promise<{ docs: RoundDoc[]; codeIds: Set<string> }> {
  const docRows = (await repo.roundDocuments(db, [round.id])).filter((d) => !onlyDocument || d.id === onlyDocument);
  const versions = await coding.versionsByKeys(
    db,
    docRows.map((d) => ({ documentId: d.id, version: d.current_version })),
  );
  const spans = await repo.coderCodings(db, round.id, onlyDocument ? [onlyDocument] : undefined);
  const codeIds = new Set(spans.map((s) => s.code_id));
  const docs: RoundDoc[] = [];
  for (const d of docRows) {
    const v = versions.find((x) => x.document_id === d.id);
    if (!v) continue;
    const [text, units] = await Promise.all([deps.keys.decrypt(studyId, FIELD.text, v.text_enc, db), deps.keys.decrypt(studyId, FIELD.units, v.units_enc, db)]);
    const mine = spans.filter((s) => s.document_id === d.id);
    const coders = coderIds.map((coderId) => {
      const own = mine.filter((s) => s.coder_id === coderId);
      if (own.length === 0) return null;
      const byCode = new Map<string, Span[]>();
      for (const s of own) byCode.set(s.code_id, [...(byCode.get(s.code_id) ?? []), { start: s.start, end: s.end }]);
      return byCode;
    });
    docs.push({ documentId: d.id, title: d.title, version: d.current_version, text, length: v.length, turns: (JSON.parse(units) as Unit[]).map((u) => ({ start: u.start, end: u.end })), coders });
  }
  return { docs, codeIds };
}

/** Codes in codebook order (position, name), as the codebook lists them. */
async function codesInOrder(db: Kysely<DB>, studyId: string, ids: Set<string>) {
  const codes = await coding.findCodesByIds(db, studyId, [...ids]);
  return codes.sort((x, y) => x.position - y.position || x.name.localeCompare(y.name, 'nl') || x.id.localeCompare(y.id));
}

// ---- agreement --------------------------------------------------------------------------------------------

export async function agreement(deps: Deps, actor: Actor | null, slug: string, roundId: string, unit?: UnitKind): Promise<AgreementResponse> {
  const a = await access(deps.db, actor, slug, 'coding.supervise');
  const r = await roundFor(deps.db, a, roundId);
  const kind = unit ?? r.unit_kind;
  const coders = await repo.roundCoders(deps.db, [r.id]);
  const { docs, codeIds } = await loadRoundDocs(
    deps,
    deps.db,
    a.study.id,
    r,
    coders.map((c) => c.coder_id),
  );
  const codes = await codesInOrder(deps.db, a.study.id, codeIds);
  const table = agreementTable(
    kind,
    docs,
    codes.map((c) => c.id),
    coders.length,
  );
  const row = (codeId: string | null, name: string, color: string | null, x: { units: number; percent: number | null; kappa: number | null; alpha: number | null }): AgreementRow => ({
    codeId,
    codeName: name,
    color,
    units: x.units,
    percent: x.percent,
    kappa: x.kappa,
    alpha: x.alpha,
  });
  return {
    roundId: r.id,
    unit: kind,
    coders: coders.map((c, i) => ({ userId: c.coder_id, name: c.name, documentsCoded: docs.filter((d) => d.coders[i] !== null).length })),
    documents: docs.length,
    perCode: table.perCode.map((p) => {
      const c = codes.find((x) => x.id === p.codeId)!;
      return row(c.id, c.name, c.color, p);
    }),
    overall: row(null, 'Totaal', null, table.overall),
  };
}

// ---- disagreements ----------------------------------------------------------------------------------------

const MAX_UNIT_TEXT = 600;

function unitText(idx: CodePointIndex, start: number, end: number): string {
  if (end - start <= MAX_UNIT_TEXT) return idx.slice(start, end);
  return `${idx.slice(start, start + MAX_UNIT_TEXT / 2)} … ${idx.slice(end - MAX_UNIT_TEXT / 2, end)}`;
}

function coverage(consensus: Span[], unit: Span): 'none' | 'partial' | 'full' {
  const inside = normalise(clip(consensus, unit));
  if (inside.length === 0) return 'none';
  return inside.length === 1 && inside[0].start === unit.start && inside[0].end === unit.end ? 'full' : 'partial';
}

async function loadDocumentOfRound(deps: Deps, db: Kysely<DB>, a: Access, r: repo.RoundRow, documentId: string) {
  const coders = await repo.roundCoders(db, [r.id]);
  const { docs } = await loadRoundDocs(
    deps,
    db,
    a.study.id,
    r,
    coders.map((c) => c.coder_id),
    documentId,
  );
  const doc = docs[0];
  if (!doc) throw notFound('Dit document in deze ronde');
  return { coders, doc };
}

export async function disagreements(deps: Deps, actor: Actor | null, slug: string, roundId: string, documentId: string | undefined, unit?: UnitKind): Promise<DisagreementsResponse> {
  const a = await access(deps.db, actor, slug, 'coding.supervise');
  const r = await roundFor(deps.db, a, roundId);
  const kind = unit ?? r.unit_kind;
  const which = documentId ?? (await repo.roundDocuments(deps.db, [r.id]))[0]?.id;
  if (!which) throw notFound('Een document in deze ronde');
  const { coders, doc } = await loadDocumentOfRound(deps, deps.db, a, r, which);
  const codeIds = new Set<string>();
  for (const c of doc.coders) for (const id of c?.keys() ?? []) codeIds.add(id);
  const codes = await codesInOrder(deps.db, a.study.id, codeIds);
  const [consensusRows, decisions] = await Promise.all([repo.consensusCodings(deps.db, doc.documentId, doc.version), repo.listAdjudications(deps.db, r.id, doc.documentId, kind)]);
  const idx = new CodePointIndex(doc.text);
  const items = disagreementItems(
    kind,
    doc,
    codes.map((c) => c.id),
  );
  const out = items.map((i) => {
    const code = codes.find((c) => c.id === i.codeId)!;
    const decided = decisions.find((d) => d.code_id === i.codeId && d.start === i.start && d.end === i.end);
    return {
      codeId: i.codeId,
      codeName: code.name,
      color: code.color,
      start: i.start,
      end: i.end,
      text: unitText(idx, i.start, i.end),
      values: i.values,
      quotes: i.spans.map((spans) => spans.map((s) => ({ start: s.start, end: s.end, text: unitText(idx, s.start, s.end) }))),
      agree: i.agree,
      consensus: coverage(
        consensusRows.filter((c) => c.code_id === i.codeId),
        i,
      ),
      decision: decided ? decided.taken : null,
    };
  });
  return {
    roundId: r.id,
    documentId: doc.documentId,
    documentTitle: doc.title,
    version: doc.version,
    unit: kind,
    coders: coders.map((c) => ({ userId: c.coder_id, name: c.name })),
    items: out,
    counts: { agreements: out.filter((i) => i.agree).length, disagreements: out.filter((i) => !i.agree).length, decided: out.filter((i) => i.decision !== null).length },
  };
}

// ---- adjudication -----------------------------------------------------------------------------------------

interface Decision {
  codeId: string;
  start: number;
  end: number;
  take: string[];
}

/** Applies decisions to the consensus layer of one document (under its row lock); idempotent. */
async function applyDecisions(
  deps: Deps,
  trx: Kysely<DB>,
  a: Access,
  r: repo.RoundRow,
  kind: UnitKind,
  documentId: string,
  decisions: (doc: RoundDoc, coderIds: string[]) => Promise<Decision[]> | Decision[],
  mode: 'adjudicate' | 'agreements',
) {
  const d = await coding.lockDocument(trx, a.study.id, documentId);
  if (!d) throw notFound('Dit document');
  const { coders, doc } = await loadDocumentOfRound(deps, trx, a, r, documentId);
  const coderIds = coders.map((c) => c.coder_id);
  const list = await decisions(doc, coderIds);
  const existingDecisions = await repo.listAdjudications(trx, r.id, documentId, kind);
  const consensusRows = await repo.consensusCodings(trx, documentId, doc.version);
  const byCode = new Map<string, Span[]>();
  for (const c of consensusRows) byCode.set(c.code_id, [...(byCode.get(c.code_id) ?? []), { start: c.start, end: c.end }]);
  const before = new Map([...byCode].map(([k, v]) => [k, normalise(v)]));
  let decided = 0;
  for (const dec of list) {
    const chosen = dec.take.flatMap((coderId) => doc.coders[coderIds.indexOf(coderId)]?.get(dec.codeId) ?? []);
    const current = byCode.get(dec.codeId) ?? [];
    byCode.set(dec.codeId, mode === 'agreements' ? normalise([...current, ...clip(chosen, dec)]) : decide(current, dec, chosen));
    const taken = [...new Set(dec.take)].sort();
    const prev = existingDecisions.find((x) => x.code_id === dec.codeId && x.start === dec.start && x.end === dec.end);
    if (!prev || [...prev.taken].sort().join() !== taken.join()) {
      await repo.upsertAdjudication(trx, { roundId: r.id, documentId, codeId: dec.codeId, unitKind: kind, start: dec.start, end: dec.end, taken, decidedBy: a.actorId });
      decided++;
    }
  }
  let changedCodes = 0;
  for (const [codeId, spans] of byCode) {
    const after = normalise(spans);
    if (sameSpans(before.get(codeId) ?? [], after)) continue;
    await repo.replaceConsensus(trx, { documentId, version: doc.version, codeId, spans: after, leadId: a.actorId });
    changedCodes++;
  }
  const consensusCodings = await repo.countConsensus(trx, documentId, doc.version);
  if (decided > 0 || changedCodes > 0) {
    await audit(trx, a, mode === 'agreements' ? 'consensus.agreements_accepted' : 'consensus.adjudicated', 'document', documentId, {
      roundId: r.id,
      unit: kind,
      version: doc.version,
      decisions: list.length,
      decided,
      changedCodes,
      consensusCodings,
      ...(mode === 'adjudicate' ? { items: list.slice(0, 200).map((x) => ({ codeId: x.codeId, start: x.start, end: x.end, take: x.take })) } : {}),
    });
  }
  return { decided, changedCodes, consensusCodings };
}

export async function adjudicate(deps: Deps, actor: Actor | null, slug: string, roundId: string, input: z.output<typeof adjudicateBody>) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    const r = await roundFor(trx, a, roundId);
    const kind = input.unit ?? r.unit_kind;
    const codeIds = [...new Set(input.decisions.map((x) => x.codeId))];
    if ((await coding.findCodesByIds(trx, a.study.id, codeIds)).length !== codeIds.length) throw notFound('Een of meer van de codes');
    return applyDecisions(
      deps,
      trx,
      a,
      r,
      kind,
      input.documentId,
      (doc, coderIds) => {
        const units = kind === 'characters' ? null : predefinedUnits(kind, doc.text, doc.turns);
        input.decisions.forEach((x, i) => {
          if (!(x.end > x.start) || x.end > doc.length) throw badRequest(`Beslissing ${i + 1}: het fragment (${x.start}–${x.end}) ligt niet binnen de tekst van ${doc.length} tekens.`);
          if (units && !units.some((u) => u.start === x.start && u.end === x.end))
            throw badRequest(`Beslissing ${i + 1}: ${x.start}–${x.end} is geen ${kind === 'turns' ? 'spreekbeurt' : 'zin'} van dit document. Laad de verschillen opnieuw.`);
          const strangers = x.take.filter((id) => !coderIds.includes(id));
          if (strangers.length) throw badRequest(`Beslissing ${i + 1}: alleen de codeurs van deze ronde kunnen worden overgenomen.`);
        });
        return input.decisions;
      },
      'adjudicate',
    );
  });
}

/** Takes every agreement (all coders who coded the document applied the code in the unit) into the consensus layer. */
export async function acceptAgreements(deps: Deps, actor: Actor | null, slug: string, roundId: string, input: z.output<typeof acceptAgreementsBody>) {
  return deps.db.transaction().execute(async (trx) => {
    const a = await access(trx, actor, slug, 'coding.supervise');
    assertWritable(a.study);
    const r = await roundFor(trx, a, roundId);
    const kind = input.unit ?? r.unit_kind;
    return applyDecisions(
      deps,
      trx,
      a,
      r,
      kind,
      input.documentId,
      (doc, coderIds) => {
        const codeIds = new Set<string>();
        for (const c of doc.coders) for (const id of c?.keys() ?? []) codeIds.add(id);
        return disagreementItems(kind, doc, [...codeIds].sort())
          .filter((i) => i.agree)
          .map((i) => ({ codeId: i.codeId, start: i.start, end: i.end, take: coderIds.filter((_, k) => i.values[k] === true) }));
      },
      'agreements',
    );
  });
}
