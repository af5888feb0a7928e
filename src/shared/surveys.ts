/**
 * Contract of the survey among professionals (enquête): instruments (SurveyJS JSON) with frozen versions,
 * distribution (public link, personal invitations), the respondent API, results with disclosure control, exports
 * and imports. Shared by the server and the web app. The zod-free vocabulary lives in ./survey-vocabulary.
 *
 * Researchers' routes (all under /api/studies/:slug/surveys; a survey is addressed by its id):
 *   GET    /                                      list                          results.read
 *   POST   /                                      create (surveyInput)          data.write
 *   POST   /template                              copy the ready instrument     data.write
 *   POST   /import                                SurveyJS JSON or LimeSurvey   data.write  → importResponse
 *   GET    /:surveyId                             detail incl. draft            data.read   → surveyDetail
 *   PATCH  /:surveyId                             settings (surveyPatch)        data.write  → surveyDetail
 *   DELETE /:surveyId                             only without responses        data.write
 *   PUT    /:surveyId/draft                       { definition }                data.write  → surveyDetail (400: details = problems)
 *   POST   /:surveyId/publish                     freeze the draft as version   data.write  → surveyDetail
 *   GET    /:surveyId/versions/:versionId         a frozen version              data.read   → surveyVersion
 *   POST   /:surveyId/public-link                 new public link (old stops)   data.write  → publicLink
 *   POST   /:surveyId/close                       close now; e-mails deleted    data.write  → surveyDetail
 *   GET    /:surveyId/invitations                 list (e-mail: lead only)      data.read   → invitationList
 *   POST   /:surveyId/invitations/import          { csv }                       data.write  → invitationImportResult
 *   POST   /:surveyId/invitations/links           mail-merge CSV (tokens once)  study.confidential → text/csv
 *   POST   /:surveyId/invitations/send            SMTP as a job                 data.write  → job (409 without SMTP)
 *   DELETE /:surveyId/invitations/:invitationId/email   delete the address      data.write  → ok
 *   GET    /:surveyId/open-answers                open questions, answers/sent  data.read   → openQuestionList
 *   POST   /:surveyId/open-answers/to-coding      { question }: one document    data.write  → toCodingResult
 *                                                 per answer (idempotent)
 *   GET    /:surveyId/results                     overview + per question       results.read → surveyResults
 *   GET    /:surveyId/results/crosstab            two closed questions          results.read → crosstab
 *   GET    /:surveyId/responses                   raw responses                 data.read   → responseList
 *   POST   /:surveyId/export                      { format, version } as a job  data.read   → job (download: /api/jobs/:jobId/download)
 *
 * Respondent routes (public, no session, rate-limited per IP address, bodies up to 256 kB). The token travels in
 * the `X-Survey-Token` header, never in the URL. The respondent page is `/s#<token>`: the web app reads the
 * fragment and sends it as the header, unchanged. After the first save the answer may carry `resumeToken`: from
 * then on the page sends that instead (it also opens the resume link `resumeUrl`).
 *   GET    /api/respond[?lang=en]                 the survey to answer          → respondentSurvey
 *   PUT    /api/respond                           save one page                 → pageSaved
 *   POST   /api/respond/complete                  submit (idempotent)           → completed
 * Errors: see RESPONDENT_ERRORS in ./survey-vocabulary.
 */
import { z } from 'zod';
import { EXPORT_FORMATS, IMPORT_FORMATS, INVITATION_STATUSES, LINK_SCOPES, MAIL_KINDS, RESPONSE_STATES, SURVEY_LANGUAGES, SURVEY_MODES, SURVEY_STATUSES } from './survey-vocabulary';
export * from './survey-vocabulary';

