/**
 * The types of the API contract (src/shared/api.ts), for the web app.
 * Type-only imports: zod itself never ends up in the browser bundle.
 */
import type { z } from 'zod';
import type * as contract from '../../shared/api';
import type * as dossiers from '../../shared/dossiers';
import type * as participants from '../../shared/participants';
import type * as coding from '../../shared/coding';

export type StudyRole = contract.StudyRole;
export type Language = contract.Language;
export type User = contract.User;
export type SessionInfo = contract.SessionInfo;
export type LinkAcceptResponse = z.infer<typeof contract.linkAcceptResponse>;
export type AdminUser = contract.AdminUser;
export type Study = contract.Study;
export type Member = contract.Member;
export type AuditEvent = contract.AuditEvent;
export type Job = contract.Job;
export type ErrorBody = contract.ErrorBody;

export type LinkPurpose = (typeof contract.LINK_PURPOSES)[number];
export type LinkInfo = z.infer<typeof contract.linkInfo>;
export type LinkAcceptBody = z.input<typeof contract.linkAcceptBody>;
export type LoginBody = z.input<typeof contract.loginBody>;
export type UpdateMeBody = z.input<typeof contract.updateMeBody>;
export type ChangePasswordBody = z.input<typeof contract.changePasswordBody>;
export type TotpSetup = z.infer<typeof contract.totpSetupResponse>;
export type CreateUserBody = z.input<typeof contract.createUserBody>;
export type UpdateUserBody = z.input<typeof contract.updateUserBody>;
export type CreateUserResponse = { user: AdminUser; link: string; expiresAt: string };
export type LinkResponse = z.infer<typeof contract.linkResponse>;
export type InstallationSettings = z.infer<typeof contract.installationSettings>;
export type StudyInput = z.input<typeof contract.studyInput>;
export type StudyPatch = z.input<typeof contract.studyPatch>;
export type StudySummary = z.infer<typeof contract.studySummary>;
export type ConfidentialNotes = z.infer<typeof contract.confidentialNotes>;
export type Invitation = z.infer<typeof contract.invitation>;
export type MembersResponse = z.infer<typeof contract.membersResponse>;
export type AddMemberBody = z.input<typeof contract.addMemberBody>;
export type AddMemberResponse = z.infer<typeof contract.addMemberResponse>;
export type AuditQuery = { actor?: string; action?: string; from?: string; to?: string; before?: number; limit?: number };
export type AuditPage = z.infer<typeof contract.auditPage>;
export type JobStatus = (typeof contract.JOB_STATUSES)[number];
export type Ok = { ok: true };

/** Runtime copies of the contract's enums (importing them would pull zod into the bundle). */
export const STUDY_ROLES = ['lead', 'researcher', 'coder', 'committee'] as const satisfies readonly StudyRole[];
export const STUDY_ACTIONS = [
  'study.read',
  'study.update',
  'study.archive',
  'study.confidential',
  'members.read',
  'members.manage',
  'audit.read',
  'audit.export',
  'data.read',
  'data.write',
  'results.read',
  'coding.supervise',
  'legal.read',
  'legal.write',
  'signals.read',
  'signals.write',
  'findings.read',
  'findings.write',
  'findings.validate',
  'findings.configure',
  'reflection.manage',
  'impact.read',
  'impact.write',
  'reports.read',
  'reports.write',
  'reports.freeze',
  'reports.versions',
] as const;
export type StudyAction = (typeof STUDY_ACTIONS)[number];

/** True if the study's permission list (from the server's permission matrix) allows the action. */
export function can(study: Pick<Study, 'permissions'> | undefined, action: StudyAction): boolean {
  return !!study && study.permissions.includes(action);
}

export const MIN_PASSWORD_LENGTH = 10;

// ---- case-file study (dossieronderzoek) and monitor ----------------------------------------------
export type Sex = dossiers.Sex;
export type PlacementReason = dossiers.PlacementReason;
export type ParentFactor = dossiers.ParentFactor;
export type EventType = dossiers.EventType;
export type Setting = dossiers.Setting;
export type CaseStatus = dossiers.CaseStatus;
export type CaseEvent = dossiers.CaseEvent;
/** A case as sent to the server (all fields, as the form fills them). */
export type CaseInput = dossiers.CaseInput;
export type CaseFlag = dossiers.CaseFlag;
export type CaseDetail = dossiers.CaseDetail;
export type CaseSummary = z.infer<typeof dossiers.caseSummary>;
export type CaseListQuery = { q?: string; status?: CaseStatus; flagged?: 'true' | 'false'; offset?: number; limit?: number };
export type CaseListResponse = z.infer<typeof dossiers.caseListResponse>;
export type ImportProblem = dossiers.ImportProblem;
export type ImportBody = { cases: string; events: string };
/** What an import job reports when done: either everything was imported, or nothing and the problems. */
export type ImportResult = { ok: true; cases: number; events: number } | { ok: false; problems: ImportProblem[]; problemCount?: number };
export type CheckResponse = { flags: CaseFlag[] };
export type AgreementResponse = dossiers.AgreementResponse;
export type AgreementRow = AgreementResponse['variables'][number];
export type MonitorResult = dossiers.MonitorResult;
export type Subgroup = (typeof dossiers.SUBGROUPS)[number];
export type MonitorResponse = dossiers.MonitorResponse;
export type MonitorGroup = MonitorResponse['groups'][number];
export type MonitorExtra = dossiers.MonitorExtra;
/** One second coding of a case, as the lead sees it to reconcile. */
export type SecondCodingOfCase = dossiers.SecondCodingOfCase;
/** A blind second-coding assignment (the coder learns only the case code). */
export type SecondAssignment = dossiers.SecondAssignment;
export type AssignResponse = dossiers.AssignResponse;
export type AssignBody = { coderId: string; sample?: number; codes?: string[] };

