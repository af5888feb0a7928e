/**
 * The synthesis part of the demo study, made through the findings, reflection and reports services: findings with
 * evidence of every kind (a quote, a survey figure, a norm, a signal, a case-file indicator), recommendations with
 * addressees, a closed reflection session with ratings by fictional professionals and the lead's decisions, and a
 * report from the ready template. All FICTIONAL.
 */
import type { Deps } from '../../platform/context';
import type { Actor } from '../../platform/permissions';
import * as findings from '../findings/findings.service';
import * as reflection from '../reflection/reflection.service';
import * as reports from '../reports/reports.service';
import * as legal from '../legal/legal.service';
import * as impact from '../impact/impact.service';
import type { EvidenceInput, FindingType, IndicatorKey } from '../../../shared/findings';
import type { CodeKey } from './transcripts';
import { mulberry32 } from './synthetic';

export interface SynthesisInput {
  surveyId: string;
  /** coder A's coded passages: the code keys of the passage and the coding id per key */
  quotes: { byKey: Partial<Record<CodeKey, string>>; keys: CodeKey[] }[];
  signals: { id: string; themes: CodeKey[] }[];
  codeId: Map<CodeKey, string>;
  /** the lead's decisions are dated; ratings are given before */
  heldOn: string;
}

interface FindingPlan {
  statement: string;
  type: FindingType;
  phase: 'prevention' | 'during_placement' | 'reunification' | 'aftercare' | null;
  themes: CodeKey[];
  /** the quote: a coding with all these keys */
  quote: CodeKey[];
  survey?: { question: string; col?: string };
  indicator?: IndicatorKey;
  obligation: string;
  validated: boolean;
}

const PLANS: FindingPlan[] = [
  {
    statement: 'In de eerste weken na een uithuisplaatsing is er vaak weinig of geen contact tussen ouders en kind, terwijl professionals dat contact juist dan belangrijk vinden. (fictieve demo-bevinding)',
    type: 'knelpunt',
    phase: 'during_placement',
    themes: ['themas.contact_omgang'],
    quote: ['type.knelpunt', 'themas.contact_omgang'],
    survey: { question: 'contact_eerste_fase', col: 'rol' },
    obligation: 'right_to_contact',
    validated: true,
  },
  {
    statement: 'Wachtlijsten voor hulp aan ouders (ggz, gezinsbehandeling, schuldhulp) vertragen de terugplaatsing. (fictieve demo-bevinding)',
    type: 'knelpunt',
    phase: 'reunification',
    themes: ['themas.wachtlijsten', 'themas.hulp_ouders'],
    quote: ['themas.wachtlijsten'],
    survey: { question: 'wachtlijst' },
    indicator: 'parent_help_rr',
    obligation: 'parent_support',
    validated: true,
  },
  {
    statement: 'Een stapsgewijze terugplaatsing met een plan dat ouders en kind vanaf het begin kennen, helpt om de terugkeer te laten slagen. (fictieve demo-bevinding)',
    type: 'goede_praktijk',
    phase: 'reunification',
    themes: ['themas.terugplaatsingsproces'],
    quote: ['type.goede_praktijk', 'themas.terugplaatsingsproces'],
    indicator: 'reunified_365',
    obligation: 'reunification_duty',
    validated: true,
  },
  {
    statement: 'Begeleiding stopt vaak zodra de maatregel eindigt, juist wanneer het thuis weer moeilijker kan worden. (fictieve demo-bevinding)',
    type: 'knelpunt',
    phase: 'aftercare',
    themes: ['themas.nazorg'],
    quote: ['type.knelpunt', 'themas.nazorg'],
    survey: { question: 'hulp_passend.na' },
    indicator: 'reentry_12m',
    obligation: 'aftercare',
    validated: false,
  },
  {
    statement: 'Kinderen krijgen niet altijd uitleg die past bij hun leeftijd en worden niet altijd gehoord voordat er wordt beslist. (fictieve demo-bevinding)',
    type: 'verbeterpunt',
    phase: 'during_placement',
    themes: ['themas.participatie_kind'],
    quote: ['themas.participatie_kind'],
    survey: { question: 'betrokken.kind_uitleg' },
    obligation: 'right_to_be_heard',
    validated: false,
  },
  {
    statement: 'Herhaalde overplaatsingen en wisselingen van jeugdbeschermer maken het moeilijk om een band op te bouwen. (fictieve demo-bevinding)',
    type: 'knelpunt',
    phase: 'during_placement',
    themes: ['themas.overplaatsingen', 'themas.werkdruk'],
    quote: ['themas.overplaatsingen'],
    indicator: 'moves_mean',
    obligation: 'last_resort',
    validated: false,
  },
];

