/**
 * Dutch municipalities (per province, the ~340 of 2024, including a few that merged recently) and
 * larger towns and villages, plus a few foreign cities often mentioned in interviews. One name per
 * line, NFC. Countries, provinces and regions are deliberately absent: they are too coarse to identify.
 */
const MUNICIPALITIES = `
Aa en Hunze|Assen|Borger-Odoorn|Coevorden|De Wolden|Emmen|Hoogeveen|Meppel|Midden-Drenthe|Noordenveld|Tynaarlo|Westerveld
Almere|Dronten|Lelystad|Noordoostpolder|Urk|Zeewolde
Achtkarspelen|Ameland|Dantumadiel|De Fryske Marren|Harlingen|Heerenveen|Leeuwarden|Noardeast-Fryslân|Ooststellingwerf|Opsterland|Schiermonnikoog|Smallingerland|Súdwest-Fryslân|Terschelling|Tytsjerksteradiel|Vlieland|Waadhoeke|Weststellingwerf
Aalten|Apeldoorn|Arnhem|Barneveld|Berg en Dal|Berkelland|Beuningen|Bronckhorst|Brummen|Buren|Culemborg|Doesburg|Doetinchem|Druten|Duiven|Ede|Elburg|Epe|Ermelo|Harderwijk|Hattem|Heerde|Heumen|Lingewaard|Lochem|Maasdriel|Montferland|Neder-Betuwe|Nijkerk|Nijmegen|Nunspeet|Oldebroek|Oost Gelre|Oude IJsselstreek|Overbetuwe|Putten|Renkum|Rheden|Rozendaal|Scherpenzeel|Tiel|Voorst|Wageningen|West Betuwe|West Maas en Waal|Westervoort|Wijchen|Winterswijk|Zaltbommel|Zevenaar|Zutphen
Eemsdelta|Groningen|Het Hogeland|Midden-Groningen|Oldambt|Pekela|Stadskanaal|Veendam|Westerkwartier|Westerwolde
Beek|Beekdaelen|Beesel|Bergen|Brunssum|Echt-Susteren|Eijsden-Margraten|Gennep|Gulpen-Wittem|Heerlen|Horst aan de Maas|Kerkrade|Landgraaf|Leudal|Maasgouw|Maastricht|Meerssen|Mook en Middelaar|Nederweert|Peel en Maas|Roerdalen|Roermond|Simpelveld|Sittard-Geleen|Stein|Vaals|Valkenburg aan de Geul|Venlo|Venray|Voerendaal|Weert
Alphen-Chaam|Altena|Asten|Baarle-Nassau|Bergeijk|Bergen op Zoom|Bernheze|Best|Bladel|Boekel|Boxtel|Breda|Cranendonck|Deurne|Dongen|Drimmelen|Eersel|Eindhoven|Etten-Leur|Geertruidenberg|Geldrop-Mierlo|Gemert-Bakel|Gilze en Rijen|Goirle|Halderberge|Heeze-Leende|Helmond|'s-Hertogenbosch|Heusden|Hilvarenbeek|Laarbeek|Land van Cuijk|Loon op Zand|Maashorst|Meierijstad|Moerdijk|Nuenen|Oirschot|Oisterwijk|Oosterhout|Oss|Reusel-De Mierden|Roosendaal|Rucphen|Sint-Michielsgestel|Someren|Son en Breugel|Steenbergen|Tilburg|Valkenswaard|Veldhoven|Vught|Waalre|Waalwijk|Woensdrecht|Zundert
Aalsmeer|Alkmaar|Amstelveen|Amsterdam|Beverwijk|Blaricum|Bloemendaal|Castricum|Den Helder|Diemen|Dijk en Waard|Drechterland|Edam-Volendam|Enkhuizen|Gooise Meren|Haarlem|Haarlemmermeer|Heemskerk|Heemstede|Heiloo|Hilversum|Hollands Kroon|Hoorn|Huizen|Koggenland|Landsmeer|Laren|Medemblik|Oostzaan|Opmeer|Ouder-Amstel|Purmerend|Schagen|Stede Broec|Texel|Uitgeest|Uithoorn|Velsen|Waterland|Wijdemeren|Wormerland|Zaanstad|Zandvoort
Almelo|Borne|Dalfsen|Deventer|Dinkelland|Enschede|Haaksbergen|Hardenberg|Hellendoorn|Hengelo|Hof van Twente|Kampen|Losser|Oldenzaal|Olst-Wijhe|Ommen|Raalte|Rijssen-Holten|Staphorst|Steenwijkerland|Tubbergen|Twenterand|Wierden|Zwartewaterland|Zwolle
Amersfoort|Baarn|Bunnik|Bunschoten|De Bilt|De Ronde Venen|Eemnes|Houten|IJsselstein|Leusden|Lopik|Montfoort|Nieuwegein|Oudewater|Renswoude|Rhenen|Soest|Stichtse Vecht|Utrecht|Utrechtse Heuvelrug|Veenendaal|Vijfheerenlanden|Wijk bij Duurstede|Woerden|Woudenberg|Zeist
Borsele|Goes|Hulst|Kapelle|Middelburg|Noord-Beveland|Reimerswaal|Schouwen-Duiveland|Sluis|Terneuzen|Tholen|Veere|Vlissingen
Alblasserdam|Albrandswaard|Alphen aan den Rijn|Barendrecht|Bodegraven-Reeuwijk|Capelle aan den IJssel|Delft|Den Haag|'s-Gravenhage|Dordrecht|Goeree-Overflakkee|Gorinchem|Gouda|Hardinxveld-Giessendam|Hendrik-Ido-Ambacht|Hillegom|Hoeksche Waard|Kaag en Braassem|Katwijk|Krimpen aan den IJssel|Krimpenerwaard|Lansingerland|Leiden|Leiderdorp|Leidschendam-Voorburg|Lisse|Maassluis|Midden-Delfland|Molenlanden|Nieuwkoop|Nissewaard|Noordwijk|Oegstgeest|Papendrecht|Pijnacker-Nootdorp|Ridderkerk|Rijswijk|Rotterdam|Schiedam|Sliedrecht|Teylingen|Vlaardingen|Voorne aan Zee|Voorschoten|Waddinxveen|Wassenaar|Westland|Zoetermeer|Zoeterwoude|Zuidplas|Zwijndrecht
Bonaire|Sint Eustatius|Saba
`;

