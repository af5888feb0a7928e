import { sql, type Kysely } from 'kysely';

/**
 * Local autocoding: the code suggestions a coder rejected, so that the same code is not suggested again for the same
 * speaker turn (document version + span). They also count as negative examples when the study's classifier is
 * trained. Removed with their document, code or version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE suggestion_rejections (
      study_id uuid NOT NULL REFERENCES studies(id),
      document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      version integer NOT NULL,
      code_id uuid NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      start integer NOT NULL CHECK (start >= 0),
      "end" integer NOT NULL,
      rejected_by uuid REFERENCES users(id),
      rejected_at timestamptz NOT NULL DEFAULT now(),
      CHECK ("end" > start),
      PRIMARY KEY (document_id, version, code_id, start, "end"),
      FOREIGN KEY (document_id, version) REFERENCES document_versions(document_id, version) ON DELETE CASCADE
    );
    CREATE INDEX suggestion_rejections_study ON suggestion_rejections(study_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van de analyse kan niet worden teruggedraaid.');
}
