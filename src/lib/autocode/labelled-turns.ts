/**
 * A labelled synthetic set of short Dutch interview turns (fictional; written for this repository) on five themes of
 * the study, to measure the code suggestions: 240 turns, built deterministically from phrases per theme and neutral
 * fillers; about a quarter carry a second theme. Used by classifier.test.ts (precision and recall on held-back
 * turns) and by the analysis integration test.
 */

export const LABELLED_CODES = ['contact', 'school', 'wachtlijst', 'communicatie', 'terugkeer'] as const;
export type LabelledCode = (typeof LABELLED_CODES)[number];

const PHRASES: Record<LabelledCode, string[]> = {
  contact: [
    'ik mocht mijn moeder maar één keer per maand zien',
    'de bezoekjes bij mijn vader waren altijd begeleid',
    'het omgangsrecht werd steeds weer ingeperkt',
    'we belden elke zondag met oma en dat hielp',
    'logeren bij mijn ouders mocht pas na een half jaar',
    'de omgangsregeling werd zonder overleg veranderd',
    'het bezoek in het kantoor van jeugdzorg voelde kil',
    'ik miste mijn broertjes en zusjes heel erg',
    'het contact met mijn kinderen werd telkens afgezegd',
    'een weekend thuis slapen was het mooiste moment',
    'tijdens de bezoeken zat er altijd een begeleider bij',
    'we mochten elkaar alleen via videobellen spreken',
    'de afspraken over het bezoek werden niet nagekomen',
    'na elk bezoek was mijn dochter dagen van slag',
    'ik wilde vaker contact met mijn ouders',
    'de pleegouders maakten het bezoek makkelijk',
  ],
  school: [
    'ik moest steeds van school wisselen',
    'op de nieuwe school kende ik niemand in de klas',
    'mijn cijfers gingen hard achteruit na de verhuizing',
    'de mentor op school wist niet wat er thuis speelde',
    'ik miste veel lessen door alle afspraken',
    'de leerplichtambtenaar belde over het verzuim',
    'de juf hielp me met huiswerk na schooltijd',
    'de overstap naar het voortgezet onderwijs ging moeizaam',
    'op school werd ik gepest omdat ik in een pleeggezin woonde',
    'mijn zoon kreeg extra begeleiding op school',
    'het schooladvies was lager dan ik had verwacht',
    'de school was ver weg en ik moest met de taxi',
    'de leraren begrepen niet waarom ik zo moe was in de klas',
    'ik haalde toch mijn diploma',
    'de intern begeleider van de school dacht goed mee',
    'door de plaatsing kwam ik een jaar achter op school',
  ],
  wachtlijst: [
    'we stonden maandenlang op een wachtlijst',
    'de behandeling kon pas na een jaar beginnen',
    'er was geen plek in de gezinshuizen in de regio',
    'de hulp kwam veel te laat op gang',
    'de wachttijd voor therapie was enorm',
    'er was geen passende plek beschikbaar',
    'we kregen overbruggingszorg zolang de wachtlijst duurde',
    'de indicatie was er wel maar de zorg niet',
    'de crisisopvang zat vol en we moesten uitwijken',
    'het duurde te lang voordat er een behandelplek vrijkwam',
    'door het tekort aan pleeggezinnen bleef hij in de opvang',
    'we werden van de ene instantie naar de andere doorverwezen',
    'de gemeente wilde de hulp niet vergoeden',
    'er zijn te weinig plekken voor specialistische zorg',
    'ik wachtte een half jaar op een gesprek met de psycholoog',
    'het wachten op hulp maakte alles erger',
  ],
  communicatie: [
    'de gezinsvoogd belde nooit terug',
    'niemand legde ons uit waarom het besluit genomen was',
    'ik voelde me niet gehoord in het overleg',
    'de jeugdbeschermer wisselde steeds en we moesten alles opnieuw vertellen',
    'de brieven van de rechtbank waren onbegrijpelijk',
    'in de gesprekken werd over ons gepraat in plaats van met ons',
    'de voogd nam de tijd om alles rustig uit te leggen',
    'we kregen het verslag pas te zien na de zitting',
    'de hulpverleners spraken elkaar tegen',
    'ik kreeg geen antwoord op mijn mails aan jeugdzorg',
    'het plan van aanpak werd zonder ons opgesteld',
    'de gezinsvoogd was eerlijk en duidelijk tegen mij',
    'informatie werd niet doorgegeven tussen de instanties',
    'ik werd niet uitgenodigd voor het evaluatiegesprek',
    'de toon in de gesprekken was vaak beschuldigend',
    'er was een vast aanspreekpunt en dat gaf rust',
  ],
  terugkeer: [
    'na twee jaar mocht ik weer thuis wonen',
    'de terugplaatsing ging veel te snel',
    'er was geen nazorg toen mijn dochter weer thuis kwam',
    'we bereidden de thuiskomst stap voor stap voor',
    'de rechter besliste dat hij terug naar huis mocht',
    'het eerste jaar na de terugkeer was zwaar',
    'het perspectief was terug naar huis maar dat duurde lang',
    'de ondertoezichtstelling liep nog door na de thuisplaatsing',
    'we kregen ambulante hulp in huis na de terugplaatsing',
    'ik was bang dat ze weer uit huis geplaatst zou worden',
    'het wennen aan het gezinsleven thuis kostte tijd',
    'de overgang van de groep naar huis was groot',
    'de machtiging uithuisplaatsing werd niet verlengd',
    'thuis wonen voelde eindelijk weer normaal',
    'de gezinscoach bleef nog een half jaar betrokken na de thuiskomst',
    'mijn kinderen kwamen na de zomer terug naar huis',
  ],
};

const FILLERS = [
  'ja, dat weet ik nog goed',
  'eerlijk gezegd',
  'dat was in die periode',
  'hoe moet ik dat zeggen',
  'achteraf gezien',
  'zeg maar',
  'in het begin vooral',
  'dat vond ik lastig',
  'dat zeg ik ook tegen anderen',
  'toen was ik nog jong',
  'u moet weten',
  'dat heb ik vaker gemerkt',
];

/** A small seeded generator (mulberry32): the same set on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LabelledTurn {
  text: string;
  codes: LabelledCode[];
}

/** The labelled turns (240 by default). */
export function labelledTurns(n = 240, seed = 20_260_505): LabelledTurn[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const out: LabelledTurn[] = [];
  for (let i = 0; i < n; i++) {
    const main = LABELLED_CODES[i % LABELLED_CODES.length];
    const codes: LabelledCode[] = [main];
    const parts = [pick(PHRASES[main])];
    if (r() < 0.5) parts.push(pick(PHRASES[main]));
    if (r() < 0.25) {
      const other = pick(LABELLED_CODES.filter((c) => c !== main));
      codes.push(other);
      parts.push(pick(PHRASES[other]));
    }
    if (r() < 0.6) parts.splice(Math.floor(r() * (parts.length + 1)), 0, pick(FILLERS));
    const text = parts.join(', ').replace(/^./, (c) => c.toUpperCase()) + '.';
    out.push({ text, codes });
  }
  return out;
}
