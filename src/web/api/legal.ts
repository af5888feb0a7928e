/** The legal framework and helpdesk signal endpoints, typed from the shared contract in src/shared/legal.ts. */
import type { Instrument, NormDetail, Norm, SeedResult, Signal, SignalCounts, InstrumentKind, ObligationType, LegalPhase, VerificationStatus } from '../../shared/legal';
import { del, get, patch, post } from './client';

const legal = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/legal`;
const signals = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/signals`;

export interface NormFilters {
  instrumentId?: string;
  phase?: LegalPhase;
  obligation?: ObligationType;
  verification?: VerificationStatus;
  q?: string;
  date?: string;
}

export interface NormBody {
  instrumentId: string;
  reference: string;
  title: string;
  obligations: ObligationType[];
  phases: LegalPhase[];
  themes: string[];
  sourceUrl?: string | null;
  verification: VerificationStatus;
  verifiedOn?: string | null;
  verificationNote?: string;
}

export interface VersionBody {
  validFrom?: string | null;
  validTo?: string | null;
  label?: string;
  paraphrase: string;
  sourceUrl?: string | null;
}

export interface SignalBody {
  receivedOn: string;
  channel: Signal['channel'];
  contact: Signal['contact'];
  ageBand: Signal['ageBand'];
  themeIds: string[];
  phase: LegalPhase | null;
  region: string;
  summary: string;
  followUp: string;
  followUpStatus: Signal['followUpStatus'];
}

const clean = (q: object) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;

export const legalApi = {
  instruments: (slug: string, signal?: AbortSignal) => get<{ instruments: Instrument[] }>(`${legal(slug)}/instruments`, undefined, signal),
  createInstrument: (slug: string, body: { kind: InstrumentKind; name: string; shortName: string; sourceUrl?: string | null }) => post<Instrument>(`${legal(slug)}/instruments`, body),
  norms: (slug: string, f: NormFilters, signal?: AbortSignal) => get<{ asOf: string; norms: Norm[] }>(`${legal(slug)}/norms`, clean(f), signal),
  norm: (slug: string, id: string, date?: string, signal?: AbortSignal) => get<NormDetail>(`${legal(slug)}/norms/${encodeURIComponent(id)}`, clean({ date }), signal),
  createNorm: (slug: string, body: NormBody & { version: VersionBody }) => post<NormDetail>(`${legal(slug)}/norms`, body),
  updateNorm: (slug: string, id: string, body: Partial<NormBody>) => patch<NormDetail>(`${legal(slug)}/norms/${encodeURIComponent(id)}`, body),
  deleteNorm: (slug: string, id: string) => del<{ ok: true }>(`${legal(slug)}/norms/${encodeURIComponent(id)}`),
  addVersion: (slug: string, id: string, body: VersionBody) => post<NormDetail>(`${legal(slug)}/norms/${encodeURIComponent(id)}/versions`, body),
  seed: (slug: string) => post<SeedResult>(`${legal(slug)}/seed`, {}),
};

export const signalsApi = {
  list: (slug: string, q: { from?: string; to?: string; theme?: string; status?: string; offset?: number; limit?: number }, signal?: AbortSignal) =>
    get<{ total: number; signals: Signal[] }>(signals(slug), clean(q), signal),
  create: (slug: string, body: SignalBody) => post<Signal>(signals(slug), body),
  update: (slug: string, id: string, body: Partial<Omit<SignalBody, 'summary'>>) => patch<Signal>(`${signals(slug)}/${encodeURIComponent(id)}`, body),
  remove: (slug: string, id: string) => del<{ ok: true }>(`${signals(slug)}/${encodeURIComponent(id)}`),
  importCsv: (slug: string, csv: string) => post<{ imported: number; signalIds: string[] }>(`${signals(slug)}/import`, { csv }),
  counts: (slug: string, q: { from?: string; to?: string }, signal?: AbortSignal) => get<SignalCounts>(`${signals(slug)}/counts`, clean(q), signal),
};

export const legalKeys = {
  instruments: (slug: string) => ['study', slug, 'legal', 'instruments'] as const,
  norms: (slug: string, f: NormFilters) => ['study', slug, 'legal', 'norms', f] as const,
  norm: (slug: string, id: string, date?: string) => ['study', slug, 'legal', 'norm', id, date ?? ''] as const,
  all: (slug: string) => ['study', slug, 'legal'] as const,
  signals: (slug: string) => ['study', slug, 'signals'] as const,
};
