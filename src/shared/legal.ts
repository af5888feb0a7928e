/**
 * Contract of the legal framework (juridisch kader) and the Kinderrechtenhelpdesk signals. Shared by the server and
 * the web app.
 *
 * Legal norm catalogue (under /api/studies/:slug/legal):
 *   GET    /instruments                               instruments with their norm counts   legal.read
 *   POST   /instruments                               add an instrument                    legal.write
 *   PATCH  /instruments/:instrumentId                 change it                            legal.write
 *   DELETE /instruments/:instrumentId                 only without norms                   legal.write
 *   GET    /norms[?instrumentId&phase&obligation&verification&q&date]   list (current version per date)  legal.read
 *   POST   /norms                                     a norm with its first version        legal.write
 *   GET    /norms/:normId[?date]                      a norm with all versions             legal.read
 *   PATCH  /norms/:normId                             classification, verification         legal.write
 *   DELETE /norms/:normId                             legal.write
 *   POST   /norms/:normId/versions                    a new version (closes the open one)  legal.write
 *   PATCH  /norms/:normId/versions/:versionId         correct a version                    legal.write
 *   DELETE /norms/:normId/versions/:versionId         not the only one                     legal.write
 *   POST   /seed                                      copy the seed catalogue (idempotent) legal.write
 *
 * Helpdesk signals (under /api/studies/:slug/signals):
 *   GET    /[?from&to&theme&status&offset&limit]      signals with summaries              signals.read
 *   POST   /                                          register (summary → document 'signal') signals.write
 *   GET    /counts[?from&to]                          per theme per month; disclosure control for readers
 *                                                     without signals.read (the committee) results.read
 *   POST   /import                                    CSV, all-or-nothing                 signals.write
 *   GET    /:signalId                                 signals.read
 *   PATCH  /:signalId                                 (not the summary: that is the document) signals.write
 *   DELETE /:signalId                                 with its document                   signals.write
 */
import { z } from 'zod';

// ---- vocabulary (zod-free values) --------------------------------------------------------------------------

