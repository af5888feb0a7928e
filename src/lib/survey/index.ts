/**
 * The survey module's pure logic (no database, no HTTP). Public API:
 *
 * Definitions (definition.ts)
 *   validateDefinition(json: unknown)
 *     → { ok: true; definition: SurveyDefinition; info: InstrumentInfo } | { ok: false; errors: { path; message }[] }
 *   describe(definition): InstrumentInfo                       pages, questions, options (throws SurveyDefinitionError)
 *   localText(text: LocalText, locale?): string
 *
 * Answers (answers.ts)
 *   compile(definition): CompiledSurvey                        reusable validator; build once per definition version
 *   createCompileCache(max?): { get(key, definition): CompiledSurvey; clear() }
 *   validateAnswers(definition | CompiledSurvey, answers: unknown, opts?: { pageIndex?; complete? })
 *     → { ok: true; cleaned } | { ok: false; errors: { question; message }[] }
 *
 * Ready instrument (template.ts)
 *   professionalsSurveyTemplate(): SurveyDefinition           "Enquête professionals: uithuisplaatsing en terugplaatsing"
 *
 * Statistics (stats.ts)
 *   summarizeQuestions(definition | CompiledSurvey, responses, opts?): QuestionSummary[]
 *   summarizeNumbers(values: number[]): NumericSummary         mean, sd, 95% CI (t), median, min, max
 *   crosstab(definition | CompiledSurvey, responses, rowRef, colRef, opts?): Crosstab   with Pearson chi-square
 *   chiSquareTest(counts: number[][]): ChiSquareResult
 *   completionStats(responses, { invited?, pageCount, pageNames? }): CompletionStats
 *   suppress(table, threshold, opts?): { cells; suppressed; suppressedCount }
 *
 * Exports (export/)
 *   buildExportTable(definition, responses, opts?): ExportTable     variables + rows (the common layout)
 *   exportCsv(definition, responses, opts?): { data: string; codebook: string }
 *   exportXlsx(definition, responses, opts?): Promise<Buffer>       sheets "Data" and "Codeboek"
 *   exportSpss(definition, responses, opts?): { data: string; syntax: string }   .csv + .sps (GET DATA)
 *   exportR(definition, responses, opts?): { data: string; script: string }      .csv + .R
 *   exportJson(definition, responses, opts?): string
 *
 * LimeSurvey (limesurvey.ts)
 *   importLimeSurvey(lssXml: string): { definition: SurveyJson; report: { code; reason }[]; validation }
 */
export * from './types';
export { validateDefinition, describe, localText, toLocalText, NAME_RE, META_COLUMNS } from './definition';
export { compile, compiled, validateAnswers, createCompileCache, type CompiledSurvey, type ValidateOptions, type AnswerResult, type Visibility } from './answers';
export { professionalsSurveyTemplate, PROFESSIONALS_SURVEY_TITLE } from './template';
export * from './stats';
export * from './export/index';
export { importLimeSurvey, type LimeSurveyImport, type LimeSurveyReportItem } from './limesurvey';
