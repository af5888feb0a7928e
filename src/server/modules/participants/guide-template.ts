/**
 * The platform's template interview guides (Dutch). Nothing is seeded into a study: a lead copies them with
 * POST …/guides/template and adapts them. Themes: what helped and what blocked the return home, contact during
 * the placement, being heard, and help for parents. Neutral wording, no leading questions; for children under 12
 * short, concrete questions and room to stop.
 */
import type { GuideInput } from '../../../shared/participants';

const CHILD_UNDER_12 = `Voor het gesprek
- Vertel wie je bent en wat je komt doen: "Ik wil graag horen hoe het voor jou was. Er zijn geen goede of foute antwoorden."
- Zeg dat het kind mag zeggen "dat wil ik niet zeggen" of "ik wil stoppen", en dat dat helemaal goed is.
- Vraag of het goed is dat het gesprek wordt opgenomen (alleen als er toestemming en instemming is).
- Gebruik eventueel tekeningen, poppetjes of een tijdlijn op papier.

Kennismaken
1. Wat doe je graag?
2. Met wie woon je nu?

Toen je ergens anders woonde
3. Waar woonde je toen? Wie woonden daar nog meer?
4. Wat vond je fijn daar?
5. Wat vond je moeilijk of niet fijn?

Contact
6. Zag of sprak je je vader of moeder in die tijd? Hoe ging dat?
7. Wie wilde je graag vaker zien?

Gehoord worden
8. Heeft iemand je gevraagd wat jij wilde? Wie?
9. Was er iemand aan wie je iets kon vertellen als je je zorgen maakte?

Weer thuis (of: terug naar huis)
10. Hoe was het toen je weer thuis kwam wonen?
11. Wat hielp daarbij?
12. Wat was lastig?

Afsluiten
13. Als je de baas was, wat zou je dan veranderen voor andere kinderen?
14. Wil je nog iets vertellen wat ik niet gevraagd heb?
- Bedank het kind. Vraag hoe het gesprek was. Zorg dat er na afloop iemand bij het kind is die het kent.`;

const YOUTH_12_17 = `Voor het gesprek
- Leg uit waar het onderzoek over gaat, wat er met de antwoorden gebeurt en dat je naam nergens komt.
- Je hoeft geen vragen te beantwoorden die je niet wilt beantwoorden; je mag altijd stoppen.

1. Kun je iets over jezelf vertellen: wat doe je op een gewone dag?
2. Hoe kwam het dat je een tijd niet thuis woonde? Wat werd jou daarover verteld?
3. Waar woonde je in die tijd, en hoe was dat voor je?
4. Hoe ging het contact met je ouders, broers of zussen en anderen die belangrijk voor je zijn? Wat had je anders gewild?
5. Werd er naar jou geluisterd bij beslissingen over waar je woonde en wanneer je terug naar huis ging? Kun je een voorbeeld geven?
6. Wie of wat hielp jou het meest in die periode?
7. Wat maakte het moeilijker om weer thuis te gaan wonen?
8. Hoe gaat het nu thuis? Wat helpt, en wat is er nog lastig?
9. Welke hulp kregen je ouders, voor zover je weet? Wat vond je daarvan?
10. Wat zou je hulpverleners, rechters of beleidsmakers willen meegeven?
11. Is er iets wat je nog wilt vertellen?`;

const PARENT = `Inleiding
- Doel van het onderzoek, vrijwilligheid, vertrouwelijkheid, opname (alleen met toestemming), stoppen kan altijd.

De uithuisplaatsing
1. Kunt u vertellen hoe het kwam dat uw kind uit huis werd geplaatst? Hoe heeft u dat ervaren?
2. Hoe werd u geïnformeerd over de beslissingen en uw rechten? Wat was duidelijk, wat niet?

Contact met uw kind
3. Hoe was het contact met uw kind tijdens de plaatsing (hoe vaak, waar, met wie erbij)?
4. Wat hielp om het contact goed te laten verlopen, en wat stond dat in de weg?

Gehoord worden
5. In hoeverre had u het gevoel dat er naar u werd geluisterd, door de jeugdbeschermer, de pleegzorg- of jeugdzorgaanbieder en de rechter?
6. Kunt u een moment noemen waarop u zich wel of juist niet gehoord voelde?

Hulp voor ouders
7. Welke hulp kreeg u zelf in deze periode (bijvoorbeeld opvoedondersteuning, schulden, wonen, gezondheid)?
8. Wat aan die hulp werkte voor u, en wat miste u?

Terug naar huis
9. Hoe werd besloten dat uw kind weer thuis kon komen wonen (of waarom is dat (nog) niet gebeurd)?
10. Wat hielp bij de terugkeer naar huis? Wat maakte het moeilijker?
11. Hoe gaat het nu? Welke steun heeft u nu nog, of zou u willen hebben?

Afsluiting
12. Wat zou u andere ouders in dezelfde situatie willen meegeven?
13. Wat zou volgens u moeten veranderen in de jeugdbescherming?
14. Is er iets wat u nog wilt toevoegen?`;

