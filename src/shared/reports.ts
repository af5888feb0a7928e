/**
 * The report builder's API contract (module `reports`).
 *
 * A report is an ordered list of chapters. A chapter is a title and a Markdown text (headings, lists, links,
 * footnotes `[^1]`) in which live blocks are placed, each on a line of its own:
 *
 *   [[blok:survey-question survey=<uuid> question=q3]]
 *   [[blok:survey-crosstab survey=<uuid> row=q1 col=q2]]
 *   [[blok:case-indicators subgroup=age]]
 *   [[blok:reunification subgroup=all]]
 *   [[blok:methods]]
 *   [[blok:code-quotes code=<uuid> limit=5]]
 *   [[blok:findings type=knelpunt phase=reunification]]   [[blok:finding-quotes finding=<uuid>]]
 *   [[blok:recommendations]]   [[blok:recommendation-norms]]   [[blok:reflection session=<uuid>]]
 *
 * A value with spaces is quoted: `titel="Mijn titel"`. Blocks are resolved at build time through the other modules'
 * services, with disclosure control as for the committee, into figures (tables, a Vega-Lite chart, text, quotes).
 *
 *   GET    /api/studies/:slug/reports                              list (committee: only reports with versions)
 *   POST   /api/studies/:slug/reports                              create (empty or from the template)
 *   GET    /api/studies/:slug/reports/block-types                  the block catalogue and the sources to pick from
 *   GET    /api/studies/:slug/reports/:reportId                    detail with chapters
 *   PATCH  /api/studies/:slug/reports/:reportId                    title, subtitle
 *   DELETE /api/studies/:slug/reports/:reportId
 *   POST   /api/studies/:slug/reports/:reportId/chapters           add a chapter
 *   PUT    /api/studies/:slug/reports/:reportId/chapters/order     reorder
 *   PATCH  /api/studies/:slug/reports/:reportId/chapters/:chapterId
 *   DELETE /api/studies/:slug/reports/:reportId/chapters/:chapterId
 *   GET    /api/studies/:slug/reports/:reportId/preview            resolve every block now (nothing stored)
 *   POST   /api/studies/:slug/reports/:reportId/builds             export the current text as a job (html, docx, pdf)
 *   POST   /api/studies/:slug/reports/:reportId/versions/:versionId/builds   export a frozen version as a job
 *   GET    /api/studies/:slug/reports/:reportId/versions           frozen versions (committee too)
 *   POST   /api/studies/:slug/reports/:reportId/versions           freeze the current build
 *   GET    /api/studies/:slug/reports/:reportId/versions/:versionId
 *   GET    /api/studies/:slug/reports/:reportId/compare?from=&to=  text and figure differences of two versions (default: the two newest)
 */
import { z } from 'zod';