// ---- interview study: participants, consent and assent, interviews, guides -----------------------------
export type ParticipantRole = participants.ParticipantRole;
export type ConsentScope = participants.ConsentScope;
export type Participant = participants.Participant;
export type ParticipantListQuery = { role?: ParticipantRole };
export type ParticipantInput = z.input<typeof participants.participantInput>;
export type ParticipantPatch = z.input<typeof participants.participantPatch>;
export type ParticipantIdentity = z.input<typeof participants.participantIdentity>;
export type StudyVariable = participants.StudyVariable;
export type StudyVariableInput = z.input<typeof participants.studyVariableInput>;
export type StudyVariablePatch = z.input<typeof participants.studyVariablePatch>;
export type ConsentInput = z.input<typeof participants.consentInput>;
export type ConsentRecordView = participants.ConsentRecordView;
export type ConsentEvaluationView = participants.ConsentEvaluationView;
export type ParticipantConsent = participants.ParticipantConsent;
export type ConsentDashboard = participants.ConsentDashboard;
export type WithdrawalInput = participants.WithdrawalInput;
export type WithdrawalResult = participants.WithdrawalResult;
export type Interview = participants.Interview;
export type InterviewInput = z.input<typeof participants.interviewInput>;
export type OverdueRecordings = z.infer<typeof participants.overdueRecordingsResponse>;
export type Guide = participants.Guide;
export type GuideInput = z.input<typeof participants.guideInput>;
export type GuideTemplateResult = z.infer<typeof participants.guideTemplateResult>;

// ---- qualitative coding: documents, pseudonymisation, codebook, codings, retrieval, search ---------------
export type DocumentKind = coding.DocumentKind;
export type PseudonymKind = coding.PseudonymKind;
export type HitExtent = coding.HitExtent;
export type DocumentSummary = coding.DocumentSummary;
export type DocumentDetail = coding.DocumentDetail;
export type DocumentListQuery = { kind?: DocumentKind; participantId?: string; q?: string; assigned?: 'me'; offset?: number; limit?: number };
export type DocumentListResponse = z.infer<typeof coding.documentListResponse>;
export type ImportTranscriptBody = z.input<typeof coding.importTranscriptBody>;
export type DocumentView = coding.DocumentView;
export type DocumentPatch = z.input<typeof coding.patchDocumentBody>;
export type Unit = coding.Unit;
export type Code = coding.Code;
export type CodeInput = z.input<typeof coding.createCodeBody>;
export type CodePatch = z.input<typeof coding.patchCodeBody>;
export type MoveCodeBody = z.input<typeof coding.moveCodeBody>;
export type MergeCodeResponse = z.infer<typeof coding.mergeCodeResponse>;
export type DeleteCodeResponse = z.infer<typeof coding.deleteCodeResponse>;
export type TemplateResponse = z.infer<typeof coding.templateResponse>;
export type Coding = coding.Coding;
export type ApplyCodingBody = z.input<typeof coding.applyCodingBody>;
export type ApplyCodingResponse = z.infer<typeof coding.applyCodingResponse>;
export type BulkCodingBody = z.input<typeof coding.bulkCodingBody>;
export type BulkCodingResponse = z.infer<typeof coding.bulkCodingResponse>;
export type PseudonymProposal = z.infer<typeof coding.pseudonymProposal>;
export type ProposalsResponse = z.infer<typeof coding.proposalsResponse>;
export type PseudonymiseBody = z.input<typeof coding.pseudonymiseBody>;
export type PseudonymiseResponse = z.infer<typeof coding.pseudonymiseResponse>;
export type PseudonymMap = z.infer<typeof coding.pseudonymMapResponse>;
export type RetrieveBody = z.input<typeof coding.retrieveBody>;
export type RetrieveResponse = z.infer<typeof coding.retrieveResponse>;
export type Segment = coding.Segment;
export type SearchBody = z.input<typeof coding.searchBody>;
export type SearchResponse = coding.SearchResponse;
export type SearchHit = coding.SearchHit;
