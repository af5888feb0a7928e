/** Every /api endpoint the web app uses, typed from the shared contract. */
import { del, get, patch, post, put, request } from './client';
import type {
  LinkAcceptResponse,
  AddMemberBody,
  AddMemberResponse,
  AdminUser,
  AgreementResponse,
  AssignBody,
  AssignResponse,
  AuditPage,
  CaseDetail,
  CaseInput,
  CaseListQuery,
  CaseListResponse,
  CheckResponse,
  ImportBody,
  MonitorResponse,
  SecondAssignment,
  SecondCodingOfCase,
  Subgroup,
  AuditQuery,
  ChangePasswordBody,
  ConfidentialNotes,
  CreateUserBody,
  CreateUserResponse,
  InstallationSettings,
  Job,
  LinkAcceptBody,
  LinkInfo,
  LinkResponse,
  LoginBody,
  Member,
  MembersResponse,
  Ok,
  SessionInfo,
  Study,
  StudyInput,
  StudyPatch,
  StudyRole,
  StudySummary,
  TotpSetup,
  UpdateMeBody,
  UpdateUserBody,
  User,
} from './types';

const s = (slug: string) => `/api/studies/${encodeURIComponent(slug)}`;
const id = (value: string) => encodeURIComponent(value);

export const authApi = {
  me: (signal?: AbortSignal) => get<SessionInfo>('/api/auth/me', undefined, signal),
  login: (body: LoginBody) => post<SessionInfo>('/api/auth/login', body),
  totp: (code: string) => post<SessionInfo>('/api/auth/totp', { code }),
  logout: () => post<Ok>('/api/auth/logout'),
};

export const meApi = {
  update: (body: UpdateMeBody) => patch<User>('/api/me', body),
  changePassword: (body: ChangePasswordBody) => post<Ok>('/api/me/password', body),
  totpSetup: () => post<TotpSetup>('/api/me/totp/setup'),
  totpEnable: (code: string) => post<Ok>('/api/me/totp/enable', { code }),
  totpDisable: (password: string) => post<Ok>('/api/me/totp/disable', { password }),
};

export const linksApi = {
  inspect: (token: string) => post<LinkInfo>('/api/links/inspect', { token }),
  accept: (body: LinkAcceptBody) => post<LinkAcceptResponse>('/api/links/accept', body),
};

export const studiesApi = {
  list: (archived: boolean, signal?: AbortSignal) => get<StudySummary[]>('/api/studies', { archived: archived ? 'true' : 'false' }, signal),
  create: (body: StudyInput) => post<Study>('/api/studies', body),
  get: (slug: string, signal?: AbortSignal) => get<Study>(s(slug), undefined, signal),
  update: (slug: string, body: StudyPatch) => patch<Study>(s(slug), body),
  archive: (slug: string) => post<Study>(`${s(slug)}/archive`),
  unarchive: (slug: string) => post<Study>(`${s(slug)}/unarchive`),
  confidential: (slug: string, signal?: AbortSignal) => get<ConfidentialNotes>(`${s(slug)}/confidential`, undefined, signal),
  saveConfidential: (slug: string, notes: string) => put<ConfidentialNotes>(`${s(slug)}/confidential`, { notes }),
};

export const membersApi = {
  list: (slug: string, signal?: AbortSignal) => get<MembersResponse>(`${s(slug)}/members`, undefined, signal),
  add: (slug: string, body: AddMemberBody) => post<AddMemberResponse>(`${s(slug)}/members`, body),
  setRole: (slug: string, userId: string, role: StudyRole) => patch<Member>(`${s(slug)}/members/${id(userId)}`, { role }),
  remove: (slug: string, userId: string) => del<Ok>(`${s(slug)}/members/${id(userId)}`),
  revokeInvitation: (slug: string, invitationId: string) => del<Ok>(`${s(slug)}/invitations/${id(invitationId)}`),
};

export const auditApi = {
  list: (slug: string, query: AuditQuery, signal?: AbortSignal) => get<AuditPage>(`${s(slug)}/audit`, query, signal),
  startExport: (slug: string, filters: Omit<AuditQuery, 'before' | 'limit'>) => post<Job>(`${s(slug)}/audit/export`, filters),
};

export const jobsApi = {
  get: (jobId: string, signal?: AbortSignal) => get<Job>(`/api/jobs/${id(jobId)}`, undefined, signal),
  downloadUrl: (jobId: string) => `/api/jobs/${id(jobId)}/download`,
};

export type ExportFile = 'cases' | 'events';

