/** The e-mails of the survey: default Dutch texts and their rendering with the personal link. Pure. */
import type { MailTexts } from '../../../shared/surveys';

export const DEFAULT_MAIL: MailTexts = {
  invitationSubject: 'Uitnodiging: {title}',
  invitationText: [
    'Beste collega,',
    '',
    'Wij nodigen u uit om mee te doen aan de vragenlijst "{title}". Uw ervaring als professional helpt ons te begrijpen wat werkt bij het voorkomen van uithuisplaatsing en bij terugplaatsing.',
    '',
    'Via deze persoonlijke link vult u de vragenlijst in (stuur hem niet door):',
    '{link}',
    '',
    'U kunt tussendoor stoppen en later verder gaan met dezelfde link.',
    '',
    'Hartelijk dank!',
  ].join('\n'),
  reminderSubject: 'Herinnering: {title}',
  reminderText: [
    'Beste collega,',
    '',
    'Enige tijd geleden nodigden wij u uit voor de vragenlijst "{title}". Heeft u nog tijd om mee te doen? Uw antwoorden zijn van harte welkom.',
    '',
    'Uw persoonlijke link (de link uit eerdere e-mails werkt niet meer):',
    '{link}',
    '',
    'Hartelijk dank!',
  ].join('\n'),
};

/** The stored texts, with defaults for what is missing. */
export function mailTexts(stored: Record<string, unknown> | null | undefined): MailTexts {
  const s = stored ?? {};
  const pick = (k: keyof MailTexts) => (typeof s[k] === 'string' && (s[k] as string).trim() ? (s[k] as string) : DEFAULT_MAIL[k]);
  return { invitationSubject: pick('invitationSubject'), invitationText: pick('invitationText'), reminderSubject: pick('reminderSubject'), reminderText: pick('reminderText') };
}

/** Subject and plain text of one e-mail; the link is added at the end when the text has no {link}. Plain text only. */
export function renderMail(texts: MailTexts, kind: 'invitation' | 'reminder', v: { title: string; link: string }): { subject: string; text: string } {
  const fill = (t: string) => t.replaceAll('{title}', v.title).replaceAll('{link}', v.link);
  const subject = fill(kind === 'invitation' ? texts.invitationSubject : texts.reminderSubject).replace(/[\r\n]+/g, ' ');
  const body = kind === 'invitation' ? texts.invitationText : texts.reminderText;
  const text = fill(body) + (body.includes('{link}') ? '' : `\n\n${v.link}`);
  return { subject, text };
}