const RECOMMENDATIONS = [
  { text: 'Regel binnen een week na elke uithuisplaatsing contact tussen ouders en kind, tenzij de veiligheid van het kind dat uitsluit, en leg een beperking schriftelijk en begrijpelijk uit. (fictieve demo-aanbeveling)', priority: 'hoog' as const, addressees: ['gi', 'jeugdhulpaanbieders', 'pleegzorg'], findings: [0], obligation: 'right_to_contact' },
  { text: 'Geef hulp aan ouders voorrang vanaf de dag van de plaatsing, zodat wachtlijsten de terugplaatsing niet vertragen. (fictieve demo-aanbeveling)', priority: 'hoog' as const, addressees: ['gemeenten', 'min_vws'], findings: [1], obligation: 'parent_support' },
  { text: 'Werk bij elke plaatsing met een terugplaatsingsplan met doelen, stappen en termijnen dat ouders en kind kennen. (fictieve demo-aanbeveling)', priority: 'middel' as const, addressees: ['gi', 'rvdk'], findings: [2], obligation: 'reunification_duty' },
  { text: 'Bied na beëindiging van de maatregel ten minste een jaar lichte nazorg aan, op vrijwillige basis. (fictieve demo-aanbeveling)', priority: 'middel' as const, addressees: ['gemeenten', 'jeugdhulpaanbieders'], findings: [3], obligation: 'aftercare' },
  { text: 'Leg vast hoe en wanneer het kind is gehoord en welke uitleg het heeft gekregen, in taal die past bij zijn of haar leeftijd. (fictieve demo-aanbeveling)', priority: 'laag' as const, addressees: ['gi', 'rechtspraak'], findings: [4], obligation: 'right_to_be_heard' },
];

const PROFESSIONALS = ['Jeugdbeschermer (fictief)', 'Gedragswetenschapper (fictief)', 'Pleegzorgwerker (fictief)', 'Advocaat jeugdrecht (fictief)', 'Medewerker wijkteam (fictief)', 'Beleidsmedewerker gemeente (fictief)', 'Ervaringsdeskundige jongere (fictief)', 'Ouder met ervaring (fictief)', 'Groepsleider (fictief)', 'Gezinshuisouder (fictief)', 'Kinderrechter (fictief)', 'Raadsonderzoeker (fictief)'];
const COMMENTS = ['Herkenbaar, maar vraagt extra capaciteit.', 'Belangrijk, begin hiermee.', 'Haalbaar als de financiering geregeld is.', 'Dit gebeurt in onze regio al deels.', 'Maak het concreter: wie doet wat?'];

