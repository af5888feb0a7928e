/** JSON export: the raw (cleaned) responses with the definition version, and the definition itself. */
import type { CompiledSurvey } from '../answers';
import type { ResponseRecord, SurveyDefinition } from '../types';

export const JSON_EXPORT_FORMAT = 'terug-naar-huis/survey-responses@1';

export interface JsonExportOptions {
  /** Version of `definition` (stored alongside it by the caller). */
  definitionVersion?: number | string;
  /** Include the definition (default true). */
  includeDefinition?: boolean;
  /** Fixed export time (tests); default now. */
  exportedAt?: Date;
}

function iso(v: string | Date | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A JSON document: { format, exportedAt, definitionVersion, definition, responses: [{ id, version, startedAt, completedAt, answers }] }. */
export function exportJson(definition: SurveyDefinition | CompiledSurvey, responses: ResponseRecord[], opts: JsonExportOptions = {}): string {
  const def = typeof (definition as CompiledSurvey).validate === 'function' ? (definition as CompiledSurvey).definition : definition;
  const doc = {
    format: JSON_EXPORT_FORMAT,
    exportedAt: (opts.exportedAt ?? new Date()).toISOString(),
    definitionVersion: opts.definitionVersion ?? null,
    ...(opts.includeDefinition === false ? {} : { definition: def }),
    responses: responses.map((r) => ({
      id: r.id,
      version: r.version,
      startedAt: iso(r.startedAt),
      completedAt: iso(r.completedAt),
      ...(r.lastPage !== undefined ? { lastPage: r.lastPage } : {}),
      answers: r.answers,
    })),
  };
  return JSON.stringify(doc, null, 2);
}
