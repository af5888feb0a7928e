/**
 * The ready-made codebook for research on out-of-home placement and return home: two roots, "Type" (what
 * kind of finding a passage is) and "Thema's" (what it is about). A passage usually gets one type and one or
 * more themes. The descriptions say when to apply a code; they are a starting point that a study adapts.
 *
 * Colours are light tints on which the app's dark text (#1a1a1a) meets WCAG AA (contrast ≥ 4.5), and are
 * mutually distinct (CIELAB ΔE ≥ 15); see template.test.ts.
 */

export interface TemplateCode {
  /** Stable key, also used as id when the template is copied into a study. */
  key: string;
  /** Dutch name, first letter capitalised. */
  name: string;
  /** English name, for the English interface. */
  nameEn: string;
  /** Dutch: when to apply this code. */
  description: string;
  /** '#rrggbb'. */
  color: string;
  children?: TemplateCode[];
}

export const CODEBOOK_TEMPLATE: readonly TemplateCode[] = [
  {
    key: 'type',
    name: 'Type',
    nameEn: 'Type',
    description: 'Soort bevinding: geeft aan of een fragment iets beschrijft dat goed werkt, een probleem, iets dat beter kan of een mogelijke oplossing. Codeer met een van de subcodes.',
    color: '#d6d6d6',
    children: [
      {
        key: 'type.goede_praktijk',
        name: 'Goede praktijk',
        nameEn: 'Good practice',
        description: 'Een werkwijze, gebeurtenis of ervaring die volgens de spreker goed werkte of heeft geholpen, bijvoorbeeld bij het contact tussen kind en ouders of bij de terugkeer naar huis.',
        color: '#69d372',
      },
      {
        key: 'type.knelpunt',
        name: 'Knelpunt',
        nameEn: 'Bottleneck',
        description: 'Een probleem, belemmering of negatieve ervaring die de spreker noemt, in de praktijk, de regels of de samenwerking. Beschrijft wat er misgaat, niet hoe het beter kan.',
        color: '#ed828b',
      },
      {
        key: 'type.verbeterpunt',
        name: 'Verbeterpunt',
        nameEn: 'Point for improvement',
        description: 'Een concreet punt waarop de spreker vindt dat iets anders of beter moet, zonder dat al een uitgewerkte oplossing wordt genoemd.',
        color: '#f0ac4c',
      },
      {
        key: 'type.oplossingsrichting',
        name: 'Oplossingsrichting',
        nameEn: 'Possible solution',
        description: 'Een voorstel of idee van de spreker voor hoe een knelpunt kan worden aangepakt: een andere werkwijze, voorziening, regel of vorm van samenwerking.',
        color: '#7db2e8',
      },
    ],
  },
  {
    key: 'themas',
    name: "Thema's",
    nameEn: 'Themes',
    description: 'Onderwerp van het fragment. Codeer met een of meer van de subcodes.',
    color: '#d9c9b0',
    children: [
      {
        key: 'themas.contact_omgang',
        name: 'Contact en omgang',
        nameEn: 'Contact and visitation',
        description: 'Het contact tussen het kind en ouders of andere naasten tijdens de plaatsing: afspraken over bezoek, bellen en logeren, de frequentie, begeleiding en plek van het contact, en hoe het contact verloopt.',
        color: '#cd78e2',
      },
      {
        key: 'themas.communicatie_ouders',
        name: 'Communicatie met ouders',
        nameEn: 'Communication with parents',
        description: 'Hoe professionals en ouders elkaar informeren en spreken: uitleg over besluiten, bereikbaarheid, toon, betrokkenheid van ouders bij overleg, en of ouders zich gehoord voelen.',
        color: '#5fddc4',
      },
      {
        key: 'themas.participatie_kind',
        name: 'Participatie van het kind',
        nameEn: 'Participation of the child',
        description: 'Of en hoe het kind wordt geïnformeerd, gehoord en betrokken bij beslissingen over de plaatsing en terugkeer, en hoe er met de mening van het kind wordt omgegaan.',
        color: '#d0dd5f',
      },
      {
        key: 'themas.hulp_ouders',
        name: 'Hulp aan ouders tijdens plaatsing',
        nameEn: 'Support for parents during placement',
        description: 'Hulp en begeleiding aan ouders terwijl het kind uit huis is, gericht op hun eigen problemen, het ouderschap of de voorwaarden voor terugkeer; ook het ontbreken of stoppen van die hulp.',
        color: '#e8b0e2',
      },
      {
        key: 'themas.wachtlijsten',
        name: 'Wachtlijsten en beschikbaarheid',
        nameEn: 'Waiting lists and availability',
        description: 'Wachttijden en het (niet) beschikbaar zijn van passende hulp, plekken of professionals, en de gevolgen daarvan voor het kind en het gezin.',
        color: '#c5edab',
      },
      {
        key: 'themas.rechtsbescherming',
        name: 'Rechtsbescherming en procedure',
        nameEn: 'Legal protection and procedure',
        description: 'De juridische kant: de kinderrechter, zittingen, maatregelen en hun verlenging, rechtsbijstand, het recht om gehoord te worden, klachten en bezwaar, en het verloop en de duur van procedures.',
        color: '#9a92e8',
      },
      {
        key: 'themas.spoedplaatsing',
        name: 'Spoedplaatsing',
        nameEn: 'Emergency placement',
        description: 'Plaatsingen die met spoed of onverwacht gebeuren, bijvoorbeeld na een crisis of met een spoedmachtiging: de aanleiding, de uitvoering en hoe kind en ouders dit ervaren.',
        color: '#d39369',
      },
      {
        key: 'themas.overplaatsingen',
        name: 'Overplaatsingen en stabiliteit',
        nameEn: 'Transfers and stability',
        description: 'Wisselingen van verblijfplek, school of hulpverlener tijdens de plaatsing, en de mate van rust en continuïteit voor het kind.',
        color: '#e278b8',
      },
      {
        key: 'themas.perspectiefbesluit',
        name: 'Perspectiefbesluit en aanvaardbare termijn',
        nameEn: 'Permanency decision and acceptable time frame',
        description: 'Het besluit of het kind naar huis teruggaat of elders opgroeit, en de termijn waarbinnen ouders de opvoeding weer op zich moeten kunnen nemen. De aanvaardbare termijn is een open norm die per kind wordt ingevuld naar leeftijd en ontwikkeling, geen vast aantal maanden.',
        color: '#cab872',
      },
      {
        key: 'themas.terugplaatsingsproces',
        name: 'Terugplaatsingsproces',
        nameEn: 'Return home process',
        description: 'De voorbereiding en uitvoering van de terugkeer naar huis: voorwaarden, stappen en opbouw van het verblijf thuis, het moment van terugkeer en wie daarover beslist.',
        color: '#72c1ca',
      },
      {
        key: 'themas.nazorg',
        name: 'Nazorg',
        nameEn: 'Aftercare',
        description: 'Hulp, begeleiding en toezicht na de terugkeer naar huis, de duur en afbouw daarvan, en wat er gebeurt als het thuis opnieuw moeilijk wordt.',
        color: '#e8b0b6',
      },
      {
        key: 'themas.trauma',
        name: 'Trauma',
        nameEn: 'Trauma',
        description: 'Ingrijpende of traumatische ervaringen van het kind of de ouders, vóór, tijdens of door de uithuisplaatsing, en de aandacht en behandeling die daarvoor is (of ontbreekt).',
        color: '#b0e8d7',
      },
      {
        key: 'themas.broers_zussen',
        name: 'Broers en zussen',
        nameEn: 'Siblings',
        description: 'De positie van broers en zussen: samen of apart geplaatst worden, contact tussen hen, en hoe de plaatsing of terugkeer van het ene kind de anderen raakt.',
        color: '#72ca8d',
      },
      {
        key: 'themas.pleegouders',
        name: 'Pleegouders',
        nameEn: 'Foster parents',
        description: 'De rol en ervaringen van pleegouders en gezinshuisouders: hun band met het kind, de samenwerking met ouders en professionals, hun ondersteuning en hun rol bij de terugkeer.',
        color: '#9edd5f',
      },
      {
        key: 'themas.werkdruk',
        name: 'Werkdruk professionals',
        nameEn: 'Workload of professionals',
        description: 'De werkdruk, caseload, personeelswisselingen en het personeelstekort bij jeugdbeschermers en andere professionals, en de invloed daarvan op kind en gezin.',
        color: '#e8e892',
      },
    ],
  },
];

/** A template code as a flat row, ready to be inserted into a study's codebook. */
export interface TemplateNode {
  id: string;
  parentId: string | null;
  /** Position among siblings, from 0. */
  position: number;
  name: string;
  nameEn: string;
  description: string;
  color: string;
}

/** The template as flat rows, parents before their children, in display order. */
export function flattenTemplate(template: readonly TemplateCode[] = CODEBOOK_TEMPLATE): TemplateNode[] {
  const out: TemplateNode[] = [];
  const walk = (codes: readonly TemplateCode[], parentId: string | null) => {
    codes.forEach((c, position) => {
      out.push({ id: c.key, parentId, position, name: c.name, nameEn: c.nameEn, description: c.description, color: c.color });
      if (c.children) walk(c.children, c.key);
    });
  };
  walk(template, null);
  return out;
}
