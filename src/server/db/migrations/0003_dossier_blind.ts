import { sql, type Kysely } from 'kysely';

/**
 * Blind second coding by assignment, and versioned outcome rows.
 * - case_second_assignments: the lead assigns a sample of cases to a second coder. While the assignment is open
 *   (closed_at null: the lead has not yet reconciled the case) that coder sees only the case code.
 * - case_outcomes.version: the version of the outcome definition a cached row was derived with; rows of an older
 *   version are derived again (see OUTCOME_VERSION in dossiers.service.ts and `tnh dossiers recompute`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE case_second_assignments (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      coder_id uuid NOT NULL REFERENCES users(id),
      assigned_by uuid REFERENCES users(id),
      assigned_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      PRIMARY KEY (case_id, coder_id)
    );
    CREATE INDEX case_second_assignments_open ON case_second_assignments(coder_id) WHERE closed_at IS NULL;

    ALTER TABLE case_outcomes ADD COLUMN version integer NOT NULL DEFAULT 1;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van de blinde tweede codering kan niet worden teruggedraaid.');
}
