import { sql, type Kysely } from 'kysely';

/**
 * Documents carry attributes (text by name, e.g. the closed answers of the survey respondent whose open answer the
 * document holds) and a source reference that makes an import from another module idempotent: a survey answer is
 * `survey:<surveyId>:<responseId>:<question>`, unique per study.
 * The attributes are not sealed: they hold the same closed answers that survey_responses.answers holds in plain
 * JSON (roles, regions, ratings), never names or free text; retrieval filters on them in SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE documents ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE documents ADD COLUMN source_ref text;
    CREATE UNIQUE INDEX documents_source_ref ON documents(study_id, source_ref) WHERE source_ref IS NOT NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van documentkenmerken kan niet worden teruggedraaid.');
}
