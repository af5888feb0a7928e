/**
 * Ready instrument: "Enquête professionals: uithuisplaatsing en terugplaatsing".
 *
 * Written for this platform, after the structure of a survey among professionals described in the domain brief
 * (§4.2, §7.4): role, experience, region; help before, during and after placement; contact in the first phase;
 * involvement of parents and child in decisions; waiting lists; cooperation between organisations; open questions on
 * good practices and bottlenecks. It is a template: a study copies it and adapts it. Wording is neutral (balanced
 * scales, "weet ik niet" where an opinion may be lacking); it contains no findings or figures.
 *
 * Texts: `default` is Dutch, `en` is English (SurveyJS localisable strings).
 */
import type { SurveyDefinition } from './types';

const t = (nl: string, en: string) => ({ default: nl, en });
const c = (value: string | number, nl: string, en: string) => ({ value, text: t(nl, en) });

export const PROFESSIONALS_SURVEY_TITLE = 'Enquête professionals: uithuisplaatsing en terugplaatsing';

const FREQUENCY = [
  c('nooit', 'Nooit', 'Never'),
  c('zelden', 'Zelden', 'Rarely'),
  c('soms', 'Soms', 'Sometimes'),
  c('vaak', 'Vaak', 'Often'),
  c('altijd', 'Altijd', 'Always'),
  c('weet_niet', 'Weet ik niet', "Don't know"),
];
const AGREEMENT = [
  c(1, 'Helemaal mee oneens', 'Strongly disagree'),
  c(2, 'Mee oneens', 'Disagree'),
  c(3, 'Niet mee eens, niet mee oneens', 'Neither agree nor disagree'),
  c(4, 'Mee eens', 'Agree'),
  c(5, 'Helemaal mee eens', 'Strongly agree'),
];

