import { sql, type Kysely } from 'kysely';

/**
 * The reflection session (reflectiesessie): professionals rate the draft recommendations through personal token links.
 * - reflection_sessions: title, date, open/closed, whether anonymous comments are allowed.
 * - reflection_items: the recommendations put to the session, with their text and priority as they were then (a snapshot:
 *   the recommendation may change or be deleted afterwards; `recommendation_id` is then kept or set NULL).
 * - reflection_invitees: a professional without an account, listed in the order added (`position`). Name/label and e-mail sealed with the study key; the personal
 *   link's token (256 bits) is stored only as a SHA-256 hash (a new link replaces the old one).
 * - reflection_ratings: one row per invitee × item (importance and feasibility 1–5, either may be NULL; the invitee's own
 *   named comment sealed). Changeable until the session closes.
 * - reflection_comments: anonymous comments, sealed, WITHOUT any reference to the invitee; their time is kept to the day
 *   only, so that it cannot be matched with a rating's update time.
 * - reflection_decisions: the lead's decision per item afterwards (kept / changed / dropped) and why.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE reflection_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      title text NOT NULL,
      held_on date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
      allow_anonymous boolean NOT NULL DEFAULT true,
      closed_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reflection_sessions_study ON reflection_sessions(study_id, held_on);

    CREATE TABLE reflection_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES reflection_sessions(id) ON DELETE CASCADE,
      recommendation_id uuid REFERENCES recommendations(id) ON DELETE SET NULL,
      text text NOT NULL,
      priority text CHECK (priority IN ('hoog','middel','laag')),
      position integer NOT NULL,
      UNIQUE (session_id, recommendation_id)
    );
    CREATE INDEX reflection_items_session ON reflection_items(session_id, position);
    CREATE INDEX reflection_items_recommendation ON reflection_items(recommendation_id);

    CREATE TABLE reflection_invitees (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES reflection_sessions(id) ON DELETE CASCADE,
      position integer NOT NULL DEFAULT 0,
      label_enc text NOT NULL,
      email_enc text,
      token_hash text UNIQUE,
      link_issued_at timestamptz,
      first_seen_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX reflection_invitees_session ON reflection_invitees(session_id);

    CREATE TABLE reflection_ratings (
      invitee_id uuid NOT NULL REFERENCES reflection_invitees(id) ON DELETE CASCADE,
      item_id uuid NOT NULL REFERENCES reflection_items(id) ON DELETE CASCADE,
      importance smallint CHECK (importance BETWEEN 1 AND 5),
      feasibility smallint CHECK (feasibility BETWEEN 1 AND 5),
      comment_enc text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (invitee_id, item_id)
    );
    CREATE INDEX reflection_ratings_item ON reflection_ratings(item_id);

    CREATE TABLE reflection_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES reflection_items(id) ON DELETE CASCADE,
      text_enc text NOT NULL,
      created_on date NOT NULL DEFAULT current_date
    );
    CREATE INDEX reflection_comments_item ON reflection_comments(item_id);

    CREATE TABLE reflection_decisions (
      item_id uuid PRIMARY KEY REFERENCES reflection_items(id) ON DELETE CASCADE,
      decision text NOT NULL CHECK (decision IN ('kept','changed','dropped')),
      reason text NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van de reflectiesessie kan niet worden teruggedraaid.');
}