export async function addSynthesis(deps: Deps, a: Actor, slug: string, input: SynthesisInput): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const { norms } = await legal.listNorms(deps, a, slug, {} as never);
  const normFor = (obligation: string) => norms.find((n) => (n.obligations as string[]).includes(obligation))?.id ?? null;
  const themeIds = (keys: CodeKey[]) => keys.map((k) => input.codeId.get(k)).filter((x): x is string => !!x);

  const findingIds: string[] = [];
  let evidence = 0;
  for (const p of PLANS) {
    const f = await findings.createFinding(deps, a, slug, { statement: p.statement, type: p.type, phase: p.phase, themes: themeIds(p.themes) });
    findingIds.push(f.id);
    const items: EvidenceInput[] = [];
    const quote = input.quotes.find((q) => p.quote.every((k) => q.keys.includes(k)));
    const codingId = quote?.byKey[p.quote[p.quote.length - 1]];
    if (codingId) items.push({ kind: 'quote', codingId, note: '' });
    if (p.survey) items.push({ kind: 'survey', surveyId: input.surveyId, question: p.survey.question, ...(p.survey.col ? { col: p.survey.col } : {}), note: '' });
    if (p.indicator) items.push({ kind: 'indicator', indicator: p.indicator, subgroup: 'all', group: 'all', note: '' });
    const norm = normFor(p.obligation);
    if (norm) items.push({ kind: 'norm', normId: norm, note: '' });
    const signal = input.signals.find((s) => p.themes.some((k) => s.themes.includes(k)));
    if (signal) items.push({ kind: 'signal', signalId: signal.id, note: '' });
    for (const e of items) await findings.addEvidence(deps, a, slug, f.id, e);
    evidence += items.length;
    if (p.validated) await findings.setFindingStatus(deps, a, slug, f.id, 'validated');
  }
  counts.findings = findingIds.length;
  counts.evidence = evidence;

  const recIds: string[] = [];
  for (const r of RECOMMENDATIONS) {
    const norm = normFor(r.obligation);
    const rec = await findings.createRecommendation(deps, a, slug, {
      text: r.text,
      priority: r.priority,
      addressees: r.addressees,
      findingIds: r.findings.map((k) => findingIds[k]),
      normIds: norm ? [norm] : [],
    });
    recIds.push(rec.id);
  }
  counts.recommendations = recIds.length;

  // the reflection session: fictional professionals rate every recommendation through their personal links
  const session = await reflection.createSession(deps, a, slug, { title: 'Reflectiesessie met professionals (demo, fictief)', heldOn: input.heldOn, recommendationIds: recIds, allowAnonymous: true });
  const links = await reflection.addInvitees(deps, a, slug, session.id, { invitees: PROFESSIONALS.map((label) => ({ label })) } as never);
  const r = mulberry32(11);
  let ratings = 0;
  for (const [k, l] of links.links.entries()) {
    const token = l.url.slice(l.url.indexOf('#') + 1);
    const view = await reflection.openSession(deps, token);
    for (const [j, item] of view.items.entries()) {
      const base = 5 - j * 0.4;
      await reflection.saveRating(deps, token, {
        itemId: item.id,
        importance: Math.max(1, Math.min(5, Math.round(base - 0.5 + r() * 1.5))),
        feasibility: Math.max(1, Math.min(5, Math.round(3 + r() * 2 - (j === 1 ? 1 : 0)))),
        ...(k % 4 === 0 ? { comment: COMMENTS[(k + j) % COMMENTS.length], anonymous: true } : {}),
      });
      ratings++;
    }
  }
  counts.reflectionRatings = ratings;
  const closed = await reflection.updateSession(deps, a, slug, session.id, { status: 'closed' });
  const decisions = ['kept', 'kept', 'changed', 'kept', 'dropped'] as const;
  const reasons = {
    kept: 'De deelnemers vonden deze aanbeveling belangrijk en haalbaar. (fictief)',
    changed: 'Aangescherpt: de deelnemers vroegen om concrete termijnen. (fictief)',
    dropped: 'Geschrapt: overlapt met een andere aanbeveling volgens de deelnemers. (fictief)',
  };
  for (const [j, item] of closed.items.entries()) await reflection.decide(deps, a, slug, session.id, { itemId: item.id, decision: decisions[j % decisions.length], reason: reasons[decisions[j % decisions.length]] });
  counts.reflectionDecisions = closed.items.length;

  // impact: each recommendation linked to a seeded policy trajectory, with a dated (fictional) status history
  await impact.seedTrajectories(deps, a, slug);
  const TRAJECTORY = ['toekomstscenario_kind_gezinsbescherming', 'hervormingsagenda_jeugd', 'beleidsreactie_wodc_terugplaatsen', 'hervormingsagenda_jeugd', 'wet_versterking_rechtsbescherming'] as const;
  const HISTORY = [
    ['geen_reactie', 'in_overweging', 'deels_overgenomen'],
    ['geen_reactie', 'in_overweging'],
    ['geen_reactie', 'overgenomen'],
    ['geen_reactie'],
    ['geen_reactie', 'in_overweging', 'afgewezen'],
  ] as const;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  let statuses = 0;
  for (const [j, id] of recIds.entries()) {
    await impact.linkTrajectory(deps, a, slug, id, { key: TRAJECTORY[j % TRAJECTORY.length] });
    for (const [k, status] of HISTORY[j % HISTORY.length].entries()) {
      await impact.addStatus(deps, a, slug, id, { status, date: daysAgo(150 - k * 50 - j * 3), sourceRef: 'Fictieve bron (demo)', note: 'Fictieve status, alleen voor de demonstratie; geen echte beleidsreactie.' });
      statuses++;
    }
  }
  counts.impactStatuses = statuses;

  const report = await reports.createReport(deps, a, slug, { title: 'Terug naar huis — onderzoeksrapport (demo, fictief)', subtitle: 'Fictief demonstratierapport: alle gegevens zijn verzonnen', template: true });
  counts.reports = 1;
  counts.reportChapters = report.chapters.length;
  return counts;
}
