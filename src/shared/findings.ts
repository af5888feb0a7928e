/**
 * Contract of findings (bevindingen) with their evidence, the law-versus-practice matrix and the recommendations
 * (aanbevelingen). Shared by the server and the web app.
 *
 * Under /api/studies/:slug:
 *   GET    /findings[?type&phase&status&strength&theme]    findings with triangulation        findings.read
 *   POST   /findings                                       a draft finding                    findings.write
 *   GET    /findings/:findingId                            with its evidence (live check)     findings.read
 *   PATCH  /findings/:findingId                            statement, type, phase, themes     findings.write
 *   DELETE /findings/:findingId                            with its evidence links            findings.write
 *   POST   /findings/:findingId/status                     validated ⇄ draft (audited)        findings.validate
 *   POST   /findings/:findingId/evidence                   link evidence of one kind          findings.write
 *   DELETE /findings/:findingId/evidence/:evidenceId       unlink                             findings.write
 *   GET    /triangulation                                  the strength rule                  findings.read
 *   PUT    /triangulation                                  change it                          findings.configure
 *   GET    /law-practice[?status]                          norms × phases matrix              findings.read
 *   GET    /recommendations                                with flags                         findings.read
 *   POST   /recommendations                                findings.write
 *   PUT    /recommendations/order                          the order (all ids)                findings.write
 *   PATCH  /recommendations/:recommendationId              findings.write
 *   DELETE /recommendations/:recommendationId              findings.write
 *   GET    /addressees                                     standard + study addressees        findings.read
 *   POST   /addressees                                     a study addressee                  findings.write
 *   DELETE /addressees/:addresseeId                        only when unused                   findings.write
 *
 * Readers without data.read (the committee) get evidence aggregated: a quote is only "citaat" (never its text or
 * who said it), survey and indicator figures pass the disclosure threshold, a signal shows no summary.
 */
import { z } from 'zod';
import { LEGAL_PHASES } from './legal';

// ---- vocabulary ------------------------------------------------------------------------------------------

