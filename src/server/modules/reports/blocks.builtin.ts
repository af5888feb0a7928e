/**
 * The block types available now, each resolved through another module's service with publication-style
 * disclosure control: survey question (chart + table), survey crosstab, case-file indicators (dossier monitor),
 * reunification curve, the methods block written from the data, and quotes of a code (consent gate + identifier
 * scan). Findings, recommendations, norms and the reflection session register their blocks the same way.
 */
import { KM_DAYS } from '../../../shared/dossiers';
import type { Cell, FigureTable } from '../../../shared/reports';
import { AppError, badRequest } from '../../platform/errors';
import { controlCount, controlList } from '../surveys/disclosure';
import { getCrosstab, getResults } from '../surveys/results.service';
import { listSurveys } from '../surveys/surveys.service';
import { getMonitor } from '../dossiers/dossiers.service';
import { listInterviews } from '../participants/interviews.service';
import { agreement, listRounds } from '../teamwork/teamwork.service';
import { signalCounts } from '../legal/legal.service';
import { listCodes, retrieveSegments } from '../coding/coding.service';
import { gateQuotes, registerBlock, type BlockContext } from './blocks';
import { barSpec, curveSpec, stackedSpec } from './charts';
import { countCell, withheldText } from './disclosure';

const nl = (x: number, digits = 1) => x.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? '–' : `${nl(x, digits)}%`);
const head = (text: string): Cell => ({ text, header: true });
const txt = (text: string): Cell => ({ text });

export const SUBGROUP_LABELS: Record<string, string> = { all: 'Alle kinderen', age: 'Leeftijd bij plaatsing', setting: 'Soort plaatsing', emergency: 'Spoedplaatsing', help: 'Hulp aan ouders' };
const GROUP_LABELS: Record<string, string> = {
  all: 'Alle kinderen',
  '0-3': '0–3 jaar',
  '4-11': '4–11 jaar',
  '12-17': '12–17 jaar',
  foster_kin: 'Netwerkpleeggezin',
  foster_nonkin: 'Bestandspleeggezin',
  family_home: 'Gezinshuis',
  residential: 'Residentiële jeugdhulp',
  crisis: 'Crisisopvang',
  secure: 'Gesloten jeugdhulp',
  yes: 'Ja',
  no: 'Nee',
};
const groupLabel = (subgroup: string, key: string) => (subgroup === 'emergency' || subgroup === 'help' ? `${SUBGROUP_LABELS[subgroup]}: ${GROUP_LABELS[key] ?? key}` : (GROUP_LABELS[key] ?? key));
const ROLE_SINGULAR: Record<string, string> = { child: 'kind', parent: 'ouder', foster_parent: 'pleegouder', young_adult: 'jongvolwassene', professional: 'professional' };
const ROLE_LABELS: Record<string, string> = { child: 'kinderen', parent: 'ouders', foster_parent: 'pleegouders', young_adult: 'jongvolwassenen', professional: 'professionals' };

function subgroupOf(p: Record<string, string>): 'all' | 'age' | 'setting' | 'emergency' | 'help' {
  const s = p.subgroup ?? 'all';
  if (!(s in SUBGROUP_LABELS)) throw badRequest(`Onbekende uitsplitsing "${s}"; kies uit ${Object.keys(SUBGROUP_LABELS).join(', ')}.`);
  return s as 'all';
}

