/** The analysis and autocoding endpoints, typed from the shared contract in src/shared/analysis.ts. */
import type {
  CellBody,
  CellResponse,
  CooccurrenceResponse,
  DimensionsResponse,
  FrequenciesResponse,
  MatrixResponse,
  PatternResponse,
  SuggestionDecision,
  SuggestionsResponse,
} from '../../shared/analysis';
import type { AnalysisMeasure, CooccurrenceUnit } from '../../shared/analysis-vocabulary';
import { get, post, withQuery, type Query } from './client';

const base = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/analysis`;
const doc = (slug: string, documentId: string) => `/api/studies/${encodeURIComponent(slug)}/documents/${encodeURIComponent(documentId)}/suggestions`;

export interface MatrixParams {
  rows?: string;
  columns: string;
  measure: AnalysisMeasure;
  includeChildren: boolean;
  unit: CooccurrenceUnit;
}
export interface CooccurrenceParams {
  rows?: string;
  unit: CooccurrenceUnit;
  includeChildren: boolean;
}
const flag = (b: boolean) => (b ? 'true' : undefined);

export const analysisApi = {
  dimensions: (slug: string, signal?: AbortSignal) => get<DimensionsResponse>(`${base(slug)}/dimensions`, undefined, signal),
  frequencies: (slug: string, includeChildren: boolean, signal?: AbortSignal) => get<FrequenciesResponse>(`${base(slug)}/frequencies`, { includeChildren: flag(includeChildren) }, signal),
  matrix: (slug: string, p: MatrixParams, signal?: AbortSignal) =>
    get<MatrixResponse>(`${base(slug)}/matrix`, { rows: p.rows, columns: p.columns, measure: p.measure, unit: p.unit, includeChildren: flag(p.includeChildren) }, signal),
  cooccurrence: (slug: string, p: CooccurrenceParams, signal?: AbortSignal) =>
    get<CooccurrenceResponse>(`${base(slug)}/cooccurrence`, { rows: p.rows, unit: p.unit, includeChildren: flag(p.includeChildren) }, signal),
  segments: (slug: string, body: CellBody) => post<CellResponse>(`${base(slug)}/segments`, body),
  pattern: (slug: string, body: { pattern: string; mode: 'wildcard' | 'regex'; caseSensitive?: boolean }) => post<PatternResponse>(`${base(slug)}/pattern`, body),
  /** a download link (GET, the session cookie goes along) */
  exportUrl: (slug: string, q: Query) => withQuery(`${base(slug)}/export`, q),
  quotesUrl: (slug: string, q: Query) => withQuery(`${base(slug)}/quotes`, q),
  suggestions: (slug: string, documentId: string, signal?: AbortSignal) => get<SuggestionsResponse>(doc(slug, documentId), undefined, signal),
  accept: (slug: string, documentId: string, d: SuggestionDecision) => post<{ codingId: string; created: boolean }>(`${doc(slug, documentId)}/accept`, d),
  reject: (slug: string, documentId: string, d: SuggestionDecision) => post<{ ok: true }>(`${doc(slug, documentId)}/reject`, d),
};

export const analysisKeys = {
  dimensions: (slug: string) => ['study', slug, 'analysis', 'dimensions'] as const,
  frequencies: (slug: string, includeChildren: boolean) => ['study', slug, 'analysis', 'frequencies', includeChildren] as const,
  matrix: (slug: string, p: MatrixParams) => ['study', slug, 'analysis', 'matrix', p] as const,
  cooccurrence: (slug: string, p: CooccurrenceParams) => ['study', slug, 'analysis', 'cooccurrence', p] as const,
  cell: (slug: string, body: CellBody) => ['study', slug, 'analysis', 'cell', body] as const,
  suggestions: (slug: string, documentId: string) => ['study', slug, 'document', documentId, 'suggestions'] as const,
};