const TOWNS = `
Den Bosch|Hoofddorp|Nieuw-Vennep|Badhoevedorp|Zaandam|Krommenie|Wormerveer|Assendelft|Heerhugowaard|Julianadorp|Den Burg|Volendam|Edam|Monnickendam|Weesp|Muiden|Abcoude|Duivendrecht|IJmuiden|Bussum|Naarden|Hellevoetsluis|Spijkenisse|Brielle|Rozenburg|Hoogvliet|Capelle|Berkel en Rodenrijs|Bergschenhoek|Pijnacker|Nootdorp|Voorburg|Leidschendam|Scheveningen|Naaldwijk|Wateringen|'s-Gravenzande|Poeldijk|Monster|Sassenheim|Voorhout|Noordwijkerhout|Reeuwijk|Bodegraven|Alphen|Middelharnis|Oud-Beijerland|Leerdam|Vianen|Maarssen|Breukelen|Mijdrecht|Vinkeveen|Bilthoven|Driebergen|Doorn|Amerongen|Veghel|Schijndel|Sint-Oedenrode|Rosmalen|Vlijmen|Drunen|Kaatsheuvel|Made|Raamsdonksveer|Zevenbergen|Oudenbosch|Uden|Cuijk|Boxmeer|Grave|Gemert|Geldrop|Mierlo|Budel|Sittard|Geleen|Susteren|Hoensbroek|Valkenburg|Tegelen|Blerick|Panningen|Horst|Emmeloord|Biddinghuizen|Sneek|Drachten|Dokkum|Franeker|Bolsward|Joure|Lemmer|Wolvega|Oosterwolde|Buitenpost|Burgum|Gorredijk|Hoogezand|Sappemeer|Delfzijl|Appingedam|Winschoten|Ter Apel|Zuidhorn|Leek|Uithuizen|Haren|Roden|Zuidlaren|Beilen|Gieten|Eelde|Klazienaveen|Nieuw-Amsterdam|Dwingeloo|Havelte|Nijverdal|Vriezenveen|Goor|Delden|Holten|Rijssen|Wijhe|Olst|Heino|Steenwijk|Vollenhove|Genemuiden|Hasselt|Zwartsluis|Denekamp|Glanerbrug|Elst|Bemmel|Huissen|Didam|Ulft|Groenlo|Eibergen|Neede|Borculo|Vorden|Velp|Dieren|Oosterbeek|Lunteren|Bennekom|Zierikzee|Yerseke|Oostburg|Axel|Sas van Gent|Domburg|Kanaleneiland|Overvecht|Schilderswijk|Bijlmer|Bijlmermeer|Lombok|Transvaal|Osdorp|Slotervaart|Charlois|Feijenoord|Delfshaven|Ommoord
`;

const ABROAD = `
Paramaribo|Nieuw-Nickerie|Willemstad|Oranjestad|Kralendijk|Philipsburg|Casablanca|Rabat|Tanger|Nador|Al Hoceima|Tetouan|Oujda|Agadir|Marrakech|Istanbul|Ankara|Izmir|Konya|Kayseri|Antwerpen|Brussel|Gent|Luik|Aken|Keulen|Düsseldorf|Mogadishu|Asmara|Damascus|Aleppo|Homs|Kabul|Warschau|Krakau
`;

const split = (s: string) => s.split(/[|\n]/).map((p) => p.trim().normalize('NFC')).filter(Boolean);

/** All place names, each as written (NFC). */
export const PLACES: readonly string[] = [...new Set([...split(MUNICIPALITIES), ...split(TOWNS), ...split(ABROAD)])];

/**
 * Place names that are also ordinary Dutch words ("best", "echt", "buren", "goes"…): not flagged at
 * the start of a sentence, where the capital says nothing.
 */
export const AMBIGUOUS_PLACES: ReadonlySet<string> = new Set(
  'Best Echt Buren Putten Goes Beek Stein Laren Made Grave Monster Sluis Hulst Leek Doorn Dieren Huizen Gieten Horst Haren Elst Axel Velp Lombok Transvaal Bergen'.split(' '),
);
