import { sql, type Kysely } from 'kysely';

/**
 * The legal framework and the Kinderrechtenhelpdesk signals.
 * - legal_instruments: a treaty, judgment, guideline, statute, bill or policy programme, per study. `seed_key` is the
 *   stable key of a row copied from the seed catalogue (src/server/modules/legal/seed.ts), NULL for own rows; unique
 *   per study, so seeding twice adds nothing.
 * - legal_norms: one norm of an instrument (article/paragraph or judgment + paragraph) with its classification
 *   (obligation types, phases, free theme tags as jsonb arrays) and its verification status: 'verified' only where the
 *   source was checked, else 'te_verifieren' (never shown as settled law).
 * - legal_norm_versions: the paraphrased content with its validity (valid_from / valid_to, inclusive; NULL = open).
 *   The current version is the one valid on the day asked (today by default).
 * - signals: a helpdesk signal. The summary is a coding document of kind 'signal' (sealed, pseudonymisable);
 *   `document_id` points to it. The follow-up text is sealed with the study key (`follow_up_enc`).
 * - signal_themes: the signal's themes, codes of the study codebook (removed with the code).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE legal_instruments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      seed_key text,
      kind text NOT NULL,
      name text NOT NULL,
      short_name text NOT NULL,
      source_url text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX legal_instruments_seed ON legal_instruments(study_id, seed_key) WHERE seed_key IS NOT NULL;
    CREATE INDEX legal_instruments_study ON legal_instruments(study_id);

    CREATE TABLE legal_norms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      instrument_id uuid NOT NULL REFERENCES legal_instruments(id),
      seed_key text,
      reference text NOT NULL,
      title text NOT NULL,
      obligations jsonb NOT NULL DEFAULT '[]',
      phases jsonb NOT NULL DEFAULT '[]',
      themes jsonb NOT NULL DEFAULT '[]',
      source_url text,
      verification text NOT NULL CHECK (verification IN ('verified','te_verifieren')),
      verified_on date,
      verification_note text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX legal_norms_seed ON legal_norms(study_id, seed_key) WHERE seed_key IS NOT NULL;
    CREATE INDEX legal_norms_study ON legal_norms(study_id, instrument_id);

    CREATE TABLE legal_norm_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      norm_id uuid NOT NULL REFERENCES legal_norms(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      valid_from date,
      valid_to date,
      label text NOT NULL DEFAULT '',
      paraphrase text NOT NULL,
      source_url text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
      UNIQUE (norm_id, version)
    );

    CREATE TABLE signals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      received_on date NOT NULL,
      channel text NOT NULL,
      contact text NOT NULL,
      age_band text NOT NULL,
      phase text,
      region text NOT NULL DEFAULT '',
      document_id uuid REFERENCES documents(id) ON DELETE SET NULL,
      follow_up_enc text,
      follow_up_status text NOT NULL DEFAULT 'open' CHECK (follow_up_status IN ('open','afgehandeld')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX signals_study ON signals(study_id, received_on);

    CREATE TABLE signal_themes (
      signal_id uuid NOT NULL REFERENCES signals(id) ON DELETE CASCADE,
      code_id uuid NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      PRIMARY KEY (signal_id, code_id)
    );
    CREATE INDEX signal_themes_code ON signal_themes(code_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van het juridisch kader kan niet worden teruggedraaid.');
}
