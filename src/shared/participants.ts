/**
 * Contract of the interview study: participants (pseudonym + attributes; identity for the lead only), study
 * variables, consent and assent records with their evaluation, withdrawal, interviews and interview guides.
 * Shared by the server and the web app. The zod-free vocabulary lives in ./participant-vocabulary.
 *
 * Routes (all under /api/studies/:slug):
 *   participants        GET list · POST create · GET/PATCH/DELETE :participantId · PUT :participantId/identity
 *   variables           GET list · POST create · PATCH/DELETE :variableId
 *   consent             GET dashboard · GET/POST participants/:participantId/consent ·
 *                       POST …/consent/:consentId/revoke · DELETE …/consent/:consentId ·
 *                       POST participants/:participantId/withdrawal
 *   interviews          GET list · POST create · GET overdue · GET/PUT/DELETE :interviewId ·
 *                       POST :interviewId/recording-deleted
 *   guides              GET list · POST create · POST template · GET/PUT/DELETE :guideId
 */
import { z } from 'zod';
import {
  AGE_BANDS,
  CONSENT_GIVERS,
  CONSENT_KINDS,
  CONSENT_METHODS,
  CONSENT_SCOPES,
  GENDERS,
  GUIDE_AUDIENCES,
  INTERVIEW_MODES,
  PARTICIPANT_ROLES,
  PLACEMENT_TYPES,
  SITUATIONS,
  VARIABLE_TYPES,
} from './participant-vocabulary';
export * from './participant-vocabulary';

const NUL = /\u0000/;
/** Trimmed text up to `max` characters, without NUL characters (which the database cannot store). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Hoogstens ${max} tekens.` })
    .refine((v) => !NUL.test(v), { error: 'De tekst bevat een NUL-teken; dat kan niet worden opgeslagen.' });
export const isoDate = z.iso.date({ error: 'Gebruik een datum als JJJJ-MM-DD.' });
export const birthMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Geboortemaand als JJJJ-MM.' });
const id = z.uuid({ error: 'Ongeldige id.' });

// ---- participants ---------------------------------------------------------------------------------------

/** Identity: sealed with the study key; read and written only with 'study.confidential' (the lead). */
export const participantIdentity = z.object({
  name: text(200).default(''),
  /** address, phone, e-mail, or how the participant is reached (free text) */
  contact: text(1000).default(''),
  /** 'YYYY-MM'; required for children and young adults (the consent age rules) */
  birthMonth: birthMonth.nullable().default(null),
});
export type ParticipantIdentity = z.output<typeof participantIdentity>;

/**
 * Values of the study's variables, by variable id. Text: a string; number: a number; date: 'YYYY-MM-DD';
 * choice: one of the variable's choices. `null` (on update) removes a value. Checked against the variable's type
 * by the server (400 with a Dutch message).
 */
export const variableValuesInput = z.record(id, z.union([z.string().max(2000), z.number(), z.null()])).refine((r) => Object.keys(r).length <= 200, {
  error: 'Hoogstens 200 variabelen per deelnemer.',
});
export const variableValues = z.record(z.string(), z.union([z.string(), z.number()]));

export const participantAttributes = z.object({
  ageBand: z.enum(AGE_BANDS),
  gender: z.enum(GENDERS).default('unknown'),
  region: text(100).default(''),
  situation: z.enum(SITUATIONS).default('other'),
  placementType: z.enum(PLACEMENT_TYPES).default('none'),
});

/** A new participant: the code (K-01, O-01 …) is generated. `identity` needs 'study.confidential' (else 403). */
export const participantInput = participantAttributes.extend({
  role: z.enum(PARTICIPANT_ROLES),
  identity: participantIdentity.optional(),
  variables: variableValuesInput.default({}),
});
export type ParticipantInput = z.output<typeof participantInput>;

/** Changes to the attributes and variable values (the role and code stay). */
export const participantPatch = participantAttributes.partial().extend({ variables: variableValuesInput.optional() });
export type ParticipantPatch = z.output<typeof participantPatch>;