// ---- survey question -------------------------------------------------------------------------------------------
registerBlock({
  type: 'survey-question',
  label: 'Enquêtevraag (grafiek en tabel)',
  description: 'De antwoorden op één vraag van een gepubliceerde vragenlijst, met onthullingscontrole.',
  params: [
    { name: 'survey', label: 'Vragenlijst', kind: 'survey', required: true },
    { name: 'question', label: 'Vraag', kind: 'question', required: true },
  ],
  async resolve(ctx, p) {
    const r = await getResults(ctx.deps, ctx.actor, ctx.slug, p.survey, {}, { publication: true });
    const q = r.questions.find((x) => x.name === p.question);
    if (!q) throw badRequest(`De vraag "${p.question}" komt niet voor in deze vragenlijst.`);
    const t = r.threshold;
    const nText = q.n === null ? withheldText(t) : String(q.n);
    const notes: string[] = [];
    const tables: FigureTable[] = [];
    let chart: unknown = null;
    let chartAlt = '';
    if (q.suppressed && !q.options && !q.rows) {
      notes.push(`Deze vraag is door minder dan ${t} respondenten beantwoord; de uitkomsten zijn weggelaten.`);
    }
    if (q.options) {
      tables.push({
        caption: `${q.title} (n = ${nText})`,
        columns: ['Antwoord', 'Aantal', 'Percentage'],
        rows: q.options.map((o) => [head(o.label), countCell(o.count, t), o.count === null ? { text: '–', suppressed: true } : txt(pct(o.percent))]),
      });
      const shown = q.options.filter((o) => o.count !== null && o.percent !== null);
      if (shown.length) {
        chart = barSpec(shown.map((o) => ({ label: o.label, percent: o.percent! })), q.title);
        chartAlt = `Staafdiagram: ${q.title}. ${shown.map((o) => `${o.label}: ${pct(o.percent)}`).join('; ')}.`;
      }
      if (q.type === 'checkbox') notes.push('Meer antwoorden mogelijk: percentages van de respondenten, ze tellen niet op tot 100.');
    }
    if (q.rows && q.rows.length) {
      const labels = q.rows[0].options.map((o) => o.label);
      tables.push({
        caption: `${q.title} (n = ${nText})`,
        columns: ['Stelling', ...labels],
        rows: q.rows.map((row) => [head(row.label), ...row.options.map((o) => countCell(o.count, t))]),
      });
      const cells = q.rows.flatMap((row) => row.options.filter((o) => o.count !== null).map((o) => ({ row: row.label, col: o.label, count: o.count! })));
      if (cells.length) {
        chart = stackedSpec(cells, q.title, 'Antwoord');
        chartAlt = `Gestapeld staafdiagram: ${q.title}, per stelling het aandeel per antwoord. De aantallen staan in de tabel.`;
      }
    }
    const paragraphs: string[] = [];
    if (q.mean && q.n !== null) paragraphs.push(`Gemiddelde ${nl(q.mean.mean, 2)} (95%-betrouwbaarheidsinterval ${nl(q.mean.lo, 2)}–${nl(q.mean.hi, 2)}; n = ${q.mean.n}).`);
    if (!tables.length && !paragraphs.length && !notes.length) notes.push('Deze vraag heeft geen gesloten antwoorden om weer te geven.');
    return { title: q.title, tables, chart, chartAlt, paragraphs, notes };
  },
});

// ---- survey crosstab -------------------------------------------------------------------------------------------
registerBlock({
  type: 'survey-crosstab',
  label: 'Kruistabel van twee enquêtevragen',
  description: 'Twee gesloten vragen tegen elkaar uitgezet, met χ²-toets en onthullingscontrole.',
  params: [
    { name: 'survey', label: 'Vragenlijst', kind: 'survey', required: true },
    { name: 'row', label: 'Vraag in de rijen', kind: 'closed-question', required: true },
    { name: 'col', label: 'Vraag in de kolommen', kind: 'closed-question', required: true },
  ],
  async resolve(ctx, p) {
    const x = await getCrosstab(ctx.deps, ctx.actor, ctx.slug, p.survey, { row: p.row, col: p.col }, { publication: true });
    const t = x.threshold;
    const title = `${x.row.title} × ${x.col.title}`;
    if (x.withheld) return { title, notes: [`Deze kruistabel is weggelaten: de groep is kleiner dan de onthullingsdrempel (${t}).`] };
    const rows: Cell[][] = x.rowLabels.map((r, i) => [head(r.label), ...x.counts[i].map((c) => countCell(c, t)), countCell(x.rowTotals[i], t)]);
    rows.push([head('Totaal'), ...x.colTotals.map((c) => countCell(c, t)), countCell(x.total, t)]);
    const paragraphs: string[] = [];
    if (x.chiSquare) {
      const c = x.chiSquare;
      const p2 = c.p < 0.001 ? '< 0,001' : `= ${nl(c.p, 3)}`;
      paragraphs.push(`χ² = ${nl(c.statistic, 2)}, df = ${c.df}, p ${p2}${c.cramersV !== null ? `, Cramérs V = ${nl(c.cramersV, 2)}` : ''}.${x.lowExpected ? ' Let op: een deel van de verwachte aantallen is kleiner dan 5; de toets is dan onbetrouwbaar.' : ''}`);
    }
    const notes = x.testWithheld ? ['De χ²-toets is weggelaten omdat er cellen zijn weggelaten (de toets zou ze kunnen verraden).'] : [];
    const cells = x.rowLabels.flatMap((r, i) => x.colLabels.map((c, j) => ({ row: r.label, col: c.label, count: x.counts[i][j] })).filter((v): v is { row: string; col: string; count: number } => v.count !== null));
    return {
      title,
      tables: [{ caption: title, columns: [`${x.row.title} \\ ${x.col.title}`, ...x.colLabels.map((c) => c.label), 'Totaal'], rows }],
      chart: cells.length ? stackedSpec(cells, title, x.col.title) : null,
      chartAlt: `Gestapeld staafdiagram: ${title}, per rij het aandeel per kolom. De aantallen staan in de tabel.`,
      paragraphs,
      notes,
    };
  },
});