const FOSTER_PARENT = `Inleiding
- Doel van het onderzoek, vrijwilligheid, vertrouwelijkheid, opname (alleen met toestemming).

1. Hoe kwam dit kind bij u wonen, en hoe lang woonde het bij u?
2. Hoe was de samenwerking met de ouders van het kind? Wat hielp daarbij, wat maakte het lastig?
3. Hoe verliep het contact tussen het kind en zijn of haar ouders? Welke rol had u daarin?
4. In hoeverre werd u betrokken bij beslissingen over het kind en over de terugkeer naar huis?
5. In hoeverre werd er naar het kind geluisterd, volgens u?
6. Welke ondersteuning kreeg u als pleegouder? Wat miste u?
7. Hoe verliep de overgang naar huis (of waarom kwam die er (nog) niet)? Wat hielp, wat stond in de weg?
8. Wat zou u willen veranderen voor kinderen, ouders en pleegouders in een vergelijkbare situatie?
9. Is er iets wat u nog wilt toevoegen?`;

const YOUNG_ADULT = `Inleiding
- Doel van het onderzoek, vrijwilligheid, vertrouwelijkheid, opname (alleen met toestemming), stoppen kan altijd.

1. Als je terugkijkt: hoe oud was je toen je uit huis werd geplaatst, en hoe lang duurde dat?
2. Hoe heb je de plaatsing en de plek(ken) waar je woonde ervaren?
3. Hoe ging het contact met je ouders en familie in die tijd? Wat had je anders gewild?
4. Werd er naar jou geluisterd bij beslissingen over jou? Wanneer wel, wanneer niet?
5. Ben je weer thuis gaan wonen? Wat hielp daarbij, en wat maakte het moeilijk?
6. Welke hulp kregen je ouders? Wat merkte je daarvan?
7. Hoe kijk je er nu op terug? Wat heeft het betekend voor hoe het nu met je gaat?
8. Wat zou je hulpverleners, rechters of beleidsmakers willen meegeven?
9. Is er iets wat je nog wilt vertellen?`;

const PROFESSIONAL = `Inleiding
- Doel van het onderzoek, vrijwilligheid, vertrouwelijkheid. Noem geen namen of herleidbare gegevens van cliënten.

Functie en context
1. Wat is uw functie, en hoe bent u betrokken bij uithuisplaatsing en terugplaatsing?

Terugkeer naar huis
2. Wat helpt volgens u het meest om een kind veilig terug naar huis te laten gaan?
3. Wat blokkeert of vertraagt een terugkeer naar huis? Denk aan regels, werkwijzen, wachtlijsten, samenwerking.
4. Hoe en wanneer wordt in uw praktijk het perspectief van het kind bepaald? Wie zijn daarbij betrokken?

Contact
5. Hoe wordt het contact tussen kind en ouders tijdens de plaatsing geregeld? Wat werkt goed, wat niet?

Gehoord worden
6. Hoe worden kinderen en ouders gehoord bij beslissingen? Waar lukt dat goed en waar minder?

Hulp voor ouders
7. Welke hulp krijgen ouders tijdens de plaatsing, en hoe snel? Wat ontbreekt?
8. Hoe wordt beoordeeld of de situatie thuis voldoende is veranderd?

Afsluiting
9. Welke veranderingen zouden volgens u het meeste verschil maken?
10. Is er iets wat u nog wilt toevoegen?`;

export const GUIDE_TEMPLATES: GuideInput[] = [
  { audience: 'child', title: 'Kindgesprek (6–11 jaar)', ageFrom: 6, ageTo: 11, childFriendly: true, body: CHILD_UNDER_12 },
  { audience: 'child', title: 'Jongerengesprek (12–17 jaar)', ageFrom: 12, ageTo: 17, childFriendly: true, body: YOUTH_12_17 },
  { audience: 'parent', title: 'Interview met ouders', ageFrom: null, ageTo: null, childFriendly: false, body: PARENT },
  { audience: 'foster_parent', title: 'Interview met pleegouders', ageFrom: null, ageTo: null, childFriendly: false, body: FOSTER_PARENT },
  { audience: 'young_adult', title: 'Interview met jongvolwassenen (18–23 jaar)', ageFrom: 18, ageTo: 23, childFriendly: false, body: YOUNG_ADULT },
  { audience: 'professional', title: 'Interview met professionals', ageFrom: null, ageTo: null, childFriendly: false, body: PROFESSIONAL },
];