export const CONSENT_STATUSES = ['complete', 'incomplete', 'withdrawn'] as const;
export const participant = z.object({
  id: z.uuid(),
  code: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  ageBand: z.enum(AGE_BANDS),
  gender: z.enum(GENDERS),
  region: z.string(),
  situation: z.enum(SITUATIONS),
  placementType: z.enum(PLACEMENT_TYPES),
  variables: variableValues,
  /** whether a birth month is recorded (the value itself is part of the identity) */
  hasBirthMonth: z.boolean(),
  /** complete: every scope covered; withdrawn: consent withdrawn and not renewed; else incomplete */
  consentStatus: z.enum(CONSENT_STATUSES),
  /** null unless the reader has 'study.confidential' */
  identity: z.object({ name: z.string(), contact: z.string(), birthMonth: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Participant = z.infer<typeof participant>;
export const participantListQuery = z.object({ role: z.enum(PARTICIPANT_ROLES).optional() });
export const participantListResponse = z.object({ participants: z.array(participant) });

// ---- study variables ------------------------------------------------------------------------------------

const choices = z.array(text(100).min(1, { error: 'Een keuze mag niet leeg zijn.' })).max(100, { error: 'Hoogstens 100 keuzes.' });
export const studyVariableInput = z
  .object({
    name: text(100).min(1, { error: 'Geef de variabele een naam.' }),
    type: z.enum(VARIABLE_TYPES),
    choices: choices.default([]),
  })
  .refine((v) => v.type !== 'choice' || v.choices.length > 0, { error: 'Een keuzevariabele heeft minstens één keuze.', path: ['choices'] })
  .refine((v) => v.type === 'choice' || v.choices.length === 0, { error: 'Alleen een keuzevariabele heeft keuzes.', path: ['choices'] })
  .refine((v) => new Set(v.choices).size === v.choices.length, { error: 'Elke keuze mag maar één keer voorkomen.', path: ['choices'] });
export type StudyVariableInput = z.output<typeof studyVariableInput>;
/** Rename a variable or change the choices of a choice variable (a choice still in use cannot be removed: 409). */
export const studyVariablePatch = z.object({
  name: text(100).min(1, { error: 'Geef de variabele een naam.' }).optional(),
  choices: choices.refine((c) => new Set(c).size === c.length, { error: 'Elke keuze mag maar één keer voorkomen.' }).optional(),
});
export type StudyVariablePatch = z.output<typeof studyVariablePatch>;
export const studyVariable = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(VARIABLE_TYPES),
  choices: z.array(z.string()),
  /** participants with a value */
  used: z.number(),
});
export type StudyVariable = z.infer<typeof studyVariable>;

// ---- consent and assent -----------------------------------------------------------------------------------

export const consentScopes = z
  .object(Object.fromEntries(CONSENT_SCOPES.map((s) => [s, z.boolean().optional()])) as Record<(typeof CONSENT_SCOPES)[number], z.ZodOptional<z.ZodBoolean>>)
  .strict()
  .refine((s) => Object.values(s).some((v) => v !== undefined), { error: 'Kies minstens één onderdeel (deelname, geluidsopname, citaten of archivering).' });

/** A consent (toestemming) or assent (instemming) record; a scope set to false says no (or revokes an earlier yes). */
export const consentInput = z.object({
  letterVersion: text(60).min(1, { error: 'Vul de versie van de informatiebrief in.' }),
  date: isoDate,
  givenBy: z.enum(CONSENT_GIVERS),
  kind: z.enum(CONSENT_KINDS),
  method: z.enum(CONSENT_METHODS),
  scopes: consentScopes,
});
export type ConsentInput = z.output<typeof consentInput>;

export const consentRecord = z.object({
  id: z.uuid(),
  participantId: z.uuid(),
  letterVersion: z.string(),
  date: z.string(),
  givenBy: z.enum(CONSENT_GIVERS),
  kind: z.enum(CONSENT_KINDS),
  method: z.enum(CONSENT_METHODS),
  /** only the scopes the record addresses */
  scopes: z.partialRecord(z.enum(CONSENT_SCOPES), z.boolean()),
  /** the date this party withdrew, or null */
  withdrawnAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ConsentRecordView = z.infer<typeof consentRecord>;

export const scopeEvaluation = z.object({
  covered: z.boolean(),
  ageAtConsent: z.number().nullable(),
  rule: z.enum(['under12', '12to15', '16plus']),
  /** Dutch reasons; empty when covered */
  missing: z.array(z.string()),
});
export const consentEvaluation = z.object({
  asOf: z.string(),
  scopes: z.record(z.enum(CONSENT_SCOPES), scopeEvaluation),
  withdrawn: z.boolean(),
  withdrawal: z
    .object({ date: z.string(), by: z.enum(CONSENT_GIVERS), recordId: z.string(), archivingCovered: z.boolean(), archivingRevokedLater: z.boolean() })
    .nullable(),
});
export type ConsentEvaluationView = z.infer<typeof consentEvaluation>;

/** GET/POST …/participants/:participantId/consent, and after a revoke or a deletion. */
export const participantConsent = z.object({
  participantId: z.uuid(),
  code: z.string(),
  records: z.array(consentRecord),
  evaluation: consentEvaluation,
});
export type ParticipantConsent = z.infer<typeof participantConsent>;

/** The study's consent dashboard: per participant every scope covered or missing (with the Dutch reasons). */
export const consentDashboard = z.object({
  asOf: z.string(),
  participants: z.array(
    z.object({
      participantId: z.uuid(),
      code: z.string(),
      role: z.enum(PARTICIPANT_ROLES),
      status: z.enum(CONSENT_STATUSES),
      scopes: z.record(z.enum(CONSENT_SCOPES), z.object({ covered: z.boolean(), missing: z.array(z.string()) })),
    }),
  ),
  /** participants per scope for whom that scope is not covered */
  missing: z.record(z.enum(CONSENT_SCOPES), z.number()),
  totals: z.object({ participants: z.number(), complete: z.number(), incomplete: z.number(), withdrawn: z.number() }),
});
export type ConsentDashboard = z.infer<typeof consentDashboard>;

// ---- withdrawal -------------------------------------------------------------------------------------------

/** A withdrawal by the participant, a parent or the guardian, on a date (not in the future). */
export const withdrawalInput = z.object({ date: isoDate, by: z.enum(CONSENT_GIVERS) });
export type WithdrawalInput = z.output<typeof withdrawalInput>;
/** Revoking one record: that record's party withdraws on `date`. */
export const revokeInput = z.object({ date: isoDate });

export const withdrawalResult = z.object({
  /** false when the withdrawal has no effect (a parent or guardian once the participant is 16 or older) */
  effective: z.boolean(),
  /** whether the participant's material was kept (archiving consented before the withdrawal) */
  kept: z.boolean(),
  /** Dutch: why the material was kept, removed, or the withdrawal had no effect */
  reason: z.string(),
  removed: z.object({ documents: z.number(), versions: z.number(), codings: z.number() }),
  consent: participantConsent,
});
export type WithdrawalResult = z.infer<typeof withdrawalResult>;

// ---- interviews -------------------------------------------------------------------------------------------

export const interviewInput = z.object({
  participantIds: z.array(id).min(1, { error: 'Kies minstens één deelnemer.' }).max(20, { error: 'Hoogstens 20 deelnemers per interview.' }),
  /** a member of the study */
  interviewerId: id.nullable().default(null),
  date: isoDate,
  mode: z.enum(INTERVIEW_MODES),
  guideId: id.nullable().default(null),
  durationMinutes: z.int({ error: 'De duur is een geheel aantal minuten.' }).min(0).max(1440, { error: 'Hoogstens 1440 minuten.' }).nullable().default(null),
  /** sealed with the study key (notes can be identifying) */
  notes: text(20_000).default(''),
  /** the date by which the recording must be deleted (not before the interview) */
  recordingDeleteBy: isoDate.nullable().default(null),
});
export type InterviewInput = z.output<typeof interviewInput>;

export const interview = z.object({
  id: z.uuid(),
  participants: z.array(z.object({ id: z.uuid(), code: z.string(), role: z.enum(PARTICIPANT_ROLES) })),
  interviewerId: z.uuid().nullable(),
  interviewerName: z.string().nullable(),
  date: z.string(),
  mode: z.enum(INTERVIEW_MODES),
  guideId: z.uuid().nullable(),
  guideTitle: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  notes: z.string(),
  recordingDeleteBy: z.string().nullable(),
  /** when someone recorded that the recording was deleted */
  recordingDeletedAt: z.string().nullable(),
  /** the deadline has passed and the recording is not marked deleted */
  recordingOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Interview = z.infer<typeof interview>;
export const interviewListResponse = z.object({ interviews: z.array(interview) });

/** Recordings whose deletion deadline has passed (the reminder on the study page and the interview list). */
export const overdueRecording = z.object({
  interviewId: z.uuid(),
  date: z.string(),
  recordingDeleteBy: z.string(),
  daysOverdue: z.number(),
  participantCodes: z.array(z.string()),
  interviewerName: z.string().nullable(),
});
export type OverdueRecording = z.infer<typeof overdueRecording>;
export const overdueRecordingsResponse = z.object({ asOf: z.string(), recordings: z.array(overdueRecording) });

// ---- interview guides ------------------------------------------------------------------------------------

const age = z.int({ error: 'Een leeftijd is een geheel getal.' }).min(0).max(120);
export const guideInput = z
  .object({
    audience: z.enum(GUIDE_AUDIENCES),
    title: text(200).min(1, { error: 'Geef de leidraad een titel.' }),
    ageFrom: age.nullable().default(null),
    ageTo: age.nullable().default(null),
    /** the child-friendly version (short, concrete questions) */
    childFriendly: z.boolean().default(false),
    body: text(50_000).default(''),
  })
  .refine((g) => g.ageFrom === null || g.ageTo === null || g.ageTo >= g.ageFrom, { error: 'De leeftijd "tot" ligt vóór de leeftijd "van".', path: ['ageTo'] });
export type GuideInput = z.output<typeof guideInput>;
export const guide = z.object({
  id: z.uuid(),
  audience: z.enum(GUIDE_AUDIENCES),
  title: z.string(),
  ageFrom: z.number().nullable(),
  ageTo: z.number().nullable(),
  childFriendly: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Guide = z.infer<typeof guide>;
/** Copy the platform's template guides into the study: all, or those of the given audiences. Titles already present are skipped. */
export const guideTemplateInput = z.object({ audiences: z.array(z.enum(GUIDE_AUDIENCES)).max(GUIDE_AUDIENCES.length).optional() });
export const guideTemplateResult = z.object({ created: z.array(guide), skipped: z.array(z.string()) });
