import { sql, type Kysely } from 'kysely';

/**
 * Qualitative coding: documents (transcripts, survey answers, signals, case-file notes) with versions, the
 * codebook, codings and the study's pseudonym mapping.
 * - Texts, speaker turns (their labels can be names), document memos, coding memos and the pseudonym mapping are
 *   sealed with the study key: a raw dump holds no plaintext of them.
 * - Offsets (start, end, length) count Unicode code points, end exclusive.
 * - Codings always belong to the current version of their document; a new version takes them along.
 * - codes.parent_id is checked at the end of the transaction (a restore loads the rows in any order).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE documents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      kind text NOT NULL CHECK (kind IN ('transcript','survey_answer','signal','dossier_note')),
      title text NOT NULL,
      participant_id uuid REFERENCES participants(id),
      interview_id uuid REFERENCES interviews(id) ON DELETE SET NULL,
      current_version integer NOT NULL DEFAULT 1,
      pseudonymised boolean NOT NULL DEFAULT false,
      -- the last version made by the pseudonymisation assistant: earlier versions may identify people
      pseudonymised_version integer,
      memo_enc text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX documents_study ON documents(study_id);
    CREATE INDEX documents_participant ON documents(participant_id);

    CREATE TABLE document_versions (
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version >= 1),
      text_enc text NOT NULL,
      -- speaker turns as sealed JSON: [{ start, end, speaker, role, startMs, endMs }]
      units_enc text NOT NULL,
      length integer NOT NULL CHECK (length >= 0),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, version)
    );

    CREATE TABLE codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      parent_id uuid REFERENCES codes(id) DEFERRABLE INITIALLY DEFERRED,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      color text NOT NULL,
      memo text NOT NULL DEFAULT '',
      position integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_id IS NULL OR parent_id <> id)
    );
    CREATE INDEX codes_study ON codes(study_id);
    CREATE INDEX codes_parent ON codes(parent_id);

    CREATE TABLE codings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      version integer NOT NULL,
      code_id uuid NOT NULL REFERENCES codes(id),
      start integer NOT NULL CHECK (start >= 0),
      "end" integer NOT NULL,
      memo_enc text,
      coder_id uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ("end" > start),
      FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version) ON DELETE CASCADE
    );
    CREATE INDEX codings_document ON codings(document_id, version, start);
    CREATE INDEX codings_code ON codings(code_id);
    -- one code on one passage once per coder (a second apply is a no-op)
    CREATE UNIQUE INDEX codings_once ON codings(document_id, version, code_id, start, "end", coalesce(coder_id, '00000000-0000-0000-0000-000000000000'::uuid));

    CREATE TABLE pseudonym_maps (
      study_id uuid PRIMARY KEY REFERENCES studies(id),
      map_enc text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van het coderen kan niet worden teruggedraaid.');
}
