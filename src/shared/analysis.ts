/**
 * Contract of qualitative analysis (code frequencies, code × attribute and code × code-group matrices, code
 * co-occurrence with Jaccard, the segments behind every cell, exports) and of local autocoding (pattern matches,
 * code suggestions for uncoded speaker turns). Shared by the server and the web app.
 *
 * Counts are computed on "the codings to analyse" (see analysis.repository.ts codingsForAnalysis): one coding per
 * code and span (several coders on the same span count once). For readers without raw-data access (the committee)
 * counts from 1 up to the study's disclosure threshold are withheld (null), with secondary suppression in tables.
 */
import { z } from 'zod';
import { studyParams, uuid } from './api';
import { CONTEXT_MODES, DOCUMENT_KINDS, segment, searchHit } from './coding';
export {
  ANALYSIS_MEASURES,
  COOCCURRENCE_UNITS,
  TABLE_EXPORT_FORMATS,
  QUOTE_EXPORT_FORMATS,
  ANALYSIS_TABLES,
  PATTERN_MODES,
  MAX_PATTERN_LENGTH,
  type AnalysisMeasure,
  type CooccurrenceUnit,
} from './analysis-vocabulary';
import { ANALYSIS_MEASURES, ANALYSIS_TABLES, COOCCURRENCE_UNITS, MAX_PATTERN_LENGTH, PATTERN_MODES, QUOTE_EXPORT_FORMATS, TABLE_EXPORT_FORMATS } from './analysis-vocabulary';

const bool = z.enum(['true', 'false']).optional().transform((v) => v === 'true');
const kindsList = z
  .string()
  .max(200)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const parts = v.split(',').filter(Boolean);
    for (const p of parts)
      if (!(DOCUMENT_KINDS as readonly string[]).includes(p)) {
        ctx.addIssue({ code: 'custom', message: `Onbekende documentsoort: ${p.slice(0, 40)}.` });
        return z.NEVER;
      }
    return parts as (typeof DOCUMENT_KINDS)[number][];
  });
/**
 * The columns of a matrix: `attr:<name>` (a participant attribute — role, ageBand, gender, region, situation,
 * placementType —, a study variable by name, or a document attribute by name) or `group:<codeId>` (the subcodes of
 * a code, e.g. the codebook's "Type" group: knelpunt, goede praktijk …).
 */
export const columnSpec = z
  .string()
  .max(220)
  .regex(/^(attr:.{1,200}|group:[0-9a-fA-F-]{36})$/s, { error: 'Kies als kolommen een kenmerk (attr:naam) of een codegroep (group:id).' });

// ---- frequencies ----------------------------------------------------------------------------------------
export const frequenciesQuery = z.object({
  /** count each code together with its subcodes */
  includeChildren: bool,
  kinds: kindsList,
});
export const frequencyRow = z.object({
  codeId: uuid,
  parentId: uuid.nullable(),
  name: z.string(),
  /** depth in the code tree, 0 at the top */
  depth: z.number(),
  color: z.string(),
  /** null: withheld (fewer than the threshold, committee) */
  segments: z.number().nullable(),
  documents: z.number().nullable(),
  participants: z.number().nullable(),
});
export type FrequencyRow = z.infer<typeof frequencyRow>;
const controlInfo = {
  /** counts below `threshold` are withheld for this reader */
  controlled: z.boolean(),
  threshold: z.number(),
  /** at least one count was withheld */
  suppressed: z.boolean(),
};
export const frequenciesResponse = z.object({ includeChildren: z.boolean(), rows: z.array(frequencyRow), ...controlInfo });
export type FrequenciesResponse = z.infer<typeof frequenciesResponse>;

