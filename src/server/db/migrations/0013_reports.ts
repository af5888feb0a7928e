import { sql, type Kysely } from 'kysely';

/**
 * The report builder.
 * - reports: a report of a study (title, subtitle).
 * - report_chapters: its chapters in `position` order; the Markdown text with the block lines is sealed with the
 *   study key (`body_enc`: a draft may hold quotes and names before the build checks them).
 * - report_versions: a frozen build, numbered per report: the resolved chapters and figures (`build_enc`, JSON),
 *   the standalone HTML (`html_enc`) and the plain text used for comparisons (`text_enc`), all sealed. A trigger
 *   refuses UPDATE: a frozen version never changes (it goes only with its report).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      title text NOT NULL,
      subtitle text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reports_study ON reports(study_id);

    CREATE TABLE report_chapters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      position integer NOT NULL,
      title text NOT NULL,
      body_enc text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX report_chapters_report ON report_chapters(report_id, position);

    CREATE TABLE report_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      report_id uuid NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      label text NOT NULL DEFAULT '',
      build_enc text NOT NULL,
      html_enc text NOT NULL,
      text_enc text NOT NULL,
      changes integer NOT NULL DEFAULT 0,
      frozen_by uuid REFERENCES users(id),
      frozen_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (report_id, number)
    );
    CREATE FUNCTION report_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'report_versions is immutable: a frozen report version cannot change';
    END $$;
    CREATE TRIGGER report_versions_no_update BEFORE UPDATE ON report_versions FOR EACH ROW EXECUTE FUNCTION report_versions_frozen();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van de rapportbouwer kan niet worden teruggedraaid.');
}
