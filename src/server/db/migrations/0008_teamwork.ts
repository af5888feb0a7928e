import { sql, type Kysely } from 'kysely';

/**
 * Team coding: assignments of documents to coders, reliability rounds (blind mode while open), the lead's
 * adjudications and the consensus layer of codings.
 * - codings.layer: 'coder' (a coder's own coding) or 'consensus' (adjudicated by the lead; coder_id = the lead).
 *   The uniqueness of a coding now includes its layer: the lead may hold the same passage as coder and as consensus.
 * - While a round is 'open', users without coding.supervise see only their own codings of the round's documents
 *   (enforced by one SQL condition in coding.repository.ts: codingVisibleTo).
 * - round_adjudications remembers the lead's decision per unit × code (which coders' codings were taken).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE coding_assignments (
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      coder_id uuid NOT NULL REFERENCES users(id),
      assigned_by uuid REFERENCES users(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, coder_id)
    );
    CREATE INDEX coding_assignments_coder ON coding_assignments(coder_id);

    CREATE TABLE reliability_rounds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id),
      name text NOT NULL,
      unit_kind text NOT NULL CHECK (unit_kind IN ('characters','turns','sentences')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    );
    CREATE INDEX reliability_rounds_study ON reliability_rounds(study_id);

    CREATE TABLE round_documents (
      round_id uuid NOT NULL REFERENCES reliability_rounds(id) ON DELETE CASCADE,
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      PRIMARY KEY (round_id, document_id)
    );
    CREATE INDEX round_documents_document ON round_documents(document_id);

    CREATE TABLE round_coders (
      round_id uuid NOT NULL REFERENCES reliability_rounds(id) ON DELETE CASCADE,
      coder_id uuid NOT NULL REFERENCES users(id),
      position integer NOT NULL DEFAULT 0,
      PRIMARY KEY (round_id, coder_id)
    );

    CREATE TABLE round_adjudications (
      round_id uuid NOT NULL REFERENCES reliability_rounds(id) ON DELETE CASCADE,
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      code_id uuid NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      unit_kind text NOT NULL CHECK (unit_kind IN ('characters','turns','sentences')),
      start integer NOT NULL CHECK (start >= 0),
      "end" integer NOT NULL,
      -- the coders whose codings were taken (empty: none)
      taken uuid[] NOT NULL DEFAULT '{}',
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz NOT NULL DEFAULT now(),
      CHECK ("end" > start),
      PRIMARY KEY (round_id, document_id, code_id, unit_kind, start, "end")
    );

    ALTER TABLE codings ADD COLUMN layer text NOT NULL DEFAULT 'coder' CHECK (layer IN ('coder','consensus'));
    DROP INDEX codings_once;
    CREATE UNIQUE INDEX codings_once ON codings(document_id, version, code_id, start, "end", coalesce(coder_id, '00000000-0000-0000-0000-000000000000'::uuid), layer);
    CREATE INDEX codings_consensus ON codings(document_id, version) WHERE layer = 'consensus';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van het teamcoderen kan niet worden teruggedraaid.');
}
