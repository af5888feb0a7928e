/**
 * The seed catalogue of the legal framework, drawn from the domain brief (../shared/domain/brief.md §1–2).
 * Paraphrases are our own words in Dutch, not quotations and not legal advice.
 *
 * Verification follows the brief exactly: only what the brief marks "verified" (UNCRC art. 9(1), 9(2), 9(3) and 25,
 * brief §2.1) is seeded as 'verified'. Everything the brief marks [unverified], gives as a paraphrase to be checked
 * against wetten.overheid.nl, or does not clearly mark as verified, is seeded as 'te_verifieren' with a note saying
 * why. The brief gives no verification dates, so `verifiedOn` stays empty.
 *
 * Keys are stable (`seed_key` in the database): findings and other modules may refer to a seeded norm by its key,
 * in every study. Never rename a key; add new ones.
 */
import type { InstrumentKind, LegalPhase, ObligationType, VerificationStatus } from '../../../shared/legal';

export interface SeedInstrument {
  key: string;
  kind: InstrumentKind;
  name: string;
  shortName: string;
  sourceUrl: string | null;
}

export interface SeedVersion {
  validFrom: string | null;
  validTo: string | null;
  label: string;
  paraphrase: string;
  sourceUrl?: string | null;
}

export interface SeedNorm {
  key: string;
  instrument: string;
  reference: string;
  title: string;
  obligations: ObligationType[];
  phases: LegalPhase[];
  themes: string[];
  sourceUrl: string | null;
  verification: VerificationStatus;
  verifiedOn: string | null;
  verificationNote: string;
  /** brief section the norm comes from (for the note and the tests) */
  brief: string;
  versions: SeedVersion[];
}

// codebook theme names of the template (src/lib/codebook/template.ts), used as tags where they fit
const T = {
  contact: 'Contact en omgang',
  ouders: 'Hulp aan ouders tijdens plaatsing',
  participatie: 'Participatie van het kind',
  rechtsbescherming: 'Rechtsbescherming en procedure',
  spoed: 'Spoedplaatsing',
  stabiliteit: 'Overplaatsingen en stabiliteit',
  perspectief: 'Perspectiefbesluit en aanvaardbare termijn',
  terugplaatsing: 'Terugplaatsingsproces',
  nazorg: 'Nazorg',
} as const;

const WETTEN_BW1 = 'https://wetten.overheid.nl/BWBR0002656';
const CHECK_BW = 'Tekst in de brief is een parafrase uit een secundaire bron; toetsen aan wetten.overheid.nl (BWBR0002656) voordat dit als geldend recht wordt gebruikt.';
const CRC9 = 'https://www.child-abuse.com/childhouse/childrens_rights/crc/crc9.html';
const UNG = 'https://adattar.minorityforum.info/entity/8207otzce3n';
const UNG_NOTE = 'De brief baseert dit op een gedeeltelijk opgehaalde tekst (blz. 4, 7–12) en markeert het niet als geverifieerd; toetsen aan A/RES/64/142.';
const open = (paraphrase: string, label = ''): SeedVersion[] => [{ validFrom: null, validTo: null, label, paraphrase }];

export const SEED_INSTRUMENTS: SeedInstrument[] = [
  { key: 'ivrk', kind: 'uncrc', name: 'Verdrag inzake de rechten van het kind (VN)', shortName: 'IVRK', sourceUrl: null },
  { key: 'evrm', kind: 'echr', name: 'Europees Verdrag voor de Rechten van de Mens', shortName: 'EVRM', sourceUrl: null },
  { key: 'ehrm-olsson', kind: 'ecthr_judgment', name: 'EHRM 24 maart 1988, Olsson t. Zweden (nr. 1), nr. 10465/83 (plenair)', shortName: 'Olsson (1988)', sourceUrl: 'https://www.nkmr.org/en/europadomstolen/olsson-v-sweden' },
  { key: 'ehrm-k-t', kind: 'ecthr_judgment', name: 'EHRM (Grote Kamer) 12 juli 2001, K. en T. t. Finland, nr. 25702/94', shortName: 'K. en T. (2001)', sourceUrl: 'http://www.kaapeli.fi/pesue/KandT2001eng.htm' },
  { key: 'ehrm-strand-lobben', kind: 'ecthr_judgment', name: 'EHRM (Grote Kamer) 10 september 2019, Strand Lobben e.a. t. Noorwegen, nr. 37283/13', shortName: 'Strand Lobben (2019)', sourceUrl: 'https://international.vlex.com/vid/strand-lobben-and-others-811316765' },
  { key: 'vn-richtlijnen', kind: 'un_guidelines', name: 'VN-richtlijnen voor alternatieve zorg voor kinderen (A/RES/64/142)', shortName: 'VN-richtlijnen alternatieve zorg', sourceUrl: UNG },
  { key: 'rve-rec-2005-5', kind: 'coe_recommendation', name: 'Raad van Europa, Comité van Ministers, Aanbeveling Rec(2005)5 over de rechten van kinderen in residentiële instellingen', shortName: 'Rec(2005)5', sourceUrl: 'https://www.coe.int/t/dg3/familypolicy/enfance/resinstitutions_en.asp?toPrint=yes' },
  { key: 'pace-res-2049', kind: 'coe_recommendation', name: 'Parlementaire Vergadering van de Raad van Europa, Resolutie 2049 (2015) over het weghalen van kinderen uit hun gezin', shortName: 'PACE Res. 2049 (2015)', sourceUrl: 'https://assembly.coe.int/nw/xml/XRef/Xref-XML2HTML-en.asp?fileid=21737&lang=en' },
  { key: 'bw1', kind: 'bw_boek1', name: 'Burgerlijk Wetboek Boek 1 (Personen- en familierecht)', shortName: 'BW Boek 1', sourceUrl: WETTEN_BW1 },
  { key: 'jeugdwet', kind: 'jeugdwet', name: 'Jeugdwet', shortName: 'Jeugdwet', sourceUrl: 'https://wetten.overheid.nl/jci1.3:c:BWBR0034925&g=2021-10-18&z=2021-10-18' },
  { key: 'wv-rechtsbescherming', kind: 'bill', name: 'Wetsvoorstel Wet versterking rechtsbescherming in de jeugdbescherming', shortName: 'Wv versterking rechtsbescherming', sourceUrl: 'https://www.rijksoverheid.nl/actueel/nieuws/2024/11/18/betere-rechtsbescherming-kwetsbare-gezinnen-in-de-jeugdbescherming' },
  { key: 'wv-35833', kind: 'bill', name: 'Wetsvoorstel 35 833 (pleegzorg tot 21 jaar; verleningsbeschikking)', shortName: 'Wv 35 833', sourceUrl: 'https://berthub.eu/tkconv/get/2021D24608' },
  { key: 'beleidsregel-rechtsbijstand', kind: 'policy_programme', name: 'Tijdelijke beleidsregel pilot kosteloze rechtsbijstand ouders (Stcrt. 2023, 26497)', shortName: 'Pilot rechtsbijstand ouders', sourceUrl: 'https://zoek.officielebekendmakingen.nl/stcrt-2023-26497.html' },
  { key: 'hervormingsagenda', kind: 'policy_programme', name: 'Hervormingsagenda Jeugd', shortName: 'Hervormingsagenda Jeugd', sourceUrl: 'https://tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2024D42023&id=2024Z17454' },
  { key: 'toekomstscenario', kind: 'policy_programme', name: 'Toekomstscenario kind- en gezinsbescherming', shortName: 'Toekomstscenario', sourceUrl: 'https://vng.nl/artikelen/toekomstscenario-kind-en-gezinsbescherming-zet-kind-en-gezin-centraal' },
  { key: 'richtlijn-uhp', kind: 'other', name: 'Richtlijn Uithuisplaatsing en terugplaatsing (richtlijnenjeugdhulp.nl)', shortName: 'Richtlijn uithuisplaatsing', sourceUrl: 'https://www.richtlijnenjeugdhulp.nl/uithuisplaatsing-en-terugplaatsing/beslissen-over-uithuisplaatsing-en-terugplaatsing/terugplaatsing' },
];