const NUL = /\u0000/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Hoogstens ${max} tekens.` })
    .refine((v) => !NUL.test(v), { error: 'De tekst bevat een NUL-teken; dat kan niet worden opgeslagen.' });
const id = z.uuid({ error: 'Ongeldige id.' });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'Ongeldige onderzoekscode.' });
const instant = z.iso.datetime({ offset: true, error: 'Gebruik een tijdstip als 2026-03-01T09:00:00+01:00.' });

/** A SurveyJS JSON definition (an object with `pages` or `elements`); checked by the server with validateDefinition. */
export const surveyDefinition = z.record(z.string(), z.unknown());
export type SurveyDefinition = z.infer<typeof surveyDefinition>;

export const surveyParams = z.object({ slug, surveyId: id });
export const versionParams = surveyParams.extend({ versionId: id });
export const invitationParams = surveyParams.extend({ invitationId: id });

// ---- instruments --------------------------------------------------------------------------------------

/** The texts of the e-mails; `{link}` is replaced by the personal link, `{title}` by the survey title. */
export const mailTexts = z.object({
  invitationSubject: text(200).min(1),
  invitationText: text(10_000).min(1),
  reminderSubject: text(200).min(1),
  reminderText: text(10_000).min(1),
});
export type MailTexts = z.infer<typeof mailTexts>;

const languages = z
  .array(z.enum(SURVEY_LANGUAGES))
  .min(1, { error: 'Kies minstens één taal.' })
  .max(SURVEY_LANGUAGES.length)
  .refine((l) => new Set(l).size === l.length, { error: 'Elke taal maar één keer.' })
  .refine((l) => l[0] === 'nl', { error: 'Nederlands is altijd de eerste taal.' });

export const surveyInput = z.object({
  title: text(200).min(3, { error: 'Een titel heeft minstens 3 tekens.' }),
  description: text(10_000).default(''),
  languages: languages.default(['nl']),
  mode: z.enum(SURVEY_MODES).default('anonymous'),
  /** personal mode: a response is never linked to its invitation (completion is tracked on the invitation apart) */
  anonymised: z.boolean().default(false),
  opensAt: instant.nullable().default(null),
  closesAt: instant.nullable().default(null),
  /** default: the study's threshold */
  disclosureThreshold: z.number().int().min(1).max(100).optional(),
  /** default: an empty survey with one page */
  definition: surveyDefinition.optional(),
});
export type SurveyInput = z.output<typeof surveyInput>;

/** Changes to the settings (only the fields sent). mode and anonymised cannot change once there are responses (409). */
export const surveyPatch = z
  .object({
    title: text(200).min(3, { error: 'Een titel heeft minstens 3 tekens.' }),
    description: text(10_000),
    languages,
    mode: z.enum(SURVEY_MODES),
    anonymised: z.boolean(),
    opensAt: instant.nullable(),
    closesAt: instant.nullable(),
    disclosureThreshold: z.number().int().min(1).max(100),
    mail: mailTexts,
  })
  .partial();
export type SurveyPatch = z.output<typeof surveyPatch>;

export const draftBody = z.object({ definition: surveyDefinition });
export const templateBody = z.object({ title: text(200).min(3).optional() });
export const importBody = z.object({
  format: z.enum(IMPORT_FORMATS),
  /** the file's text: SurveyJS JSON, or a LimeSurvey .lss (XML) */
  content: z.string().min(1, { error: 'Het bestand is leeg.' }).max(10_000_000, { error: 'Het bestand is groter dan 10 MB.' }),
  title: text(200).min(3).optional(),
});

export const surveyCounts = z.object({ invited: z.number(), started: z.number(), completed: z.number() });
export const surveySummary = z.object({
  id,
  title: z.string(),
  mode: z.enum(SURVEY_MODES),
  anonymised: z.boolean(),
  status: z.enum(SURVEY_STATUSES),
  languages: z.array(z.enum(SURVEY_LANGUAGES)),
  /** the number of the newest published version, null while a draft */
  currentVersion: z.number().nullable(),
  opensAt: z.string().nullable(),
  closesAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SurveySummary = z.infer<typeof surveySummary>;
export const surveyList = z.object({ surveys: z.array(surveySummary) });

export const versionSummary = z.object({
  id,
  number: z.number(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  /** responses started on this version (completed or not) */
  responses: z.number(),
});
export const surveyDetail = surveySummary.extend({
  description: z.string(),
  disclosureThreshold: z.number(),
  mail: mailTexts,
  /** the draft being edited (SurveyJS JSON) */
  definition: surveyDefinition,
  /** the draft differs from the newest published version (or nothing is published yet) */
  draftChanged: z.boolean(),
  versions: z.array(versionSummary),
  /** anonymous mode: the public link to hand out (null until one is made) */
  publicUrl: z.string().nullable(),
  counts: surveyCounts,
  /** the installation can send e-mail (TNH_SMTP_URL and TNH_MAIL_FROM are set) */
  smtpConfigured: z.boolean(),
  /** the addresses of the invitations were deleted (the survey closed, or by hand) */
  emailsDeleted: z.number(),
});
export type SurveyDetail = z.infer<typeof surveyDetail>;

export const surveyVersion = z.object({ id, number: z.number(), publishedAt: z.string(), definition: surveyDefinition });
export type SurveyVersion = z.infer<typeof surveyVersion>;

/** A problem in a definition (400 on PUT draft / publish: error.details is a list of these) or in an import. */
export const definitionProblem = z.object({ path: z.string(), message: z.string() });
export const importResponse = z.object({
  survey: surveyDetail,
  /** what could not be mapped (LimeSurvey question types, conditions, …), in Dutch */
  report: z.array(z.string()),
});

export const publicLink = z.object({ url: z.string() });

// ---- invitations ----------------------------------------------------------------------------------------

export const invitationImportBody = z.object({
  /** CSV with a column "email" (or "e-mail", "e-mailadres"); or one address per line without a header */
  csv: z.string().max(5_000_000, { error: 'Het bestand is groter dan 5 MB.' }),
});
export const invitationImportResult = z.object({
  added: z.number(),
  /** addresses that were already invited, or twice in the file */
  duplicates: z.number(),
  problems: z.array(z.object({ line: z.number(), value: z.string(), message: z.string() })),
});
export type InvitationImportResult = z.infer<typeof invitationImportResult>;

export const invitation = z.object({
  id,
  /** null unless the reader has 'study.confidential' (the lead), or when the address was deleted */
  email: z.string().nullable(),
  emailDeleted: z.boolean(),
  status: z.enum(INVITATION_STATUSES),
  linkIssuedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  reminders: z.number(),
  /** in anonymised mode only the date (midnight UTC), so that times cannot link an invitation to a response */
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof invitation>;
export const invitationListQuery = z.object({
  status: z.enum(INVITATION_STATUSES).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const invitationList = z.object({
  total: z.number(),
  counts: z.record(z.enum(INVITATION_STATUSES), z.number()),
  invitations: z.array(invitation),
});
export const linksBody = z.object({ scope: z.enum(LINK_SCOPES).default('new') });
export const sendBody = z.object({ kind: z.enum(MAIL_KINDS) });

// ---- open answers to the coding module -------------------------------------------------------------------

/** An open question (long text, or short text) of any published version, with its completed non-empty answers. */
export const openQuestion = z.object({
  name: z.string(),
  title: z.string(),
  /** completed responses with a non-empty answer to it (all versions) */
  answers: z.number(),
  /** of those, already sent to the coding module (a document exists) */
  sent: z.number(),
});
export type OpenQuestion = z.infer<typeof openQuestion>;
export const openQuestionList = z.object({ questions: z.array(openQuestion) });
export const toCodingBody = z.object({
  /** the name of an open question */
  question: z.string().min(1, { error: 'Kies een vraag.' }).max(200, { error: 'Een vraagnaam heeft hoogstens 200 tekens.' }),
});
export const toCodingResult = z.object({
  question: z.string(),
  /** non-empty answers of completed responses */
  answers: z.number(),
  /** new documents */
  created: z.number(),
  /** answers that had been sent before (nothing added) */
  existing: z.number(),
});
export type ToCodingResult = z.infer<typeof toCodingResult>;

// ---- respondent API ---------------------------------------------------------------------------------------

/** A respondent's answers by question name (SurveyJS data). Checked against the frozen version by the server. */
export const answers = z.record(z.string().max(200), z.unknown());
export const respondentQuery = z.object({ lang: z.enum(SURVEY_LANGUAGES).optional() });
export const respondentSurvey = z.object({
  title: z.string(),
  description: z.string(),
  languages: z.array(z.enum(SURVEY_LANGUAGES)),
  /** the language to show (?lang=, else the one saved, else nl) */
  language: z.enum(SURVEY_LANGUAGES),
  version: z.number(),
  /** the frozen definition of the version this response belongs to */
  definition: surveyDefinition,
  state: z.enum(RESPONSE_STATES),
  /** the saved answers (empty when new or completed) */
  answers,
  /** the furthest page saved, and the page to continue on (names of pages in the definition) */
  lastSavedPage: z.string().nullable(),
  resumePage: z.string().nullable(),
  closesAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type RespondentSurvey = z.infer<typeof respondentSurvey>;

export const savePageBody = z.object({
  /** the name of the page these answers belong to */
  page: z.string().min(1).max(200),
  /** the answers of that page (a question of the page that is absent is cleared) */
  answers,
  language: z.enum(SURVEY_LANGUAGES).optional(),
});
export const pageSaved = z.object({
  state: z.literal('in_progress'),
  lastSavedPage: z.string(),
  /** set on the first save when the respondent has no personal link: send this token from now on */
  resumeToken: z.string().nullable(),
  /** the link with which the respondent can continue later (show it; it is not stored in readable form) */
  resumeUrl: z.string().nullable(),
});
export const completeBody = z.object({
  /** one random uuid per attempt to submit, reused on every retry of that attempt */
  idempotencyKey: z.uuid({ error: 'Ongeldige sleutel.' }),
  /** the answers of the last page, when not saved separately */
  page: z.string().min(1).max(200).optional(),
  answers: answers.optional(),
  language: z.enum(SURVEY_LANGUAGES).optional(),
});
export const completed = z.object({ state: z.literal('completed'), completedAt: z.string() });
/** error.details of invalid_answers */
export const answerProblem = z.object({ question: z.string(), page: z.string().nullable(), message: z.string() });
export type AnswerProblem = z.infer<typeof answerProblem>;

// ---- results ----------------------------------------------------------------------------------------------

/**
 * Filters by closed answers: repeated `filter=vraag:waarde` (a matrix row: `filter=matrix.rij:waarde`), and/or a
 * JSON object `filters={"rol":["jeugdbeschermer","pleegzorg"]}` (question → the answer values to keep). A response
 * passes when it gave one of the values of a question; several questions: all must match. Unknown questions or
 * values: 400.
 */
export const resultsQuery = z.object({
  /** the version number (default: the newest with responses) */
  version: z.coerce.number().int().min(1).max(100_000).optional(),
  filters: z.string().max(10_000).optional(),
  filter: z.union([z.string().min(1).max(400), z.array(z.string().min(1).max(400)).max(50)]).optional(),
});
/** Why a reader under disclosure control sees no filtered figures: the filtered group, or the rest, is below the threshold. */
export const withheldReason = z.enum(['filtered_n', 'rest_n']).nullable();
/** row and col: question names (or `matrix.row`); both are needed (400 when missing, after the survey is found) */
export const crosstabQuery = resultsQuery.extend({ row: z.string().min(1).max(200).optional(), col: z.string().min(1).max(200).optional() });

/** A count that is null when disclosure control withheld it (committee: below the threshold). */
const count = z.number().nullable();
export const optionResult = z.object({ value: z.union([z.string(), z.number(), z.boolean()]), label: z.string(), count, percent: z.number().nullable() });
export const questionResult = z.object({
  name: z.string(),
  title: z.string(),
  /** the SurveyJS question type (radiogroup, checkbox, dropdown, rating, matrix, boolean, text, comment, ranking) */
  type: z.string(),
  page: z.string().nullable(),
  /** responses that answered this question */
  n: count,
  suppressed: z.boolean(),
  /** closed questions: counts per answer option (for checkbox: per option, percent of respondents) */
  options: z.array(optionResult).nullable(),
  /** Likert matrix: one row of options per statement */
  rows: z.array(z.object({ value: z.string(), label: z.string(), options: z.array(optionResult) })).nullable(),
  /** ratings and numbers: mean with 95% confidence interval */
  mean: z.object({ mean: z.number(), lo: z.number(), hi: z.number(), sd: z.number(), n: z.number() }).nullable(),
  /** ranking: mean rank per option (1 = first) */
  ranks: z.array(z.object({ value: z.string(), label: z.string(), meanRank: z.number().nullable() })).nullable(),
  /** open questions: the answers as plain text (never HTML); only for readers with 'data.read' */
  texts: z.array(z.string()).nullable(),
});
export type QuestionResult = z.infer<typeof questionResult>;
export const surveyResults = z.object({
  version: z.number().nullable(),
  versions: z.array(z.number()),
  threshold: z.number(),
  /** disclosure control applies to this reader (results.read without data.read) */
  controlled: z.boolean(),
  /** something was withheld */
  suppressed: z.boolean(),
  filters: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))),
  overview: z.object({
    invited: count,
    started: count,
    completed: count,
    /** completed / started (personal mode: completed / invited) */
    completionRate: z.number().nullable(),
    medianDurationSeconds: z.number().nullable(),
    /** per page: started responses whose furthest saved page is this one and that did not complete */
    dropOff: z.array(z.object({ page: z.string(), title: z.string(), stopped: count })),
  }),
  /** completed responses in the (filtered) set */
  n: count,
  /** disclosure control withheld all filtered figures (see withheldReason) */
  withheld: withheldReason,
  questions: z.array(questionResult),
});
export type SurveyResults = z.infer<typeof surveyResults>;

export const crosstab = z.object({
  version: z.number().nullable(),
  threshold: z.number(),
  controlled: z.boolean(),
  suppressed: z.boolean(),
  row: z.object({ name: z.string(), title: z.string() }),
  col: z.object({ name: z.string(), title: z.string() }),
  rowLabels: z.array(z.object({ value: z.string(), label: z.string() })),
  colLabels: z.array(z.object({ value: z.string(), label: z.string() })),
  /** counts[row][col]; null where withheld */
  counts: z.array(z.array(count)),
  rowTotals: z.array(count),
  colTotals: z.array(count),
  total: count,
  chiSquare: z.object({ statistic: z.number(), df: z.number(), p: z.number(), cramersV: z.number().nullable() }).nullable(),
  /** some expected counts are below 5: the chi-square test is unreliable */
  lowExpected: z.boolean(),
  /** cells of the test (non-empty rows × columns), and how many have an expected count below 5 and below 1 */
  cellsTested: z.number(),
  expectedBelow5: z.number(),
  expectedBelow1: z.number(),
  /** disclosure control withheld the test because cells were withheld (it could reveal them) */
  testWithheld: z.boolean(),
  filters: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()]))),
  /** disclosure control withheld the whole table (see withheldReason) */
  withheld: withheldReason,
});
export type Crosstab = z.infer<typeof crosstab>;

export const responsesQuery = z.object({
  version: z.coerce.number().int().min(1).max(100_000).optional(),
  completed: z.enum(['true', 'false']).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const surveyResponse = z.object({
  id,
  version: z.number(),
  language: z.string(),
  answers,
  lastSavedPage: z.string().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type SurveyResponse = z.infer<typeof surveyResponse>;
export const responseList = z.object({ total: z.number(), responses: z.array(surveyResponse) });

export const exportBody = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** the version number (default: the newest with responses) */
  version: z.number().int().min(1).max(100_000).optional(),
});