// ---- matrix ---------------------------------------------------------------------------------------------
export const matrixQuery = z.object({
  /** the rows: the subcodes of this code (default: every code of the codebook) */
  rows: uuid.optional(),
  columns: columnSpec.default('attr:role'),
  measure: z.enum(ANALYSIS_MEASURES).default('segments'),
  includeChildren: bool,
  /** code-group columns: when a row's segment and a column code occur together */
  unit: z.enum(COOCCURRENCE_UNITS).default('overlap'),
  kinds: kindsList,
});
export const matrixColumn = z.object({
  /** the attribute value ('' = no value), or the column code's id */
  key: z.string(),
  label: z.string(),
});
export const matrixRow = z.object({ codeId: uuid, name: z.string(), depth: z.number(), color: z.string() });
export const matrixResponse = z.object({
  columns: columnSpec,
  columnKind: z.enum(['attribute', 'group']),
  /** the attribute's or the group's name */
  columnTitle: z.string(),
  measure: z.enum(ANALYSIS_MEASURES),
  unit: z.enum(COOCCURRENCE_UNITS),
  includeChildren: z.boolean(),
  rowList: z.array(matrixRow),
  columnList: z.array(matrixColumn),
  /** counts[row][column]; null: withheld */
  counts: z.array(z.array(z.number().nullable())),
  rowTotals: z.array(z.number().nullable()),
  ...controlInfo,
});
export type MatrixResponse = z.infer<typeof matrixResponse>;

// ---- co-occurrence --------------------------------------------------------------------------------------
export const cooccurrenceQuery = z.object({
  /** the codes compared: the subcodes of this code (default: every code) */
  rows: uuid.optional(),
  unit: z.enum(COOCCURRENCE_UNITS).default('turn'),
  includeChildren: bool,
  kinds: kindsList,
});
export const cooccurrenceResponse = z.object({
  unit: z.enum(COOCCURRENCE_UNITS),
  includeChildren: z.boolean(),
  codes: z.array(matrixRow),
  /** units in which each code occurs (the diagonal) */
  units: z.array(z.number().nullable()),
  /** counts[i][j]: units in which both occur; null: withheld */
  counts: z.array(z.array(z.number().nullable())),
  /** jaccard[i][j] = n_ij / (n_i + n_j − n_ij); null: withheld or undefined (0/0) */
  jaccard: z.array(z.array(z.number().nullable())),
  ...controlInfo,
});
export type CooccurrenceResponse = z.infer<typeof cooccurrenceResponse>;

// ---- what the matrix builder can offer ------------------------------------------------------------------
export const dimensionsResponse = z.object({
  attributes: z.array(z.object({ spec: z.string(), name: z.string(), source: z.enum(['participant', 'variable', 'document']) })),
  groups: z.array(z.object({ spec: z.string(), codeId: uuid, name: z.string(), children: z.number() })),
  threshold: z.number(),
  controlled: z.boolean(),
});
export type DimensionsResponse = z.infer<typeof dimensionsResponse>;

// ---- a cell's segments ----------------------------------------------------------------------------------
/**
 * Which segments: those of one code (`frequency`), of one matrix cell (`matrix`: code × column value), or of one
 * co-occurrence cell (`cooccurrence`: the codings of both codes in their shared units).
 */
export const cellSelector = z.object({
  kind: z.enum(['frequency', 'matrix', 'cooccurrence']),
  codeId: uuid,
  includeChildren: z.boolean().default(false),
  kinds: z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length).optional(),
  /** matrix */
  columns: columnSpec.optional(),
  /** matrix: the column's key */
  value: z.string().max(200).optional(),
  /** co-occurrence: the other code */
  otherCodeId: uuid.optional(),
  unit: z.enum(COOCCURRENCE_UNITS).default('overlap'),
});
export type CellSelector = z.input<typeof cellSelector>;
export const cellBody = cellSelector.extend({
  context: z.enum(CONTEXT_MODES).default('turn'),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(500).default(50),
});
export type CellBody = z.input<typeof cellBody>;
export const cellResponse = z.object({ total: z.number(), segments: z.array(segment) });
export type CellResponse = z.infer<typeof cellResponse>;

