/**
 * Contract of team coding: assignments of documents to coders, reliability rounds (blind mode while open),
 * agreement statistics, the disagreement view and adjudication into the consensus layer.
 * Shared by the server and the web app.
 *
 *   GET    /teamwork/coders                          supervise  → codersResponse (members who may code)
 *   GET    /teamwork/assignments                     read       → assignmentsResponse (a coder: only their own)
 *   POST   /teamwork/assignments                     supervise  createAssignmentsBody → createAssignmentsResponse
 *   DELETE /teamwork/assignments/:documentId/:coderId supervise → ok
 *   GET    /teamwork/rounds                          read       → roundsResponse (a coder: the rounds they code in)
 *   POST   /teamwork/rounds                          supervise  createRoundBody → round
 *   GET    /teamwork/rounds/:roundId                 read       → round
 *   POST   /teamwork/rounds/:roundId/close           supervise  → round (blind mode ends)
 *   DELETE /teamwork/rounds/:roundId                 supervise  → ok (consensus codings stay)
 *   GET    /teamwork/rounds/:roundId/agreement       supervise  ?unit → agreementResponse
 *   GET    /teamwork/rounds/:roundId/disagreements   supervise  ?documentId&unit → disagreementsResponse
 *   POST   /teamwork/rounds/:roundId/adjudicate      supervise  adjudicateBody → adjudicateResponse
 *   POST   /teamwork/rounds/:roundId/accept-agreements supervise acceptAgreementsBody → adjudicateResponse
 */
import { z } from 'zod';
import { studyParams, uuid } from './api';

