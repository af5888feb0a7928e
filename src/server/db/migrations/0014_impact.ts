import { sql, type Kysely } from 'kysely';

/**
 * Impact tracking: what policy does with the study's recommendations.
 * - policy_trajectories: policy trajectories (beleidstrajecten) per study. Seeded ones carry a stable `key`
 *   (src/shared/impact.ts SEEDED_TRAJECTORIES; seeding is idempotent on (study_id, key)); a study's own have key NULL.
 *   `verify` holds what is still to be verified ("te verifiëren") about the description.
 * - recommendation_trajectories: which trajectories a recommendation touches (many-to-many).
 * - recommendation_statuses: the dated status history of a recommendation (geen_reactie … afgewezen) with a source
 *   reference (free text: a Kamerstuk number, a URL) and a note. The current status is the latest by date
 *   (ties: the latest recorded).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE policy_trajectories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      key text,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      source_ref text NOT NULL DEFAULT '',
      verify text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (study_id, key)
    );
    CREATE UNIQUE INDEX policy_trajectories_title ON policy_trajectories(study_id, lower(title));

    CREATE TABLE recommendation_trajectories (
      recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
      trajectory_id uuid NOT NULL REFERENCES policy_trajectories(id) ON DELETE CASCADE,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (recommendation_id, trajectory_id)
    );
    CREATE INDEX recommendation_trajectories_trajectory ON recommendation_trajectories(trajectory_id);

    CREATE TABLE recommendation_statuses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('geen_reactie','in_overweging','deels_overgenomen','overgenomen','afgewezen')),
      status_date date NOT NULL,
      source_ref text NOT NULL DEFAULT '',
      note text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX recommendation_statuses_recommendation ON recommendation_statuses(recommendation_id, status_date, created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van de impactmonitor kan niet worden teruggedraaid.');
}
