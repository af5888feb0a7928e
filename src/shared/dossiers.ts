/**
 * Contract of the case-file study (dossieronderzoek): the interchange vocabulary, the API schemas and the
 * monitor's indicator JSON. Shared by the server, the CLI and the web app.
 */
import { z } from 'zod';
import {
  SEXES,
  PLACEMENT_REASONS,
  PARENT_FACTORS,
  EVENT_TYPES,
  SETTINGS,
  CONTACT_FREQUENCIES,
  PERSPECTIVES,
  CASE_END_REASONS,
  CASE_STATUSES,
  DETAIL_VOCABULARY,
  type Sex,
  type PlacementReason,
  type ParentFactor,
  type EventType,
  type Setting,
  type CaseStatus,
  SUBGROUPS,
} from './dossier-vocabulary';
export * from './dossier-vocabulary';

export const birthMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Geboortemaand als JJJJ-MM.' });
export const eventDate = z.iso.date({ message: 'Datum als JJJJ-MM-DD.' });

export const caseEvent = z.object({
  date: eventDate,
  type: z.enum(EVENT_TYPES),
  detail: z.string().trim().max(500).default(''),
});
export type CaseEvent = z.infer<typeof caseEvent>;

/** A case as coded: pseudonymous code, never a name or a full date of birth. */
export const caseInput = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/, { message: 'Een dossiercode bestaat uit letters, cijfers, punt, streep of liggend streepje.' }),
  birthMonth,
  sex: z.enum(SEXES),
  region: z.string().trim().max(100).default(''),
  institution: z.string().trim().max(40).default(''), // pseudonymous code of the certified institution (GI)
  siblings: z.number().int().min(0).max(30).nullable().default(null),
  placementReasons: z.array(z.enum(PLACEMENT_REASONS)).max(PLACEMENT_REASONS.length).default([]),
  parentFactors: z.array(z.enum(PARENT_FACTORS)).max(PARENT_FACTORS.length).default([]),
  status: z.enum(CASE_STATUSES).default('in_progress'),
  events: z.array(caseEvent).max(500).default([]),
});
export type CaseInput = z.output<typeof caseInput>;

/** A flag from the chronology and legal-rule checks: shown, never refused. */
export const caseFlag = z.object({
  rule: z.string(),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  /** the legal basis when the flag comes from a legal rule (kept as configurable data) */
  legalBasis: z.string().nullable(),
  eventIndexes: z.array(z.number()),
});
export type CaseFlag = z.infer<typeof caseFlag>;

