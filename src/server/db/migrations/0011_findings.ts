import { sql, type Kysely } from 'kysely';

/**
 * Findings with their evidence, and the recommendations that rest on them.
 * - finding_rules: the study's rule for the triangulation strength label (minimum number of distinct evidence kinds
 *   for 'strong' and 'moderate'); absent = the default (strong ≥ 3, moderate 2).
 * - findings: a statement with its type, phase (LEGAL_PHASES, NULL = phase-independent) and status (draft/validated;
 *   who validated and when).
 * - finding_themes: the finding's themes, codes of the study codebook (removed with the code).
 * - finding_evidence: one evidence link of a kind. Exactly the column of the kind is set: a coding (quote), a legal
 *   norm, a helpdesk signal, or for 'survey'/'indicator' a reference (`ref`: survey + question(s) + filters, or the
 *   indicator key + filters) with a SNAPSHOT of the figure at link time (`snapshot`, compared with the live figure on
 *   read). Rows of other modules are only referenced here (foreign keys); they are read through those modules'
 *   services.
 * - study_addressees: addressees a study adds to the standard list (src/shared/findings.ts ADDRESSEES).
 * - recommendations: text, priority, order; `addressees` is a jsonb array of addressee keys (standard or study).
 * - recommendation_findings / recommendation_norms: what a recommendation rests on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE finding_rules (
      study_id uuid PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
      strong integer NOT NULL CHECK (strong BETWEEN 1 AND 5),
      moderate integer NOT NULL CHECK (moderate BETWEEN 1 AND 5),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (moderate <= strong)
    );

    CREATE TABLE findings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      statement text NOT NULL,
      type text NOT NULL CHECK (type IN ('goede_praktijk','knelpunt','verbeterpunt','oplossingsrichting')),
      phase text CHECK (phase IS NULL OR phase IN ('prevention','during_placement','reunification','aftercare')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','validated')),
      validated_by uuid REFERENCES users(id),
      validated_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX findings_study ON findings(study_id, created_at);

    CREATE TABLE finding_themes (
      finding_id uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
      code_id uuid NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
      PRIMARY KEY (finding_id, code_id)
    );
    CREATE INDEX finding_themes_code ON finding_themes(code_id);

    CREATE TABLE finding_evidence (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      finding_id uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('quote','survey','indicator','norm','signal')),
      coding_id uuid REFERENCES codings(id) ON DELETE CASCADE,
      norm_id uuid REFERENCES legal_norms(id) ON DELETE CASCADE,
      signal_id uuid REFERENCES signals(id) ON DELETE CASCADE,
      survey_id uuid REFERENCES surveys(id) ON DELETE CASCADE,
      ref jsonb,
      snapshot jsonb,
      note text NOT NULL DEFAULT '',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'quote') = (coding_id IS NOT NULL)),
      CHECK ((kind = 'norm') = (norm_id IS NOT NULL)),
      CHECK ((kind = 'signal') = (signal_id IS NOT NULL)),
      CHECK ((kind = 'survey') = (survey_id IS NOT NULL)),
      CHECK ((kind IN ('survey','indicator')) = (ref IS NOT NULL AND snapshot IS NOT NULL))
    );
    CREATE INDEX finding_evidence_finding ON finding_evidence(finding_id, created_at);
    CREATE INDEX finding_evidence_norm ON finding_evidence(norm_id) WHERE norm_id IS NOT NULL;

    CREATE TABLE study_addressees (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      key text NOT NULL,
      label text NOT NULL,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (study_id, key)
    );

    CREATE TABLE recommendations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      study_id uuid NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
      text text NOT NULL,
      priority text NOT NULL CHECK (priority IN ('hoog','middel','laag')),
      position integer NOT NULL,
      addressees jsonb NOT NULL DEFAULT '[]',
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX recommendations_study ON recommendations(study_id, position);

    CREATE TABLE recommendation_findings (
      recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
      finding_id uuid NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
      PRIMARY KEY (recommendation_id, finding_id)
    );
    CREATE INDEX recommendation_findings_finding ON recommendation_findings(finding_id);

    CREATE TABLE recommendation_norms (
      recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
      norm_id uuid NOT NULL REFERENCES legal_norms(id) ON DELETE CASCADE,
      PRIMARY KEY (recommendation_id, norm_id)
    );
    CREATE INDEX recommendation_norms_norm ON recommendation_norms(norm_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('De migratie van bevindingen en aanbevelingen kan niet worden teruggedraaid.');
}
