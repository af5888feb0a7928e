/**
 * The block registry of the report builder. A block type is ONE registered resolver: its parameters (for the
 * "insert block" dialog) and a function that turns the parameters into a figure by calling OTHER modules' services
 * (never their tables), always asking for publication-style results (disclosure control as for the committee).
 *
 * Another module adds a block by calling `registerBlock({ type, label, description, params, resolve })` at import
 * time (see blocks.builtin.ts); quotes go through `gateQuotes` (consent + identifier scan) before they are shown.
 */
import type { Deps } from '../../platform/context';
import type { Actor } from '../../platform/permissions';
import { AppError } from '../../platform/errors';
import type { BuildChange, Figure, FigureTable } from '../../../shared/reports';
import type { z } from 'zod';
import type { blockParamSpec } from '../../../shared/reports';
import { detect, KIND_LABELS } from '../../../lib/pseudonymise';
import { assertConsent } from '../participants/consent.service';
import { blockKey, type BlockRef } from './markdown';
import { checkFigure } from './disclosure';

export type BlockParamSpec = z.infer<typeof blockParamSpec>;

export interface BlockContext {
  deps: Deps;
  actor: Actor;
  slug: string;
  studyId: string;
  /** the study's disclosure threshold */
  threshold: number;
  /** records something the build changed or refused (shown with the build) */
  change(kind: BuildChange['kind'], message: string): void;
}

/** What a resolver returns: the figure without its key and type. Empty parts may be left out. */
export interface Resolved {
  title: string;
  tables?: FigureTable[];
  chart?: unknown;
  chartAlt?: string;
  paragraphs?: string[];
  quotes?: { text: string; source: string }[];
  notes?: string[];
}

export interface BlockDefinition {
  type: string;
  label: string;
  description: string;
  params: BlockParamSpec[];
  resolve(ctx: BlockContext, params: Record<string, string>): Promise<Resolved>;
}

const registry = new Map<string, BlockDefinition>();

export function registerBlock(def: BlockDefinition) {
  registry.set(def.type, def);
}

export const blockDefinitions = (): BlockDefinition[] => [...registry.values()];
export const blockDefinition = (type: string) => registry.get(type);

/** Resolves one block of a chapter into a checked figure; a failure becomes the figure's error (and a change). */
export async function resolveBlock(base: Omit<BlockContext, 'change'>, ref: BlockRef, chapter: string): Promise<{ figure: Figure; changes: BuildChange[] }> {
  const key = blockKey(ref);
  const changes: BuildChange[] = [];
  const ctx: BlockContext = { ...base, change: (kind, message) => changes.push({ chapter, block: key, kind, message }) };
  const empty: Figure = { key, type: ref.type, title: ref.type, tables: [], chart: null, chartAlt: '', paragraphs: [], quotes: [], notes: [], error: null };
  const def = registry.get(ref.type);
  if (!def) {
    const message = `Onbekend bloktype "${ref.type}".`;
    return { figure: { ...empty, error: message }, changes: [{ chapter, block: key, kind: 'block_error', message }] };
  }
  for (const p of def.params) {
    if (p.required && !ref.params[p.name]) {
      const message = `${def.label}: de parameter "${p.name}" (${p.label}) ontbreekt.`;
      return { figure: { ...empty, title: def.label, error: message }, changes: [{ chapter, block: key, kind: 'block_error', message }] };
    }
  }
  try {
    const r = await def.resolve(ctx, ref.params);
    const fig: Figure = {
      ...empty,
      title: ref.params.titel || r.title,
      tables: r.tables ?? [],
      chart: r.chart ?? null,
      chartAlt: r.chartAlt ?? '',
      paragraphs: r.paragraphs ?? [],
      quotes: r.quotes ?? [],
      notes: r.notes ?? [],
    };
    const checked = checkFigure(fig, base.threshold, chapter);
    return { figure: checked.figure, changes: [...changes, ...checked.changes] };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const message = `${def.label}: ${e.message}`;
    return { figure: { ...empty, title: def.label, error: e.message }, changes: [...changes, { chapter, block: key, kind: 'block_error', message }] };
  }
}

export interface QuoteCandidate {
  text: string;
  /** shown under the quote: a pseudonym code and role, never a name */
  source: string;
  /** the participant whose words these are (consent is checked); null for texts without a participant */
  participantId: string | null;
}

/**
 * The consent gate and identifier scan for quotes: a quote of a participant whose consent does not cover quoting is
 * refused, and so is a quote in which the identifier scan (lib/pseudonymise) finds names, places, dates, numbers or
 * addresses. Each refusal is recorded as a change; the accepted quotes are returned.
 */
export async function gateQuotes(ctx: BlockContext, quotes: QuoteCandidate[], what: string): Promise<{ text: string; source: string }[]> {
  const out: { text: string; source: string }[] = [];
  const consent = new Map<string, string | null>();
  for (const q of quotes) {
    if (q.participantId) {
      if (!consent.has(q.participantId)) {
        try {
          await assertConsent(ctx.deps, ctx.deps.db, ctx.studyId, q.participantId, 'quote');
          consent.set(q.participantId, null);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          consent.set(q.participantId, e.message);
        }
      }
      const refused = consent.get(q.participantId);
      if (refused) {
        ctx.change('quote_refused', `${what}: citaat van ${q.source} geweigerd — ${refused}`);
        continue;
      }
    }
    const found = detect(q.text);
    if (found.length) {
      const kinds = [...new Set(found.map((f) => KIND_LABELS[f.kind] ?? f.kind))].join(', ');
      ctx.change('quote_identifiers', `${what}: citaat van ${q.source} geweigerd — de identificatiescan vond mogelijk herleidbare gegevens (${kinds}). Pseudonimiseer de tekst eerst.`);
      continue;
    }
    out.push({ text: q.text, source: q.source });
  }
  return out;
}