const TEMPLATE = {
  title: t(PROFESSIONALS_SURVEY_TITLE, 'Survey of professionals: out-of-home placement and return home'),
  description: t(
    'Deze vragenlijst gaat over uw ervaringen met uithuisplaatsing en terugplaatsing van kinderen. Het invullen duurt ongeveer 15 minuten. Noem in uw antwoorden geen namen of andere gegevens waarmee kinderen, ouders of collega’s herkenbaar zijn.',
    'This questionnaire is about your experiences with out-of-home placement and the return home of children. It takes about 15 minutes. Please do not mention names or other details by which children, parents or colleagues could be identified.',
  ),
  showProgressBar: 'top',
  showQuestionNumbers: 'on',
  pages: [
    {
      name: 'over_u',
      title: t('Over u en uw werk', 'About you and your work'),
      elements: [
        {
          type: 'radiogroup',
          name: 'rol',
          title: t('Wat is uw functie?', 'What is your role?'),
          isRequired: true,
          choices: [
            c('jeugdbeschermer', 'Jeugdbeschermer', 'Child protection worker'),
            c('hulpverlener', 'Hulpverlener (jeugdhulp of gezinshulp)', 'Care worker (youth or family care)'),
            c('pleegzorgmedewerker', 'Pleegzorgmedewerker', 'Foster care worker'),
            c('advocaat', 'Advocaat', 'Lawyer'),
          ],
          showOtherItem: true,
          otherText: t('Anders, namelijk', 'Other, namely'),
        },
        {
          type: 'text',
          name: 'ervaring_jaren',
          title: t('Hoeveel jaar werkervaring heeft u in deze functie of vergelijkbaar werk?', 'How many years of experience do you have in this or similar work?'),
          description: t('Afgerond op hele jaren.', 'Rounded to whole years.'),
          inputType: 'number',
          min: 0,
          max: 50,
          isRequired: true,
        },
        {
          type: 'dropdown',
          name: 'regio',
          title: t('In welke provincie werkt u vooral?', 'In which province do you mainly work?'),
          isRequired: true,
          choices: [
            c('groningen', 'Groningen', 'Groningen'),
            c('friesland', 'Fryslân', 'Fryslân'),
            c('drenthe', 'Drenthe', 'Drenthe'),
            c('overijssel', 'Overijssel', 'Overijssel'),
            c('flevoland', 'Flevoland', 'Flevoland'),
            c('gelderland', 'Gelderland', 'Gelderland'),
            c('utrecht', 'Utrecht', 'Utrecht'),
            c('noord_holland', 'Noord-Holland', 'North Holland'),
            c('zuid_holland', 'Zuid-Holland', 'South Holland'),
            c('zeeland', 'Zeeland', 'Zeeland'),
            c('noord_brabant', 'Noord-Brabant', 'North Brabant'),
            c('limburg', 'Limburg', 'Limburg'),
            c('landelijk', 'Landelijk of in meerdere provincies', 'Nationwide or in several provinces'),
          ],
        },
        {
          type: 'boolean',
          name: 'ervaring_terugplaatsing',
          title: t(
            'Bent u in de afgelopen twaalf maanden betrokken geweest bij een terugplaatsing van een kind naar huis?',
            'In the past twelve months, have you been involved in a child’s return home?',
          ),
          labelTrue: t('Ja', 'Yes'),
          labelFalse: t('Nee', 'No'),
          isRequired: true,
        },
      ],
    },
    {
      name: 'hulp',
      title: t('Hulp aan ouders en kind', 'Help for parents and child'),
      elements: [
        {
          type: 'matrix',
          name: 'hulp_passend',
          title: t(
            'Hoe vaak krijgen ouders en kind in uw ervaring hulp die past bij hun situatie?',
            'In your experience, how often do parents and child receive help that fits their situation?',
          ),
          isRequired: true,
          isAllRowRequired: true,
          columns: FREQUENCY,
          rows: [
            c('voor', 'Vóór een uithuisplaatsing', 'Before an out-of-home placement'),
            c('tijdens', 'Tijdens een uithuisplaatsing', 'During an out-of-home placement'),
            c('na', 'Na een terugplaatsing', 'After a return home'),
          ],
        },
        {
          type: 'checkbox',
          name: 'hulp_ontbreekt',
          title: t(
            'Welke hulp ontbreekt volgens u het vaakst tijdens een uithuisplaatsing?',
            'Which help do you think is most often lacking during an out-of-home placement?',
          ),
          description: t('Kies maximaal drie antwoorden.', 'Choose up to three answers.'),
          visibleIf: "{hulp_passend.tijdens} anyof ['nooit', 'zelden', 'soms']",
          isRequired: true,
          maxSelectedChoices: 3,
          choices: [
            c('opvoedondersteuning', 'Opvoedondersteuning voor ouders', 'Parenting support'),
            c('ggz_ouders', 'Geestelijke gezondheidszorg voor ouders', 'Mental health care for parents'),
            c('trauma', 'Traumascreening of traumabehandeling', 'Trauma screening or treatment'),
            c('verslaving', 'Verslavingszorg', 'Addiction care'),
            c('schulden_wonen', 'Hulp bij schulden of huisvesting', 'Help with debts or housing'),
            c('gezinsbehandeling', 'Behandeling van het hele gezin', 'Treatment of the whole family'),
            c('begeleid_contact', 'Begeleiding van contact tussen ouders en kind', 'Supervision of contact between parents and child'),
          ],
          showOtherItem: true,
          otherText: t('Anders, namelijk', 'Other, namely'),
          showNoneItem: true,
          noneText: t('Er ontbreekt geen hulp', 'No help is lacking'),
        },
      ],
    },
    {
      name: 'contact',
      title: t('Contact in de eerste fase van de plaatsing', 'Contact in the first phase of the placement'),
      elements: [
        {
          type: 'radiogroup',
          name: 'contact_eerste_fase',
          title: t(
            'Hebben ouders en kind in de eerste weken na een uithuisplaatsing in uw ervaring regelmatig contact met elkaar?',
            'In your experience, do parents and child have regular contact in the first weeks after a placement?',
          ),
          isRequired: true,
          choices: [
            c('meestal_wel', 'Meestal wel', 'Usually'),
            c('soms', 'Soms wel, soms niet', 'Sometimes'),
            c('meestal_niet', 'Meestal niet', 'Usually not'),
          ],
          showDontKnowItem: true,
          dontKnowText: t('Weet ik niet', "Don't know"),
        },
        {
          type: 'checkbox',
          name: 'contact_belemmering',
          title: t(
            'Wat staat regelmatig contact in de eerste fase volgens u het meest in de weg?',
            'What do you think most often stands in the way of regular contact in the first phase?',
          ),
          visibleIf: "{contact_eerste_fase} = 'soms' or {contact_eerste_fase} = 'meestal_niet'",
          isRequired: true,
          choices: [
            c('afstand', 'Grote afstand tot de plaatsingslocatie', 'Long distance to the placement'),
            c('beperking', 'Beperking van het contact door de jeugdbeschermer of de rechter', 'Contact restricted by the child protection worker or the court'),
            c('begeleiding', 'Geen begeleiding beschikbaar voor het contact', 'No supervision available for contact'),
            c('veiligheid', 'Zorgen over de veiligheid van het kind', 'Concerns about the child’s safety'),
            c('wens_kind', 'De wens van het kind', 'The child’s wishes'),
            c('organisatie', 'Praktische of organisatorische redenen', 'Practical or organisational reasons'),
          ],
          showOtherItem: true,
          otherText: t('Anders, namelijk', 'Other, namely'),
        },
        {
          type: 'rating',
          name: 'contact_belang',
          title: t(
            'Hoe belangrijk vindt u regelmatig contact tussen ouders en kind in de eerste fase van een plaatsing?',
            'How important do you consider regular contact between parents and child in the first phase of a placement?',
          ),
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
          minRateDescription: t('Helemaal niet belangrijk', 'Not important at all'),
          maxRateDescription: t('Zeer belangrijk', 'Very important'),
        },
      ],
    },
    {
      name: 'betrokkenheid',
      title: t('Betrokkenheid bij beslissingen', 'Involvement in decisions'),
      elements: [
        {
          type: 'matrix',
          name: 'betrokken',
          title: t('In hoeverre bent u het eens met de volgende uitspraken?', 'To what extent do you agree with the following statements?'),
          isRequired: true,
          isAllRowRequired: true,
          columns: AGREEMENT,
          rows: [
            c('ouders_plaatsing', 'Ouders worden betrokken bij het besluit over een uithuisplaatsing.', 'Parents are involved in the decision on an out-of-home placement.'),
            c('kind_plaatsing', 'Het kind wordt betrokken bij het besluit over een uithuisplaatsing.', 'The child is involved in the decision on an out-of-home placement.'),
            c('ouders_perspectief', 'Ouders worden betrokken bij het perspectiefbesluit.', 'Parents are involved in the decision on the child’s long-term perspective.'),
            c('kind_perspectief', 'Het kind wordt betrokken bij het perspectiefbesluit.', 'The child is involved in the decision on the long-term perspective.'),
            c('ouders_uitleg', 'Ouders krijgen uitleg over wat er nodig is voor een terugplaatsing.', 'Parents are told what is needed for a return home.'),
            c('kind_uitleg', 'Het kind krijgt uitleg die past bij zijn of haar leeftijd.', 'The child receives an explanation suited to his or her age.'),
          ],
        },
      ],
    },
    {
      name: 'wachtlijsten_samenwerking',
      title: t('Wachtlijsten en samenwerking', 'Waiting lists and cooperation'),
      elements: [
        {
          type: 'boolean',
          name: 'wachtlijst',
          title: t(
            'Heeft u in de afgelopen twaalf maanden meegemaakt dat hulp voor een gezin niet op tijd kon starten door een wachtlijst?',
            'In the past twelve months, have you experienced help for a family not starting on time because of a waiting list?',
          ),
          labelTrue: t('Ja', 'Yes'),
          labelFalse: t('Nee', 'No'),
          isRequired: true,
        },
        {
          type: 'text',
          name: 'wachttijd_maanden',
          title: t('Hoeveel maanden duurde de langste wachttijd die u meemaakte?', 'How many months was the longest waiting time you experienced?'),
          description: t('Een schatting is voldoende.', 'An estimate is fine.'),
          inputType: 'number',
          min: 0,
          max: 60,
          visibleIf: '{wachtlijst} = true',
          isRequired: true,
        },
        {
          type: 'rating',
          name: 'samenwerking',
          title: t(
            'Hoe beoordeelt u de samenwerking tussen de organisaties die bij een uithuisplaatsing betrokken zijn?',
            'How do you rate the cooperation between the organisations involved in an out-of-home placement?',
          ),
          description: t('1 = zeer slecht, 10 = uitstekend', '1 = very poor, 10 = excellent'),
          isRequired: true,
          rateMin: 1,
          rateMax: 10,
        },
        {
          type: 'ranking',
          name: 'prioriteit',
          title: t(
            'Zet de volgende mogelijke verbeteringen in volgorde van belang (bovenaan = belangrijkst).',
            'Put the following possible improvements in order of importance (top = most important).',
          ),
          isRequired: true,
          choices: [
            c('sneller_hulp', 'Hulp sneller beschikbaar', 'Help available sooner'),
            c('meer_contact', 'Meer contact tussen ouders en kind', 'More contact between parents and child'),
            c('betrokkenheid', 'Meer betrokkenheid van ouders en kind bij beslissingen', 'More involvement of parents and child in decisions'),
            c('samenwerking', 'Betere samenwerking tussen organisaties', 'Better cooperation between organisations'),
            c('nazorg', 'Meer begeleiding na een terugplaatsing', 'More support after a return home'),
          ],
        },
      ],
    },
    {
      name: 'tot_slot',
      title: t('Tot slot', 'Finally'),
      elements: [
        {
          type: 'comment',
          name: 'goede_praktijken',
          title: t(
            'Welke werkwijzen dragen volgens u bij aan een goede terugplaatsing? Beschrijf een voorbeeld als dat kan.',
            'Which ways of working do you think contribute to a good return home? Describe an example if you can.',
          ),
          maxLength: 5000,
        },
        {
          type: 'comment',
          name: 'knelpunten',
          title: t(
            'Welke knelpunten ziet u bij het voorkomen van uithuisplaatsing of bij terugplaatsing?',
            'Which bottlenecks do you see in preventing out-of-home placement or in returning children home?',
          ),
          maxLength: 5000,
        },
        {
          type: 'text',
          name: 'opmerking',
          title: t('Heeft u nog een korte opmerking over deze vragenlijst?', 'Do you have any brief comment on this questionnaire?'),
          maxLength: 500,
        },
      ],
    },
  ],
};

/** A fresh deep copy of the ready instrument (valid: passes `validateDefinition`). */
export function professionalsSurveyTemplate(): SurveyDefinition {
  return JSON.parse(JSON.stringify(TEMPLATE)) as SurveyDefinition;
}
