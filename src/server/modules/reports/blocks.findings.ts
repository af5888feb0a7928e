/**
 * Blocks of the findings, recommendations and reflection modules, registered like the others: each resolves through
 * that module's service (never its tables). Quotes of a finding come from findings.service (which already applies
 * the consent gate and hides quotes from readers without raw-data access) and pass the identifier scan here.
 */
import type { Cell } from '../../../shared/reports';
import { FINDING_TYPES } from '../../../shared/findings';
import { LEGAL_PHASES } from '../../../shared/legal';
import { badRequest } from '../../platform/errors';
import { getFinding, listFindings, listRecommendations } from '../findings/findings.service';
import { sessionOutcome } from '../reflection/reflection.service';
import { gateQuotes, registerBlock } from './blocks';
import { countCell } from './disclosure';

export const FINDING_TYPE_LABELS: Record<string, string> = { goede_praktijk: 'Goede praktijk', knelpunt: 'Knelpunt', verbeterpunt: 'Verbeterpunt', oplossingsrichting: 'Oplossingsrichting' };
export const PHASE_LABELS: Record<string, string> = { prevention: 'Preventie', during_placement: 'Tijdens de plaatsing', reunification: 'Terugplaatsing', aftercare: 'Nazorg', none: 'Zonder fase' };
const STRENGTH_LABELS: Record<string, string> = { strong: 'sterk', moderate: 'redelijk', weak: 'zwak', none: 'geen' };
const PRIORITY_LABELS: Record<string, string> = { hoog: 'hoog', middel: 'middel', laag: 'laag' };
const DECISION_LABELS: Record<string, string> = { kept: 'behouden', changed: 'aangepast', dropped: 'geschrapt' };
const head = (text: string): Cell => ({ text, header: true });
const txt = (text: string): Cell => ({ text });
const nl = (x: number) => x.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

registerBlock({
  type: 'findings',
  label: 'Bevindingen (per soort of fase)',
  description: 'De bevindingen met hun soort, fase en bewijssterkte; te beperken tot één soort of fase, en tot gevalideerde bevindingen.',
  params: [
    { name: 'type', label: 'Soort bevinding', kind: 'finding-type', required: false },
    { name: 'phase', label: 'Fase', kind: 'phase', required: false },
    { name: 'status', label: 'Status (validated of draft)', kind: 'text', required: false },
  ],
  async resolve(ctx, p) {
    if (p.type && !(FINDING_TYPES as readonly string[]).includes(p.type)) throw badRequest(`Onbekende soort bevinding "${p.type}".`);
    if (p.phase && ![...LEGAL_PHASES, 'none'].includes(p.phase)) throw badRequest(`Onbekende fase "${p.phase}".`);
    if (p.status && p.status !== 'validated' && p.status !== 'draft') throw badRequest('De status is "validated" of "draft".');
    const r = await listFindings(ctx.deps, ctx.actor, ctx.slug, { type: p.type as never, phase: p.phase as never, status: p.status as never });
    const title = ['Bevindingen', p.type ? FINDING_TYPE_LABELS[p.type].toLowerCase() : null, p.phase ? `fase ${PHASE_LABELS[p.phase].toLowerCase()}` : null].filter(Boolean).join(' — ');
    const order = new Map(FINDING_TYPES.map((t, i) => [t, i]));
    const rows = [...r.findings].sort((a, b) => order.get(a.type)! - order.get(b.type)!).map((f) => [head(f.statement), txt(FINDING_TYPE_LABELS[f.type]), txt(f.phase ? PHASE_LABELS[f.phase] : '–'), txt(STRENGTH_LABELS[f.strength] ?? f.strength), txt(f.status === 'validated' ? 'gevalideerd' : 'concept')]);
    return { title, tables: rows.length ? [{ caption: title, columns: ['Bevinding', 'Soort', 'Fase', 'Bewijs', 'Status'], rows }] : [], notes: rows.length ? [] : ['Er zijn (nog) geen bevindingen die hierbij passen.'] };
  },
});