export const caseDetail = caseInput.extend({
  id: z.uuid(),
  flags: z.array(caseFlag),
  updatedAt: z.string(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  birthMonth: z.string(),
  sex: z.enum(SEXES),
  region: z.string(),
  status: z.enum(CASE_STATUSES),
  events: z.number(),
  flags: z.number(),
  placed: z.boolean(),
  reunified: z.boolean(),
  updatedAt: z.string(),
});
export const caseListQuery = z.object({
  q: z.string().max(40).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const caseListResponse = z.object({ cases: z.array(caseSummary), total: z.number() });

/** One row of an import report: which file, which line (1 = header), what is wrong. */
export const importProblem = z.object({ file: z.enum(['cases', 'events']), line: z.number(), message: z.string() });
export type ImportProblem = z.infer<typeof importProblem>;

// ---- monitor (indicators) --------------------------------------------------------------------------
export const KM_DAYS = [182, 365, 730, 1095, 1826] as const;

/** events of n; for the committee a count below the disclosure threshold (and the share it would reveal) is null */
const share = z.object({ n: z.number().nullable(), events: z.number().nullable(), share: z.number().nullable() });
export const monitorResult = z.object({
  cases: z.number(),
  placed: z.number(),
  reunification: z.object({
    km: z.array(z.object({ day: z.number(), cum: z.number().nullable(), lo: z.number().nullable(), hi: z.number().nullable() })),
    aj: z.array(z.object({ day: z.number(), cum: z.number().nullable() })),
  }),
  reentry_12m: share,
  emergency_share: share,
  moves: z.object({ mean: z.number().nullable(), share_any: z.number().nullable(), max: z.number().nullable() }),
  parent_help_rr: z.object({ rr: z.number().nullable(), lo: z.number().nullable(), hi: z.number().nullable() }),
});
export type MonitorResult = z.infer<typeof monitorResult>;

export const monitorQuery = z.object({ subgroup: z.enum(SUBGROUPS).default('all') });

// ---- monitor response (per group, with disclosure control) -----------------------------------------------
export const CONTACT_COUNT_KEYS = [...CONTACT_FREQUENCIES, 'none_recorded'] as const;
/** Perspective decisions and contact arrangements over placed cases; for the committee counts below the threshold are null. */
export const monitorExtra = z.object({
  perspective: z.object({ n: z.number().nullable(), medianDays: z.number().nullable(), home: z.number().nullable(), elsewhere: z.number().nullable() }),
  contact: z.record(z.enum(CONTACT_COUNT_KEYS), z.number().nullable()),
});
export type MonitorExtra = z.infer<typeof monitorExtra>;
export const monitorGroup = z.object({
  /** 'all', or the subgroup's key (age: 0-3, 4-11, 12-17; setting: a SETTINGS value; emergency/help: yes, no) */
  key: z.string(),
  /** placed cases in the group; null for the committee when the group is suppressed */
  n: z.number().nullable(),
  result: monitorResult.nullable(),
  /** true when the result is withheld (fewer placed cases than the disclosure threshold; committee only) */
  suppressed: z.boolean(),
});
export const monitorResponse = z.object({
  threshold: z.number(),
  /** true when anything in this answer was withheld by disclosure control */
  suppressed: z.boolean(),
  groups: z.array(monitorGroup),
  /** null when the study has no placed cases */
  extra: monitorExtra.nullable(),
});
export type MonitorResponse = z.infer<typeof monitorResponse>;

// ---- double coding ---------------------------------------------------------------------------------------
export const agreementVariable = z.object({
  /** sex, birthMonth, region, placementReason.<reason>, parentFactor.<factor>, placed, emergencyStart, reunified, moves, parentHelp */
  variable: z.string(),
  n: z.number(),
  percent: z.number().nullable(),
  kappa: z.number().nullable(),
});
export const agreementResponse = z.object({
  /** cases with at least one second coding */
  cases: z.number(),
  /** (first coding, second coding) pairs compared */
  pairs: z.number(),
  variables: z.array(agreementVariable),
});
export type AgreementResponse = z.infer<typeof agreementResponse>;
/** A second coding as the lead sees it when reconciling (GET …/:caseId/second-codings): who coded it, and the version. */
export const secondCodingOfCase = caseDetail.extend({ coderId: z.uuid(), coderName: z.string().nullable() });
export type SecondCodingOfCase = z.infer<typeof secondCodingOfCase>;
/**
 * The lead assigns cases to a member for a blind second coding: the cases with these codes, or a random sample of
 * `sample` cases the member did not code first.
 */
export const assignBody = z
  .object({
    coderId: z.uuid({ error: 'Kies wie de tweede codering doet.' }),
    sample: z.int().min(1, { error: 'Kies minstens 1 dossier.' }).max(1000, { error: 'Hoogstens 1000 dossiers per keer.' }).optional(),
    codes: z.array(z.string().trim().min(1).max(40)).min(1).max(1000).optional(),
  })
  .refine((b) => (b.sample === undefined) !== (b.codes === undefined), { error: 'Geef óf een aantal dossiers voor een steekproef, óf de codes van de dossiers.' });
export const assignResponse = z.object({ assigned: z.number(), codes: z.array(z.string()) });
export type AssignResponse = z.infer<typeof assignResponse>;
/** One blind second-coding assignment: the coder learns only the case code. */
export const secondAssignment = z.object({
  caseId: z.uuid(),
  code: z.string(),
  coderId: z.uuid(),
  coderName: z.string().nullable(),
  assignedAt: z.string(),
  /** when the coder last saved their second coding; null: not yet */
  secondCodedAt: z.string().nullable(),
  /** when the lead settled the case; null: still blind */
  closedAt: z.string().nullable(),
});
export type SecondAssignment = z.infer<typeof secondAssignment>;

/** The lead's final version of a double-coded case: `{ caseInput }` (a bare case is accepted too). */
export const reconcileBody = z.union([z.object({ caseInput }), caseInput]);
export const importBody = z.object({ cases: z.string(), events: z.string() });
/** `extended=true`: cases.csv also carries institution, siblings and status. */
export const exportQuery = z.object({ file: z.enum(['cases', 'events']).default('cases'), extended: z.enum(['true', 'false']).optional() });
