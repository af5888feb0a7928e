/** The vocabulary of qualitative analysis and autocoding, without zod (the web app uses it at run time). */

/** What a matrix cell counts: coded segments, documents with such a segment, or participants with one. */
export const ANALYSIS_MEASURES = ['segments', 'documents', 'participants'] as const;
export type AnalysisMeasure = (typeof ANALYSIS_MEASURES)[number];

/**
 * When two codes occur together: in the same speaker turn (a document without turns is one unit), or in one stretch of
 * overlapping codings (a unit is a maximal run of text in which codings overlap one another).
 */
export const COOCCURRENCE_UNITS = ['turn', 'overlap'] as const;
export type CooccurrenceUnit = (typeof COOCCURRENCE_UNITS)[number];

export const ANALYSIS_TABLES = ['frequencies', 'matrix', 'cooccurrence'] as const;
export const TABLE_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export const QUOTE_EXPORT_FORMATS = ['xlsx', 'csv', 'docx'] as const;

export const PATTERN_MODES = ['wildcard', 'regex'] as const;
export const MAX_PATTERN_LENGTH = 200;