// ---- exports --------------------------------------------------------------------------------------------
export const tableExportQuery = z.object({
  table: z.enum(ANALYSIS_TABLES).default('frequencies'),
  format: z.enum(TABLE_EXPORT_FORMATS).default('xlsx'),
  rows: uuid.optional(),
  columns: columnSpec.default('attr:role'),
  measure: z.enum(ANALYSIS_MEASURES).default('segments'),
  unit: z.enum(COOCCURRENCE_UNITS).optional(),
  includeChildren: bool,
  kinds: kindsList,
});
/** A quote list: the segments of a selector (as the cell route), for a report. */
export const quoteExportQuery = z.object({
  format: z.enum(QUOTE_EXPORT_FORMATS).default('docx'),
  kind: z.enum(['frequency', 'matrix', 'cooccurrence']).default('frequency'),
  /** absent: every coded segment of the study */
  codeId: uuid.optional(),
  includeChildren: bool,
  kinds: kindsList,
  columns: columnSpec.optional(),
  value: z.string().max(200).optional(),
  otherCodeId: uuid.optional(),
  unit: z.enum(COOCCURRENCE_UNITS).default('overlap'),
});

// ---- autocoding: pattern matches ------------------------------------------------------------------------
export const patternBody = z.object({
  pattern: z.string().min(1, { error: 'Vul een patroon in.' }).max(MAX_PATTERN_LENGTH, { error: `Een patroon heeft hoogstens ${MAX_PATTERN_LENGTH} tekens.` }),
  /** regex: a regular expression (JavaScript, Unicode); wildcard: words with * (any letters) and ? (one letter) */
  mode: z.enum(PATTERN_MODES).default('wildcard'),
  caseSensitive: z.boolean().default(false),
  documentIds: z.array(uuid).max(10_000).optional(),
  kinds: z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length).optional(),
  limit: z.int().min(1).max(5_000).default(500),
});
export const patternResponse = z.object({
  hits: z.array(searchHit),
  total: z.number(),
  documents: z.number(),
  documentsWithHits: z.number(),
  truncated: z.boolean(),
});
export type PatternResponse = z.infer<typeof patternResponse>;

// ---- autocoding: suggestions ----------------------------------------------------------------------------
export const suggestion = z.object({
  start: z.number(),
  end: z.number(),
  speaker: z.string().nullable(),
  /** the turn's text (at most 600 code points) */
  text: z.string(),
  codeId: uuid,
  codeName: z.string(),
  color: z.string(),
  /** the classifier's probability, 0–1 */
  score: z.number(),
});
export type Suggestion = z.infer<typeof suggestion>;
export const suggestionsQuery = z.object({
  /** the lowest score shown (default 0.5) */
  minScore: z.coerce.number().min(0).max(1).default(0.5),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const suggestionsResponse = z.object({
  version: z.number(),
  /** turns the classifier learned from and the codes it can suggest (codes with at least 3 coded turns) */
  trainedTurns: z.number(),
  codes: z.number(),
  /** uncoded turns looked at */
  candidates: z.number(),
  suggestions: z.array(suggestion),
});
export type SuggestionsResponse = z.infer<typeof suggestionsResponse>;
export const suggestionDecisionBody = z.object({
  version: z.int().min(1).max(1_000_000),
  start: z.int().min(0),
  end: z.int().min(1),
  codeId: uuid,
});
export type SuggestionDecision = z.infer<typeof suggestionDecisionBody>;
export const acceptResponse = z.object({ codingId: uuid, created: z.boolean() });

export const analysisDocumentParams = studyParams.extend({ documentId: uuid });

/*
 * Routes (all under /api/studies/:slug):
 *   GET  /analysis/dimensions                     results.read  → dimensionsResponse
 *   GET  /analysis/frequencies                    results.read  frequenciesQuery → frequenciesResponse (controlled)
 *   GET  /analysis/matrix                         results.read  matrixQuery → matrixResponse (controlled)
 *   GET  /analysis/cooccurrence                   results.read  cooccurrenceQuery → cooccurrenceResponse (controlled)
 *   GET  /analysis/export                         results.read  tableExportQuery → .xlsx / .csv (controlled)
 *   POST /analysis/segments                       data.read     cellBody → cellResponse
 *   GET  /analysis/quotes                         data.read     quoteExportQuery → .xlsx / .csv / .docx (consent filter)
 *   POST /analysis/pattern                        data.read     patternBody → patternResponse (then POST /codings/bulk)
 *   GET  /documents/:documentId/suggestions       data.read     suggestionsQuery → suggestionsResponse
 *   POST /documents/:documentId/suggestions/accept data.write   suggestionDecisionBody → acceptResponse
 *   POST /documents/:documentId/suggestions/reject data.write   suggestionDecisionBody → ok
 */
