/**
 * Pure generators of the demo study's FICTIONAL data: completed answers to the ready survey instrument
 * (src/lib/survey/template.ts) with plausible distributions per professional role, and helpdesk signals.
 * Seeded (mulberry32), so a demo looks the same every time it is loaded.
 */
import { mulberry32 } from '../dossiers/generate';
import type { CodeKey } from './transcripts';

type Rng = () => number;

/** One of `items` with the given weights. */
function pick<T>(r: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i];
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

/** An integer around `mean` (roughly normal, sum of three uniforms), clamped to [min, max]. */
function around(r: Rng, mean: number, spread: number, min: number, max: number): number {
  const z = (r() + r() + r() - 1.5) / 0.5;
  return Math.max(min, Math.min(max, Math.round(mean + z * spread)));
}

function shuffle<T>(r: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const SURVEY_ROLES = ['jeugdbeschermer', 'hulpverlener', 'pleegzorgmedewerker', 'advocaat'] as const;
type Role = (typeof SURVEY_ROLES)[number];

const FREQ = ['nooit', 'zelden', 'soms', 'vaak', 'altijd', 'weet_niet'] as const;
const REGIONS = ['groningen', 'friesland', 'drenthe', 'overijssel', 'flevoland', 'gelderland', 'utrecht', 'noord_holland', 'zuid_holland', 'zeeland', 'noord_brabant', 'limburg', 'landelijk'];
const REGION_W = [3, 3, 2, 6, 2, 10, 7, 13, 18, 2, 13, 6, 5];
const HELP = ['opvoedondersteuning', 'ggz_ouders', 'trauma', 'verslaving', 'schulden_wonen', 'gezinsbehandeling', 'begeleid_contact'];
const BARRIERS = ['afstand', 'beperking', 'begeleiding', 'veiligheid', 'wens_kind', 'organisatie'];
const PRIORITIES = ['sneller_hulp', 'meer_contact', 'betrokkenheid', 'samenwerking', 'nazorg'];

/** Per role: how positive (0 critical … 1 positive) the role tends to be about help, involvement and cooperation. */
const OUTLOOK: Record<Role, { help: number; involve: number; coop: number; contactImportance: number; waitlist: number; help_w: number[]; barrier_w: number[]; prio_w: number[] }> = {
  jeugdbeschermer: { help: 0.5, involve: 0.65, coop: 0.5, contactImportance: 4.2, waitlist: 0.85, help_w: [3, 5, 4, 2, 4, 5, 3], barrier_w: [4, 2, 4, 4, 2, 3], prio_w: [5, 2, 2, 4, 3] },
  hulpverlener: { help: 0.45, involve: 0.55, coop: 0.45, contactImportance: 4.4, waitlist: 0.8, help_w: [3, 6, 5, 3, 3, 4, 2], barrier_w: [3, 3, 4, 3, 2, 4], prio_w: [5, 3, 3, 3, 3] },
  pleegzorgmedewerker: { help: 0.5, involve: 0.55, coop: 0.5, contactImportance: 4.5, waitlist: 0.7, help_w: [4, 4, 5, 2, 2, 4, 5], barrier_w: [5, 3, 5, 2, 3, 3], prio_w: [3, 5, 2, 3, 4] },
  advocaat: { help: 0.3, involve: 0.3, coop: 0.35, contactImportance: 4.7, waitlist: 0.75, help_w: [3, 4, 3, 2, 5, 3, 4], barrier_w: [3, 6, 3, 2, 2, 3], prio_w: [3, 4, 6, 2, 2] },
};

const GOOD_PRACTICES = [
  'Vanaf de eerste dag een plan met ouders over wat nodig is voor terugplaatsing, met haalbare stappen.',
  'Contact tussen ouders en kind zo snel mogelijk na de plaatsing, liefst in de eerste week.',
  'Pleegouders die ouders actief betrekken bij school en dokter.',
  'Een vaste jeugdbeschermer die het gezin echt kent.',
  'Gezinsgerichte behandeling waarbij kind en ouders samen meedoen.',
  'Stapsgewijze terugplaatsing: eerst dagbezoek, dan logeren, dan thuis wonen.',
  'Uitleg aan kinderen in eenvoudige taal, met tekeningen of een boekje.',
  'Regelmatig overleg met alle betrokkenen aan één tafel, ook met het kind.',
];
const BOTTLENECKS = [
  'Wachtlijsten voor ggz en gezinsbehandeling: hulp begint pas maanden na de plaatsing.',
  'Te veel wisselingen van jeugdbeschermer door personeelsverloop.',
  'Geen passende woning voor ouders, waardoor terugplaatsing stilvalt.',
  'Contact wordt standaard beperkt zonder dat goed wordt uitgelegd waarom.',
  'Ouders krijgen rapporten te laat om zich voor te bereiden op de zitting.',
  'Nazorg stopt zodra de maatregel eindigt.',
  'Kinderen worden vaak overgeplaatst omdat er geen passende plek is.',
  'De hoge caseload laat weinig tijd voor gesprekken met kinderen.',
];

export type SurveyAnswers = Record<string, unknown>;

/**
 * `n` completed answer sets for the ready instrument, valid against its rules (required questions, visibleIf,
 * at most three choices in hulp_ontbreekt, ranking of all five items).
 */
export function surveyAnswers(n: number, seed: number): SurveyAnswers[] {
  const r = mulberry32(seed);
  const out: SurveyAnswers[] = [];
  for (let i = 0; i < n; i++) {
    const role = pick(r, SURVEY_ROLES, [34, 30, 22, 14]);
    const o = OUTLOOK[role];
    const freq = (positive: number) => {
      if (r() < 0.04) return 'weet_niet';
      const mean = 0.5 + positive * 4; // 0.5 … 4.5 on nooit … altijd
      return FREQ[around(r, mean - 0.5, 0.8, 0, 4)];
    };
    const a: SurveyAnswers = {
      rol: role,
      ervaring_jaren: around(r, role === 'advocaat' ? 14 : 9, 5, 0, 40),
      regio: pick(r, REGIONS, REGION_W),
      ervaring_terugplaatsing: r() < (role === 'advocaat' ? 0.55 : 0.78),
      hulp_passend: { voor: freq(o.help - 0.05), tijdens: freq(o.help), na: freq(o.help - 0.15) },
    };
    const during = (a.hulp_passend as Record<string, string>).tijdens;
    if (['nooit', 'zelden', 'soms'].includes(during)) {
      if (r() < 0.05) a.hulp_ontbreekt = ['none'];
      else {
        const k = 1 + Math.floor(r() * 3);
        const chosen = new Set<string>();
        while (chosen.size < k) chosen.add(pick(r, HELP, o.help_w));
        a.hulp_ontbreekt = [...chosen];
      }
    }
    const contact = r() < 0.05 ? 'dontknow' : pick(r, ['meestal_wel', 'soms', 'meestal_niet'], [o.involve * 6, 4, (1 - o.involve) * 5]);
    a.contact_eerste_fase = contact;
    if (contact === 'soms' || contact === 'meestal_niet') {
      const k = 1 + Math.floor(r() * 2.5);
      const chosen = new Set<string>();
      while (chosen.size < k) chosen.add(pick(r, BARRIERS, o.barrier_w));
      a.contact_belemmering = [...chosen];
    }
    a.contact_belang = around(r, o.contactImportance, 0.5, 1, 5);
    const agree = (positive: number) => around(r, 1 + positive * 4, 0.9, 1, 5);
    a.betrokken = {
      ouders_plaatsing: agree(o.involve),
      kind_plaatsing: agree(o.involve - 0.2),
      ouders_perspectief: agree(o.involve - 0.1),
      kind_perspectief: agree(o.involve - 0.25),
      ouders_uitleg: agree(o.involve - 0.05),
      kind_uitleg: agree(o.involve - 0.2),
    };
    a.wachtlijst = r() < o.waitlist;
    if (a.wachtlijst) a.wachttijd_maanden = around(r, 6, 3, 1, 24);
    a.samenwerking = around(r, 2 + o.coop * 7, 1.3, 1, 10);
    // ranking: the role's weights decide the order, with noise
    a.prioriteit = PRIORITIES.map((p, k) => ({ p, score: o.prio_w[k] * (0.6 + r()) }))
      .sort((x, y) => y.score - x.score)
      .map((x) => x.p);
    if (r() < 0.35) a.goede_praktijken = GOOD_PRACTICES[Math.floor(r() * GOOD_PRACTICES.length)];
    if (r() < 0.45) a.knelpunten = BOTTLENECKS[Math.floor(r() * BOTTLENECKS.length)];
    out.push(a);
  }
  return out;
}

export interface DemoSignal {
  receivedOn: string;
  channel: 'telefoon' | 'e-mail' | 'chat' | 'brief' | 'anders';
  contact: 'kind' | 'ouder' | 'professional' | 'anders';
  ageBand: '0-4' | '5-11' | '12-15' | '16-17' | '18+' | 'onbekend';
  phase: 'prevention' | 'during_placement' | 'reunification' | 'aftercare' | null;
  region: string;
  themes: CodeKey[];
  summary: string;
  followUp: string;
  followUpStatus: 'open' | 'afgehandeld';
}

const SIGNAL_KINDS: Omit<DemoSignal, 'receivedOn' | 'channel' | 'region' | 'followUpStatus'>[] = [
  { contact: 'ouder', ageBand: '5-11', phase: 'during_placement', themes: ['themas.contact_omgang'], summary: 'Ouder meldt dat het omgangscontact al zes weken niet heeft plaatsgevonden omdat er geen begeleider beschikbaar is.', followUp: 'Uitgelegd hoe een klacht kan worden ingediend; verwezen naar de vertrouwenspersoon.' },
  { contact: 'ouder', ageBand: '12-15', phase: 'during_placement', themes: ['themas.rechtsbescherming', 'themas.communicatie_ouders'], summary: 'Ouder heeft het verzoekschrift pas twee dagen voor de zitting ontvangen en weet niet hoe een advocaat te vinden.', followUp: 'Informatie gegeven over gefinancierde rechtsbijstand.' },
  { contact: 'kind', ageBand: '12-15', phase: 'during_placement', themes: ['themas.participatie_kind'], summary: 'Jongere wil de rechter zelf spreken over de verlenging van de plaatsing en weet niet of dat mag.', followUp: 'Uitgelegd dat een kind vanaf 12 jaar wordt uitgenodigd om gehoord te worden.' },
  { contact: 'professional', ageBand: 'onbekend', phase: 'prevention', themes: ['themas.wachtlijsten', 'themas.hulp_ouders'], summary: 'Hulpverlener meldt dat ambulante gezinshulp pas na vijf maanden kan starten, terwijl de situatie verslechtert.', followUp: '' },
  { contact: 'ouder', ageBand: '0-4', phase: 'prevention', themes: ['themas.spoedplaatsing', 'themas.communicatie_ouders'], summary: 'Ouder meldt een spoedplaatsing zonder dat vooraf met het gezin is gesproken; ouder weet niet waar het kind verblijft.', followUp: 'Doorverwezen naar de klachtenfunctionaris van de betrokken organisatie.' },
  { contact: 'kind', ageBand: '16-17', phase: 'during_placement', themes: ['themas.overplaatsingen'], summary: 'Jongere is binnen een jaar drie keer overgeplaatst en moet opnieuw van school wisselen.', followUp: '' },
  { contact: 'ouder', ageBand: '5-11', phase: 'reunification', themes: ['themas.terugplaatsingsproces', 'themas.perspectiefbesluit'], summary: 'Ouder vraagt wat er nodig is voor terugplaatsing; er is geen plan met doelen en termijnen.', followUp: 'Geadviseerd schriftelijk om een plan te vragen; voorbeeldbrief gestuurd.' },
  { contact: 'professional', ageBand: 'onbekend', phase: 'during_placement', themes: ['themas.werkdruk'], summary: 'Jeugdbeschermer meldt een caseload die gesprekken met kinderen nauwelijks toelaat.', followUp: '' },
  { contact: 'ouder', ageBand: '12-15', phase: 'aftercare', themes: ['themas.nazorg'], summary: 'Na beëindiging van de ondertoezichtstelling is alle begeleiding gestopt; het gaat thuis opnieuw minder goed.', followUp: 'Verwezen naar het wijkteam voor vrijwillige hulp.' },
  { contact: 'anders', ageBand: '5-11', phase: 'during_placement', themes: ['themas.broers_zussen', 'themas.contact_omgang'], summary: 'Grootouder meldt dat broers en zussen op verschillende plekken wonen en elkaar zelden zien.', followUp: '' },
  { contact: 'ouder', ageBand: '5-11', phase: 'during_placement', themes: ['themas.trauma', 'themas.wachtlijsten'], summary: 'Ouder meldt dat traumabehandeling voor het kind pas over acht maanden kan beginnen.', followUp: '' },
  { contact: 'professional', ageBand: 'onbekend', phase: 'reunification', themes: ['themas.pleegouders', 'themas.terugplaatsingsproces'], summary: 'Pleegouder meldt dat een terugplaatsing met drie dagen voorbereiding werd aangekondigd, zonder overdracht.', followUp: 'Informatie gegeven over een overdrachtsplan.' },
];
const SIGNAL_REGIONS = ['Noord', 'Oost', 'Zuid', 'West', 'Midden', ''];

/** `n` fictional helpdesk signals between 2025-01-01 and 2026-06-30. */
export function demoSignals(n: number, seed: number): DemoSignal[] {
  const r = mulberry32(seed);
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 5, 30) - start;
  const out: DemoSignal[] = [];
  for (let i = 0; i < n; i++) {
    const kind = SIGNAL_KINDS[i % SIGNAL_KINDS.length];
    out.push({
      ...kind,
      receivedOn: new Date(start + Math.floor(r() * span)).toISOString().slice(0, 10),
      channel: pick(r, ['telefoon', 'e-mail', 'chat', 'brief', 'anders'] as const, [5, 3, 3, 1, 1]),
      region: pick(r, SIGNAL_REGIONS, [2, 2, 2, 3, 2, 1]),
      followUpStatus: kind.followUp && r() < 0.8 ? 'afgehandeld' : 'open',
    });
  }
  return out.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
}

/** The second demo coder: the first coder's codes with small, deterministic differences. */
export function secondCoderCodes(codes: readonly CodeKey[], r: Rng): CodeKey[] {
  const out: CodeKey[] = [];
  for (const c of codes) {
    const x = r();
    if (c.startsWith('type.')) {
      if (x < 0.1) out.push(c === 'type.knelpunt' ? 'type.verbeterpunt' : 'type.knelpunt');
      else if (x < 0.14) continue;
      else out.push(c);
    } else if (x < 0.12) continue;
    else out.push(c);
  }
  if (r() < 0.08) out.push('themas.communicatie_ouders');
  return [...new Set(out)];
}

export { mulberry32, shuffle };
