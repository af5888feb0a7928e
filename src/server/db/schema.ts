/** Table types for Kysely. Keep in step with the migrations in ./migrations. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  is_admin: Generated<boolean>;
  language: Generated<string>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: number | null;
  expires_at: Date | string | null;
  disabled_at: Date | string | null;
  failed_logins: Generated<number>;
  locked_until: Date | string | null;
  last_login_at: Date | string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  user_agent: string | null;
}

export interface SecretLinksTable {
  id: Generated<string>;
  token_hash: string;
  purpose: string;
  user_id: string | null;
  study_id: string | null;
  email: string | null;
  role: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date | string;
  used_at: Date | string | null;
}

export interface StudiesTable {
  id: Generated<string>;
  slug: string;
  title: string;
  description: Generated<string>;
  research_questions: Json<string[]>;
  period_start: string | null;
  period_end: string | null;
  funder: Generated<string>;
  partners: Json<string[]>;
  disclosure_threshold: Generated<number>;
  confidential_notes_enc: string | null;
  archived_at: Date | string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StudyKeysTable {
  study_id: string;
  wrapped_key: string;
  created_at: Generated<Date>;
}

export interface StudyMembersTable {
  study_id: string;
  user_id: string;
  role: string;
  added_by: string | null;
  added_at: Generated<Date>;
}

export interface AuditEventsTable {
  id: number;
  study_id: string | null;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  details: Json<Record<string, unknown>>;
  created_at: Date | string;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: Generated<string>;
  study_id: string | null;
  kind: string;
  status: Generated<string>;
  progress: Generated<number>;
  total: Generated<number>;
  payload: Json<Record<string, unknown>>;
  result: Json<Record<string, unknown>> | null;
  error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  worker: string | null;
  heartbeat_at: Date | string | null;
}

export interface JobOutputsTable {
  job_id: string;
  filename: string;
  mime: string;
  content: Buffer;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
}

export interface CasesTable {
  id: Generated<string>;
  study_id: string;
  code: string;
  birth_month: string;
  sex: string;
  region: Generated<string>;
  institution: Generated<string>;
  siblings: number | null;
  placement_reasons: Json<string[]>;
  parent_factors: Json<string[]>;
  status: Generated<string>;
  coder_id: string | null;
  first_coding: Json<Record<string, unknown>> | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseEventsTable {
  case_id: string;
  seq: number;
  date: string;
  type: string;
  detail: Generated<string>;
}

export interface CaseOutcomesTable {
  case_id: string;
  study_id: string;
  outcome: Json<Record<string, unknown>>;
  flags_count: number;
  events_count: number;
  placed: boolean;
  reunified: boolean;
  /** the OUTCOME_VERSION the row was derived with */
  version: Generated<number>;
}