const te = (note: string) => ({ verification: 'te_verifieren' as const, verifiedOn: null, verificationNote: note });
const verified = (note: string) => ({ verification: 'verified' as const, verifiedOn: null, verificationNote: note });

export const SEED_NORMS: SeedNorm[] = [
  // ---- IVRK (brief §2.1) ----
  {
    key: 'ivrk-3', instrument: 'ivrk', reference: 'art. 3 lid 1', title: 'Belang van het kind als eerste overweging',
    obligations: [], phases: ['prevention', 'during_placement', 'reunification', 'aftercare'], themes: [], sourceUrl: null, brief: '§2.1',
    ...te('De brief markeert de tekst van art. 3 als niet opgehaald [unverified].'),
    versions: open('Bij alle beslissingen over kinderen weegt het belang van het kind als eerste mee.'),
  },
  {
    key: 'ivrk-9-1', instrument: 'ivrk', reference: 'art. 9 lid 1', title: 'Geen scheiding van ouders tegen hun wil, behalve na een toetsbare beslissing',
    obligations: ['last_resort'], phases: ['prevention', 'during_placement'], themes: [T.rechtsbescherming], sourceUrl: CRC9, brief: '§2.1',
    ...verified('Geverifieerd volgens de domeinbrief §2.1 (bron: child-abuse.com, tekst art. 9). De brief noemt geen verificatiedatum.'),
    versions: open('Een kind wordt niet tegen de wil van de ouders van hen gescheiden, tenzij bevoegde autoriteiten – onder rechterlijke toetsing en volgens de geldende wet en procedures – vaststellen dat dit nodig is in het belang van het kind, bijvoorbeeld bij mishandeling of verwaarlozing.'),
  },
  {
    key: 'ivrk-9-2', instrument: 'ivrk', reference: 'art. 9 lid 2', title: 'Alle betrokkenen kunnen deelnemen aan de procedure',
    obligations: ['right_to_be_heard'], phases: ['prevention', 'during_placement'], themes: [T.participatie, T.rechtsbescherming], sourceUrl: CRC9, brief: '§2.1',
    ...verified('Geverifieerd volgens de domeinbrief §2.1 (bron: child-abuse.com, tekst art. 9). De brief noemt geen verificatiedatum.'),
    versions: open('In procedures over scheiding krijgen alle belanghebbenden de kans om mee te doen en hun standpunt naar voren te brengen.'),
  },
  {
    key: 'ivrk-9-3', instrument: 'ivrk', reference: 'art. 9 lid 3', title: 'Recht op regelmatig contact met beide ouders',
    obligations: ['right_to_contact'], phases: ['during_placement', 'reunification'], themes: [T.contact], sourceUrl: CRC9, brief: '§2.1',
    ...verified('Geverifieerd volgens de domeinbrief §2.1 (bron: child-abuse.com, tekst art. 9). De brief noemt geen verificatiedatum.'),
    versions: open('Een kind dat van een of beide ouders gescheiden is, heeft recht op geregelde persoonlijke omgang en rechtstreeks contact met beide ouders, tenzij dat in strijd is met zijn belang.'),
  },
  {
    key: 'ivrk-12', instrument: 'ivrk', reference: 'art. 12', title: 'Recht van het kind om gehoord te worden',
    obligations: ['right_to_be_heard'], phases: ['prevention', 'during_placement', 'reunification', 'aftercare'], themes: [T.participatie], sourceUrl: null, brief: '§2.1',
    ...te('De brief markeert de tekst van art. 12 als [unverified text].'),
    versions: open('Een kind dat een eigen mening kan vormen, mag die vrij uiten over zaken die het aangaan; die mening krijgt passend gewicht naar leeftijd en rijpheid, ook in procedures die het kind raken.'),
  },
  {
    key: 'ivrk-18', instrument: 'ivrk', reference: 'art. 18', title: 'Gezamenlijke verantwoordelijkheid van ouders; steun van de staat aan ouders',
    obligations: ['parent_support'], phases: ['prevention', 'during_placement', 'reunification'], themes: [T.ouders], sourceUrl: null, brief: '§2.1',
    ...te('De brief markeert art. 18 als [unverified].'),
    versions: open('Ouders dragen samen de verantwoordelijkheid voor de opvoeding; de staat ondersteunt hen daarbij met passende hulp.'),
  },
  {
    key: 'ivrk-20', instrument: 'ivrk', reference: 'art. 20', title: 'Bijzondere bescherming en alternatieve zorg; continuïteit',
    obligations: [], phases: ['during_placement'], themes: [T.stabiliteit], sourceUrl: null, brief: '§2.1',
    ...te('De brief markeert art. 20 als [unverified].'),
    versions: open('Een kind dat niet in zijn gezin kan opgroeien, heeft recht op bijzondere bescherming en passende alternatieve zorg, met aandacht voor continuïteit in de opvoeding.'),
  },
  {
    key: 'ivrk-25', instrument: 'ivrk', reference: 'art. 25', title: 'Periodieke evaluatie van de plaatsing',
    obligations: ['periodic_review'], phases: ['during_placement'], themes: [], sourceUrl: 'https://archive.crin.org/en/home/rights/convention/articles/article-25-periodic-review-placement.html', brief: '§2.1',
    ...verified('Geverifieerd volgens de domeinbrief §2.1 (bron: CRIN, art. 25). De brief noemt geen verificatiedatum.'),
    versions: open('Een uit huis geplaatst kind heeft recht op een regelmatige beoordeling van de behandeling die het krijgt en van alle andere omstandigheden van de plaatsing.'),
  },
  {
    key: 'ivrk-27', instrument: 'ivrk', reference: 'art. 27', title: 'Levensstandaard; steun van de staat aan ouders',
    obligations: ['parent_support'], phases: ['prevention', 'reunification'], themes: [T.ouders], sourceUrl: null, brief: '§2.1',
    ...te('De brief markeert art. 27 als [unverified].'),
    versions: open('Ieder kind heeft recht op een toereikende levensstandaard; de staat helpt ouders waar nodig om die te bieden.'),
  },
  // ---- EVRM en EHRM (brief §2.3) ----
  {
    key: 'evrm-8', instrument: 'evrm', reference: 'art. 8', title: 'Recht op respect voor het familie- en gezinsleven',
    obligations: ['reunification_duty', 'right_to_contact'], phases: ['prevention', 'during_placement', 'reunification'], themes: [], sourceUrl: null, brief: '§2.3',
    ...te('De brief bespreekt art. 8 via rechtspraak; de verdragstekst zelf is niet opgehaald.'),
    versions: open('Ieder heeft recht op respect voor zijn familie- en gezinsleven; een inmenging door de overheid, zoals een uithuisplaatsing, moet een wettelijke basis hebben en noodzakelijk zijn.'),
  },
  {
    key: 'ehrm-olsson-hereniging', instrument: 'ehrm-olsson', reference: 'Olsson (nr. 1), (paragraaf niet geverifieerd)', title: 'Uithuisplaatsing is tijdelijk en gericht op hereniging',
    obligations: ['reunification_duty', 'right_to_contact'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing, T.contact], sourceUrl: 'https://www.nkmr.org/en/europadomstolen/olsson-v-sweden', brief: '§2.3',
    ...te('Schending van art. 8 en de identiteit van de zaak zijn volgens de brief nagegaan; de formulering van deze leer en de paragraaf (§81) zijn [unverified].'),
    versions: open('Een zorgmaatregel hoort tijdelijk te zijn en te eindigen zodra de omstandigheden het toelaten; de uitvoering moet passen bij het doel van hereniging (het Hof had kritiek op plaatsing ver van de ouders).'),
  },
  {
    key: 'ehrm-k-t-spoed', instrument: 'ehrm-k-t', reference: 'K. en T., uitspraak Grote Kamer (spoedmaatregel)', title: 'Weghalen bij de geboorte vraagt buitengewoon dwingende redenen',
    obligations: ['last_resort'], phases: ['prevention'], themes: [T.spoed], sourceUrl: 'http://www.kaapeli.fi/pesue/KandT2001eng.htm', brief: '§2.3',
    ...te('Bron in de brief is het persbericht van de griffie, niet de uitspraak zelf; niet als geverifieerd gemarkeerd.'),
    versions: open('Het Hof vond een schending van art. 8 in de spoedmaatregel voor een pasgeboren kind: een kind direct na de geboorte bij de moeder weghalen kan alleen om uitzonderlijk zwaarwegende redenen.'),
  },
  {
    key: 'ehrm-k-t-hereniging', instrument: 'ehrm-k-t', reference: 'K. en T., uitspraak Grote Kamer (hereniging)', title: 'Plicht om stappen naar hereniging te zetten',
    obligations: ['reunification_duty'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing], sourceUrl: 'http://www.kaapeli.fi/pesue/KandT2001eng.htm', brief: '§2.3',
    ...te('Bron in de brief is het persbericht van de griffie, niet de uitspraak zelf; niet als geverifieerd gemarkeerd.'),
    versions: open('Het Hof vond unaniem een schending van art. 8 omdat de autoriteiten geen behoorlijke stappen hadden gezet om het gezin te herenigen.'),
  },
  {
    key: 'ehrm-strand-lobben', instrument: 'ehrm-strand-lobben', reference: 'Strand Lobben, §§ 204–213 (niet geverifieerd)', title: 'Positieve verplichting tot hereniging, met toenemend gewicht',
    obligations: ['reunification_duty', 'periodic_review'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing, T.perspectief], sourceUrl: 'https://international.vlex.com/vid/strand-lobben-and-others-811316765', brief: '§2.3',
    ...te('Zaak en schending van art. 8 zijn volgens de brief nagegaan; de formulering van de beginselen in §§ 204–213 is [unverified].'),
    versions: open('De staat moet maatregelen nemen om hereniging mogelijk te maken zodra dat redelijkerwijs kan; die plicht weegt zwaarder naarmate de plaatsing langer duurt, steeds afgewogen tegen het belang van het kind. De situatie moet van tijd tot tijd opnieuw worden bekeken; familiebanden doorsnijden kan alleen in zeer uitzonderlijke omstandigheden.'),
  },
  // ---- VN-richtlijnen (brief §2.2) ----
  {
    key: 'vn-11', instrument: 'vn-richtlijnen', reference: '§ 11', title: 'Plaatsing dicht bij huis',
    obligations: ['right_to_contact', 'reunification_duty'], phases: ['during_placement'], themes: [T.contact], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Plaats een kind zo dicht mogelijk bij zijn gewone woonplaats, zodat contact en een mogelijke terugkeer makkelijker zijn.'),
  },
  {
    key: 'vn-14', instrument: 'vn-richtlijnen', reference: '§ 14', title: 'Uithuisplaatsing als laatste middel, zo kort mogelijk',
    obligations: ['last_resort', 'periodic_review', 'reunification_duty'], phases: ['prevention', 'during_placement', 'reunification'], themes: [T.terugplaatsing], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Een kind uit zijn gezin halen is een laatste middel, zo mogelijk tijdelijk en zo kort mogelijk. Zo’n besluit wordt regelmatig herbekeken; het kind keert terug zodra de oorspronkelijke redenen zijn weggenomen, na een zorgvuldige beoordeling.'),
  },
  {
    key: 'vn-15', instrument: 'vn-richtlijnen', reference: '§ 15', title: 'Armoede alleen is nooit een grond voor plaatsing of voor het uitblijven van terugkeer',
    obligations: ['last_resort', 'parent_support'], phases: ['prevention', 'reunification'], themes: [T.ouders], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Geldgebrek of armoede alleen mag nooit de reden zijn om een kind weg te halen of om terugkeer tegen te houden; het is een teken dat het gezin steun nodig heeft.'),
  },
  {
    key: 'vn-32-36', instrument: 'vn-richtlijnen', reference: '§§ 32–36', title: 'Preventie: steun aan gezinnen',
    obligations: ['parent_support'], phases: ['prevention'], themes: [T.ouders], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Overheden voeren beleid dat de oorzaken van uithuisplaatsing aanpakt: opvoedondersteuning, hulp bij conflicten, inkomenssteun, kinderopvang, bemiddeling, verslavingszorg, huisbezoeken en overleg rond het gezin, met aandacht voor alleenstaande en jonge ouders.'),
  },
  {
    key: 'vn-47', instrument: 'vn-richtlijnen', reference: '§ 47', title: 'Rechterlijke toetsing en passende rechtsbijstand',
    obligations: ['legal_representation', 'last_resort'], phases: ['prevention', 'during_placement'], themes: [T.rechtsbescherming], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Een kind wordt alleen tegen de wil van de ouders weggehaald door een bevoegde autoriteit, onder rechterlijke toetsing, met een recht op beroep en toegang tot passende rechtsbijstand.'),
  },
  {
    key: 'vn-49-51', instrument: 'vn-richtlijnen', reference: '§§ 49–51', title: 'Hereniging voorbereiden: beoordeling, schriftelijk plan en contact',
    obligations: ['reunification_duty', 'right_to_contact'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing, T.contact], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Of terugkeer mogelijk en in het belang van het kind is, wordt multidisciplinair beoordeeld. De doelen en de taken van gezin en zorgaanbieder worden schriftelijk vastgelegd en afgesproken, en regelmatig contact met het oog op terugkeer wordt opgebouwd, ondersteund en gevolgd.'),
  },
  {
    key: 'vn-52', instrument: 'vn-richtlijnen', reference: '§ 52', title: 'Terugkeer geleidelijk en begeleid, met nazorg',
    obligations: ['aftercare', 'reunification_duty'], phases: ['reunification', 'aftercare'], themes: [T.terugplaatsing, T.nazorg], sourceUrl: UNG, brief: '§2.2',
    ...te('De brief markeert de formulering van § 52 uitdrukkelijk als [unverified wording].'),
    versions: open('Terugkeer naar huis verloopt stapsgewijs en onder begeleiding, met opvolging en steun daarna.'),
  },
  {
    key: 'vn-57-58', instrument: 'vn-richtlijnen', reference: '§§ 57–58', title: 'Zorgvuldige besluitvorming met inspraak van kind en ouders',
    obligations: ['right_to_be_heard', 'periodic_review'], phases: ['prevention', 'during_placement'], themes: [T.participatie, T.rechtsbescherming], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Besluiten over alternatieve zorg lopen via een rechterlijke of bestuurlijke procedure met waarborgen, berusten op een grondige beoordeling, planning en evaluatie, en worden genomen in volledig overleg met kind en ouders.'),
  },
  {
    key: 'vn-63-67', instrument: 'vn-richtlijnen', reference: '§§ 63–67', title: 'Zorgplan, informatie en evaluatie (bij voorkeur elke drie maanden)',
    obligations: ['periodic_review', 'right_to_be_heard'], phases: ['during_placement'], themes: [T.participatie], sourceUrl: UNG, brief: '§2.2',
    ...te(UNG_NOTE),
    versions: open('Het zorgplan noemt doelen en maatregelen. Kind en ouders worden geïnformeerd en kunnen hun standpunt aan een rechter voorleggen. De plaatsing wordt bij voorkeur minstens elke drie maanden geëvalueerd.'),
  },
  {
    key: 'vn-131-136', instrument: 'vn-richtlijnen', reference: 'deel VII.D, ca. §§ 131–136', title: 'Nazorg voor jongeren die de zorg verlaten',
    obligations: ['aftercare'], phases: ['aftercare'], themes: [T.nazorg], sourceUrl: UNG, brief: '§2.2',
    ...te('De brief markeert de nazorgparagrafen als [unverified]; ook de nummering is bij benadering.'),
    versions: open('Jongeren die de alternatieve zorg verlaten, krijgen begeleiding en steun bij de overgang naar zelfstandigheid.'),
  },
  // ---- Raad van Europa (brief §2.4) ----
  {
    key: 'rve-rec-2005-5', instrument: 'rve-rec-2005-5', reference: 'Rec(2005)5, beginselen', title: 'Plaatsing blijft de uitzondering en is gericht op terugkeer',
    obligations: ['last_resort', 'reunification_duty'], phases: ['prevention', 'reunification'], themes: [T.terugplaatsing], sourceUrl: 'https://www.coe.int/t/dg3/familypolicy/enfance/resinstitutions_en.asp?toPrint=yes', brief: '§2.4',
    ...te('In de brief samengevat met korte citaten uit een secundaire weergave; niet als geverifieerd gemarkeerd.'),
    versions: open('Plaatsing buiten het gezin is alleen gerechtvaardigd als thuis blijven niet kan; zij blijft de uitzondering en is erop gericht dat het kind zo snel mogelijk weer goed kan integreren, waar mogelijk in het eigen gezin.'),
  },
  {
    key: 'pace-res-2049', instrument: 'pace-res-2049', reference: 'Resolutie 2049 (2015)', title: 'Geen scheiding zonder toetsbare beslissing; regelmatig contact; niet beslissen op tijdsverloop alleen',
    obligations: ['last_resort', 'right_to_contact'], phases: ['prevention', 'during_placement', 'reunification'], themes: [T.contact, T.perspectief], sourceUrl: 'https://assembly.coe.int/nw/xml/XRef/Xref-XML2HTML-en.asp?fileid=21737&lang=en', brief: '§2.4',
    ...te('In de brief samengevat; niet als geverifieerd gemarkeerd.'),
    versions: open('De Vergadering vraagt staten om kinderen alleen na een rechterlijk toetsbare beslissing van hun ouders te scheiden, regelmatig contact te waarborgen, en familiebanden niet volledig te verbreken of plaatsingsbesluiten niet alleen op het verstrijken van tijd te baseren.'),
  },
  // ---- BW Boek 1 (brief §1.2–1.5) ----
  {
    key: 'bw1-255', instrument: 'bw1', reference: 'art. 1:255 lid 1', title: 'Gronden voor ondertoezichtstelling; aanvaardbare termijn',
    obligations: [], phases: ['prevention', 'during_placement'], themes: [T.perspectief], sourceUrl: 'https://pleegkind-en-pleegzorg.nl/art-1255-bw/', brief: '§1.2',
    ...te(`Brief: bijna letterlijk uit een secundaire bron, "check wording". ${CHECK_BW}`),
    versions: open('De kinderrechter kan een kind onder toezicht stellen als zijn ontwikkeling ernstig wordt bedreigd, de ouders de nodige zorg niet (genoeg) aanvaarden, en te verwachten is dat de ouders binnen een voor het kind aanvaardbare termijn de verantwoordelijkheid weer kunnen dragen. De aanvaardbare termijn is een open norm, geen vaste termijn.'),
  },
  {
    key: 'bw1-257', instrument: 'bw1', reference: 'art. 1:257', title: 'Voorlopige ondertoezichtstelling (hoogstens drie maanden)',
    obligations: [], phases: ['prevention'], themes: [T.spoed], sourceUrl: 'https://wetboekplus.nl/burgerlijk-wetboek-boek-1-artikel-257-voorlopig-onder-toezicht-stellen/', brief: '§1.2',
    ...te(CHECK_BW),
    versions: open('Bij een ernstig vermoeden dat de grond voor een OTS aanwezig is en een acute, ernstige bedreiging moet worden weggenomen, kan de rechter voorlopig onder toezicht stellen, voor hoogstens drie maanden; hij kan dit altijd weer intrekken.'),
  },
  {
    key: 'bw1-258', instrument: 'bw1', reference: 'art. 1:258 lid 1 (vermoedelijk)', title: 'Duur van de ondertoezichtstelling (hoogstens één jaar)',
    obligations: ['periodic_review'], phases: ['during_placement'], themes: [], sourceUrl: 'https://www.kinderbescherming.nl/themas/uithuisplaatsing', brief: '§1.2',
    ...te('De maximale duur van één jaar is bevestigd door RvdK en NJi, maar het artikelnummer is [unverified] (vermoedelijk 1:258 lid 1).'),
    versions: open('Een ondertoezichtstelling duurt hoogstens een jaar en kan daarna telkens worden verlengd.'),
  },
  {
    key: 'bw1-260', instrument: 'bw1', reference: 'art. 1:260 leden 1–2', title: 'Verlenging van de ondertoezichtstelling, telkens hoogstens één jaar',
    obligations: ['periodic_review'], phases: ['during_placement'], themes: [], sourceUrl: 'https://wetboekplus.nl/burgerlijk-wetboek-boek-1-artikel-260-verlengen-ondertoezichtstelling/', brief: '§1.2',
    ...te(CHECK_BW),
    versions: open('Zolang de grond voor de OTS bestaat, kan de kinderrechter haar telkens met hoogstens een jaar verlengen. De GI vraagt dat aan; doet zij dat niet, dan kunnen de Raad, een ouder, de opvoeder of het OM het vragen.'),
  },
  {
    key: 'bw1-262b', instrument: 'bw1', reference: 'art. 1:262b', title: 'Geschillenregeling bij de uitvoering van de OTS',
    obligations: [], phases: ['during_placement'], themes: [T.rechtsbescherming, T.perspectief], sourceUrl: 'https://inview.nl/document/id4890c1ab409f48f9a54c542892f28a78', brief: '§1.2',
    ...te(`${CHECK_BW} Dat het perspectiefbesluit niet via deze weg toetsbaar is, volgt uit een weergave van de conclusie van de A-G van 17 maart 2023.`),
    versions: open('Betrokkenen kunnen geschillen over de uitvoering van de OTS aan de kinderrechter voorleggen. Volgens de A-G (2023) valt het perspectiefbesluit hier niet onder.'),
  },
  {
    key: 'bw1-265b', instrument: 'bw1', reference: 'art. 1:265b', title: 'Machtiging tot uithuisplaatsing',
    obligations: ['last_resort'], phases: ['prevention', 'during_placement'], themes: [], sourceUrl: 'https://appelman.nl/woordenboek/personen-en-familierecht/machtiging-uithuisplaatsing-betekenis/', brief: '§1.3',
    ...te(`${CHECK_BW} De samenvatting in de brief komt van een site die nog het oude art. 1:261 noemt.`),
    versions: [
      { validFrom: null, validTo: '2014-12-31', label: 'Tot 2015: art. 1:261 BW (oud)', paraphrase: 'Vóór de herziening van de kinderbeschermingsmaatregelen stond de machtiging tot uithuisplaatsing in art. 1:261 BW (oud).' },
      {
        validFrom: '2015-01-01', validTo: null, label: 'Sinds 1 januari 2015 (Wet herziening kinderbeschermingsmaatregelen, Stb. 2014, 130)',
        paraphrase: 'Binnen een OTS kan de kinderrechter op verzoek van de GI, de Raad of het OM machtigen tot uithuisplaatsing dag en nacht, als dat nodig is in het belang van de verzorging en opvoeding van het kind of voor onderzoek naar zijn geestelijke of lichamelijke gesteldheid. Vraagt de Raad of het OM het, dan is een besluit van B&W nodig (niet bij plaatsing bij de andere gezagdragende ouder).',
      },
    ],
  },
  {
    key: 'bw1-265b-3', instrument: 'bw1', reference: 'art. 1:265b lid 3', title: 'Spoedmachtiging; horen achteraf',
    obligations: ['right_to_be_heard'], phases: ['prevention', 'during_placement'], themes: [T.spoed], sourceUrl: 'https://www.jeugdengezinsbeschermingfriesland.nl/veelgestelde-vragen/machtiging-uithuisplaatsing/', brief: '§1.3',
    ...te('De maximale duur van een spoedmachtiging ("vier weken") en de hoortermijn zijn in de brief [unverified]; toetsen aan de wettekst.'),
    versions: open('Bij spoed kan de rechter machtigen zonder ouders en kind eerst te horen; zij worden dan achteraf gehoord, in de praktijk ongeveer twee weken na de plaatsing.'),
  },
  {
    key: 'bw1-265c', instrument: 'bw1', reference: 'art. 1:265c leden 1–3', title: 'Duur, verlenging en vervallen van de machtiging',
    obligations: ['periodic_review'], phases: ['during_placement'], themes: [], sourceUrl: 'https://uitspraken.rechtspraak.nl/inziendocument?id=ECLI:NL:GHARL:2021:275', brief: '§1.3',
    ...te(`De tekst van lid 1 is in de brief [unverified]; leden 2–3 steunen op rechtspraak en gemeentelijke FAQ's. ${CHECK_BW}`),
    versions: open('Een machtiging tot uithuisplaatsing geldt hoogstens een jaar en kan telkens met hoogstens een jaar worden verlengd. Is zij niet binnen drie maanden uitgevoerd, dan vervalt zij.'),
  },
  {
    key: 'bw1-265d', instrument: 'bw1', reference: 'art. 1:265d', title: 'Beëindigen of bekorten van de uithuisplaatsing',
    obligations: ['reunification_duty', 'right_to_be_heard'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing, T.rechtsbescherming], sourceUrl: 'https://uitspraken.rechtspraak.nl/inziendocument?id=ECLI:NL:RBLIM:2021:4697', brief: '§1.3',
    ...te(CHECK_BW),
    versions: open('De GI kan de uithuisplaatsing beëindigen. Een kind vanaf 12 jaar, de ouders of de pleegouders kunnen de GI vragen de plaatsing te beëindigen of in te korten, en tegen het schriftelijke besluit naar de kinderrechter gaan.'),
  },
  {
    key: 'bw1-265f', instrument: 'bw1', reference: 'art. 1:265f (vermoedelijk)', title: 'Beperking van het contact door de GI, met rechterlijke toetsing',
    obligations: ['right_to_contact'], phases: ['during_placement'], themes: [T.contact], sourceUrl: null, brief: '§1.4',
    ...te('De brief markeert het artikelnummer en de inhoud als [unverified] ("believed to be").'),
    versions: open('Tijdens een uithuisplaatsing zou de GI het contact met een gezagdragende ouder kunnen beperken, met toetsing door de kinderrechter.'),
  },
  {
    key: 'bw1-265g', instrument: 'bw1', reference: 'art. 1:265g', title: 'Omgangsregeling tijdens de ondertoezichtstelling',
    obligations: ['right_to_contact'], phases: ['during_placement'], themes: [T.contact], sourceUrl: 'https://www.recht.nl/rechtspraak/uitspraak/?ecli=ECLI:NL:RBMNE:2017:6205', brief: '§1.4',
    ...te(CHECK_BW),
    versions: open('Op verzoek van de GI kan de kinderrechter een omgangsregeling of een verdeling van zorgtaken vaststellen of wijzigen als het belang van het kind dat vraagt.'),
  },
  {
    key: 'bw1-265j', instrument: 'bw1', reference: 'art. 1:265j (vermoedelijk)', title: 'Toestemming van de rechter om een kind na een jaar te verplaatsen',
    obligations: [], phases: ['during_placement'], themes: [T.stabiliteit], sourceUrl: 'https://wetboekplus.nl/category/titel-14-het-gezag-over-minderjarige-kinderen/afdeling-4-ondertoezichtstelling-van-minderjarigen/', brief: '§1.3',
    ...te('Het artikelnummer is in de brief [unverified].'),
    versions: open('Woont een kind een jaar of langer bij dezelfde opvoeder, dan heeft de GI toestemming van de kinderrechter nodig om zijn verblijfplaats te wijzigen.'),
  },
  {
    key: 'bw1-265k', instrument: 'bw1', reference: 'art. 1:265k (vermoedelijk)', title: 'Tijdig melden dat niet om verlenging wordt gevraagd',
    obligations: ['reunification_duty'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing], sourceUrl: 'https://wetboekplus.nl/category/titel-14-het-gezag-over-minderjarige-kinderen/afdeling-4-ondertoezichtstelling-van-minderjarigen/', brief: '§1.2',
    ...te('Het artikelnummer is in de brief [unverified] (waarschijnlijk 1:265k).'),
    versions: open('Besluit de GI geen verlenging van de OTS of de machtiging te vragen, dan laat zij dat uiterlijk twee maanden voor het einde weten.'),
  },
  {
    key: 'bw1-266', instrument: 'bw1', reference: 'art. 1:266 lid 1', title: 'Beëindiging van het ouderlijk gezag',
    obligations: [], phases: ['during_placement'], themes: [T.perspectief], sourceUrl: 'https://wetboekplus.nl/burgerlijk-wetboek-boek-1-artikel-266-gezag-van-een-ouder-beeindigen/', brief: '§1.5',
    ...te(CHECK_BW),
    versions: open('De rechtbank kan het gezag van een ouder beëindigen als de ontwikkeling van het kind ernstig wordt bedreigd en de ouder niet binnen een voor het kind aanvaardbare termijn de verantwoordelijkheid kan dragen, of als de ouder het gezag misbruikt. Volgens de memorie van toelichting (32 015, nr. 3) is de aanvaardbare termijn doorgaans korter naarmate het kind jonger is.'),
  },
  {
    key: 'bw1-377a', instrument: 'bw1', reference: 'art. 1:377a', title: 'Recht op omgang met beide ouders',
    obligations: ['right_to_contact'], phases: ['during_placement', 'reunification'], themes: [T.contact], sourceUrl: 'https://lawyrup.nl/burgerlijk-wetboek/personen-en-familierecht/omgang-en-informatie-minderjarige-kinderen', brief: '§1.4',
    ...te(CHECK_BW),
    versions: open('Een kind heeft recht op omgang met zijn ouders.'),
  },
  // ---- Jeugdwet (brief §1.1, §1.7) ----
  {
    key: 'jeugdwet-gemeente', instrument: 'jeugdwet', reference: 'Jeugdwet (stelsel; Invoeringswet 33 983)', title: 'Gemeente verantwoordelijk voor jeugdhulp en uitvoering van maatregelen',
    obligations: ['parent_support'], phases: ['prevention', 'during_placement', 'reunification', 'aftercare'], themes: [T.ouders], sourceUrl: 'https://openkamer.org/kamerstuk/33983/3', brief: '§1.7',
    ...te('Uit de considerans en de invoeringswet zoals in de brief samengevat; artikelen niet geverifieerd (BWBR0034925).'),
    versions: [
      { validFrom: '2015-01-01', validTo: null, label: 'In werking sinds 1 januari 2015 (Stb. 2014, 105)', paraphrase: 'Gemeenten zijn verantwoordelijk voor jeugdhulp en zorgen ervoor dat kinderbeschermingsmaatregelen worden uitgevoerd (via gecertificeerde instellingen).' },
    ],
  },
  {
    key: 'jeugdwet-gesloten', instrument: 'jeugdwet', reference: 'hoofdstuk 6', title: 'Machtiging gesloten jeugdhulp',
    obligations: ['last_resort'], phases: ['during_placement'], themes: [T.rechtsbescherming], sourceUrl: 'https://www.nji.nl/uithuisplaatsing/hoe-zit-het', brief: '§1.7',
    ...te('In de brief samengevat via NJi; artikelen niet geverifieerd.'),
    versions: open('Gesloten jeugdhulp vraagt een aparte machtiging van de rechter; zij is vrijwel altijd gedwongen.'),
  },
  // ---- Wetsvoorstellen (brief §1.7–1.8) ----
  {
    key: 'wv-perspectiefbesluit', instrument: 'wv-rechtsbescherming', reference: 'contourenbrief 18 nov 2024 (Kamerstuk 31 839, nr. 1047)', title: 'Perspectiefbesluit door de kinderrechter',
    obligations: ['right_to_be_heard', 'reunification_duty'], phases: ['during_placement', 'reunification'], themes: [T.perspectief, T.rechtsbescherming], sourceUrl: 'https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2024D44592&id=2024D44592', brief: '§1.8',
    ...te('Voorstel, geen geldend recht. De stand na de internetconsultatie (2025) is in de brief [unverified].'),
    versions: open('Voorgesteld: het perspectiefbesluit – blijft de toekomst van het kind thuis of elders – wordt alleen nog door de kinderrechter genomen, niet meer intern door de GI.', 'Voorstel (contourenbrief 18 november 2024)'),
  },
  {
    key: 'wv-subsidiariteit', instrument: 'wv-rechtsbescherming', reference: 'consultatieversie, spoor 1', title: 'Subsidiariteit in de gronden voor OTS en uithuisplaatsing',
    obligations: ['last_resort'], phases: ['prevention'], themes: [], sourceUrl: 'https://nysingh.nl/blog/internetconsultatie-wet-versterking-rechtsbescherming-in-de-jeugdbescherming-gestart/', brief: '§1.8',
    ...te('Voorstel in internetconsultatie (19 dec 2024 – 19 mrt 2025); verdere stand [unverified].'),
    versions: open('Voorgesteld: het subsidiariteitsbeginsel – eerst de minst ingrijpende passende maatregel – wordt in de wettelijke gronden voor OTS en uithuisplaatsing opgenomen.', 'Consultatieversie'),
  },
  {
    key: 'wv-terugplaatsing', instrument: 'wv-rechtsbescherming', reference: 'consultatieversie, spoor 2', title: 'Terugplaatsing na uithuisplaatsing bevorderen',
    obligations: ['reunification_duty'], phases: ['reunification'], themes: [T.terugplaatsing], sourceUrl: 'https://nysingh.nl/blog/internetconsultatie-wet-versterking-rechtsbescherming-in-de-jeugdbescherming-gestart/', brief: '§1.8',
    ...te('Voorstel in internetconsultatie; inhoud per spoor alleen op hoofdlijnen bekend, verdere stand [unverified].'),
    versions: open('Voorgesteld: het wetsvoorstel bevat maatregelen om terugplaatsing na een uithuisplaatsing te bevorderen.', 'Consultatieversie'),
  },
  {
    key: 'wv-rechtsbijstand', instrument: 'wv-rechtsbescherming', reference: 'contourenbrief 18 nov 2024', title: 'Kosteloze rechtsbijstand voor ouders',
    obligations: ['legal_representation'], phases: ['prevention', 'during_placement'], themes: [T.rechtsbescherming], sourceUrl: 'https://www.rijksoverheid.nl/actueel/nieuws/2024/11/18/betere-rechtsbescherming-kwetsbare-gezinnen-in-de-jeugdbescherming', brief: '§1.8',
    ...te('Voorstel, geen geldend recht; stand na 2025 [unverified].'),
    versions: open('Voorgesteld: ouders krijgen recht op kosteloze rechtsbijstand bij een eerste gedwongen uithuisplaatsing en bij gezagsbeëindiging; tot dan loopt de pilot door.', 'Voorstel (contourenbrief 18 november 2024)'),
  },
  {
    key: 'wv-35833-pleegzorg-21', instrument: 'wv-35833', reference: 'Kamerstuk 35 833', title: 'Pleegzorg tot 21 jaar',
    obligations: ['aftercare'], phases: ['aftercare'], themes: [T.nazorg], sourceUrl: 'https://berthub.eu/tkconv/get/2021D24608', brief: '§1.7',
    ...te('De brief noemt het wetsvoorstel en de inhoud, niet de status; niet geverifieerd.'),
    versions: open('Voorgesteld: pleegzorg loopt door tot 21 jaar, en voor door de rechter opgelegde plaatsingen en gesloten jeugdhulp vervalt de verleningsbeschikking van de gemeente.', 'Wetsvoorstel'),
  },
  // ---- Beleid (brief §1.5, §1.9) en richtlijn (§1.6) ----
  {
    key: 'pilot-rechtsbijstand', instrument: 'beleidsregel-rechtsbijstand', reference: 'Stcrt. 2023, 26497', title: 'Pilot kosteloze rechtsbijstand voor ouders in eerste aanleg',
    obligations: ['legal_representation'], phases: ['prevention', 'during_placement'], themes: [T.rechtsbescherming], sourceUrl: 'https://zoek.officielebekendmakingen.nl/stcrt-2023-26497.html', brief: '§1.5',
    ...te('Uit de brief; de beleidsregel zelf (looptijd, voorwaarden) is niet geverifieerd.'),
    versions: open('Tijdelijk krijgen ouders kosteloze rechtsbijstand in eerste aanleg bij een (spoed)machtiging tot uithuisplaatsing en bij gezagsbeëindiging.', 'Tijdelijke beleidsregel'),
  },
  {
    key: 'hervormingsagenda-minder-uhp', instrument: 'hervormingsagenda', reference: 'Hervormingsagenda Jeugd (2023) en Regeerprogramma 2024', title: 'Minder uithuisplaatsingen',
    obligations: ['last_resort', 'parent_support'], phases: ['prevention'], themes: [], sourceUrl: 'https://tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2024D42023&id=2024Z17454', brief: '§1.9',
    ...te('Beleid, geen recht. De doelen tot 2028 zijn in de brief [unverified; news snippet only].'),
    versions: open('Het kabinet zet de Hervormingsagenda voort, wil de veiligheid van kinderen vergroten en het aantal uithuisplaatsingen terugbrengen.', 'Beleidsprogramma'),
  },
  {
    key: 'toekomstscenario-een-gezicht', instrument: 'toekomstscenario', reference: 'Toekomstscenario (2021); Programmaplan 2023–2026', title: 'Eén vast gezicht en een regionaal veiligheidsteam',
    obligations: ['parent_support'], phases: ['prevention', 'during_placement'], themes: [T.ouders], sourceUrl: 'https://vng.nl/artikelen/toekomstscenario-kind-en-gezinsbescherming-zet-kind-en-gezin-centraal', brief: '§1.9',
    ...te('Beleid, geen recht; in de brief samengevat, niet als geverifieerd gemarkeerd.'),
    versions: open('Gezinnen krijgen een lokaal team met één vast gezicht, en een regionaal veiligheidsteam bundelt taken van GI, Veilig Thuis en Raad; dit wordt beproefd in proeftuinen.', 'Beleidsprogramma'),
  },
  {
    key: 'richtlijn-terugplaatsing', instrument: 'richtlijn-uhp', reference: 'Richtlijn, onderdeel terugplaatsing', title: 'Inspanning gericht op terugplaatsing en regelmatige evaluatie',
    obligations: ['reunification_duty', 'periodic_review'], phases: ['during_placement', 'reunification'], themes: [T.terugplaatsing, T.perspectief], sourceUrl: 'https://www.richtlijnenjeugdhulp.nl/uithuisplaatsing-en-terugplaatsing/beslissen-over-uithuisplaatsing-en-terugplaatsing/terugplaatsing', brief: '§1.6',
    ...te('Professionele richtlijn, geen wet; in de brief samengevat, niet als geverifieerd gemarkeerd. De oude voorbeeldtermijnen (een half jaar onder 5 jaar, een jaar vanaf 5 jaar) zijn nooit wet geweest en NJi heeft de strikte lezing in 2022 losgelaten.'),
    versions: open('Professionals spannen zich in voor terugplaatsing en evalueren de plaatsing regelmatig; zij wegen een terugplaatsing af met een afwegingskader van tien factoren en kijken naar de rol van het netwerk.', 'Richtlijn'),
  },
];
