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
}
