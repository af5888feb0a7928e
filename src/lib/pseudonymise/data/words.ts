/** Small word lists used by the detection rules. */

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

/**
 * Capitalised words that are never a (sur)name or an institution's name: function words and frequent
 * sentence openers, speaker labels, kinship and role nouns, months, weekdays, nationalities, holidays.
 */
export const NOT_A_NAME = set(`
De Het Een En Maar Of Want Dus Toen Nu Dan Daarna Daarom Daar Hier Eerst Later Soms Altijd Nooit Vaak Ook Nog
Al Alle Niet Geen Wel Ja Nee Nou Oké Ok Oke Eh Ehm Uh Uhm Hm Hmm Huh Tja Ach Oh O Jawel Sorry Goh Zeker Natuurlijk
Ik Jij Je U Hij Zij Ze We Wij Jullie Men Mijn Mn Jouw Uw Zijn Haar Hun Ons Onze Dat Die Dit Deze Wat Wie Waar
Waarom Hoe Wanneer Welke Welk Als Omdat Toch Zo Zoals Hoewel Terwijl Zodra Voordat Nadat Sinds Tot Totdat Om Er
Na Voor Met Bij Op In Aan Uit Van Naar Over Onder Boven Tussen Door Zonder Tegen Achter Naast Rond Via Per Tijdens
Is Was Ben Bent Heb Hebt Had Hadden Hebben Wordt Werd Worden Kan Kon Kunnen Moet Moest Moeten Wil Wilde Willen
Zou Zouden Mag Mocht Ga Ging Gaat Gingen Kwam Komt Kom Zegt Zei Zeg Vond Vind Weet Wist Denk Dacht Zie Zag Krijg
Kreeg Laat Liet Blijf Bleef Hoor Kijk Luister Zeker Echt Heel Erg Best Gewoon Eigenlijk Misschien Waarschijnlijk
Iedereen Niemand Iemand Alles Niets Iets Elke Elk Ieder Andere Ander Sommige Veel Weinig Meer Minder Beide Allebei
Interviewer Respondent Onderzoeker Deelnemer Moderator Spreker Vraag Antwoord Noot Opmerking Aanwezig Afwezig
Moeder Vader Mama Papa Mam Pap Oma Opa Broer Zus Zusje Broertje Zoon Dochter Kind Kinderen Ouders Ouder Gezin Familie
Pleegmoeder Pleegvader Pleegouders Pleegouder Pleeggezin Voogd Gezinsvoogd Jeugdbeschermer Hulpverlener Mentor
Juf Meester Meneer Mevrouw Dokter Tante Oom Neef Nicht Baby Jongen Meisje Vriend Vriendin Leraar Lerares
Januari Februari Maart April Mei Juni Juli Augustus September Oktober November December
Maandag Dinsdag Woensdag Donderdag Vrijdag Zaterdag Zondag Kerst Kerstmis Pasen Pinksteren Ramadan Suikerfeest
Offerfeest Sinterklaas Oud Nieuw Nederlands Nederlandse Marokkaans Marokkaanse Turks Turkse Surinaams Surinaamse
Antilliaans Antilliaanse Arabisch Engels Duits Frans Pools Somalisch Eritrees Syrisch Koerdisch Berbers
Nederland Marokko Turkije Suriname Curaçao Aruba Syrië Eritrea Somalië Polen België Duitsland Afghanistan
God Allah Jezus Jeugdzorg Politie Rechtbank Gemeente School Basisschool Groep Klas Plus Regio Noord Zuid Oost West
Midden Centrum Stad Dorp Wijk Straat Huis Thuis Veilig Raad Kinderbescherming Kinderrechter BSN Tel Telefoon
Nederlander Nederlanders Marokkaan Turk Surinamer Antilliaan Syriër Eritreeër Somaliër Pool Afghaan Belg Duitser
Christen Moslim Hindoe Jood Brabander Limburger Fries Groninger Amsterdammer Rotterdammer Utrechter Hagenees
Zaak Dossier Verslag Datum Adres Postcode Email E-mail Mail Website Bijlage Betreft Onderwerp Conclusie Advies
`);

/** Surname particles (lower case); a surname may start with one or more of these. */
export const PARTICLES = set(`van de der den ten ter te het 't in op aan el al ben bin da di du la le von`);