// ---- case-file indicators ----------------------------------------------------------------------------------------
registerBlock({
  type: 'case-indicators',
  label: 'Indicatoren dossieronderzoek',
  description: 'De indicatoren van de dossiermonitor per groep (herplaatsing, spoedplaatsing, overplaatsingen, hulp aan ouders).',
  params: [{ name: 'subgroup', label: 'Uitsplitsing', kind: 'subgroup', required: false }],
  async resolve(ctx, p) {
    const subgroup = subgroupOf(p);
    const m = await getMonitor(ctx.deps, ctx.actor, ctx.slug, subgroup, { publication: true });
    const t = m.threshold;
    const rows: Cell[][] = m.groups.map((g) => {
      const r = g.result;
      const share = (s: { n: number | null; events: number | null; share: number | null } | undefined): Cell[] =>
        !s ? [countCell(null, t), { text: '–', suppressed: true }] : [countCell(s.events, t), s.share === null ? { text: '–', suppressed: s.events === null } : txt(pct(s.share * 100))];
      return [
        head(groupLabel(subgroup, g.key)),
        countCell(g.n, t),
        ...share(r?.reentry_12m),
        ...share(r?.emergency_share),
        txt(r?.moves.mean == null ? '–' : nl(r.moves.mean, 2)),
        txt(r?.parent_help_rr.rr == null ? '–' : `${nl(r.parent_help_rr.rr, 2)}${r.parent_help_rr.lo !== null && r.parent_help_rr.hi !== null ? ` (${nl(r.parent_help_rr.lo, 2)}–${nl(r.parent_help_rr.hi, 2)})` : ''}`),
      ];
    });
    const title = `Indicatoren dossieronderzoek${subgroup === 'all' ? '' : ` naar ${SUBGROUP_LABELS[subgroup].toLowerCase()}`}`;
    return {
      title,
      tables: [
        {
          caption: title,
          columns: ['Groep', 'Uithuisgeplaatste kinderen', 'Herplaatst binnen 12 maanden (aantal)', 'Herplaatst binnen 12 maanden (%)', 'Spoedplaatsing (aantal)', 'Spoedplaatsing (%)', 'Gemiddeld aantal overplaatsingen', 'Relatief risico terugplaatsing bij hulp aan ouders (95%-BI)'],
          rows,
        },
      ],
      notes: m.groups.length ? [] : ['Er zijn nog geen dossiers.'],
    };
  },
});

// ---- reunification curve -----------------------------------------------------------------------------------------
registerBlock({
  type: 'reunification',
  label: 'Terugplaatsingscurve',
  description: 'Het cumulatieve aandeel teruggeplaatste kinderen (Kaplan–Meier) na ½, 1, 2, 3 en 5 jaar, als tabel en grafiek.',
  params: [{ name: 'subgroup', label: 'Uitsplitsing', kind: 'subgroup', required: false }],
  async resolve(ctx, p) {
    const subgroup = subgroupOf(p);
    const m = await getMonitor(ctx.deps, ctx.actor, ctx.slug, subgroup, { publication: true });
    const groups = m.groups.filter((g) => g.result);
    const title = `Terugplaatsing na uithuisplaatsing${subgroup === 'all' ? '' : ` naar ${SUBGROUP_LABELS[subgroup].toLowerCase()}`}`;
    const withheld = m.groups.filter((g) => !g.result && g.suppressed);
    const rows: Cell[][] = KM_DAYS.map((day) => [
      head(`${day} dagen`),
      ...m.groups.map((g) => {
        if (!g.result) return { text: withheldText(m.threshold), suppressed: true } as Cell;
        const k = g.result.reunification.km.find((x) => x.day === day);
        return txt(k?.cum == null ? '–' : pct(k.cum * 100));
      }),
    ]);
    const points = groups.flatMap((g) => g.result!.reunification.km.filter((k) => k.cum !== null).map((k) => ({ group: groupLabel(subgroup, g.key), day: k.day, cum: k.cum! })));
    return {
      title,
      tables: [{ caption: `${title}: cumulatief aandeel teruggeplaatst (Kaplan–Meier)`, columns: ['Tijd sinds plaatsing', ...m.groups.map((g) => groupLabel(subgroup, g.key))], rows }],
      chart: points.length ? curveSpec(points, title) : null,
      chartAlt: `Lijndiagram: ${title}. De waarden staan in de tabel.`,
      notes: withheld.length ? [`Groepen met minder dan ${m.threshold} uithuisgeplaatste kinderen zijn weggelaten.`] : [],
    };
  },
});

