import { sql, type Kysely } from 'kysely';

/**
 * The case-file study (dossieronderzoek): coded cases with their chronology, a cached derived row per case for
 * the monitor, blind second codings, and job inputs (large uploads kept out of the job payload).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      code text NOT NULL,
      birth_month text NOT NULL,
      sex text NOT NULL,
      region text NOT NULL DEFAULT '',
      institution text NOT NULL DEFAULT '',
      siblings integer,
      placement_reasons jsonb NOT NULL DEFAULT '[]',
      parent_factors jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress','complete','verified')),
      coder_id uuid REFERENCES users(id),
      -- the primary coding as it was before a reconciliation replaced it (for the agreement figures)
      first_coding jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (study_id, code)
    );

    CREATE TABLE case_events (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      seq integer NOT NULL,
      date date NOT NULL,
      type text NOT NULL,
      detail text NOT NULL DEFAULT '',
      PRIMARY KEY (case_id, seq)
    );

    CREATE TABLE case_outcomes (
      case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
      study_id uuid NOT NULL REFERENCES studies(id),
      -- deriveOutcome's result as a JSON array in the order of OUTCOME_KEYS (dossiers.service.ts)
      outcome jsonb NOT NULL,
      flags_count integer NOT NULL,
      events_count integer NOT NULL,
      placed boolean NOT NULL,
      reunified boolean NOT NULL
    );
    CREATE INDEX case_outcomes_study ON case_outcomes(study_id);

    CREATE TABLE case_second_codings (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      coder_id uuid NOT NULL REFERENCES users(id),
      data jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, coder_id)
    );

    CREATE TABLE job_inputs (
      job_id uuid NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      name text NOT NULL,
      content bytea NOT NULL,
      PRIMARY KEY (job_id, name)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van het dossieronderzoek kan niet worden teruggedraaid.');
}
