/** The ready report template for research on out-of-home placement (chapters with guiding text). Pure. */
export interface TemplateChapter {
  title: string;
  body: string;
}

export const REPORT_TEMPLATE: TemplateChapter[] = [
  {
    title: 'Samenvatting',
    body: 'Vat hier in één à twee pagina’s de aanleiding, de onderzoeksvragen, de belangrijkste bevindingen en de aanbevelingen samen.\n',
  },
  {
    title: 'Inleiding',
    body: '## Aanleiding\n\nBeschrijf de aanleiding van het onderzoek.\n\n## Onderzoeksvragen\n\n1. Eerste onderzoeksvraag\n2. Tweede onderzoeksvraag\n\n## Leeswijzer\n\nHoofdstuk 2 beschrijft de methode, hoofdstuk 3 het juridisch kader.\n',
  },
  {
    title: 'Methode',
    body: 'Het onderzoek combineert een enquête onder professionals, interviews met kinderen, ouders en professionals, dossieronderzoek en signalen van de Kinderrechtenhelpdesk.\n\n[[blok:methods]]\n',
  },
  {
    title: 'Juridisch kader',
    body: 'Beschrijf de normen uit het IVRK, het EVRM, de VN-richtlijnen voor alternatieve zorg en het Burgerlijk Wetboek die voor terugplaatsing gelden.\n',
  },
  {
    title: 'Resultaten',
    body: '## Enquête\n\nVoeg hier resultaten van de enquête in (Blok invoegen → Enquêtevraag of Kruistabel).\n\n## Interviews\n\nBeschrijf de ervaringen van kinderen, ouders en professionals.\n\n## Dossieronderzoek\n\n[[blok:case-indicators subgroup=all]]\n\n[[blok:reunification subgroup=all]]\n\n## Signalen\n\nBeschrijf de signalen van de Kinderrechtenhelpdesk.\n',
  },
  { title: 'Goede praktijken', body: 'Beschrijf wat goed werkt bij terugplaatsing.\n' },
  { title: 'Knelpunten', body: 'Beschrijf de knelpunten die kinderen, ouders en professionals ervaren.\n' },
  { title: 'Oplossingsrichtingen', body: 'Beschrijf de oplossingsrichtingen die uit het onderzoek naar voren komen.\n' },
  { title: 'Aanbevelingen', body: 'Formuleer de aanbevelingen met hun adressaten.\n' },
  { title: 'Bijlagen', body: '## Verantwoording\n\nBeschrijf hier de verantwoording van de gebruikte methoden.\n' },
];
