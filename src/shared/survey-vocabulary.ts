/**
 * The vocabulary of the survey among professionals (enquête): plain constants without zod, so that the web app
 * (and the lean respondent page) can use them at run time without the schema library. Re-exported by ./surveys.
 */

/** anonymous: one public link, nobody is invited; personal: invitations by e-mail with single-use links */
export const SURVEY_MODES = ['anonymous', 'personal'] as const;
export type SurveyMode = (typeof SURVEY_MODES)[number];

export const SURVEY_LANGUAGES = ['nl', 'en'] as const;
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number];

/**
 * Derived, never stored: draft (no version published yet), scheduled (published, opens later), open, closed
 * (the close date has passed or the survey was closed by hand).
 */
export const SURVEY_STATUSES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** Where an invitation stands: pending (no link issued yet), invited (link exported or mailed), started, completed. */
export const INVITATION_STATUSES = ['pending', 'invited', 'started', 'completed'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** new: only invitations that never had a link; pending: every invitation not completed (earlier links stop working) */
export const LINK_SCOPES = ['new', 'pending'] as const;
export type LinkScope = (typeof LINK_SCOPES)[number];

export const MAIL_KINDS = ['invitation', 'reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'spss', 'r', 'json'] as const;
export type SurveyExportFormat = (typeof EXPORT_FORMATS)[number];

export const IMPORT_FORMATS = ['surveyjs', 'limesurvey'] as const;
export type SurveyImportFormat = (typeof IMPORT_FORMATS)[number];

/** What the respondent API says about a response: new (nothing saved yet), in_progress, completed. */
export const RESPONSE_STATES = ['new', 'in_progress', 'completed'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

/** The HTTP header that carries the respondent's token (never in the URL, so it stays out of access logs). */
export const SURVEY_TOKEN_HEADER = 'x-survey-token';

/**
 * Error codes of the respondent API, with their HTTP status:
 * link_invalid 404 · survey_not_open 423 (details.opensAt) · survey_not_published 423 · survey_closed 410 ·
 * already_completed 409 · invitation_used 409 · invalid_answers 400 (details: AnswerProblem[]) · validation 400 ·
 * 413 (more than 256 kB) · 429 (too many requests from one address).
 */
export const RESPONDENT_ERRORS = ['link_invalid', 'survey_not_open', 'survey_not_published', 'survey_closed', 'already_completed', 'invitation_used', 'invalid_answers'] as const;
export type RespondentError = (typeof RESPONDENT_ERRORS)[number];

/** The most a respondent request body may hold. */
export const RESPONDENT_BODY_LIMIT = 256 * 1024;
