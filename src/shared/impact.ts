/**
 * API contract of impact tracking (issue 8 item 5): policy trajectories per study, the trajectories a recommendation
 * touches, and the dated status history of a recommendation (what policy did with it).
 *
 *   GET    /api/studies/:slug/impact                                            the dashboard summary    impact.read
 *   GET    /api/studies/:slug/impact/export                                     XLSX (two sheets)        impact.read
 *   POST   /api/studies/:slug/impact/trajectories                               a study's own trajectory impact.write
 *   POST   /api/studies/:slug/impact/trajectories/seed                          the standard trajectories impact.write
 *   DELETE /api/studies/:slug/impact/trajectories/:trajectoryId                 (not while linked)       impact.write
 *   POST   /api/studies/:slug/impact/recommendations/:recommendationId/trajectories                impact.write
 *   DELETE /api/studies/:slug/impact/recommendations/:recommendationId/trajectories/:trajectoryId  impact.write
 *   POST   /api/studies/:slug/impact/recommendations/:recommendationId/statuses                    impact.write
 *   DELETE /api/studies/:slug/impact/recommendations/:recommendationId/statuses/:statusId          impact.write
 */
import { z } from 'zod';

export const IMPACT_STATUSES = ['geen_reactie', 'in_overweging', 'deels_overgenomen', 'overgenomen', 'afgewezen'] as const;
export type ImpactStatus = (typeof IMPACT_STATUSES)[number];
export const IMPACT_STATUS_LABELS: Record<ImpactStatus, string> = {
  geen_reactie: 'Geen reactie',
  in_overweging: 'In overweging',
  deels_overgenomen: 'Deels overgenomen',
  overgenomen: 'Overgenomen',
  afgewezen: 'Afgewezen',
};

/** The earliest date a status may carry (older dates are almost surely typing errors). */
export const EARLIEST_STATUS_DATE = '1990-01-01';

/**
 * The standard policy trajectories, seeded per study by their stable key. Descriptions in our own words after
 * ../shared/domain/brief.md (§1.8, §1.9, §3); what the brief does not establish is listed under `verify`
 * ("te verifiëren") and shown as such.
 */
export const SEEDED_TRAJECTORIES = [
  {
    key: 'wet_versterking_rechtsbescherming',
    title: 'Wet versterking rechtsbescherming in de jeugdbescherming',
    description:
      'Wetsvoorstel om de rechtsbescherming van ouders en kinderen in de jeugdbescherming te versterken. Volgens de contourenbrief komt onder meer het perspectiefbesluit bij de kinderrechter te liggen en krijgen ouders recht op kosteloze rechtsbijstand bij een eerste gedwongen uithuisplaatsing.',
    sourceRef: 'Contourenbrief 18 november 2024 (Kamerstuk 31 839, nr. 1047); internetconsultatie 19 december 2024 – 19 maart 2025',
    verify: 'Te verifiëren: de stand van het wetsvoorstel na de internetconsultatie (indiening bij de Tweede Kamer, Kamerstuknummer van het wetsvoorstel).',
  },
  {
    key: 'hervormingsagenda_jeugd',
    title: 'Hervormingsagenda Jeugd',
    description:
      'Afspraken van Rijk, gemeenten en andere partijen (akkoord in 2023) over de hervorming van de jeugdzorg. Het Regeerprogramma 2024 noemt voortzetting ervan en het terugdringen van het aantal uithuisplaatsingen.',
    sourceRef: 'Voortgangsbrief Jeugd, 5 november 2024 (Kamerstuk 31 839, nr. 1031)',
    verify: 'Te verifiëren: de looptijd (tot 2028) en de concrete doelen van de agenda.',
  },
  {
    key: 'toekomstscenario_kind_gezinsbescherming',
    title: 'Toekomstscenario kind- en gezinsbescherming',
    description:
      'Programma van JenV, VWS en VNG voor een eenvoudiger kind- en gezinsbescherming: een lokaal team met één vast gezicht en een regionaal veiligheidsteam, beproefd in proeftuinen (programmaplan 2023–2026).',
    sourceRef: 'Aan de Tweede Kamer gestuurd op 30 maart 2021; Programmaplan Toekomstscenario 2023–2026',
    verify: 'Te verifiëren: de huidige stand van de proeftuinen en het vervolg na 2026.',
  },
  {
    key: 'beleidsreactie_wodc_terugplaatsen',
    title: 'Beleidsreactie op het WODC-onderzoek Terugplaatsen na een gedwongen uithuisplaatsing',
    description:
      'De reactie van het kabinet op het WODC-onderzoek naar terugplaatsing na een gedwongen uithuisplaatsing (Universiteit Leiden, WODC-project 3358, verschenen in februari 2025).',
    sourceRef: 'WODC-project 3358',
    verify: 'Te verifiëren: de aanbiedingsbrief, de inhoud, de datum en het Kamerstuknummer van de beleidsreactie.',
  },
] as const;
export const SEEDED_KEYS = SEEDED_TRAJECTORIES.map((t) => t.key) as unknown as readonly [string, ...string[]];
export type SeededKey = (typeof SEEDED_TRAJECTORIES)[number]['key'];