// ---- methods ------------------------------------------------------------------------------------------------
async function part<T>(ctx: BlockContext, what: string, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    ctx.change('part_missing', `Methodeblok: ${what} ontbreekt — ${e.message}`);
    return null;
  }
}

const countText = (n: number, t: number, one: string, many: string) => {
  const v = controlCount(n, t);
  return v === null ? `minder dan ${t} ${many}` : `${v} ${v === 1 ? one : many}`;
};

registerBlock({
  type: 'methods',
  label: 'Methodeblok (uit de gegevens)',
  description: 'Een verantwoording geschreven uit de gegevens: respondenten en respons, interviews per rol, dossiers, overeenstemming tussen codeurs, signalen.',
  params: [],
  async resolve(ctx) {
    const t = ctx.threshold;
    const paragraphs: string[] = [];
    const tables: FigureTable[] = [];

    const surveys = await part(ctx, 'de enquête', () => listSurveys(ctx.deps, ctx.actor, ctx.slug));
    for (const s of surveys?.surveys.filter((x) => x.currentVersion !== null) ?? []) {
      const r = await part(ctx, `de vragenlijst "${s.title}"`, () => getResults(ctx.deps, ctx.actor, ctx.slug, s.id, {}, { publication: true }));
      if (!r) continue;
      const o = r.overview;
      const done = o.completed === null ? `minder dan ${r.threshold}` : String(o.completed);
      const rate = o.completionRate === null ? '' : o.invited !== null ? ` De respons was ${pct(o.completionRate * 100)} van de ${o.invited} uitgenodigde professionals.` : ` Van wie begon, vulde ${pct(o.completionRate * 100)} de lijst volledig in.`;
      paragraphs.push(`Enquête "${s.title}": ${done} respondenten vulden de vragenlijst volledig in${o.started !== null ? ` (${o.started} begonnen)` : ''}.${rate}`);
    }

    const interviews = await part(ctx, 'de interviews', () => listInterviews(ctx.deps, ctx.actor, ctx.slug));
    if (interviews) {
      const byRole = new Map<string, number>();
      for (const i of interviews.interviews) for (const role of new Set(i.participants.map((x) => x.role))) byRole.set(role, (byRole.get(role) ?? 0) + 1);
      const roles = Object.keys(ROLE_LABELS).filter((r) => byRole.has(r));
      const ctl = controlList(roles.map((r) => byRole.get(r)!), t);
      if (roles.length) {
        tables.push({
          caption: 'Interviews naar rol van de geïnterviewde',
          columns: ['Rol', 'Interviews'],
          rows: [...roles.map((r, i) => [head(ROLE_LABELS[r][0].toUpperCase() + ROLE_LABELS[r].slice(1)), countCell(ctl.cells[i], t)]), [head('Totaal'), countCell(controlCount(interviews.interviews.length, t), t)]],
        });
      }
      paragraphs.push(interviews.interviews.length ? `Er zijn ${countText(interviews.interviews.length, t, 'interview', 'interviews')} gehouden${roles.length ? ` met ${roles.map((r) => ROLE_LABELS[r]).join(', ')}` : ''}.` : 'Er zijn (nog) geen interviews vastgelegd.');
    }

    const monitor = await part(ctx, 'het dossieronderzoek', () => getMonitor(ctx.deps, ctx.actor, ctx.slug, 'all', { publication: true }));
    const all = monitor?.groups[0];
    if (monitor && all?.result) {
      paragraphs.push(`In het dossieronderzoek zijn ${countText(all.result.cases, t, 'dossier', 'dossiers')} gecodeerd; daarin zijn ${countText(all.result.placed, t, 'uithuisgeplaatst kind', 'uithuisgeplaatste kinderen')} gevolgd over de periode na de plaatsing.`);
    } else if (monitor) paragraphs.push('Er zijn (nog) geen dossiers gecodeerd.');

    const rounds = await part(ctx, 'de overeenstemming tussen codeurs', () => listRounds(ctx.deps, ctx.actor, ctx.slug));
    const closed = rounds?.rounds.filter((r) => r.status === 'closed') ?? [];
    for (const r of closed) {
      const a = await part(ctx, `de overeenstemming van ronde "${r.name}"`, () => agreement(ctx.deps, ctx.actor, ctx.slug, r.id));
      if (!a) continue;
      const o = a.overall;
      const stats = [o.percent !== null ? `${pct(o.percent * 100)} overeenstemming` : null, o.kappa !== null ? `Cohens κ = ${nl(o.kappa, 2)}` : null, o.alpha !== null ? `Krippendorffs α = ${nl(o.alpha, 2)}` : null].filter(Boolean);
      paragraphs.push(`Betrouwbaarheidsronde "${r.name}": ${a.coders.length} codeurs codeerden ${a.documents} documenten onafhankelijk${stats.length ? `; ${stats.join(', ')}` : ''}.`);
    }
    if (rounds && !closed.length) paragraphs.push('Er is nog geen afgesloten betrouwbaarheidsronde; de overeenstemming tussen codeurs is nog niet bepaald.');

    const signals = await part(ctx, 'de signalen', () => signalCounts(ctx.deps, ctx.actor, ctx.slug, {}));
    if (signals) {
      const n = signals.totals.reduce((s, x) => s + (x.n ?? 0), 0);
      const withheld = signals.totals.some((x) => x.n === null);
      paragraphs.push(withheld ? `De Kinderrechtenhelpdesk registreerde signalen over ${signals.months.length} maanden (aantallen per maand deels weggelaten).` : n ? `De Kinderrechtenhelpdesk registreerde ${countText(n, t, 'signaal', 'signalen')}.` : 'Er zijn (nog) geen signalen van de Kinderrechtenhelpdesk geregistreerd.');
    }
    return { title: 'Verantwoording van de gegevens', paragraphs, tables };
  },
});

