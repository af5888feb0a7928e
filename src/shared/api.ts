/**
 * The API contract shared by the server (request validation, OpenAPI) and the web app (typed client).
 * Every request body, query and response of /api is described here with zod.
 */
import { z } from 'zod';

export const STUDY_ROLES = ['lead', 'researcher', 'coder', 'committee'] as const;
export type StudyRole = (typeof STUDY_ROLES)[number];
export const studyRole = z.enum(STUDY_ROLES);

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const trimmed = (max: number) => z.string().trim().max(max);
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Vul een geldig e-mailadres in.' }));
export const password = z
  .string()
  .min(10, { message: 'Een wachtwoord heeft minstens 10 tekens.' })
  .max(200, { message: 'Een wachtwoord heeft hoogstens 200 tekens.' });
export const isoDate = z.iso.date({ message: 'Gebruik een datum als JJJJ-MM-DD.' });
export const uuid = z.uuid({ message: 'Ongeldige id.' });
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,80}$/, { message: 'Ongeldige onderzoekscode.' });
export const token = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, { message: 'Deze link is niet geldig.' });
export const totpCode = z.string().trim().regex(/^\d{6}$/, { message: 'Een code bestaat uit 6 cijfers.' });

// ---- errors -------------------------------------------------------------------------------------
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

// ---- users and sessions -------------------------------------------------------------------------
export const user = z.object({
  id: uuid,
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  language: z.enum(LANGUAGES),
  totpEnabled: z.boolean(),
});
export type User = z.infer<typeof user>;

export const sessionInfo = z.object({
  user,
  csrfToken: z.string(),
  /** the password was right, the TOTP code is still needed */
  mfaPending: z.boolean(),
  /** an administrator must enrol a second factor before anything else */
  mfaSetupRequired: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;

export const loginBody = z.object({ email, password: z.string().min(1).max(200) });
export const totpBody = z.object({ code: totpCode });
export const updateMeBody = z.object({ name: trimmed(120).min(1).optional(), language: z.enum(LANGUAGES).optional() });
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const totpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export const totpDisableBody = z.object({ password: z.string().min(1).max(200) });

// ---- secret links (first administrator, password reset, invitations) ------------------------------
export const LINK_PURPOSES = ['setup', 'password_reset', 'invitation'] as const;
export const linkInspectBody = z.object({ token });
export const linkInfo = z.object({
  purpose: z.enum(LINK_PURPOSES),
  email: z.string().nullable(),
  name: z.string().nullable(),
  studyTitle: z.string().nullable(),
  role: studyRole.nullable(),
  accountExists: z.boolean(),
});
export const linkAcceptResponse = sessionInfo.extend({ studySlug: z.string().nullable() });
export const linkAcceptBody = z.object({
  token,
  name: trimmed(120).min(1).optional(),
  email: email.optional(),
  password,
});

// ---- administration -----------------------------------------------------------------------------
export const adminUser = user.extend({
  expiresAt: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type AdminUser = z.infer<typeof adminUser>;
export const createUserBody = z.object({
  email,
  name: trimmed(120).min(1),
  isAdmin: z.boolean().default(false),
  expiresAt: isoDate.nullable().optional(),
});
export const updateUserBody = z.object({
  name: trimmed(120).min(1).optional(),
  isAdmin: z.boolean().optional(),
  expiresAt: isoDate.nullable().optional(),
  disabled: z.boolean().optional(),
});
export const linkResponse = z.object({ link: z.string(), expiresAt: z.string() });
export const installationSettings = z.object({ requireAdmin2fa: z.boolean() });
export const userIdParams = z.object({ userId: uuid });

// ---- studies ------------------------------------------------------------------------------------
export const studyInput = z.object({
  title: trimmed(200).min(3, { message: 'Een titel heeft minstens 3 tekens.' }),
  description: trimmed(10_000).default(''),
  researchQuestions: z.array(trimmed(1000).min(1)).max(50).default([]),
  periodStart: isoDate.nullable().default(null),
  periodEnd: isoDate.nullable().default(null),
  funder: trimmed(200).default(''),
  partners: z.array(trimmed(200).min(1)).max(50).default([]),
  disclosureThreshold: z.number().int().min(1).max(100).default(10),
});
// Without the defaults of studyInput: a PATCH changes only the fields it sends (studyInput.partial() would still
// fill in the defaults and so wipe description, questions, period, funder and partners on every edit).
const studyFields = studyInput.shape;
export const studyPatch = z
  .object({
    title: studyFields.title,
    description: studyFields.description.unwrap(),
    researchQuestions: studyFields.researchQuestions.unwrap(),
    periodStart: studyFields.periodStart.unwrap(),
    periodEnd: studyFields.periodEnd.unwrap(),
    funder: studyFields.funder.unwrap(),
    partners: studyFields.partners.unwrap(),
    disclosureThreshold: studyFields.disclosureThreshold.unwrap(),
  })
  .partial();
export const study = z.object({
  id: uuid,
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  researchQuestions: z.array(z.string()),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  funder: z.string(),
  partners: z.array(z.string()),
  disclosureThreshold: z.number(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  myRole: studyRole,
  /** the study actions this user may perform, from the permission matrix */
  permissions: z.array(z.string()),
  /** the modules that exist in this installation, for the study home */
  modules: z.array(z.object({ key: z.string(), path: z.string() })),
});
export type Study = z.infer<typeof study>;
export const studySummary = study.pick({ id: true, slug: true, title: true, archived: true, myRole: true, periodStart: true, periodEnd: true, updatedAt: true });
export const studyListQuery = z.object({ archived: z.enum(['true', 'false']).optional() });
export const studyParams = z.object({ slug });
export const confidentialNotes = z.object({ notes: z.string().max(20_000) });

// ---- members ------------------------------------------------------------------------------------
export const member = z.object({ userId: uuid, email: z.string(), name: z.string(), role: studyRole, addedAt: z.string() });
export type Member = z.infer<typeof member>;
export const invitation = z.object({ id: uuid, email: z.string(), role: studyRole, expiresAt: z.string(), createdAt: z.string() });
export const membersResponse = z.object({ members: z.array(member), invitations: z.array(invitation) });
export const addMemberBody = z.object({ email, role: studyRole });
export const addMemberResponse = z.object({ member: member.nullable(), invitationLink: z.string().nullable() });
export const memberParams = z.object({ slug, userId: uuid });
export const invitationParams = z.object({ slug, invitationId: uuid });
export const updateMemberBody = z.object({ role: studyRole });

// ---- audit --------------------------------------------------------------------------------------
export const auditQuery = z.object({
  actor: uuid.optional(),
  action: z.string().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const auditEvent = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof auditEvent>;
export const auditPage = z.object({ events: z.array(auditEvent), nextBefore: z.number().nullable(), actions: z.array(z.string()) });

// ---- jobs ---------------------------------------------------------------------------------------
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const job = z.object({
  id: uuid,
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.number(),
  total: z.number(),
  error: z.string().nullable(),
  hasOutput: z.boolean(),
  /** what the job reports when done (counts, problems found, …) */
  result: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof job>;
export const jobParams = z.object({ jobId: uuid });

// ---- health -------------------------------------------------------------------------------------
export const health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), schemaVersion: z.string(), version: z.string() });
export const ok = z.object({ ok: z.literal(true) });
