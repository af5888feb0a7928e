/** The few texts of the respondent page itself, in Dutch and English (SurveyJS brings its own for the survey). */
import type { SurveyLanguage } from '../../shared/survey-vocabulary';

const nl = {
  loading: 'De vragenlijst wordt geladen…',
  noLinkTitle: 'Deze link is niet compleet',
  noLink: 'Open de vragenlijst met de volledige link uit uw uitnodiging.',
  invalidTitle: 'Deze link werkt niet (meer)',
  closedTitle: 'Deze vragenlijst is gesloten',
  notOpenTitle: 'Deze vragenlijst is nog niet geopend',
  opensAt: 'U kunt hem invullen vanaf {date}.',
  doneTitle: 'Hartelijk dank!',
  done: 'Uw antwoorden zijn ontvangen. U kunt dit venster sluiten.',
  alreadyTitle: 'U heeft deze vragenlijst al ingevuld',
  already: 'Hartelijk dank voor uw deelname.',
  networkTitle: 'Geen verbinding',
  network: 'De vragenlijst kon niet worden geladen. Controleer uw internetverbinding en probeer het opnieuw.',
  retry: 'Opnieuw proberen',
  notSent: 'Niet verstuurd: er is geen verbinding met de server. Uw antwoorden staan nog op deze pagina; probeer het zo opnieuw.',
  problem: 'Er is een probleem met uw antwoorden',
  resumeTitle: 'Later verder?',
  resumeText: 'Uw antwoorden worden per pagina bewaard. Met deze persoonlijke link gaat u later verder waar u was. Bewaar hem goed en deel hem niet.',
  resumeLabel: 'Link om later verder te gaan',
  copy: 'Link kopiëren',
  copied: 'De link is gekopieerd.',
  copyFailed: 'Kopiëren lukte niet; selecteer de link en kopieer hem zelf.',
  saved: 'Pagina opgeslagen.',
  closesAt: 'Deze vragenlijst sluit op {date}.',
  language: 'Taal',
  privacy: 'Geen account nodig. Deze pagina laadt niets van andere websites.',
} as const;
type Texts = { [K in keyof typeof nl]: string };

const en: Texts = {
  loading: 'Loading the questionnaire…',
  noLinkTitle: 'This link is incomplete',
  noLink: 'Open the questionnaire with the full link from your invitation.',
  invalidTitle: 'This link does not work (any more)',
  closedTitle: 'This questionnaire is closed',
  notOpenTitle: 'This questionnaire is not open yet',
  opensAt: 'You can fill it in from {date}.',
  doneTitle: 'Thank you!',
  done: 'Your answers have been received. You can close this window.',
  alreadyTitle: 'You have already completed this questionnaire',
  already: 'Thank you for taking part.',
  networkTitle: 'No connection',
  network: 'The questionnaire could not be loaded. Check your internet connection and try again.',
  retry: 'Try again',
  notSent: 'Not sent: there is no connection with the server. Your answers are still on this page; please try again shortly.',
  problem: 'There is a problem with your answers',
  resumeTitle: 'Continue later?',
  resumeText: 'Your answers are saved page by page. With this personal link you can continue later where you left off. Keep it safe and do not share it.',
  resumeLabel: 'Link to continue later',
  copy: 'Copy link',
  copied: 'The link has been copied.',
  copyFailed: 'Copying did not work; select the link and copy it yourself.',
  saved: 'Page saved.',
  closesAt: 'This questionnaire closes on {date}.',
  language: 'Language',
  privacy: 'No account needed. This page loads nothing from other websites.',
};

export const TEXTS: Record<SurveyLanguage, Texts> = { nl, en };

export function formatDate(iso: string, lang: SurveyLanguage): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
}