// ---- quotes of a code ------------------------------------------------------------------------------------------
registerBlock({
  type: 'code-quotes',
  label: 'Citaten bij een code',
  description: 'Gecodeerde fragmenten als citaten: alleen van deelnemers die toestemming gaven voor citeren, en na een identificatiescan.',
  params: [
    { name: 'code', label: 'Code', kind: 'code', required: true },
    { name: 'limit', label: 'Hoogstens (aantal citaten)', kind: 'number', required: false },
  ],
  async resolve(ctx, p) {
    const limit = Math.min(50, Math.max(1, Number(p.limit ?? 5) || 5));
    const codes = await listCodes(ctx.deps, ctx.actor, ctx.slug);
    const code = codes.codes.find((c) => c.id === p.code);
    if (!code) throw new AppError('not_found', 'Deze code bestaat niet (meer) in het codeboek.', 404);
    const r = await retrieveSegments(ctx.deps, ctx.actor, ctx.slug, { codeIds: [code.id], includeChildren: false, context: 'chars', offset: 0, limit: Math.min(500, limit * 4) });
    const candidates = r.segments.map((s) => ({
      text: s.text.trim(),
      participantId: s.participant?.id ?? null,
      source: s.participant ? `${s.participant.code}${s.participant.attributes.role ? ` (${ROLE_SINGULAR[s.participant.attributes.role] ?? s.participant.attributes.role})` : ''}` : s.documentKind === 'survey_answer' ? 'enquête, open antwoord' : s.documentKind === 'signal' ? 'signaal Kinderrechtenhelpdesk' : 'document',
    }));
    const quotes = (await gateQuotes(ctx, candidates, `Citaten bij "${code.name}"`)).slice(0, limit);
    return { title: `Citaten: ${code.name}`, quotes, notes: quotes.length ? [] : ['Er zijn (nog) geen citaten die getoond mogen worden.'] };
  },
});