/** Titles and forms of address followed by a (sur)name; compared in lower case. */
export const TITLES = set(`
meneer mijnheer mevrouw mevr mevr. mw mw. dhr dhr. hr hr. juf juffrouw meester dokter dr dr. mr mr. drs drs. ir ir.
zuster broeder pastoor dominee imam tante oom opa oma familie fam fam. gezin
`);

/** Nouns after which a capitalised word is a person's first name ("mijn dochter Xiomara"). */
export const KIN_NOUNS = set(`
zoon zoontje dochter dochtertje kind kindje broer broertje zus zusje zuster moeder vader mama papa stiefmoeder
stiefvader stiefzoon stiefdochter pleegmoeder pleegvader pleegzoon pleegdochter pleegkind pleegbroer pleegzus
halfbroer halfzus neef nicht nichtje neefje kleinzoon kleindochter kleinkind vriend vriendje vriendin vriendinnetje
vriendinnetje buurjongen buurmeisje buurvrouw buurman ex man vrouw partner collega gezinsvoogd jeugdbeschermer
voogd mentor mentrix begeleider hulpverlener jeugdhulpverlener casemanager therapeut psycholoog juf meester
`);

/** Surnames with "De" that follow a preposition as a person, not an institution ("bij De Vries"). */
export const DE_SURNAMES = set(`
Vries Jong Boer Groot Wit Bruijn Bruin Graaf Haan Lange Kok Ruiter Leeuw Winter Visser Koning Klerk Man Beer Waal
Kort Ridder Bont Vos Jonge Wolf Zwart Roos Haas Goede Meijer Heer Rooij Rooy Vreede Wilde Baan Hoog Kleijn Klein
`);

/** Verbs introducing a name ("ze heet Xiomara", "een jongen genaamd Bo"). */
export const NAMING_WORDS = set(`heet heette heten noemt noemde noemden genaamd`);

export const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
] as const;

/** Month abbreviations accepted after a day number ("3 mrt 2019", "12 okt."). */
export const MONTH_ABBREVIATIONS = ['jan', 'feb', 'febr', 'mrt', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec'] as const;

const UNITS = ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen'];
const TEENS = ['tien', 'elf', 'twaalf', 'dertien', 'veertien', 'vijftien', 'zestien', 'zeventien', 'achttien', 'negentien'];
const TENS = ['twintig', 'dertig', 'veertig', 'vijftig', 'zestig', 'zeventig', 'tachtig', 'negentig'];

/** Dutch number words één…negenennegentig (with and without accents and trema spelling). */
export const NUMBER_WORDS: readonly string[] = (() => {
  const words = [...UNITS, 'één', ...TEENS];
  for (const t of TENS) {
    words.push(t);
    for (const u of UNITS) words.push(`${u}${u.endsWith('e') ? 'ën' : 'en'}${t}`);
  }
  return words;
})();

/** Ordinal number words for ages ("op mijn twaalfde"), tweede…negentigste. */
export const ORDINAL_WORDS: readonly string[] = (() => {
  const irregular: Record<string, string> = { een: 'eerste', twee: 'tweede', drie: 'derde', acht: 'achtste' };
  const ord = (w: string) => irregular[w] ?? `${w}${/(tig)$/.test(w) ? 'ste' : 'de'}`;
  const words = [...UNITS.map(ord), ...TEENS.map(ord)];
  for (const t of TENS) {
    words.push(ord(t));
    for (const u of UNITS) words.push(`${u}${u.endsWith('e') ? 'ën' : 'en'}${t}ste`);
  }
  return words.filter((w) => w !== 'eerste');
})();

/** Endings of Dutch street names. */
export const STREET_SUFFIXES = [
  'straat', 'laan', 'weg', 'plein', 'gracht', 'kade', 'singel', 'dijk', 'pad', 'hof', 'steeg', 'dreef', 'park', 'markt',
  'ring', 'baan', 'allee', 'boulevard', 'dam', 'wal', 'burg', 'veld', 'erf', 'haven', 'plantsoen', 'kamp', 'akker',
  'gaarde', 'hoeve', 'zoom', 'oord', 'rade', 'berg', 'horst', 'wijk', 'kwartier', 'staete', 'passage', 'promenade', 'kanaal',
  'vaart', 'laantje', 'straatje', 'pleintje', 'hofje', 'brink', 'esch', 'es', 'molen', 'wei', 'weide', 'landen', 'tuin', 'tuinen',
] as const;