export const UNIT_KINDS = ['characters', 'turns', 'sentences'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const ROUND_STATUSES = ['open', 'closed'] as const;
export const MAX_ROUND_CODERS = 20;

const unitKind = z.enum(UNIT_KINDS, { error: 'Kies als eenheid "characters" (tekens), "turns" (spreekbeurten) of "sentences" (zinnen).' });
const pos = z.int({ error: 'Een positie is een geheel getal.' }).min(0, { error: 'Een positie is 0 of meer.' }).max(10_000_000);

export const roundParams = studyParams.extend({ roundId: uuid });
export const assignmentParams = studyParams.extend({ documentId: uuid, coderId: uuid });

// ---- coders and assignments -----------------------------------------------------------------------------
export const teamCoder = z.object({ userId: uuid, name: z.string(), role: z.string() });
export const codersResponse = z.object({ coders: z.array(teamCoder) });

export const assignment = z.object({
  documentId: uuid,
  documentTitle: z.string(),
  coderId: uuid,
  coderName: z.string(),
  assignedBy: uuid.nullable(),
  assignedAt: z.string(),
});
export type Assignment = z.infer<typeof assignment>;
export const assignmentsResponse = z.object({ assignments: z.array(assignment) });
export const createAssignmentsBody = z.object({
  documentIds: z.array(uuid).min(1, { error: 'Kies ten minste één document.' }).max(1_000, { error: 'Hoogstens 1.000 documenten tegelijk.' }),
  coderIds: z.array(uuid).min(1, { error: 'Kies ten minste één codeur.' }).max(50, { error: 'Hoogstens 50 codeurs tegelijk.' }),
});
export const createAssignmentsResponse = z.object({ created: z.number(), existing: z.number() });

// ---- rounds ---------------------------------------------------------------------------------------------
export const round = z.object({
  id: uuid,
  name: z.string(),
  unitKind,
  status: z.enum(ROUND_STATUSES),
  createdBy: uuid.nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  documents: z.array(z.object({ id: uuid, title: z.string() })),
  coders: z.array(z.object({ userId: uuid, name: z.string() })),
});
export type Round = z.infer<typeof round>;
export const roundsResponse = z.object({ rounds: z.array(round) });
export const createRoundBody = z.object({
  name: z.string().trim().min(1, { error: 'Geef de ronde een naam.' }).max(200, { error: 'Een naam heeft hoogstens 200 tekens.' }),
  unitKind,
  documentIds: z.array(uuid).min(1, { error: 'Kies ten minste één document.' }).max(500, { error: 'Hoogstens 500 documenten per ronde.' }),
  coderIds: z
    .array(uuid)
    .min(2, { error: 'Kies ten minste twee codeurs: overeenstemming vraagt om meer dan één codeur.' })
    .max(MAX_ROUND_CODERS, { error: `Hoogstens ${MAX_ROUND_CODERS} codeurs per ronde.` }),
});

// ---- agreement --------------------------------------------------------------------------------------------
export const unitQuery = z.object({ unit: unitKind.optional() });
export const agreementRow = z.object({
  codeId: uuid.nullable(),
  codeName: z.string(),
  color: z.string().nullable(),
  /** units with values of at least two coders (characters: number of characters) */
  units: z.number(),
  percent: z.number().nullable(),
  /** Cohen's κ, two coders only */
  kappa: z.number().nullable(),
  /** Krippendorff's α, nominal */
  alpha: z.number().nullable(),
});
export type AgreementRow = z.infer<typeof agreementRow>;
export const agreementResponse = z.object({
  roundId: uuid,
  unit: unitKind,
  coders: z.array(z.object({ userId: uuid, name: z.string(), documentsCoded: z.number() })),
  documents: z.number(),
  perCode: z.array(agreementRow),
  /** computed on the pooled unit × code matrix */
  overall: agreementRow,
});
export type AgreementResponse = z.infer<typeof agreementResponse>;

// ---- disagreements and adjudication -----------------------------------------------------------------------
/** documentId: one of the round's documents (default: its first document by title) */
export const disagreementsQuery = z.object({ documentId: uuid.optional(), unit: unitKind.optional() });
export const quote = z.object({ start: z.number(), end: z.number(), text: z.string() });
export const disagreementItem = z.object({
  codeId: uuid,
  codeName: z.string(),
  color: z.string(),
  start: z.number(),
  end: z.number(),
  /** the unit's text (long units are shortened in the middle) */
  text: z.string(),
  /** per coder (in round order): applied (true), not applied (false), not coded this document (null) */
  values: z.array(z.boolean().nullable()),
  /** per coder: their coded passages of this code inside the unit */
  quotes: z.array(z.array(quote)),
  agree: z.boolean(),
  /** how much of the unit the consensus layer covers for this code */
  consensus: z.enum(['none', 'partial', 'full']),
  /** the lead's decision: the coders whose codings were taken (empty: none); null: not decided */
  decision: z.array(uuid).nullable(),
});
export type DisagreementItem = z.infer<typeof disagreementItem>;
export const disagreementsResponse = z.object({
  roundId: uuid,
  documentId: uuid,
  documentTitle: z.string(),
  version: z.number(),
  unit: unitKind,
  coders: z.array(z.object({ userId: uuid, name: z.string() })),
  items: z.array(disagreementItem),
  counts: z.object({ agreements: z.number(), disagreements: z.number(), decided: z.number() }),
});
export type DisagreementsResponse = z.infer<typeof disagreementsResponse>;

export const decision = z.object({
  codeId: uuid,
  start: pos,
  end: pos,
  /** whose codings become consensus in this unit: [A] take A's, [B] take B's, [A, B] both, [] none */
  take: z.array(uuid).max(MAX_ROUND_CODERS),
});
export const adjudicateBody = z.object({
  documentId: uuid,
  unit: unitKind.optional(),
  decisions: z.array(decision).min(1, { error: 'Geef ten minste één beslissing.' }).max(5_000, { error: 'Hoogstens 5.000 beslissingen tegelijk.' }),
});
export const acceptAgreementsBody = z.object({ documentId: uuid, unit: unitKind.optional() });
export const adjudicateResponse = z.object({
  /** decisions recorded (new or changed) */
  decided: z.number(),
  /** codes whose consensus codings changed */
  changedCodes: z.number(),
  /** consensus codings of the document after the change */
  consensusCodings: z.number(),
});
