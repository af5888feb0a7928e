import { sql, type Kysely } from 'kysely';

/**
 * The interview study: participants (pseudonym code + attributes; identity sealed with the study key), study
 * variables and their values per participant, consent and assent records, interview guides and interviews.
 * Vocabularies are checked in the service (src/shared/participant-vocabulary.ts); the CHECKs here guard the
 * few values the server's logic depends on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      code text NOT NULL,
      role text NOT NULL CHECK (role IN ('child','parent','foster_parent','young_adult','professional')),
      age_band text NOT NULL DEFAULT '',
      gender text NOT NULL DEFAULT '',
      region text NOT NULL DEFAULT '',
      situation text NOT NULL DEFAULT 'other' CHECK (situation IN ('placed','returned_home','other')),
      placement_type text NOT NULL DEFAULT 'none',
      -- identity, sealed with the study key (KeyRing fields 'participants.name', '.contact', '.birth_month')
      name_enc text,
      contact_enc text,
      birth_month_enc text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (study_id, code)
    );
    CREATE INDEX participants_study ON participants(study_id);

    CREATE TABLE study_variables (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      name text NOT NULL,
      type text NOT NULL CHECK (type IN ('text','number','date','choice')),
      choices jsonb NOT NULL DEFAULT '[]',
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (study_id, name)
    );

    CREATE TABLE participant_variable_values (
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      variable_id uuid NOT NULL REFERENCES study_variables(id) ON DELETE CASCADE,
      -- normalised text: a number as written by JSON, a date as YYYY-MM-DD, a choice as one of the choices
      value text NOT NULL,
      PRIMARY KEY (participant_id, variable_id)
    );

    CREATE TABLE consent_records (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      letter_version text NOT NULL,
      date date NOT NULL,
      given_by text NOT NULL CHECK (given_by IN ('participant','parent','guardian')),
      kind text NOT NULL CHECK (kind IN ('consent','assent')),
      method text NOT NULL,
      scopes jsonb NOT NULL DEFAULT '{}',
      withdrawn_at date,
      withdrawn_recorded_by uuid REFERENCES users(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX consent_records_participant ON consent_records(participant_id);
    CREATE INDEX consent_records_study ON consent_records(study_id);

    CREATE TABLE interview_guides (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      audience text NOT NULL CHECK (audience IN ('child','parent','foster_parent','young_adult','professional')),
      title text NOT NULL,
      age_from integer,
      age_to integer,
      child_friendly boolean NOT NULL DEFAULT false,
      body text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (age_from IS NULL OR age_to IS NULL OR age_to >= age_from)
    );
    CREATE INDEX interview_guides_study ON interview_guides(study_id);

    CREATE TABLE interviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      interviewer_id uuid REFERENCES users(id),
      date date NOT NULL,
      mode text NOT NULL CHECK (mode IN ('in_person','video','phone','other')),
      guide_id uuid REFERENCES interview_guides(id) ON DELETE SET NULL,
      duration_minutes integer CHECK (duration_minutes IS NULL OR duration_minutes >= 0),
      notes_enc text,
      recording_delete_by date,
      recording_deleted_at timestamptz,
      recording_deleted_by uuid REFERENCES users(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX interviews_study ON interviews(study_id);
    CREATE INDEX interviews_recording_due ON interviews(study_id, recording_delete_by) WHERE recording_deleted_at IS NULL;

    CREATE TABLE interview_participants (
      interview_id uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      PRIMARY KEY (interview_id, participant_id)
    );
    CREATE INDEX interview_participants_participant ON interview_participants(participant_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van het interviewonderzoek kan niet worden teruggedraaid.');
}
