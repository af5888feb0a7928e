import { sql, type Kysely } from 'kysely';

/**
 * The survey among professionals (enquête).
 * - surveys: one instrument per row with its draft (SurveyJS JSON) and settings. The public link's token is stored
 *   hashed (lookup) and sealed with the study key (so the researchers can show it again).
 * - survey_versions: published, frozen definitions, numbered per survey. A trigger refuses UPDATE.
 *   The current version is the highest number.
 * - survey_invitations: personal mode. The address is sealed (`email_enc`) with a keyed hash for de-duplication
 *   (`email_hash`); both are cleared on request and when the survey closes. The single-use link token is stored
 *   hashed only (shown once, at export or in the e-mail). In anonymised mode started_at / completed_at hold only the
 *   day, so that times cannot link an invitation to a response.
 * - survey_responses: one row per respondent, created at the first saved page, belonging to the version it was
 *   started on. `invitation_id` stays NULL in anonymised mode. `resume_hash`: the hash of the resume code of an
 *   anonymous respondent. `completion_key`: the idempotency key of the submission (unique per survey), so that a
 *   retried submission never makes a second response.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE surveys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      languages jsonb NOT NULL DEFAULT '["nl"]',
      mode text NOT NULL CHECK (mode IN ('anonymous','personal')),
      anonymised boolean NOT NULL DEFAULT false,
      opens_at timestamptz,
      closes_at timestamptz,
      disclosure_threshold integer NOT NULL CHECK (disclosure_threshold BETWEEN 1 AND 100),
      draft jsonb NOT NULL,
      mail jsonb NOT NULL DEFAULT '{}',
      public_token_hash text UNIQUE,
      public_token_enc text,
      emails_purged_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX surveys_study ON surveys(study_id);

    CREATE TABLE survey_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      definition jsonb NOT NULL,
      published_by uuid REFERENCES users(id),
      published_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (survey_id, number)
    );
    CREATE FUNCTION survey_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'survey_versions is immutable: a published version cannot change';
    END $$;
    CREATE TRIGGER survey_versions_no_update BEFORE UPDATE ON survey_versions FOR EACH ROW EXECUTE FUNCTION survey_versions_frozen();

    CREATE TABLE survey_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      email_enc text,
      email_hash text,
      token_hash text UNIQUE,
      link_issued_at timestamptz,
      sent_at timestamptz,
      reminders integer NOT NULL DEFAULT 0,
      started_at timestamptz,
      completed_at timestamptz,
      email_deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (survey_id, email_hash)
    );
    CREATE INDEX survey_invitations_survey ON survey_invitations(survey_id);

    CREATE TABLE survey_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      survey_id uuid NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
      version_id uuid NOT NULL REFERENCES survey_versions(id),
      invitation_id uuid UNIQUE REFERENCES survey_invitations(id) ON DELETE SET NULL,
      resume_hash text UNIQUE,
      language text NOT NULL DEFAULT 'nl',
      answers jsonb NOT NULL DEFAULT '{}',
      last_page integer,
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      completion_key uuid,
      UNIQUE (survey_id, completion_key)
    );
    CREATE INDEX survey_responses_version ON survey_responses(version_id);
    CREATE INDEX survey_responses_survey ON survey_responses(survey_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van de enquête kan niet worden teruggedraaid.');
}