const uuid = z.uuid();
export const REPORT_FORMATS = ['html', 'docx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const BLOCK_TYPES = ['survey-question', 'survey-crosstab', 'case-indicators', 'reunification', 'methods', 'code-quotes', 'findings', 'finding-quotes', 'recommendations', 'recommendation-norms', 'reflection'] as const;

export const reportParams = z.object({ slug: z.string().min(1).max(200), reportId: uuid });
export const chapterParams = reportParams.extend({ chapterId: uuid });
export const versionParams = reportParams.extend({ versionId: uuid });

const title = z.string().trim().min(1, { error: 'Geef een titel op.' }).max(300, { error: 'De titel is te lang (hoogstens 300 tekens).' });
const body = z.string().max(200_000, { error: 'De tekst van een hoofdstuk is te lang (hoogstens 200.000 tekens).' });

export const reportInput = z.object({
  title,
  subtitle: z.string().trim().max(300).default(''),
  /** start from the ready template (Samenvatting … Bijlagen) */
  template: z.boolean().default(false),
});
export const reportPatch = z.object({ title: title.optional(), subtitle: z.string().trim().max(300).optional() });
export const chapterInput = z.object({ title, body: body.default(''), /** insert after this chapter (default: at the end) */ after: uuid.nullable().optional() });
export const chapterPatch = z.object({ title: title.optional(), body: body.optional() });
export const chapterOrder = z.object({ ids: z.array(uuid).min(1).max(500) });

export const chapter = z.object({ id: uuid, position: z.number(), title: z.string(), body: z.string(), updatedAt: z.string() });
export type Chapter = z.infer<typeof chapter>;
export const reportSummary = z.object({
  id: uuid,
  title: z.string(),
  subtitle: z.string(),
  chapters: z.number(),
  versions: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof reportSummary>;
export const reportList = z.object({ reports: z.array(reportSummary), canWrite: z.boolean(), canReadDrafts: z.boolean() });
export const reportDetail = reportSummary.extend({ chapters: z.array(chapter) });
export type ReportDetail = z.infer<typeof reportDetail>;

// ---- block catalogue ---------------------------------------------------------------------------------------
export const blockParamSpec = z.object({
  name: z.string(),
  label: z.string(),
  kind: z.enum(['survey', 'question', 'closed-question', 'subgroup', 'code', 'number', 'text', 'finding-type', 'phase', 'finding', 'session']),
  required: z.boolean(),
});
export const blockTypeInfo = z.object({ type: z.string(), label: z.string(), description: z.string(), params: z.array(blockParamSpec) });
export const blockSources = z.object({
  types: z.array(blockTypeInfo),
  surveys: z.array(z.object({ id: uuid, title: z.string(), questions: z.array(z.object({ name: z.string(), title: z.string(), type: z.string(), closed: z.boolean() })) })),
  codes: z.array(z.object({ id: uuid, name: z.string() })),
  subgroups: z.array(z.object({ value: z.string(), label: z.string() })),
  findingTypes: z.array(z.object({ value: z.string(), label: z.string() })),
  phases: z.array(z.object({ value: z.string(), label: z.string() })),
  findings: z.array(z.object({ id: uuid, label: z.string() })),
  sessions: z.array(z.object({ id: uuid, label: z.string() })),
});
export type BlockSources = z.infer<typeof blockSources>;

// ---- resolved figures --------------------------------------------------------------------------------------
/** One table cell: its text, and for a count its value (null: withheld by disclosure control). */
export const cell = z.object({ text: z.string(), n: z.number().nullable().optional(), suppressed: z.boolean().optional(), header: z.boolean().optional() });
export type Cell = z.infer<typeof cell>;
export const figureTable = z.object({ caption: z.string(), columns: z.array(z.string()), rows: z.array(z.array(cell)) });
export type FigureTable = z.infer<typeof figureTable>;
export const figureQuote = z.object({ text: z.string(), source: z.string() });
export const figure = z.object({
  /** stable key of the block: type + its parameters (used to compare versions) */
  key: z.string(),
  type: z.string(),
  title: z.string(),
  tables: z.array(figureTable),
  /** a Vega-Lite spec (data inline, withheld values left out) */
  chart: z.unknown().nullable(),
  chartAlt: z.string(),
  paragraphs: z.array(z.string()),
  quotes: z.array(figureQuote),
  notes: z.array(z.string()),
  /** the block could not be resolved: the Dutch reason (shown in its place) */
  error: z.string().nullable(),
});
export type Figure = z.infer<typeof figure>;

export const CHANGE_KINDS = ['suppressed', 'quote_refused', 'quote_identifiers', 'block_error', 'part_missing'] as const;
export const buildChange = z.object({ chapter: z.string(), block: z.string().nullable(), kind: z.enum(CHANGE_KINDS), message: z.string() });
export type BuildChange = z.infer<typeof buildChange>;

export const segment = z.discriminatedUnion('kind', [z.object({ kind: z.literal('html'), html: z.string() }), z.object({ kind: z.literal('block'), figure })]);
export type Segment = z.infer<typeof segment>;
/** markdown: the chapter text as written (the DOCX export walks it again) */
export const builtChapter = z.object({ id: z.string(), title: z.string(), markdown: z.string(), segments: z.array(segment) });
export const reportBuild = z.object({
  title: z.string(),
  subtitle: z.string(),
  studyTitle: z.string(),
  threshold: z.number(),
  builtAt: z.string(),
  chapters: z.array(builtChapter),
  changes: z.array(buildChange),
});
export type ReportBuild = z.infer<typeof reportBuild>;

export const buildInput = z.object({ format: z.enum(REPORT_FORMATS) });

// ---- versions ------------------------------------------------------------------------------------------------
export const versionInput = z.object({ label: z.string().trim().max(200).default('') });
export const reportVersion = z.object({ id: uuid, number: z.number(), label: z.string(), frozenAt: z.string(), frozenBy: z.string().nullable(), changes: z.number() });
export type ReportVersion = z.infer<typeof reportVersion>;
export const versionList = z.object({ versions: z.array(reportVersion) });
export const versionDetail = reportVersion.extend({ build: reportBuild, html: z.string() });
export type VersionDetail = z.infer<typeof versionDetail>;
/** both optional: without them the two newest versions are compared (409 with fewer than two) */
export const compareQuery = z.object({ from: uuid.optional(), to: uuid.optional() });
export const textPart = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
export const figureDiff = z.object({
  key: z.string(),
  title: z.string(),
  status: z.enum(['added', 'removed', 'changed', 'same']),
  cells: z.array(z.object({ table: z.string(), row: z.string(), column: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type FigureDiff = z.infer<typeof figureDiff>;
export const versionCompare = z.object({ from: reportVersion, to: reportVersion, text: z.array(textPart), figures: z.array(figureDiff) });
export type VersionCompare = z.infer<typeof versionCompare>;