const NUL = /\u0000/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Hoogstens ${max} tekens.` })
    .refine((v) => !NUL.test(v), { error: 'De tekst bevat een NUL-teken; dat kan niet worden opgeslagen.' });
const id = z.uuid({ error: 'Ongeldige id.' });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'Ongeldige onderzoekscode.' });
const day = z.iso.date({ error: 'Gebruik een datum als JJJJ-MM-DD.' });

export const trajectoryParams = z.object({ slug, trajectoryId: id });
export const recommendationParams = z.object({ slug, recommendationId: id });
export const linkParams = z.object({ slug, recommendationId: id, trajectoryId: id });
export const statusParams = z.object({ slug, recommendationId: id, statusId: id });

// ---- input ----------------------------------------------------------------------------------------------------

export const trajectoryInput = z.object({
  title: text(300).min(2, { error: 'Geef het beleidstraject een titel.' }),
  description: text(4000).default(''),
  sourceRef: text(1000).default(''),
});
export type TrajectoryInput = z.output<typeof trajectoryInput>;

/** Link a recommendation to a trajectory: by id, or by the key of a standard trajectory (seeded when missing). */
export const linkInput = z
  .object({
    trajectoryId: id.optional(),
    key: z.enum(SEEDED_KEYS, { error: 'Onbekend standaard beleidstraject.' }).optional(),
  })
  .refine((v) => (v.trajectoryId ? 1 : 0) + (v.key ? 1 : 0) === 1, { error: 'Geef precies één beleidstraject: een id of de sleutel van een standaardtraject.' });
export type LinkInput = z.output<typeof linkInput>;

export const statusInput = z.object({
  status: z.enum(IMPACT_STATUSES, { error: 'Kies een status: geen reactie, in overweging, deels overgenomen, overgenomen of afgewezen.' }),
  date: day,
  sourceRef: text(1000).default(''),
  note: text(4000).default(''),
});
export type StatusInput = z.output<typeof statusInput>;

// ---- output ---------------------------------------------------------------------------------------------------

export const trajectory = z.object({
  id,
  key: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  sourceRef: z.string(),
  verify: z.string(),
  seeded: z.boolean(),
  recommendations: z.number().int(),
  createdAt: z.string(),
});
export type Trajectory = z.infer<typeof trajectory>;

export const statusEntry = z.object({
  id,
  status: z.enum(IMPACT_STATUSES),
  date: z.string(),
  sourceRef: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type StatusEntry = z.infer<typeof statusEntry>;

export const impactRecommendation = z.object({
  id,
  position: z.number().int(),
  text: z.string(),
  priority: z.enum(['hoog', 'middel', 'laag']),
  addressees: z.array(z.object({ key: z.string(), label: z.string() })),
  trajectoryIds: z.array(id),
  /** the latest entry by date (ties: the latest recorded); null = nothing recorded yet */
  current: statusEntry.nullable(),
  /** oldest first */
  history: z.array(statusEntry),
});
export type ImpactRecommendation = z.infer<typeof impactRecommendation>;

export const seriesPoint = z.object({ period: z.string(), status: z.enum(IMPACT_STATUSES), count: z.number().int() });
export type SeriesPoint = z.infer<typeof seriesPoint>;

export const impactSummary = z.object({
  asOf: z.string(),
  trajectories: z.array(trajectory),
  recommendations: z.array(impactRecommendation),
  /** current status counts (recommendations without any entry are not counted) */
  totals: z.array(z.object({ status: z.enum(IMPACT_STATUSES), count: z.number().int() })),
  series: z.object({ month: z.array(seriesPoint), quarter: z.array(seriesPoint) }),
});
export type ImpactSummary = z.infer<typeof impactSummary>;

export const seedResult = z.object({ added: z.array(z.string()), trajectories: z.array(trajectory) });
