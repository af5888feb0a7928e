/**
 * The demo study's interview transcripts: FICTIONAL conversations written for the demonstration, with children,
 * young adults, parents and a foster parent about placement and return home. No real person, place or organisation
 * is described; names and places are already pseudonymised as placeholders ([Naam 1], [Plaats 1], [Instelling 1]),
 * as a researcher would after the pseudonymisation assistant.
 *
 * Each respondent turn carries the codes the first demo coder applies (keys of the ready-made codebook,
 * src/lib/codebook/template.ts); the second coder's codings are derived from them with small deterministic
 * differences (demo.service.ts), so that the reliability round has a realistic, imperfect agreement.
 */
import type { AgeBand, Gender, InterviewMode, ParticipantRole, PlacementType, Situation } from '../../../shared/participants';

export type CodeKey =
  | 'type.goede_praktijk'
  | 'type.knelpunt'
  | 'type.verbeterpunt'
  | 'type.oplossingsrichting'
  | 'themas.contact_omgang'
  | 'themas.communicatie_ouders'
  | 'themas.participatie_kind'
  | 'themas.hulp_ouders'
  | 'themas.wachtlijsten'
  | 'themas.rechtsbescherming'
  | 'themas.spoedplaatsing'
  | 'themas.overplaatsingen'
  | 'themas.perspectiefbesluit'
  | 'themas.terugplaatsingsproces'
  | 'themas.nazorg'
  | 'themas.trauma'
  | 'themas.broers_zussen'
  | 'themas.pleegouders'
  | 'themas.werkdruk';

export interface DemoTurn {
  /** I = interviewer, R = respondent */
  s: 'I' | 'R';
  text: string;
  codes?: CodeKey[];
}

export interface DemoInterview {
  title: string;
  role: ParticipantRole;
  ageBand: AgeBand;
  gender: Gender;
  region: string;
  situation: Situation;
  placementType: PlacementType;
  /** 'YYYY-MM' for children and young adults (the consent age rules) */
  birthMonth: string | null;
  date: string;
  mode: InterviewMode;
  durationMinutes: number;
  turns: DemoTurn[];
}