export const FINDING_TYPES = ['goede_praktijk', 'knelpunt', 'verbeterpunt', 'oplossingsrichting'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];
export const FINDING_STATUSES = ['draft', 'validated'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const EVIDENCE_KINDS = ['quote', 'survey', 'indicator', 'norm', 'signal'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const STRENGTHS = ['strong', 'moderate', 'weak', 'none'] as const;
export type Strength = (typeof STRENGTHS)[number];
export const PRIORITIES = ['hoog', 'middel', 'laag'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The matrix column of a finding without a phase. */
export const NO_PHASE = 'none' as const;

/**
 * How a finding linked to a norm counts in the law-versus-practice matrix: a good practice shows practice meeting
 * the norm; a bottleneck (knelpunt) and a point for improvement (verbeterpunt: practice does not yet fully do what
 * the norm asks) show it falling short; a direction for a solution (oplossingsrichting) is a proposal, not an
 * observation of practice, and is counted apart ('other').
 */
export const MATRIX_SIDE: Record<FindingType, 'meets' | 'fallsShort' | 'other'> = {
  goede_praktijk: 'meets',
  knelpunt: 'fallsShort',
  verbeterpunt: 'fallsShort',
  oplossingsrichting: 'other',
};

/** The standard addressees of recommendations (issue 7), keys with their Dutch labels. */
export const STANDARD_ADDRESSEES = [
  { key: 'min_jenv', label: 'Ministerie van Justitie en Veiligheid' },
  { key: 'min_vws', label: 'Ministerie van Volksgezondheid, Welzijn en Sport' },
  { key: 'gemeenten', label: 'Gemeenten' },
  { key: 'gi', label: 'Gecertificeerde instellingen' },
  { key: 'rvdk', label: 'Raad voor de Kinderbescherming' },
  { key: 'rechtspraak', label: 'Rechtspraak' },
  { key: 'jeugdhulpaanbieders', label: 'Jeugdhulpaanbieders' },
  { key: 'pleegzorg', label: 'Pleegzorg' },
  { key: 'tweede_kamer', label: 'Tweede Kamer' },
] as const;

/** The case-file indicators a finding can cite (from the dossier monitor). */
export const INDICATORS = ['reunified_365', 'reunified_730', 'reentry_12m', 'emergency_share', 'moves_mean', 'moves_share_any', 'parent_help_rr'] as const;
export type IndicatorKey = (typeof INDICATORS)[number];
export const INDICATOR_SUBGROUPS = ['all', 'age', 'setting', 'emergency', 'help'] as const;

export const DEFAULT_RULE = { strong: 3, moderate: 2 } as const;

// ---- building blocks ---------------------------------------------------------------------------------------

const NUL = /\u0000/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Hoogstens ${max} tekens.` })
    .refine((v) => !NUL.test(v), { error: 'De tekst bevat een NUL-teken; dat kan niet worden opgeslagen.' });
const id = z.uuid({ error: 'Ongeldige id.' });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'Ongeldige onderzoekscode.' });
const uniqueIds = (max: number) =>
  z
    .array(id)
    .max(max, { error: `Hoogstens ${max}.` })
    .refine((l) => new Set(l).size === l.length, { error: 'Elke waarde maar één keer.' });

export const findingParams = z.object({ slug, findingId: id });
export const evidenceParams = z.object({ slug, findingId: id, evidenceId: id });
export const recommendationParams = z.object({ slug, recommendationId: id });
export const addresseeParams = z.object({ slug, addresseeId: id });

// ---- findings ----------------------------------------------------------------------------------------------

export const findingInput = z.object({
  statement: text(4000).min(1, { error: 'Schrijf de bevinding op.' }),
  type: z.enum(FINDING_TYPES, { error: 'Kies het soort bevinding.' }),
  phase: z.enum(LEGAL_PHASES, { error: 'Onbekende fase.' }).nullable().default(null),
  themes: uniqueIds(30).default([]),
});
export const findingPatch = z.object({
  statement: text(4000).min(1, { error: 'Schrijf de bevinding op.' }).optional(),
  type: z.enum(FINDING_TYPES, { error: 'Kies het soort bevinding.' }).optional(),
  phase: z.enum(LEGAL_PHASES, { error: 'Onbekende fase.' }).nullable().optional(),
  themes: uniqueIds(30).optional(),
});
export const statusInput = z.object({ status: z.enum(FINDING_STATUSES, { error: 'Kies concept of gevalideerd.' }) });

export const findingListQuery = z.object({
  type: z.enum(FINDING_TYPES).optional(),
  phase: z.enum([...LEGAL_PHASES, NO_PHASE]).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  strength: z.enum(STRENGTHS).optional(),
  theme: id.optional(),
});

const filtersSchema = z.record(z.string().min(1).max(200), z.array(z.union([z.string().max(500), z.number(), z.boolean()])).min(1).max(100));

export const evidenceInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('quote'), codingId: id, note: text(2000).default('') }),
    z.object({
      kind: z.literal('survey'),
      surveyId: id,
      /** the version (default: the newest with responses) */
      version: z.int().min(1).max(100_000).optional(),
      /** a closed question, or the row question of a crosstab (matrix row as name.row) */
      question: text(200).min(1, { error: 'Kies een vraag.' }),
      /** the column question of a crosstab */
      col: text(200).min(1).optional(),
      filters: filtersSchema.optional(),
      note: text(2000).default(''),
    }),
    z.object({
      kind: z.literal('indicator'),
      indicator: z.enum(INDICATORS, { error: 'Kies een indicator.' }),
      subgroup: z.enum(INDICATOR_SUBGROUPS).default('all'),
      group: text(40).min(1).default('all'),
      note: text(2000).default(''),
    }),
    z.object({ kind: z.literal('norm'), normId: id, note: text(2000).default('') }),
    z.object({ kind: z.literal('signal'), signalId: id, note: text(2000).default('') }),
  ],
  { error: 'Kies het soort bewijs: quote, survey, indicator, norm of signal.' },
);
export type EvidenceInput = z.output<typeof evidenceInput>;

const cell = z.number().nullable();
export const surveyFigure = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('question'),
    title: z.string(),
    n: cell,
    options: z.array(z.object({ value: z.string(), label: z.string(), count: cell, percent: cell })),
  }),
  z.object({
    kind: z.literal('crosstab'),
    rowTitle: z.string(),
    colTitle: z.string(),
    n: cell,
    rowLabels: z.array(z.string()),
    colLabels: z.array(z.string()),
    counts: z.array(z.array(cell)),
    rowTotals: z.array(cell),
    colTotals: z.array(cell),
  }),
]);
export type SurveyFigure = z.infer<typeof surveyFigure>;
export const indicatorFigure = z.object({ value: cell, n: cell, events: cell });
export type IndicatorFigure = z.infer<typeof indicatorFigure>;

export const evidence = z.object({
  id,
  kind: z.enum(EVIDENCE_KINDS),
  note: z.string(),
  createdAt: z.string(),
  quote: z
    .object({
      codingId: id,
      codeName: z.string(),
      /** null for readers without raw-data access (the committee) */
      documentTitle: z.string().nullable(),
      documentId: id.nullable(),
      participantCode: z.string().nullable(),
      /** null when hidden (committee) or refused (consent) */
      text: z.string().nullable(),
      /** the consent gate's reason when the participant's consent does not (or no longer) cover quoting */
      refused: z.string().nullable(),
      hidden: z.boolean(),
    })
    .nullable(),
  survey: z
    .object({
      surveyId: id,
      surveyTitle: z.string(),
      version: z.number().int(),
      question: z.string(),
      col: z.string().nullable(),
      filters: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))),
      threshold: z.number().int(),
      controlled: z.boolean(),
      snapshot: surveyFigure,
      live: surveyFigure.nullable(),
      /** the live figure differs from the snapshot (a new response, a deleted one …) */
      changed: z.boolean(),
      /** why the live figure is missing */
      liveError: z.string().nullable(),
    })
    .nullable(),
  indicator: z
    .object({
      indicator: z.enum(INDICATORS),
      subgroup: z.enum(INDICATOR_SUBGROUPS),
      group: z.string(),
      threshold: z.number().int(),
      controlled: z.boolean(),
      snapshot: indicatorFigure,
      live: indicatorFigure.nullable(),
      changed: z.boolean(),
    })
    .nullable(),
  norm: z
    .object({ id, reference: z.string(), title: z.string(), instrumentShortName: z.string(), verification: z.enum(['verified', 'te_verifieren']) })
    .nullable(),
  signal: z
    .object({
      id,
      /** null (with the other details) for readers without signals.read (the committee) */
      receivedOn: z.string().nullable(),
      channel: z.string().nullable(),
      contact: z.string().nullable(),
      phase: z.string().nullable(),
    })
    .nullable(),
});
export type Evidence = z.infer<typeof evidence>;

export const finding = z.object({
  id,
  statement: z.string(),
  type: z.enum(FINDING_TYPES),
  phase: z.enum(LEGAL_PHASES).nullable(),
  themes: z.array(z.object({ id, name: z.string() })),
  status: z.enum(FINDING_STATUSES),
  validatedAt: z.string().nullable(),
  validatedBy: z.string().nullable(),
  /** distinct evidence kinds */
  kinds: z.array(z.enum(EVIDENCE_KINDS)),
  evidenceCount: z.number().int(),
  strength: z.enum(STRENGTHS),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Finding = z.infer<typeof finding>;
export const triangulationRule = z
  .object({
    strong: z.int({ error: 'Een heel getal.' }).min(1, { error: 'Minstens 1.' }).max(5, { error: 'Er zijn maar vijf soorten bewijs.' }),
    moderate: z.int({ error: 'Een heel getal.' }).min(1, { error: 'Minstens 1.' }).max(5, { error: 'Er zijn maar vijf soorten bewijs.' }),
  })
  .refine((r) => r.moderate <= r.strong, { error: 'Voor "redelijk" zijn niet meer soorten bewijs nodig dan voor "sterk".', path: ['moderate'] });
export type TriangulationRule = z.infer<typeof triangulationRule>;
export const findingList = z.object({ rule: triangulationRule, findings: z.array(finding) });
export const findingDetail = finding.extend({ evidence: z.array(evidence), recommendations: z.array(z.object({ id, text: z.string() })) });
export type FindingDetail = z.infer<typeof findingDetail>;

// ---- law versus practice ------------------------------------------------------------------------------------

export const matrixQuery = z.object({ status: z.enum(FINDING_STATUSES).optional() });
export const matrixCell = z.object({ phase: z.enum([...LEGAL_PHASES, NO_PHASE]), meets: z.number().int(), fallsShort: z.number().int(), other: z.number().int(), findingIds: z.array(id) });
export const lawPractice = z.object({
  phases: z.array(z.enum([...LEGAL_PHASES, NO_PHASE])),
  rows: z.array(
    z.object({
      norm: z.object({ id, reference: z.string(), title: z.string(), instrumentShortName: z.string(), verification: z.enum(['verified', 'te_verifieren']), phases: z.array(z.enum(LEGAL_PHASES)) }),
      cells: z.array(matrixCell),
      total: z.number().int(),
    }),
  ),
  findings: z.array(finding),
});
export type LawPractice = z.infer<typeof lawPractice>;

// ---- recommendations ----------------------------------------------------------------------------------------

export const recommendationInput = z.object({
  text: text(4000).min(1, { error: 'Schrijf de aanbeveling op.' }),
  priority: z.enum(PRIORITIES, { error: 'Kies de prioriteit: hoog, middel of laag.' }).default('middel'),
  addressees: z
    .array(text(100).min(1))
    .max(40)
    .refine((l) => new Set(l).size === l.length, { error: 'Elke geadresseerde maar één keer.' })
    .default([]),
  findingIds: uniqueIds(200).default([]),
  normIds: uniqueIds(200).default([]),
});
export const recommendationPatch = z.object({
  text: text(4000).min(1, { error: 'Schrijf de aanbeveling op.' }).optional(),
  priority: z.enum(PRIORITIES, { error: 'Kies de prioriteit: hoog, middel of laag.' }).optional(),
  addressees: recommendationInput.shape.addressees.unwrap().optional(),
  findingIds: uniqueIds(200).optional(),
  normIds: uniqueIds(200).optional(),
});
export const orderInput = z.object({ ids: uniqueIds(2000) });

export const recommendation = z.object({
  id,
  text: z.string(),
  priority: z.enum(PRIORITIES),
  position: z.number().int(),
  addressees: z.array(z.object({ key: z.string(), label: z.string() })),
  findings: z.array(z.object({ id, statement: z.string(), type: z.enum(FINDING_TYPES), status: z.enum(FINDING_STATUSES) })),
  norms: z.array(z.object({ id, reference: z.string(), title: z.string(), instrumentShortName: z.string() })),
  validatedFindings: z.number().int(),
  /** no validated finding behind it */
  flagged: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Recommendation = z.infer<typeof recommendation>;
export const recommendationList = z.object({ recommendations: z.array(recommendation) });

export const addresseeInput = z.object({ label: text(200).min(2, { error: 'Geef de naam van de geadresseerde.' }) });
export const addressee = z.object({ id: id.nullable(), key: z.string(), label: z.string(), standard: z.boolean() });
export type Addressee = z.infer<typeof addressee>;
export const addresseeList = z.object({ addressees: z.array(addressee) });
