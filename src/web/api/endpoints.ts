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
import type {
  ConsentDashboard,
  ConsentInput,
  Guide,
  GuideInput,
  GuideTemplateResult,
  Interview,
  InterviewInput,
  OverdueRecordings,
  Participant,
  ParticipantConsent,
  ParticipantIdentity,
  ParticipantInput,
  ParticipantListQuery,
  ParticipantPatch,
  ParticipantRole,
  StudyVariable,
  StudyVariableInput,
  StudyVariablePatch,
  WithdrawalInput,
  WithdrawalResult,
} from './types';

import type {
  ApplyCodingBody,
  ApplyCodingResponse,
  BulkCodingBody,
  BulkCodingResponse,
  Code,
  CodeInput,
  CodePatch,
  Coding,
  DeleteCodeResponse,
  DocumentDetail,
  DocumentListQuery,
  DocumentListResponse,
  DocumentPatch,
  DocumentView,
  ImportTranscriptBody,
  MergeCodeResponse,
  MoveCodeBody,
  ProposalsResponse,
  PseudonymiseBody,
  PseudonymiseResponse,
  PseudonymMap,
  RetrieveBody,
  RetrieveResponse,
  SearchBody,
  SearchResponse,
  TemplateResponse,
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

/** The fictional demo study, loaded as a job (the result carries the slug). */
export const demoApi = {
  load: () => post<Job>('/api/demo'),
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

/** The interview study: participants (identity for the lead only), study variables, consent and withdrawal. */
export const participantsApi = {
  list: (slug: string, query: ParticipantListQuery, signal?: AbortSignal) => get<{ participants: Participant[] }>(`${s(slug)}/participants`, query, signal),
  get: (slug: string, participantId: string, signal?: AbortSignal) => get<Participant>(`${s(slug)}/participants/${id(participantId)}`, undefined, signal),
  create: (slug: string, body: ParticipantInput) => post<Participant>(`${s(slug)}/participants`, body),
  update: (slug: string, participantId: string, body: ParticipantPatch) => patch<Participant>(`${s(slug)}/participants/${id(participantId)}`, body),
  setIdentity: (slug: string, participantId: string, body: ParticipantIdentity) => put<Participant>(`${s(slug)}/participants/${id(participantId)}/identity`, body),
  remove: (slug: string, participantId: string) => del<Ok>(`${s(slug)}/participants/${id(participantId)}`),
  variables: (slug: string, signal?: AbortSignal) => get<StudyVariable[]>(`${s(slug)}/variables`, undefined, signal),
  createVariable: (slug: string, body: StudyVariableInput) => post<StudyVariable>(`${s(slug)}/variables`, body),
  updateVariable: (slug: string, variableId: string, body: StudyVariablePatch) => patch<StudyVariable>(`${s(slug)}/variables/${id(variableId)}`, body),
  removeVariable: (slug: string, variableId: string) => del<Ok>(`${s(slug)}/variables/${id(variableId)}`),
  consentDashboard: (slug: string, signal?: AbortSignal) => get<ConsentDashboard>(`${s(slug)}/consent`, undefined, signal),
  consent: (slug: string, participantId: string, signal?: AbortSignal) => get<ParticipantConsent>(`${s(slug)}/participants/${id(participantId)}/consent`, undefined, signal),
  addConsent: (slug: string, participantId: string, body: ConsentInput) => post<ParticipantConsent>(`${s(slug)}/participants/${id(participantId)}/consent`, body),
  revokeConsent: (slug: string, participantId: string, consentId: string, date: string) =>
    post<WithdrawalResult>(`${s(slug)}/participants/${id(participantId)}/consent/${id(consentId)}/revoke`, { date }),
  removeConsent: (slug: string, participantId: string, consentId: string) => del<ParticipantConsent>(`${s(slug)}/participants/${id(participantId)}/consent/${id(consentId)}`),
  withdraw: (slug: string, participantId: string, body: WithdrawalInput) => post<WithdrawalResult>(`${s(slug)}/participants/${id(participantId)}/withdrawal`, body),
};

/** Interviews (with the recording deletion deadline) and interview guides. */
export const interviewsApi = {
  list: (slug: string, signal?: AbortSignal) => get<{ interviews: Interview[] }>(`${s(slug)}/interviews`, undefined, signal),
  get: (slug: string, interviewId: string, signal?: AbortSignal) => get<Interview>(`${s(slug)}/interviews/${id(interviewId)}`, undefined, signal),
  create: (slug: string, body: InterviewInput) => post<Interview>(`${s(slug)}/interviews`, body),
  update: (slug: string, interviewId: string, body: InterviewInput) => put<Interview>(`${s(slug)}/interviews/${id(interviewId)}`, body),
  remove: (slug: string, interviewId: string) => del<Ok>(`${s(slug)}/interviews/${id(interviewId)}`),
  recordingDeleted: (slug: string, interviewId: string) => post<Interview>(`${s(slug)}/interviews/${id(interviewId)}/recording-deleted`),
  overdue: (slug: string, signal?: AbortSignal) => get<OverdueRecordings>(`${s(slug)}/interviews/overdue`, undefined, signal),
  guides: (slug: string, signal?: AbortSignal) => get<Guide[]>(`${s(slug)}/guides`, undefined, signal),
  guide: (slug: string, guideId: string, signal?: AbortSignal) => get<Guide>(`${s(slug)}/guides/${id(guideId)}`, undefined, signal),
  createGuide: (slug: string, body: GuideInput) => post<Guide>(`${s(slug)}/guides`, body),
  updateGuide: (slug: string, guideId: string, body: GuideInput) => put<Guide>(`${s(slug)}/guides/${id(guideId)}`, body),
  removeGuide: (slug: string, guideId: string) => del<Ok>(`${s(slug)}/guides/${id(guideId)}`),
  /** copy the platform's template guides (all, or those of the given audiences); titles already present are skipped */
  copyTemplate: (slug: string, audiences?: ParticipantRole[]) => post<GuideTemplateResult>(`${s(slug)}/guides/template`, audiences ? { audiences } : {}),
};

/** Documents and transcripts, the pseudonymisation assistant, the codebook, codings, retrieval and search. */
export const codingApi = {
  documents: (slug: string, query: DocumentListQuery, signal?: AbortSignal) => get<DocumentListResponse>(`${s(slug)}/documents`, query, signal),
  importTranscript: (slug: string, body: ImportTranscriptBody) => post<DocumentDetail>(`${s(slug)}/documents/transcripts`, body),
  /** the workspace's one call: document, text and units, codings and the codebook */
  document: (slug: string, documentId: string, version?: number, signal?: AbortSignal, layer?: 'coder' | 'consensus') =>
    get<DocumentView>(`${s(slug)}/documents/${id(documentId)}`, version || layer === 'consensus' ? { ...(version ? { version } : {}), ...(layer === 'consensus' ? { layer } : {}) } : undefined, signal),
  updateDocument: (slug: string, documentId: string, body: DocumentPatch) => patch<DocumentDetail>(`${s(slug)}/documents/${id(documentId)}`, body),
  removeDocument: (slug: string, documentId: string) => del<Ok>(`${s(slug)}/documents/${id(documentId)}`),
  proposals: (slug: string, documentId: string, signal?: AbortSignal) => get<ProposalsResponse>(`${s(slug)}/documents/${id(documentId)}/pseudonymisation`, undefined, signal),
  pseudonymise: (slug: string, documentId: string, body: PseudonymiseBody) => post<PseudonymiseResponse>(`${s(slug)}/documents/${id(documentId)}/pseudonymisation`, body),
  /** label → originals: study.confidential only */
  pseudonyms: (slug: string, signal?: AbortSignal) => get<PseudonymMap>(`${s(slug)}/pseudonyms`, undefined, signal),
  apply: (slug: string, documentId: string, body: ApplyCodingBody) => post<ApplyCodingResponse>(`${s(slug)}/documents/${id(documentId)}/codings`, body),
  updateCoding: (slug: string, codingId: string, memo: string) => patch<Coding>(`${s(slug)}/codings/${id(codingId)}`, { memo }),
  removeCoding: (slug: string, codingId: string) => del<Ok>(`${s(slug)}/codings/${id(codingId)}`),
  bulk: (slug: string, body: BulkCodingBody) => post<BulkCodingResponse>(`${s(slug)}/codings/bulk`, body),
  codes: (slug: string, signal?: AbortSignal) => get<{ codes: Code[] }>(`${s(slug)}/codes`, undefined, signal),
  createCode: (slug: string, body: CodeInput) => post<Code>(`${s(slug)}/codes`, body),
  addTemplate: (slug: string) => post<TemplateResponse>(`${s(slug)}/codes/template`),
  updateCode: (slug: string, codeId: string, body: CodePatch) => patch<Code>(`${s(slug)}/codes/${id(codeId)}`, body),
  moveCode: (slug: string, codeId: string, body: MoveCodeBody) => post<{ codes: Code[] }>(`${s(slug)}/codes/${id(codeId)}/move`, body),
  mergeCode: (slug: string, codeId: string, targetId: string) => post<MergeCodeResponse>(`${s(slug)}/codes/${id(codeId)}/merge`, { targetId }),
  removeCode: (slug: string, codeId: string, withCodings: boolean) =>
    del<DeleteCodeResponse>(`${s(slug)}/codes/${id(codeId)}${withCodings ? '?withCodings=true' : ''}`),
  retrieve: (slug: string, body: RetrieveBody) => post<RetrieveResponse>(`${s(slug)}/retrieve`, body),
  search: (slug: string, body: SearchBody) => post<SearchResponse>(`${s(slug)}/search`, body),
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
  // the interview study: everything of one participant sits under ['study', slug, 'participant', id]
  participants: (slug: string, filters?: object) => (filters ? (['study', slug, 'participants', filters] as const) : (['study', slug, 'participants'] as const)),
  participant: (slug: string, participantId: string) => ['study', slug, 'participant', participantId] as const,
  participantConsent: (slug: string, participantId: string) => ['study', slug, 'participant', participantId, 'consent'] as const,
  consentDashboard: (slug: string) => ['study', slug, 'consent'] as const,
  variables: (slug: string) => ['study', slug, 'variables'] as const,
  interviews: (slug: string) => ['study', slug, 'interviews'] as const,
  interview: (slug: string, interviewId: string) => ['study', slug, 'interviews', interviewId] as const,
  overdueRecordings: (slug: string) => ['study', slug, 'overdue-recordings'] as const,
  guides: (slug: string) => ['study', slug, 'guides'] as const,
  guide: (slug: string, guideId: string) => ['study', slug, 'guides', guideId] as const,
  // qualitative coding: the documents and the codebook of a study
  documents: (slug: string, filters?: object) => (filters ? (['study', slug, 'documents', filters] as const) : (['study', slug, 'documents'] as const)),
  document: (slug: string, documentId: string) => ['study', slug, 'document', documentId] as const,
  proposals: (slug: string, documentId: string) => ['study', slug, 'document', documentId, 'proposals'] as const,
  pseudonyms: (slug: string) => ['study', slug, 'pseudonyms'] as const,
  codes: (slug: string) => ['study', slug, 'codes'] as const,
  segments: (slug: string, body?: object) => (body ? (['study', slug, 'segments', body] as const) : (['study', slug, 'segments'] as const)),
  adminUsers: ['admin', 'users'] as const,
  adminSettings: ['admin', 'settings'] as const,
};