export const INSTRUMENT_KINDS = ['uncrc', 'echr', 'ecthr_judgment', 'un_guidelines', 'coe_recommendation', 'bw_boek1', 'jeugdwet', 'bill', 'policy_programme', 'other'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

export const OBLIGATION_TYPES = ['last_resort', 'reunification_duty', 'right_to_contact', 'right_to_be_heard', 'periodic_review', 'legal_representation', 'parent_support', 'aftercare'] as const;
export type ObligationType = (typeof OBLIGATION_TYPES)[number];

export const LEGAL_PHASES = ['prevention', 'during_placement', 'reunification', 'aftercare'] as const;
export type LegalPhase = (typeof LEGAL_PHASES)[number];

export const VERIFICATION_STATUSES = ['verified', 'te_verifieren'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const SIGNAL_CHANNELS = ['telefoon', 'e-mail', 'chat', 'brief', 'anders'] as const;
export type SignalChannel = (typeof SIGNAL_CHANNELS)[number];
export const SIGNAL_CONTACTS = ['kind', 'ouder', 'professional', 'anders'] as const;
export type SignalContact = (typeof SIGNAL_CONTACTS)[number];
export const AGE_BANDS = ['0-4', '5-11', '12-15', '16-17', '18+', 'onbekend'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const FOLLOW_UP_STATUSES = ['open', 'afgehandeld'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Most rows one CSV import takes, and its largest text. */
export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_CHARS = 5_000_000;

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
export const day = z.iso.date({ error: 'Gebruik een datum als JJJJ-MM-DD.' });
const url = text(1000).refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), { error: 'Een bronlink begint met http:// of https://.' });
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((l) => new Set(l as unknown[]).size === l.length, { error: 'Elke waarde maar één keer.' });

export const instrumentParams = z.object({ slug, instrumentId: id });
export const normParams = z.object({ slug, normId: id });
export const normVersionParams = z.object({ slug, normId: id, versionId: id });
export const signalParams = z.object({ slug, signalId: id });

// ---- instruments -------------------------------------------------------------------------------------------

export const instrumentInput = z.object({
  kind: z.enum(INSTRUMENT_KINDS, { error: 'Kies een soort instrument.' }),
  name: text(300).min(1, { error: 'Geef een naam.' }),
  shortName: text(80).min(1, { error: 'Geef een korte naam.' }),
  sourceUrl: url.nullable().optional(),
});
export const instrumentPatch = instrumentInput.partial();

export const instrument = z.object({
  id,
  key: z.string().nullable(),
  kind: z.enum(INSTRUMENT_KINDS),
  name: z.string(),
  shortName: z.string(),
  sourceUrl: z.string().nullable(),
  norms: z.number().int(),
  verified: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Instrument = z.infer<typeof instrument>;
export const instrumentList = z.object({ instruments: z.array(instrument) });

// ---- norms -------------------------------------------------------------------------------------------------

const validity = {
  validFrom: day.nullable().optional(),
  validTo: day.nullable().optional(),
};
const checkValidity = (v: { validFrom?: string | null; validTo?: string | null }) => !v.validFrom || !v.validTo || v.validTo >= v.validFrom;
const validityError = { error: 'De einddatum van de geldigheid ligt vóór de begindatum.', path: ['validTo'] };

export const versionInput = z
  .object({
    ...validity,
    label: text(200).optional(),
    paraphrase: text(10_000).min(1, { error: 'Geef een parafrase in eigen woorden.' }),
    sourceUrl: url.nullable().optional(),
    /** close the version that is open-ended and starts before this one (default: yes) */
    closePrevious: z.boolean().optional(),
  })
  .refine(checkValidity, validityError);
export const versionPatch = z
  .object({ ...validity, label: text(200).optional(), paraphrase: text(10_000).min(1).optional(), sourceUrl: url.nullable().optional() })
  .refine(checkValidity, validityError);

const normFields = {
  instrumentId: id,
  reference: text(200).min(1, { error: 'Geef een vindplaats (artikel, lid, of uitspraak en paragraaf).' }),
  title: text(300).min(1, { error: 'Geef een titel.' }),
  obligations: uniqueList(z.enum(OBLIGATION_TYPES, { error: 'Onbekend soort verplichting.' }), OBLIGATION_TYPES.length),
  phases: uniqueList(z.enum(LEGAL_PHASES, { error: 'Onbekende fase.' }), LEGAL_PHASES.length).min(1, { error: 'Kies minstens één fase.' }),
  themes: uniqueList(text(100).min(1), 30),
  sourceUrl: url.nullable().optional(),
  verification: z.enum(VERIFICATION_STATUSES, { error: 'Kies geverifieerd of te verifiëren.' }),
  verifiedOn: day.nullable().optional(),
  verificationNote: text(2000).optional(),
};

export const normInput = z
  .object({
    ...normFields,
    obligations: normFields.obligations.default([]),
    themes: normFields.themes.default([]),
    version: z.object({ ...validity, label: text(200).optional(), paraphrase: text(10_000).min(1, { error: 'Geef een parafrase in eigen woorden.' }), sourceUrl: url.nullable().optional() }).refine(checkValidity, validityError),
  });
export const normPatch = z.object(normFields).partial();

export const normListQuery = z.object({
  instrumentId: id.optional(),
  phase: z.enum(LEGAL_PHASES).optional(),
  obligation: z.enum(OBLIGATION_TYPES).optional(),
  verification: z.enum(VERIFICATION_STATUSES).optional(),
  q: text(200).optional(),
  /** which version is current (default: today) */
  date: day.optional(),
});
export const dateQuery = z.object({ date: day.optional() });

export const normVersion = z.object({
  id,
  version: z.number().int(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  label: z.string(),
  paraphrase: z.string(),
  sourceUrl: z.string().nullable(),
  createdAt: z.string(),
});
export type NormVersion = z.infer<typeof normVersion>;

export const norm = z.object({
  id,
  key: z.string().nullable(),
  instrumentId: id,
  instrumentName: z.string(),
  instrumentShortName: z.string(),
  instrumentKind: z.enum(INSTRUMENT_KINDS),
  reference: z.string(),
  title: z.string(),
  obligations: z.array(z.enum(OBLIGATION_TYPES)),
  phases: z.array(z.enum(LEGAL_PHASES)),
  themes: z.array(z.string()),
  sourceUrl: z.string().nullable(),
  verification: z.enum(VERIFICATION_STATUSES),
  verifiedOn: z.string().nullable(),
  verificationNote: z.string(),
  /** the version valid on the day asked (null: none is, e.g. a norm not yet or no longer in force) */
  current: normVersion.nullable(),
  versionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Norm = z.infer<typeof norm>;
export const normDetail = norm.extend({ versions: z.array(normVersion), asOf: z.string() });
export type NormDetail = z.infer<typeof normDetail>;
export const normList = z.object({ asOf: z.string(), norms: z.array(norm) });

export const seedResult = z.object({ instrumentsCreated: z.number().int(), normsCreated: z.number().int(), normsExisting: z.number().int() });
export type SeedResult = z.infer<typeof seedResult>;

// ---- signals -----------------------------------------------------------------------------------------------

const signalFields = {
  receivedOn: day,
  channel: z.enum(SIGNAL_CHANNELS, { error: 'Kies een kanaal.' }),
  contact: z.enum(SIGNAL_CONTACTS, { error: 'Kies wie contact opnam.' }),
  ageBand: z.enum(AGE_BANDS, { error: 'Kies een leeftijdsgroep.' }),
  themeIds: uniqueList(id, 30),
  phase: z.enum(LEGAL_PHASES, { error: 'Onbekende fase.' }).nullable(),
  region: text(100),
  followUp: text(5000),
  followUpStatus: z.enum(FOLLOW_UP_STATUSES, { error: 'Kies open of afgehandeld.' }),
};
export const signalInput = z.object({
  ...signalFields,
  themeIds: signalFields.themeIds.default([]),
  phase: signalFields.phase.default(null),
  region: signalFields.region.default(''),
  followUp: signalFields.followUp.default(''),
  followUpStatus: signalFields.followUpStatus.default('open'),
  summary: text(20_000).min(1, { error: 'Geef een samenvatting.' }),
});
export const signalPatch = z.object(signalFields).partial();

export const signalListQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  theme: id.optional(),
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const signalTheme = z.object({ id, name: z.string() });
export const signal = z.object({
  id,
  receivedOn: z.string(),
  channel: z.enum(SIGNAL_CHANNELS),
  contact: z.enum(SIGNAL_CONTACTS),
  ageBand: z.enum(AGE_BANDS),
  themes: z.array(signalTheme),
  phase: z.enum(LEGAL_PHASES).nullable(),
  region: z.string(),
  /** the coding document of kind 'signal' holding the summary (null when it was deleted in the coding module) */
  documentId: z.string().nullable(),
  /** the current version of that document (pseudonymised once the assistant was applied) */
  summary: z.string().nullable(),
  pseudonymised: z.boolean(),
  followUp: z.string(),
  followUpStatus: z.enum(FOLLOW_UP_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Signal = z.infer<typeof signal>;
export const signalList = z.object({ total: z.number().int(), signals: z.array(signal) });

export const importBody = z.object({ csv: z.string().max(MAX_IMPORT_CHARS, { error: 'Het bestand is te groot (hoogstens 5 miljoen tekens).' }) });
export const importProblem = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
export type ImportProblem = z.infer<typeof importProblem>;
export const importResult = z.object({ imported: z.number().int(), signalIds: z.array(id) });

export const countsQuery = z.object({ from: day.optional(), to: day.optional() });
export const signalCounts = z.object({
  months: z.array(z.string()),
  /** the themes that occur (plus 'none' for signals without a theme) */
  themes: z.array(z.object({ id: z.string(), name: z.string() })),
  /** one cell per month × theme; null = withheld (disclosure control) */
  cells: z.array(z.object({ month: z.string(), themeId: z.string(), n: z.number().int().nullable() })),
  /** signals per month (a signal with several themes counts once); null = withheld */
  totals: z.array(z.object({ month: z.string(), n: z.number().int().nullable() })),
  controlled: z.boolean(),
  suppressed: z.boolean(),
  threshold: z.number().int(),
});
export type SignalCounts = z.infer<typeof signalCounts>;

/** The CSV columns of a signal import (header names, case-insensitive). */
export const IMPORT_COLUMNS = ['datum', 'kanaal', 'contact', 'leeftijd', 'themas', 'fase', 'regio', 'samenvatting', 'opvolging', 'opvolgstatus'] as const;