registerBlock({
  type: 'finding-quotes',
  label: 'Citaten bij een bevinding',
  description: 'De citaten die als bewijs bij een bevinding horen: alleen met toestemming voor citeren en na een identificatiescan.',
  params: [{ name: 'finding', label: 'Bevinding', kind: 'finding', required: true }],
  async resolve(ctx, p) {
    const f = await getFinding(ctx.deps, ctx.actor, ctx.slug, p.finding);
    const what = `Citaten bij "${f.statement.slice(0, 60)}"`;
    const candidates = [];
    for (const e of f.evidence) {
      const q = e.quote;
      if (!q) continue;
      const source = q.participantCode ?? 'document';
      if (q.refused) ctx.change('quote_refused', `${what}: citaat van ${source} geweigerd — ${q.refused}`);
      else if (q.hidden || q.text === null) ctx.change('quote_refused', `${what}: citaat van ${source} is voor uw rol niet zichtbaar.`);
      else candidates.push({ text: q.text.trim(), source, participantId: null });
    }
    const quotes = await gateQuotes(ctx, candidates, what);
    return { title: f.statement, quotes, notes: quotes.length ? [] : ['Er zijn (nog) geen citaten die getoond mogen worden.'] };
  },
});

registerBlock({
  type: 'recommendations',
  label: 'Aanbevelingen met adressaten',
  description: 'De aanbevelingen in hun volgorde, met prioriteit, adressaten en het aantal gevalideerde bevindingen erachter.',
  params: [],
  async resolve(ctx) {
    const r = await listRecommendations(ctx.deps, ctx.actor, ctx.slug);
    const rows = r.recommendations.map((x, i) => [head(String(i + 1)), txt(x.text), txt(PRIORITY_LABELS[x.priority] ?? x.priority), txt(x.addressees.map((a) => a.label).join(', ') || '–'), txt(String(x.validatedFindings))]);
    const flagged = r.recommendations.filter((x) => x.flagged).length;
    return {
      title: 'Aanbevelingen',
      tables: rows.length ? [{ caption: 'Aanbevelingen met adressaten', columns: ['Nr.', 'Aanbeveling', 'Prioriteit', 'Adressaten', 'Gevalideerde bevindingen'], rows }] : [],
      notes: [...(rows.length ? [] : ['Er zijn (nog) geen aanbevelingen.']), ...(flagged ? [`${flagged} aanbeveling(en) berust(en) nog niet op een gevalideerde bevinding.`] : [])],
    };
  },
});

registerBlock({
  type: 'recommendation-norms',
  label: 'Juridische normen achter de aanbevelingen',
  description: 'Per aanbeveling de normen uit het juridisch kader waarop zij steunt.',
  params: [],
  async resolve(ctx) {
    const r = await listRecommendations(ctx.deps, ctx.actor, ctx.slug);
    const rows = r.recommendations.flatMap((x, i) => x.norms.map((n) => [head(String(i + 1)), txt(x.text.length > 120 ? `${x.text.slice(0, 117)}…` : x.text), txt(`${n.instrumentShortName} ${n.reference}`), txt(n.title)]));
    return {
      title: 'Normen achter de aanbevelingen',
      tables: rows.length ? [{ caption: 'Juridische normen per aanbeveling', columns: ['Nr.', 'Aanbeveling', 'Norm', 'Omschrijving'], rows }] : [],
      notes: rows.length ? [] : ['Er zijn (nog) geen normen aan aanbevelingen gekoppeld.'],
    };
  },
});

registerBlock({
  type: 'reflection',
  label: 'Uitkomst van een reflectiesessie',
  description: 'Per aanbeveling het oordeel van de professionals (belang en haalbaarheid, gemiddeld) en het besluit daarna; kleine groepen weggelaten.',
  params: [{ name: 'session', label: 'Reflectiesessie', kind: 'session', required: true }],
  async resolve(ctx, p) {
    const r = await sessionOutcome(ctx.deps, ctx.actor, ctx.slug, p.session);
    const t = ctx.threshold;
    const rows = r.items.map((it, i) => [
      head(String(i + 1)),
      txt(it.text),
      txt(it.importance.mean === null ? '–' : nl(it.importance.mean)),
      countCell(it.importance.n, t),
      txt(it.feasibility.mean === null ? '–' : nl(it.feasibility.mean)),
      countCell(it.feasibility.n, t),
      txt(it.decision ? `${DECISION_LABELS[it.decision.decision] ?? it.decision.decision}: ${it.decision.reason}` : '–'),
    ]);
    const title = `Reflectiesessie "${r.session.title}" (${r.session.heldOn})`;
    return {
      title,
      tables: rows.length ? [{ caption: title, columns: ['Nr.', 'Aanbeveling', 'Belang (gem., 1–5)', 'Belang (n)', 'Haalbaarheid (gem., 1–5)', 'Haalbaarheid (n)', 'Besluit'], rows }] : [],
      notes: rows.length ? [] : ['Deze sessie heeft geen onderdelen.'],
    };
  },
});