export const DEMO_INTERVIEWS: DemoInterview[] = [
  {
    title: 'Interview kind, 10 jaar, weer thuis (fictief)',
    role: 'child',
    ageBand: '8-11',
    gender: 'f',
    region: 'Gelderland',
    situation: 'returned_home',
    placementType: 'foster_nonkin',
    birthMonth: '2016-02',
    date: '2026-03-12',
    mode: 'in_person',
    durationMinutes: 35,
    turns: [
      { s: 'I', text: 'Fijn dat je mee wilt doen. Je mag altijd zeggen als je iets niet wilt vertellen. Kun je vertellen waar je woonde voordat je weer thuis kwam?' },
      { s: 'R', text: 'Bij een pleeggezin in [Plaats 1]. Ze waren wel lief, maar het was ver van mijn school en van mama.', codes: ['themas.pleegouders', 'themas.contact_omgang'] },
      { s: 'I', text: 'Hoe vaak zag je je moeder toen?' },
      { s: 'R', text: 'Eerst helemaal niet, een paar weken. Daarna om de week, in een kamer met speelgoed en iemand erbij die opschreef wat we deden. Dat vond ik raar.', codes: ['type.knelpunt', 'themas.contact_omgang'] },
      { s: 'I', text: 'Wist je waarom je in het pleeggezin woonde?' },
      { s: 'R', text: 'Niet echt. Niemand legde het uit. Ik dacht dat het kwam omdat ik stout was geweest.', codes: ['type.knelpunt', 'themas.participatie_kind'] },
      { s: 'I', text: 'Dat klinkt naar. Wie hielp jou in die tijd?' },
      { s: 'R', text: '[Naam 1], mijn voogd. Die kwam een keer met een boekje met tekeningen en toen snapte ik het beter. Dat was fijn.', codes: ['type.goede_praktijk', 'themas.participatie_kind'] },
      { s: 'I', text: 'En hoe ging het toen je weer naar huis ging?' },
      { s: 'R', text: 'Eerst mocht ik een nachtje blijven slapen, daarna een weekend, en toen helemaal. Dat ging stapje voor stapje en dat was goed.', codes: ['type.goede_praktijk', 'themas.terugplaatsingsproces'] },
      { s: 'I', text: 'Is er iets wat grote mensen beter hadden kunnen doen?' },
      { s: 'R', text: 'Ze moeten het meteen uitleggen aan kinderen. En ik wil mijn broertje vaker zien, die woont nog ergens anders.', codes: ['type.verbeterpunt', 'themas.participatie_kind', 'themas.broers_zussen'] },
    ],
  },
  {
    title: 'Interview jongere, 14 jaar, weer thuis (fictief)',
    role: 'child',
    ageBand: '12-15',
    gender: 'm',
    region: 'Noord-Brabant',
    situation: 'returned_home',
    placementType: 'residential',
    birthMonth: '2012-05',
    date: '2026-03-19',
    mode: 'in_person',
    durationMinutes: 42,
    turns: [
      { s: 'I', text: 'Je woonde een tijd in een groep van [Instelling 1]. Hoe kwam je daar terecht?' },
      { s: 'R', text: 'Het ging thuis niet goed, veel ruzie. Op een dag stond er iemand bij school en moest ik mee. Ik had geen tas, niks.', codes: ['type.knelpunt', 'themas.spoedplaatsing'] },
      { s: 'I', text: 'Werd je gevraagd wat jij ervan vond?' },
      { s: 'R', text: 'Bij de zitting mocht ik met de rechter praten, in een kamertje. Die luisterde echt, dat had ik niet verwacht.', codes: ['type.goede_praktijk', 'themas.rechtsbescherming', 'themas.participatie_kind'] },
      { s: 'I', text: 'Hoe was het contact met je ouders in die periode?' },
      { s: 'R', text: 'Met mijn vader bellen mocht elke avond. Mijn moeder zag ik pas na twee maanden, omdat er eerst een onderzoek moest komen.', codes: ['themas.contact_omgang'] },
      { s: 'I', text: 'Je bent in die tijd ook een keer verhuisd, toch?' },
      { s: 'R', text: 'Ja, naar een andere groep, in [Plaats 2]. Weer nieuwe begeleiders, nieuwe school. Ik was het helemaal zat.', codes: ['type.knelpunt', 'themas.overplaatsingen'] },
      { s: 'I', text: 'Wat hielp uiteindelijk om naar huis te gaan?' },
      { s: 'R', text: 'We kregen gezinstherapie, met z’n allen. Daar leerden mijn ouders en ik anders praten. Na een half jaar mocht ik terug.', codes: ['type.goede_praktijk', 'themas.hulp_ouders', 'themas.terugplaatsingsproces'] },
      { s: 'I', text: 'En nu?' },
      { s: 'R', text: 'Er komt nog één keer per maand iemand langs. Dat is genoeg. Maar als die therapie eerder was gekomen, had ik misschien niet weg gehoeven.', codes: ['type.verbeterpunt', 'themas.nazorg', 'themas.wachtlijsten'] },
    ],
  },
  {
    title: 'Interview jongere, 15 jaar, woont in een leefgroep (fictief)',
    role: 'child',
    ageBand: '12-15',
    gender: 'f',
    region: 'Zuid-Holland',
    situation: 'placed',
    placementType: 'residential',
    birthMonth: '2011-07',
    date: '2026-04-02',
    mode: 'video',
    durationMinutes: 38,
    turns: [
      { s: 'I', text: 'Je woont nu in een leefgroep. Hoe lang al?' },
      { s: 'R', text: 'Bijna drie jaar. Eerst pleeggezin, toen crisisopvang, toen hier. Dit is mijn vierde plek.', codes: ['type.knelpunt', 'themas.overplaatsingen'] },
      { s: 'I', text: 'Weet je wat er over jouw toekomst is besloten?' },
      { s: 'R', text: 'Ze zeiden dat ik niet meer naar huis ga, dat heet een perspectiefbesluit. Ik heb er een brief over gekregen met heel moeilijke woorden.', codes: ['type.knelpunt', 'themas.perspectiefbesluit', 'themas.participatie_kind'] },
      { s: 'I', text: 'Had je daar zelf iets over kunnen zeggen?' },
      { s: 'R', text: 'Niemand vroeg het. Mijn advocaat zag ik pas na het besluit. Ik wist niet eens dat ik er een kon krijgen.', codes: ['type.knelpunt', 'themas.rechtsbescherming'] },
      { s: 'I', text: 'Hoe is het contact met je moeder?' },
      { s: 'R', text: 'Elke zaterdag, bij haar thuis. Dat is het fijnste van de week. Mijn mentor hier brengt me en haalt me op.', codes: ['type.goede_praktijk', 'themas.contact_omgang'] },
      { s: 'I', text: 'Wat zou je willen veranderen?' },
      { s: 'R', text: 'Dat je een vaste persoon hebt die blijft, ook als je verhuist. Ik heb zes jeugdbeschermers gehad.', codes: ['type.oplossingsrichting', 'themas.werkdruk', 'themas.overplaatsingen'] },
    ],
  },
  {
    title: 'Interview jongere, 13 jaar, gezinshuis (fictief)',
    role: 'child',
    ageBand: '12-15',
    gender: 'm',
    region: 'Overijssel',
    situation: 'placed',
    placementType: 'family_home',
    birthMonth: '2013-01',
    date: '2026-04-09',
    mode: 'in_person',
    durationMinutes: 30,
    turns: [
      { s: 'I', text: 'Je woont in een gezinshuis met je zus. Hoe is dat?' },
      { s: 'R', text: 'Goed eigenlijk. Het belangrijkste is dat mijn zus en ik bij elkaar zijn gebleven. Dat hadden ze eerst niet zo gepland.', codes: ['type.goede_praktijk', 'themas.broers_zussen'] },
      { s: 'I', text: 'Hoe zie je je ouders?' },
      { s: 'R', text: 'Om de twee weken een middag. Mijn vader komt vaak te laat of niet, dan zit ik daar voor niks te wachten.', codes: ['type.knelpunt', 'themas.contact_omgang'] },
      { s: 'I', text: 'Krijgen je ouders hulp, weet je dat?' },
      { s: 'R', text: 'Mijn moeder staat op een wachtlijst voor iets met haar hoofd, al een jaar. Zolang dat niet begint gebeurt er niks.', codes: ['type.knelpunt', 'themas.wachtlijsten', 'themas.hulp_ouders'] },
      { s: 'I', text: 'Wat doen de gezinshuisouders goed?' },
      { s: 'R', text: 'Ze praten ook met mijn moeder, gewoon normaal, niet alsof zij de slechte is. Dan voel ik me niet zo verscheurd.', codes: ['type.goede_praktijk', 'themas.communicatie_ouders'] },
      { s: 'I', text: 'Wil je nog iets zeggen tegen de mensen die dit onderzoek lezen?' },
      { s: 'R', text: 'Luister naar kinderen voordat je iets beslist. Niet erna.', codes: ['type.verbeterpunt', 'themas.participatie_kind'] },
    ],
  },
  {
    title: 'Interview jongvolwassene, 19 jaar, op 15-jarige leeftijd teruggeplaatst (fictief)',
    role: 'young_adult',
    ageBand: '18-23',
    gender: 'f',
    region: 'Utrecht',
    situation: 'returned_home',
    placementType: 'foster_kin',
    birthMonth: '2007-03',
    date: '2026-04-16',
    mode: 'video',
    durationMinutes: 55,
    turns: [
      { s: 'I', text: 'Je hebt een paar jaar bij je tante gewoond. Hoe kijk je daar nu op terug?' },
      { s: 'R', text: 'Dat het bij familie was, heeft me gered denk ik. Ik kende het huis, de buurt, ik kon op mijn eigen school blijven.', codes: ['type.goede_praktijk', 'themas.pleegouders'] },
      { s: 'I', text: 'Hoe verliep de terugplaatsing?' },
      { s: 'R', text: 'Heel plotseling. Na een zitting hoorde ik dat ik over twee weken terug moest. Er was geen plan, geen gesprek met mij.', codes: ['type.knelpunt', 'themas.terugplaatsingsproces', 'themas.participatie_kind'] },
      { s: 'I', text: 'En daarna, was er begeleiding?' },
      { s: 'R', text: 'Drie maanden nog een jeugdbeschermer, toen werd de maatregel beëindigd. Precies toen het thuis weer moeilijker werd stond iedereen buiten.', codes: ['type.knelpunt', 'themas.nazorg'] },
      { s: 'I', text: 'Wat had je toen nodig gehad?' },
      { s: 'R', text: 'Iemand die gewoon af en toe belt. Niet als controle, maar om te vragen hoe het gaat. Een jaar lang of zo.', codes: ['type.oplossingsrichting', 'themas.nazorg'] },
      { s: 'I', text: 'Je doet nu zelf mee als ervaringsdeskundige. Wat geef je professionals mee?' },
      { s: 'R', text: 'Vertel kinderen wat er gebeurt, in gewone taal, en vraag wat zij willen. Ook als je het niet kunt doen, leg dan uit waarom.', codes: ['type.verbeterpunt', 'themas.participatie_kind', 'themas.communicatie_ouders'] },
    ],
  },
  {
    title: 'Interview jongvolwassene, 21 jaar, niet teruggeplaatst (fictief)',
    role: 'young_adult',
    ageBand: '18-23',
    gender: 'm',
    region: 'Limburg',
    situation: 'other',
    placementType: 'residential',
    birthMonth: '2005-09',
    date: '2026-04-23',
    mode: 'phone',
    durationMinutes: 40,
    turns: [
      { s: 'I', text: 'Je bent op je achtste uit huis geplaatst en niet meer teruggegaan. Hoe was dat?' },
      { s: 'R', text: 'Ik ben zeven keer verhuisd. Elke keer een nieuwe school. Op een gegeven moment pak je je spullen niet meer uit.', codes: ['type.knelpunt', 'themas.overplaatsingen', 'themas.trauma'] },
      { s: 'I', text: 'Werd er met je gepraat over wat je had meegemaakt?' },
      { s: 'R', text: 'Pas op mijn zestiende kreeg ik traumabehandeling. Daarvoor was het alleen gedrag, gedrag, gedrag. Niemand keek waar het vandaan kwam.', codes: ['type.knelpunt', 'themas.trauma', 'themas.wachtlijsten'] },
      { s: 'I', text: 'Hoe was het contact met je ouders?' },
      { s: 'R', text: 'Mijn moeder zag ik soms, mijn vader nooit meer. Achteraf had ik hem wel willen kennen. Dat is nooit geprobeerd.', codes: ['type.knelpunt', 'themas.contact_omgang'] },
      { s: 'I', text: 'Hoe ging het toen je achttien werd?' },
      { s: 'R', text: 'Ik mocht tot mijn eenentwintigste blijven in een kamertrainingscentrum, dat was goed geregeld. Mijn begeleider hielp met geld en huur.', codes: ['type.goede_praktijk', 'themas.nazorg'] },
      { s: 'I', text: 'Wat zou je anders willen zien?' },
      { s: 'R', text: 'Eén plek en één vaste begeleider, en eerder kijken naar trauma. Dan had ik misschien wel terug naar huis gekund.', codes: ['type.oplossingsrichting', 'themas.overplaatsingen', 'themas.trauma'] },
    ],
  },
  {
    title: 'Interview moeder, kind weer thuis (fictief)',
    role: 'parent',
    ageBand: 'adult',
    gender: 'f',
    region: 'Gelderland',
    situation: 'returned_home',
    placementType: 'foster_nonkin',
    birthMonth: null,
    date: '2026-03-13',
    mode: 'in_person',
    durationMinutes: 60,
    turns: [
      { s: 'I', text: 'Uw dochter is een jaar uit huis geweest. Hoe begon dat?' },
      { s: 'R', text: 'Ik had het zwaar, schulden, mijn relatie was net over. Ik vroeg zelf om hulp en kreeg een wachttijd van vier maanden. In die tijd ging het mis.', codes: ['type.knelpunt', 'themas.wachtlijsten', 'themas.hulp_ouders'] },
      { s: 'I', text: 'Hoe werd u betrokken bij de beslissing?' },
      { s: 'R', text: 'Ik kreeg een brief dat er een verzoek bij de rechter lag. Ik begreep de helft niet. Een advocaat heb ik pas een dag van tevoren gesproken.', codes: ['type.knelpunt', 'themas.rechtsbescherming', 'themas.communicatie_ouders'] },
      { s: 'I', text: 'En het contact met uw dochter?' },
      { s: 'R', text: 'De eerste drie weken helemaal niets, om haar te laten wennen, zeiden ze. Dat waren de ergste weken van mijn leven.', codes: ['type.knelpunt', 'themas.contact_omgang'] },
      { s: 'I', text: 'Wat hielp u om de terugkeer voor te bereiden?' },
      { s: 'R', text: 'Een schuldhulpverlener en een opvoedcoach, die kwamen allebei thuis. En de pleegmoeder stuurde me elke week foto’s van school. Dat gaf rust.', codes: ['type.goede_praktijk', 'themas.hulp_ouders', 'themas.pleegouders'] },
      { s: 'I', text: 'Was voor u duidelijk wat er moest gebeuren voordat ze terug kon?' },
      { s: 'R', text: 'Pas na maanden kreeg ik een lijstje met doelen. Had ik dat vanaf het begin gehad, dan had ik veel eerder kunnen werken aan wat nodig was.', codes: ['type.verbeterpunt', 'themas.communicatie_ouders', 'themas.terugplaatsingsproces'] },
      { s: 'I', text: 'Hoe gaat het nu?' },
      { s: 'R', text: 'Goed. De coach komt nog een keer per maand. Ik ben bang dat dat stopt, terwijl het juist nu helpt.', codes: ['themas.nazorg'] },
    ],
  },
  {
    title: 'Interview vader, zoon uit huis geplaatst (fictief)',
    role: 'parent',
    ageBand: 'adult',
    gender: 'm',
    region: 'Noord-Holland',
    situation: 'placed',
    placementType: 'residential',
    birthMonth: null,
    date: '2026-03-26',
    mode: 'phone',
    durationMinutes: 45,
    turns: [
      { s: 'I', text: 'Uw zoon woont sinds vorig jaar in een instelling. Hoe is het contact?' },
      { s: 'R', text: 'Eén uur per twee weken, begeleid, op een kantoor in [Plaats 1]. Dat is anderhalf uur reizen met het openbaar vervoer, heen en terug.', codes: ['type.knelpunt', 'themas.contact_omgang'] },
      { s: 'I', text: 'Waarom is het contact begeleid?' },
      { s: 'R', text: 'Dat weet ik eigenlijk niet. Het staat in een plan. Ik heb drie keer gevraagd of het kan worden uitgebreid en nooit antwoord gekregen.', codes: ['type.knelpunt', 'themas.communicatie_ouders', 'themas.rechtsbescherming'] },
      { s: 'I', text: 'Welke hulp krijgt u zelf?' },
      { s: 'R', text: 'Niks. Alle aandacht gaat naar mijn zoon, en dat is goed, maar als ik niet veranderen kan, kan hij toch ook niet terug?', codes: ['type.knelpunt', 'themas.hulp_ouders'] },
      { s: 'I', text: 'Heeft u wisselingen meegemaakt bij de jeugdbescherming?' },
      { s: 'R', text: 'Vier jeugdbeschermers in een jaar. Elke keer moet ik mijn verhaal opnieuw doen. De laatste is wel goed, die belt terug.', codes: ['type.knelpunt', 'themas.werkdruk'] },
      { s: 'I', text: 'Wat zou u willen voorstellen?' },
      { s: 'R', text: 'Bezoek bij mij thuis, met iemand erbij als het moet, en een vast moment in de maand waarop we samen kijken wat er nog nodig is.', codes: ['type.oplossingsrichting', 'themas.contact_omgang', 'themas.terugplaatsingsproces'] },
    ],
  },
  {
    title: 'Interview moeder, spoedplaatsing van twee kinderen (fictief)',
    role: 'parent',
    ageBand: 'adult',
    gender: 'f',
    region: 'Groningen',
    situation: 'placed',
    placementType: 'crisis',
    birthMonth: null,
    date: '2026-05-07',
    mode: 'in_person',
    durationMinutes: 50,
    turns: [
      { s: 'I', text: 'Uw twee kinderen zijn met spoed geplaatst. Kunt u vertellen wat er gebeurde?' },
      { s: 'R', text: 'Op een vrijdagavond kwamen ze met de politie. Binnen een uur waren de kinderen weg. Niemand kon me zeggen waar ze sliepen die nacht.', codes: ['type.knelpunt', 'themas.spoedplaatsing', 'themas.communicatie_ouders'] },
      { s: 'I', text: 'Werden uw kinderen samen geplaatst?' },
      { s: 'R', text: 'Eerst niet. Mijn oudste ging naar een crisisgroep, de kleine naar een pleeggezin. Na zes weken zijn ze samen in een pleeggezin gekomen.', codes: ['themas.broers_zussen', 'themas.overplaatsingen'] },
      { s: 'I', text: 'Hoe was het contact in die eerste weken?' },
      { s: 'R', text: 'De pleegmoeder belde me zelf op de tweede dag, ze zei: u bent hun moeder, ik pas alleen op. Dat vergeet ik nooit.', codes: ['type.goede_praktijk', 'themas.pleegouders', 'themas.contact_omgang'] },
      { s: 'I', text: 'Kreeg u uitleg over de procedure?' },
      { s: 'R', text: 'De advocaat legde uit dat de rechter binnen een paar weken opnieuw zou kijken. Dat hielp, dan weet je dat het niet voor altijd is.', codes: ['type.goede_praktijk', 'themas.rechtsbescherming'] },
      { s: 'I', text: 'Wat heeft u nog nodig?' },
      { s: 'R', text: 'Een huis. Zolang ik in de opvang woon, mogen ze niet terug. Voor een woning sta ik op een lijst van jaren.', codes: ['type.knelpunt', 'themas.wachtlijsten', 'themas.hulp_ouders'] },
    ],
  },
  {
    title: 'Interview ouders, dochter teruggeplaatst na twee jaar (fictief)',
    role: 'parent',
    ageBand: 'adult',
    gender: 'm',
    region: 'Flevoland',
    situation: 'returned_home',
    placementType: 'family_home',
    birthMonth: null,
    date: '2026-05-21',
    mode: 'video',
    durationMinutes: 65,
    turns: [
      { s: 'I', text: 'Jullie dochter is na twee jaar weer thuis. Wat maakte het verschil?' },
      { s: 'R', text: 'Er kwam een nieuwe jeugdbeschermer die vanaf dag één zei: het doel is dat ze terugkomt, laten we kijken hoe. Dat gaf ons hoop.', codes: ['type.goede_praktijk', 'themas.terugplaatsingsproces', 'themas.communicatie_ouders'] },
      { s: 'I', text: 'Hoe zag het traject eruit?' },
      { s: 'R', text: 'Elke zes weken een gesprek met iedereen erbij, ook de gezinshuisouders en onze dochter. Daar werd afgesproken wat de volgende stap was.', codes: ['type.goede_praktijk', 'themas.participatie_kind', 'themas.terugplaatsingsproces'] },
      { s: 'I', text: 'Waren er ook dingen die tegenzaten?' },
      { s: 'R', text: 'De gezinstherapie had een wachtlijst van een half jaar. In die tijd stond alles stil. Dat half jaar krijgen we niet terug.', codes: ['type.knelpunt', 'themas.wachtlijsten'] },
      { s: 'I', text: 'En nu ze thuis is?' },
      { s: 'R', text: 'De gezinshuismoeder komt af en toe nog op visite. Onze dochter vindt dat fijn, het is geen breuk geworden maar een overgang.', codes: ['type.goede_praktijk', 'themas.nazorg', 'themas.pleegouders'] },
      { s: 'I', text: 'Wat zouden jullie aanraden?' },
      { s: 'R', text: 'Begin met hulp aan ouders op de dag van de plaatsing, niet pas als er een plek vrij is. En laat het contact met de verzorgers na thuiskomst niet zomaar stoppen.', codes: ['type.oplossingsrichting', 'themas.hulp_ouders', 'themas.nazorg'] },
    ],
  },
  {
    title: 'Interview pleegmoeder (fictief)',
    role: 'foster_parent',
    ageBand: 'adult',
    gender: 'f',
    region: 'Friesland',
    situation: 'other',
    placementType: 'foster_nonkin',
    birthMonth: null,
    date: '2026-06-04',
    mode: 'in_person',
    durationMinutes: 50,
    turns: [
      { s: 'I', text: 'U bent al twaalf jaar pleegmoeder. Wat ziet u bij terugplaatsingen?' },
      { s: 'R', text: 'Als het goed gaat, werken wij en de ouders samen. Ik nodig ouders uit om mee te gaan naar de tandarts of een ouderavond.', codes: ['type.goede_praktijk', 'themas.pleegouders', 'themas.contact_omgang'] },
      { s: 'I', text: 'En als het niet goed gaat?' },
      { s: 'R', text: 'Dan hoor ik drie dagen van tevoren dat een kind vertrekt. Geen overdracht, geen afscheid. Dat is voor het kind een tweede breuk.', codes: ['type.knelpunt', 'themas.terugplaatsingsproces'] },
      { s: 'I', text: 'Hoe is de begeleiding voor u als pleegouder?' },
      { s: 'R', text: 'Mijn pleegzorgbegeleider heeft veertig gezinnen. Ze is betrokken, maar als ik bel krijg ik de voicemail.', codes: ['type.knelpunt', 'themas.werkdruk'] },
      { s: 'I', text: 'Worden pleegkinderen gehoord, denkt u?' },
      { s: 'R', text: 'Soms. Het hangt af van de jeugdbeschermer. De ene komt elke maand langs en praat alleen met het kind, de andere zie ik een keer per jaar.', codes: ['themas.participatie_kind', 'themas.werkdruk'] },
      { s: 'I', text: 'Wat zou u willen verbeteren?' },
      { s: 'R', text: 'Een vast overdrachtsplan bij elke terugplaatsing, met een afscheid en de mogelijkheid om later nog eens contact te hebben als het kind dat wil.', codes: ['type.oplossingsrichting', 'themas.terugplaatsingsproces', 'themas.nazorg'] },
    ],
  },
  {
    title: 'Interview moeder, ondertoezichtstelling beëindigd (fictief)',
    role: 'parent',
    ageBand: 'adult',
    gender: 'f',
    region: 'Zeeland',
    situation: 'returned_home',
    placementType: 'foster_kin',
    birthMonth: null,
    date: '2026-06-11',
    mode: 'phone',
    durationMinutes: 40,
    turns: [
      { s: 'I', text: 'Uw zoon woonde bij zijn opa en oma. Hoe was dat voor u?' },
      { s: 'R', text: 'Dubbel. Blij dat hij bij familie was, maar mijn ouders en ik kregen ook ruzie over wie er mocht beslissen.', codes: ['themas.pleegouders', 'themas.communicatie_ouders'] },
      { s: 'I', text: 'Werd daar hulp bij geboden?' },
      { s: 'R', text: 'Er kwam een mediator, twee gesprekken. Daarna konden we weer met elkaar praten. Dat had eerder gemogen.', codes: ['type.goede_praktijk', 'themas.hulp_ouders'] },
      { s: 'I', text: 'Hoe ging de rechtszaak over de verlenging?' },
      { s: 'R', text: 'Het rapport kreeg ik de avond voor de zitting. Er stonden dingen in die niet klopten, maar ik had geen tijd om te reageren.', codes: ['type.knelpunt', 'themas.rechtsbescherming'] },
      { s: 'I', text: 'En uiteindelijk?' },
      { s: 'R', text: 'De rechter gaf nog drie maanden en zei erbij wat er in die tijd moest gebeuren. Dat was helder. Daarna is de maatregel gestopt.', codes: ['type.goede_praktijk', 'themas.rechtsbescherming', 'themas.terugplaatsingsproces'] },
      { s: 'I', text: 'Heeft u na de thuiskomst nog ondersteuning?' },
      { s: 'R', text: 'Van het wijkteam, als ik bel. Maar niemand heeft gevraagd hoe het met mijn zoon op school gaat. Daar had ik hulp bij willen hebben.', codes: ['type.verbeterpunt', 'themas.nazorg'] },
    ],
  },
];

/** Text and speaker turns (code-point offsets; the text part after "I: " / "R: ") of a transcript. */
export function transcriptText(turns: DemoTurn[]): { text: string; units: { start: number; end: number; speaker: string; role: 'interviewer' | 'respondent'; startMs: null; endMs: null }[] } {
  let text = '';
  const units = [];
  for (const t of turns) {
    if (text) text += '\n';
    text += `${t.s}: `;
    const start = [...text].length;
    text += t.text;
    units.push({ start, end: [...text].length, speaker: t.s, role: t.s === 'I' ? ('interviewer' as const) : ('respondent' as const), startMs: null, endMs: null });
  }
  return { text, units };
}