export interface CaseSecondCodingsTable {
  case_id: string;
  coder_id: string;
  data: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

export interface CaseSecondAssignmentsTable {
  case_id: string;
  coder_id: string;
  assigned_by: string | null;
  assigned_at: Generated<Date>;
  closed_at: Date | null;
}

export interface JobInputsTable {
  job_id: string;
  name: string;
  content: Buffer;
}

export interface ParticipantsTable {
  id: Generated<string>;
  study_id: string;
  code: string;
  role: string;
  age_band: Generated<string>;
  gender: Generated<string>;
  region: Generated<string>;
  situation: Generated<string>;
  placement_type: Generated<string>;
  name_enc: string | null;
  contact_enc: string | null;
  birth_month_enc: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StudyVariablesTable {
  id: Generated<string>;
  study_id: string;
  name: string;
  type: string;
  choices: Json<string[]>;
  position: Generated<number>;
  created_at: Generated<Date>;
}

export interface ParticipantVariableValuesTable {
  participant_id: string;
  variable_id: string;
  value: string;
}

export interface ConsentRecordsTable {
  id: Generated<string>;
  study_id: string;
  participant_id: string;
  letter_version: string;
  date: string;
  given_by: string;
  kind: string;
  method: string;
  scopes: Json<Record<string, boolean>>;
  withdrawn_at: string | null;
  withdrawn_recorded_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface InterviewGuidesTable {
  id: Generated<string>;
  study_id: string;
  audience: string;
  title: string;
  age_from: number | null;
  age_to: number | null;
  child_friendly: Generated<boolean>;
  body: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InterviewsTable {
  id: Generated<string>;
  study_id: string;
  interviewer_id: string | null;
  date: string;
  mode: string;
  guide_id: string | null;
  duration_minutes: number | null;
  notes_enc: string | null;
  recording_delete_by: string | null;
  recording_deleted_at: Date | string | null;
  recording_deleted_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InterviewParticipantsTable {
  interview_id: string;
  participant_id: string;
}

export interface DocumentsTable {
  id: Generated<string>;
  study_id: string;
  kind: string;
  title: string;
  participant_id: string | null;
  interview_id: string | null;
  current_version: Generated<number>;
  pseudonymised: Generated<boolean>;
  pseudonymised_version: number | null;
  memo_enc: string | null;
  /** text attributes by name (e.g. a survey respondent's closed answers); not sealed */
  attributes: Generated<Record<string, string>>;
  /** where an imported document came from (idempotent imports), unique per study */
  source_ref: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  text_enc: string;
  units_enc: string;
  length: number;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CodesTable {
  id: Generated<string>;
  study_id: string;
  parent_id: string | null;
  name: string;
  description: Generated<string>;
  color: string;
  memo: Generated<string>;
  position: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CodingsTable {
  id: Generated<string>;
  document_id: string;
  version: number;
  code_id: string;
  start: number;
  end: number;
  memo_enc: string | null;
  coder_id: string | null;
  created_at: Generated<Date>;
  /** 'coder' (a coder's own coding) or 'consensus' (adjudicated by the lead) — 0008_teamwork */
  layer: Generated<'coder' | 'consensus'>;
}

export interface SuggestionRejectionsTable {
  study_id: string;
  document_id: string;
  version: number;
  code_id: string;
  start: number;
  end: number;
  rejected_by: string | null;
  rejected_at: Generated<Date>;
}

export interface CodingAssignmentsTable {
  document_id: string;
  coder_id: string;
  assigned_by: string | null;
  assigned_at: Generated<Date>;
}

export interface ReliabilityRoundsTable {
  id: Generated<string>;
  study_id: string;
  name: string;
  unit_kind: 'characters' | 'turns' | 'sentences';
  status: Generated<'open' | 'closed'>;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
}

export interface RoundDocumentsTable {
  round_id: string;
  document_id: string;
}

export interface RoundCodersTable {
  round_id: string;
  coder_id: string;
  position: Generated<number>;
}

export interface RoundAdjudicationsTable {
  round_id: string;
  document_id: string;
  code_id: string;
  unit_kind: 'characters' | 'turns' | 'sentences';
  start: number;
  end: number;
  taken: Generated<string[]>;
  decided_by: string | null;
  decided_at: Generated<Date>;
}

export interface PseudonymMapsTable {
  study_id: string;
  map_enc: string;
  updated_at: Generated<Date>;
}

export interface SurveysTable {
  id: Generated<string>;
  study_id: string;
  title: string;
  description: Generated<string>;
  languages: Json<string[]>;
  mode: string;
  anonymised: Generated<boolean>;
  opens_at: Date | string | null;
  closes_at: Date | string | null;
  disclosure_threshold: number;
  draft: Json<Record<string, unknown>>;
  mail: Json<Record<string, string>>;
  public_token_hash: string | null;
  public_token_enc: string | null;
  emails_purged_at: Date | string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyVersionsTable {
  id: Generated<string>;
  survey_id: string;
  number: number;
  definition: Json<Record<string, unknown>>;
  published_by: string | null;
  published_at: Generated<Date>;
}

export interface SurveyInvitationsTable {
  id: Generated<string>;
  survey_id: string;
  email_enc: string | null;
  email_hash: string | null;
  token_hash: string | null;
  link_issued_at: Date | string | null;
  sent_at: Date | string | null;
  reminders: Generated<number>;
  started_at: Date | string | null;
  completed_at: Date | string | null;
  email_deleted_at: Date | string | null;
  created_at: Generated<Date>;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  survey_id: string;
  version_id: string;
  invitation_id: string | null;
  resume_hash: string | null;
  language: Generated<string>;
  answers: Json<Record<string, unknown>>;
  last_page: number | null;
  started_at: Generated<Date>;
  updated_at: Generated<Date>;
  completed_at: Date | string | null;
  completion_key: string | null;
}

export interface ReportsTable {
  id: Generated<string>;
  study_id: string;
  title: string;
  subtitle: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReportChaptersTable {
  id: Generated<string>;
  report_id: string;
  position: number;
  title: string;
  body_enc: string;
  updated_at: Generated<Date>;
}

export interface ReportVersionsTable {
  id: Generated<string>;
  report_id: string;
  number: number;
  label: Generated<string>;
  build_enc: string;
  html_enc: string;
  text_enc: string;
  changes: Generated<number>;
  frozen_by: string | null;
  frozen_at: Generated<Date>;
}

export interface LegalInstrumentsTable {
  id: Generated<string>;
  study_id: string;
  seed_key: string | null;
  kind: string;
  name: string;
  short_name: string;
  source_url: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LegalNormsTable {
  id: Generated<string>;
  study_id: string;
  instrument_id: string;
  seed_key: string | null;
  reference: string;
  title: string;
  obligations: Json<string[]>;
  phases: Json<string[]>;
  themes: Json<string[]>;
  source_url: string | null;
  verification: string;
  /** a date (YYYY-MM-DD) */
  verified_on: string | null;
  verification_note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LegalNormVersionsTable {
  id: Generated<string>;
  norm_id: string;
  version: number;
  valid_from: string | null;
  valid_to: string | null;
  label: Generated<string>;
  paraphrase: string;
  source_url: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SignalsTable {
  id: Generated<string>;
  study_id: string;
  received_on: string;
  channel: string;
  contact: string;
  age_band: string;
  phase: string | null;
  region: Generated<string>;
  document_id: string | null;
  follow_up_enc: string | null;
  follow_up_status: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SignalThemesTable {
  signal_id: string;
  code_id: string;
}

export interface FindingRulesTable {
  study_id: string;
  strong: number;
  moderate: number;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface FindingsTable {
  id: Generated<string>;
  study_id: string;
  statement: string;
  type: string;
  phase: string | null;
  status: Generated<string>;
  validated_by: string | null;
  validated_at: Date | string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FindingThemesTable {
  finding_id: string;
  code_id: string;
}

export interface FindingEvidenceTable {
  id: Generated<string>;
  finding_id: string;
  kind: string;
  coding_id: string | null;
  norm_id: string | null;
  signal_id: string | null;
  survey_id: string | null;
  ref: Json<Record<string, unknown>> | null;
  snapshot: Json<Record<string, unknown>> | null;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface StudyAddresseesTable {
  id: Generated<string>;
  study_id: string;
  key: string;
  label: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RecommendationsTable {
  id: Generated<string>;
  study_id: string;
  text: string;
  priority: string;
  position: number;
  addressees: Json<string[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RecommendationFindingsTable {
  recommendation_id: string;
  finding_id: string;
}

export interface RecommendationNormsTable {
  recommendation_id: string;
  norm_id: string;
}

// ---- reflection session (migration 0012) ----
export interface ReflectionSessionsTable {
  id: Generated<string>;
  study_id: string;
  title: string;
  held_on: string;
  status: Generated<string>;
  allow_anonymous: Generated<boolean>;
  closed_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface ReflectionItemsTable {
  id: Generated<string>;
  session_id: string;
  recommendation_id: string | null;
  text: string;
  priority: string | null;
  position: number;
}
export interface ReflectionInviteesTable {
  id: Generated<string>;
  session_id: string;
  position: Generated<number>;
  label_enc: string;
  email_enc: string | null;
  token_hash: string | null;
  link_issued_at: Date | null;
  first_seen_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface ReflectionRatingsTable {
  invitee_id: string;
  item_id: string;
  importance: number | null;
  feasibility: number | null;
  comment_enc: string | null;
  updated_at: Generated<Date>;
}
export interface ReflectionCommentsTable {
  id: Generated<string>;
  item_id: string;
  text_enc: string;
  created_on: Generated<string>;
}
export interface ReflectionDecisionsTable {
  item_id: string;
  decision: string;
  reason: string;
  decided_by: string | null;
  decided_at: Generated<Date>;
}

// ---- impact tracking (migration 0014) ----
export interface PolicyTrajectoriesTable {
  id: Generated<string>;
  study_id: string;
  key: string | null;
  title: string;
  description: Generated<string>;
  source_ref: Generated<string>;
  verify: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface RecommendationTrajectoriesTable {
  recommendation_id: string;
  trajectory_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface RecommendationStatusesTable {
  id: Generated<string>;
  recommendation_id: string;
  status: string;
  status_date: string;
  source_ref: Generated<string>;
  note: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  secret_links: SecretLinksTable;
  studies: StudiesTable;
  study_keys: StudyKeysTable;
  study_members: StudyMembersTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  job_outputs: JobOutputsTable;
  settings: SettingsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_outcomes: CaseOutcomesTable;
  case_second_codings: CaseSecondCodingsTable;
  case_second_assignments: CaseSecondAssignmentsTable;
  job_inputs: JobInputsTable;
  participants: ParticipantsTable;
  study_variables: StudyVariablesTable;
  participant_variable_values: ParticipantVariableValuesTable;
  consent_records: ConsentRecordsTable;
  interview_guides: InterviewGuidesTable;
  interviews: InterviewsTable;
  interview_participants: InterviewParticipantsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  codes: CodesTable;
  codings: CodingsTable;
  pseudonym_maps: PseudonymMapsTable;
  suggestion_rejections: SuggestionRejectionsTable;
  coding_assignments: CodingAssignmentsTable;
  reliability_rounds: ReliabilityRoundsTable;
  round_documents: RoundDocumentsTable;
  round_coders: RoundCodersTable;
  round_adjudications: RoundAdjudicationsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  reports: ReportsTable;
  report_chapters: ReportChaptersTable;
  report_versions: ReportVersionsTable;
  legal_instruments: LegalInstrumentsTable;
  legal_norms: LegalNormsTable;
  legal_norm_versions: LegalNormVersionsTable;
  signals: SignalsTable;
  signal_themes: SignalThemesTable;
  finding_rules: FindingRulesTable;
  findings: FindingsTable;
  finding_themes: FindingThemesTable;
  finding_evidence: FindingEvidenceTable;
  study_addressees: StudyAddresseesTable;
  recommendations: RecommendationsTable;
  recommendation_findings: RecommendationFindingsTable;
  recommendation_norms: RecommendationNormsTable;
  reflection_sessions: ReflectionSessionsTable;
  reflection_items: ReflectionItemsTable;
  reflection_invitees: ReflectionInviteesTable;
  reflection_ratings: ReflectionRatingsTable;
  reflection_comments: ReflectionCommentsTable;
  reflection_decisions: ReflectionDecisionsTable;
  policy_trajectories: PolicyTrajectoriesTable;
  recommendation_trajectories: RecommendationTrajectoriesTable;
  recommendation_statuses: RecommendationStatusesTable;
}
