/** Table-level dump and load, identical on PGlite and PostgreSQL (JSON rows through row_to_json / json_populate_recordset). */
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

/**
 * Every data table, parents before children. Not included: migration bookkeeping (restore migrates first) and
 * sessions (a restored installation starts with everyone signed out) and job_inputs (uploads held only while their
 * job runs).
 */
export const BACKUP_TABLES = ['users', 'settings', 'studies', 'study_keys', 'study_members', 'secret_links', 'audit_events', 'jobs', 'job_outputs', 'cases', 'case_events', 'case_outcomes', 'case_second_codings', 'case_second_assignments', 'participants', 'study_variables', 'participant_variable_values', 'consent_records', 'interview_guides', 'interviews', 'interview_participants', 'documents', 'document_versions', 'codes', 'codings', 'pseudonym_maps', 'suggestion_rejections', 'coding_assignments', 'reliability_rounds', 'round_documents', 'round_coders', 'round_adjudications', 'surveys', 'survey_versions', 'survey_invitations', 'survey_responses', 'legal_instruments', 'legal_norms', 'legal_norm_versions', 'signals', 'signal_themes', 'reports', 'report_chapters', 'report_versions', 'finding_rules', 'findings', 'finding_themes', 'finding_evidence', 'study_addressees', 'recommendations', 'recommendation_findings', 'recommendation_norms', 'reflection_sessions', 'reflection_items', 'reflection_invitees', 'reflection_ratings', 'reflection_comments', 'reflection_decisions', 'policy_trajectories', 'recommendation_trajectories', 'recommendation_statuses'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export async function dumpTable(db: Kysely<DB>, table: BackupTable): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<{ j: Record<string, unknown> }>`select row_to_json(t) as j from ${sql.table(table)} t`.execute(db);
  return rows.map((r) => r.j);
}

export async function loadRows(db: Kysely<DB>, table: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = JSON.stringify(rows.slice(i, i + 500));
    await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${chunk}::json)`.execute(db);
  }
}

export async function countRows(db: Kysely<DB>, table: BackupTable): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return Number(rows[0].n);
}

export async function resetSequences(db: Kysely<DB>): Promise<void> {
  await sql`select setval('audit_events_id_seq', greatest((select coalesce(max(id), 0) from audit_events), 1), (select count(*) > 0 from audit_events))`.execute(db);
}