export const dossiersApi = {
  list: (slug: string, query: CaseListQuery, signal?: AbortSignal) => get<CaseListResponse>(`${s(slug)}/dossiers`, query, signal),
  get: (slug: string, caseId: string, signal?: AbortSignal) => get<CaseDetail>(`${s(slug)}/dossiers/${id(caseId)}`, undefined, signal),
  create: (slug: string, body: CaseInput) => post<CaseDetail>(`${s(slug)}/dossiers`, body),
  update: (slug: string, caseId: string, body: CaseInput) => put<CaseDetail>(`${s(slug)}/dossiers/${id(caseId)}`, body),
  remove: (slug: string, caseId: string) => del<Ok>(`${s(slug)}/dossiers/${id(caseId)}`),
  /** the chronology and legal-rule checks of a case being edited (nothing is saved) */
  check: (slug: string, body: CaseInput, signal?: AbortSignal) => request<CheckResponse>('POST', `${s(slug)}/dossiers/check`, body, signal),
  startImport: (slug: string, body: ImportBody) => post<Job>(`${s(slug)}/dossiers/import`, body),
  /** `extended`: cases.csv also with institution, siblings and status */
  exportUrl: (slug: string, file: ExportFile, extended = false) => `${s(slug)}/dossiers/export?file=${file}${extended ? '&extended=true' : ''}`,
  /** my blind second-coding assignments (case codes only) */
  myAssignments: (slug: string, signal?: AbortSignal) => get<SecondAssignment[]>(`${s(slug)}/dossiers/second-coding/mine`, undefined, signal),
  /** the lead: every assignment of the study */
  assignments: (slug: string, signal?: AbortSignal) => get<SecondAssignment[]>(`${s(slug)}/dossiers/second-coding/assignments`, undefined, signal),
  assign: (slug: string, body: AssignBody) => post<AssignResponse>(`${s(slug)}/dossiers/second-coding/assignments`, body),
  withdrawAssignment: (slug: string, caseId: string, coderId: string) => del<Ok>(`${s(slug)}/dossiers/${id(caseId)}/second-coding/assignments/${id(coderId)}`),
  /** my own (blind) second coding of a case; 404 when I have none yet */
  secondCoding: (slug: string, caseId: string, signal?: AbortSignal) => get<CaseDetail>(`${s(slug)}/dossiers/${id(caseId)}/second-coding`, undefined, signal),
  saveSecondCoding: (slug: string, caseId: string, body: CaseInput) => post<CaseDetail>(`${s(slug)}/dossiers/${id(caseId)}/second-coding`, body),
  /** the lead: every second coding of a case, to compare and reconcile */
  secondCodings: (slug: string, caseId: string, signal?: AbortSignal) =>
    get<SecondCodingOfCase[]>(`${s(slug)}/dossiers/${id(caseId)}/second-codings`, undefined, signal),
  agreement: (slug: string, signal?: AbortSignal) => get<AgreementResponse>(`${s(slug)}/dossiers/agreement`, undefined, signal),
  reconcile: (slug: string, caseId: string, caseInput: CaseInput) => post<CaseDetail>(`${s(slug)}/dossiers/${id(caseId)}/reconcile`, { caseInput }),
};

export const monitorApi = {
  get: (slug: string, subgroup: Subgroup, signal?: AbortSignal) => get<MonitorResponse>(`${s(slug)}/monitor`, { subgroup }, signal),
};

export const adminApi = {
  users: (signal?: AbortSignal) => get<AdminUser[]>('/api/admin/users', undefined, signal),
  createUser: (body: CreateUserBody) => post<CreateUserResponse>('/api/admin/users', body),
  updateUser: (userId: string, body: UpdateUserBody) => patch<AdminUser>(`/api/admin/users/${id(userId)}`, body),
  resetPassword: (userId: string) => post<LinkResponse>(`/api/admin/users/${id(userId)}/reset-password`),
  settings: (signal?: AbortSignal) => get<InstallationSettings>('/api/admin/settings', undefined, signal),
  updateSettings: (body: InstallationSettings) => patch<InstallationSettings>('/api/admin/settings', body),
};

/** Query keys, so invalidation stays consistent. */
export const keys = {
  session: ['session'] as const,
  studies: (archived?: boolean) => (archived === undefined ? (['studies'] as const) : (['studies', { archived }] as const)),
  study: (slug: string) => ['study', slug] as const,
  confidential: (slug: string) => ['study', slug, 'confidential'] as const,
  members: (slug: string) => ['study', slug, 'members'] as const,
  audit: (slug: string, filters?: object) => (filters ? (['study', slug, 'audit', filters] as const) : (['study', slug, 'audit'] as const)),
  job: (jobId: string) => ['job', jobId] as const,
  dossiers: (slug: string, filters?: object) => (filters ? (['study', slug, 'dossiers', filters] as const) : (['study', slug, 'dossiers'] as const)),
  dossier: (slug: string, caseId: string) => ['study', slug, 'dossier', caseId] as const,
  dossierCheck: (slug: string, body: string) => ['study', slug, 'dossier-check', body] as const,
  secondCoding: (slug: string, caseId: string) => ['study', slug, 'second-coding', caseId] as const,
  secondCodings: (slug: string, caseId: string) => ['study', slug, 'second-codings', caseId] as const,
  agreement: (slug: string) => ['study', slug, 'agreement'] as const,
  myAssignments: (slug: string) => ['study', slug, 'second-coding', 'mine'] as const,
  assignments: (slug: string) => ['study', slug, 'second-coding', 'assignments'] as const,
  monitor: (slug: string, subgroup: string) => ['study', slug, 'monitor', subgroup] as const,
  adminUsers: ['admin', 'users'] as const,
  adminSettings: ['admin', 'settings'] as const,
};
