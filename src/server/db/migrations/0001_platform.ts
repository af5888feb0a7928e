import { sql, type Kysely } from 'kysely';

/** Accounts, sessions, secret links, studies with members and keys, the audit trail, jobs, settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      name text NOT NULL,
      password_hash text,
      is_admin boolean NOT NULL DEFAULT false,
      language text NOT NULL DEFAULT 'nl' CHECK (language IN ('nl','en')),
      totp_secret_enc text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_step bigint,
      expires_at timestamptz,
      disabled_at timestamptz,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      mfa_pending boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      user_agent text
    );
    CREATE INDEX sessions_user ON sessions(user_id);

    CREATE TABLE studies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      research_questions jsonb NOT NULL DEFAULT '[]',
      period_start date,
      period_end date,
      funder text NOT NULL DEFAULT '',
      partners jsonb NOT NULL DEFAULT '[]',
      disclosure_threshold integer NOT NULL DEFAULT 10 CHECK (disclosure_threshold BETWEEN 1 AND 100),
      confidential_notes_enc text,
      archived_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
    );

    CREATE TABLE study_keys (
      study_id uuid PRIMARY KEY REFERENCES studies(id),
      wrapped_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE study_members (
      study_id uuid NOT NULL REFERENCES studies(id),
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('lead','researcher','coder','committee')),
      added_by uuid REFERENCES users(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (study_id, user_id)
    );
    CREATE INDEX study_members_user ON study_members(user_id);

    CREATE TABLE secret_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      purpose text NOT NULL CHECK (purpose IN ('setup','password_reset','invitation')),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      study_id uuid REFERENCES studies(id),
      email text,
      role text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE audit_events (
      id bigint PRIMARY KEY,
      study_id uuid,
      actor_id uuid,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE SEQUENCE audit_events_id_seq OWNED BY audit_events.id;
    CREATE INDEX audit_events_study ON audit_events(study_id, id DESC);

    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

    CREATE TABLE jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid REFERENCES studies(id),
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','done','failed')),
      progress integer NOT NULL DEFAULT 0,
      total integer NOT NULL DEFAULT 0,
      payload jsonb NOT NULL DEFAULT '{}',
      result jsonb,
      error text,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      worker text,
      heartbeat_at timestamptz
    );
    CREATE INDEX jobs_queued ON jobs(created_at) WHERE status = 'queued';

    CREATE TABLE job_outputs (
      job_id uuid PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
      filename text NOT NULL,
      mime text NOT NULL,
      content bytea NOT NULL
    );

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De platformmigratie kan niet worden teruggedraaid.');
}
