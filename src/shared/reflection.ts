/**
 * Contract of the reflection session (reflectiesessie): professionals rate the draft recommendations on importance and
 * feasibility (1–5) through a personal token link, without an account. Shared by the server and the web app.
 *
 * Under /api/studies/:slug/reflection-sessions:
 *   GET    /                                   the sessions                                          results.read
 *   POST   /                                   create (recommendations: default all)                 reflection.manage
 *   GET    /:reflectionId                      one session with its recommendations                  results.read
 *   PATCH  /:reflectionId                      title, date, recommendations, anonymity, open/closed  reflection.manage
 *   DELETE /:reflectionId                      with its invitees, ratings, comments, decisions       reflection.manage
 *   GET    /:reflectionId/invitees             names (sealed) and status, never tokens               reflection.manage
 *   POST   /:reflectionId/invitees             add invitees; their links are shown ONCE              reflection.manage
 *   DELETE /:reflectionId/invitees/:inviteeId  remove an invitee (with their ratings)                reflection.manage
 *   POST   /:reflectionId/invitees/links       new links for all (or those without) as CSV           reflection.manage
 *   POST   /:reflectionId/invitees/send        new links by e-mail (SMTP), as a job                  reflection.manage
 *   GET    /:reflectionId/results              live aggregates (small-n suppressed), comments for
 *                                              readers with data.read, decisions                     results.read
 *   PUT    /:reflectionId/decisions            the lead's decision per recommendation (audited)      reflection.manage
 *
 * The respondent (public, token in the X-Reflection-Token header, per-IP rate limit):
 *   GET    /api/reflect                        the session with the invitee's own ratings
 *   PUT    /api/reflect                        save the ratings/comment of one recommendation
 */
import { z } from 'zod';

export { REFLECTION_TOKEN_HEADER, REFLECTION_PAGE } from './reflection-vocabulary';

export const DECISIONS = ['kept', 'changed', 'dropped'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = { kept: 'behouden', changed: 'aangepast', dropped: 'geschrapt' };

export const PRIORITIES = ['hoog', 'middel', 'laag'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SESSION_STATUSES = ['open', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const DIMENSIONS = ['importance', 'feasibility'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const NUL = /\u0000/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Hoogstens ${max} tekens.` })
    .refine((v) => !NUL.test(v), { error: 'De tekst bevat een NUL-teken; dat kan niet worden opgeslagen.' });
const id = z.uuid({ error: 'Ongeldige id.' });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'Ongeldige onderzoekscode.' });
const day = z.iso.date({ error: 'Gebruik een datum als JJJJ-MM-DD.' });

export const reflectionParams = z.object({ slug, reflectionId: id });
export const inviteeParams = z.object({ slug, reflectionId: id, inviteeId: id });

// ---- sessions ---------------------------------------------------------------------------------------------

export const sessionInput = z.object({
  title: text(300).min(1, { error: 'Geef de sessie een titel.' }),
  heldOn: day,
  /** the recommendations on the session, in this order; absent = all recommendations of the study */
  recommendationIds: z.array(id).max(500).optional(),
  allowAnonymous: z.boolean().default(true),
});
export type SessionInput = z.input<typeof sessionInput>;

export const sessionPatch = z.object({
  title: text(300).min(1, { error: 'Geef de sessie een titel.' }).optional(),
  heldOn: day.optional(),
  recommendationIds: z.array(id).max(500).optional(),
  allowAnonymous: z.boolean().optional(),
  status: z.enum(SESSION_STATUSES).optional(),
});
export type SessionPatch = z.input<typeof sessionPatch>;

export const sessionItem = z.object({
  /** the item of this session (ratings, comments and decisions belong to it) */
  id,
  /** the recommendation it was taken from (null when that recommendation was deleted since) */
  recommendationId: id.nullable(),
  /** the text as it was put to the session */
  text: z.string(),
  priority: z.enum(PRIORITIES).nullable(),
  position: z.number(),
});
export type SessionItem = z.infer<typeof sessionItem>;

export const reflectionSession = z.object({
  id,
  title: z.string(),
  heldOn: z.string(),
  status: z.enum(SESSION_STATUSES),
  allowAnonymous: z.boolean(),
  items: z.array(sessionItem),
  invitees: z.number(),
  /** invitees who saved at least one rating or comment (only for reflection.manage, else null) */
  responded: z.number().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReflectionSession = z.infer<typeof reflectionSession>;
export const sessionList = z.object({ sessions: z.array(reflectionSession) });

// ---- invitees ---------------------------------------------------------------------------------------------

export const inviteesInput = z.object({
  invitees: z
    .array(
      z.object({
        label: text(200).min(1, { error: 'Geef een naam of omschrijving (bijvoorbeeld "jeugdbeschermer regio Utrecht").' }),
        email: z
          .string()
          .trim()
          .max(320)
          .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'Dit is geen geldig e-mailadres.' })
          .optional(),
      }),
    )
    .min(1, { error: 'Voeg minstens één genodigde toe.' })
    .max(500, { error: 'Hoogstens 500 genodigden tegelijk.' }),
});
export type InviteesInput = z.input<typeof inviteesInput>;

export const invitee = z.object({
  id,
  label: z.string(),
  hasEmail: z.boolean(),
  linkIssuedAt: z.string().nullable(),
  firstSeenAt: z.string().nullable(),
  /** recommendations this invitee rated (at least one dimension) */
  rated: z.number(),
  createdAt: z.string(),
});
export type Invitee = z.infer<typeof invitee>;
export const inviteeList = z.object({ invitees: z.array(invitee), smtpConfigured: z.boolean() });

/** Links are returned once, right after they are made; the server keeps only their hashes. */
export const issuedLinks = z.object({ links: z.array(z.object({ inviteeId: id, label: z.string(), url: z.string() })) });
export type IssuedLinks = z.infer<typeof issuedLinks>;
export const linksBody = z.object({ scope: z.enum(['all', 'unissued']).default('all') });
export const linksCsv = z.object({ csv: z.string(), count: z.number(), filename: z.string() });

// ---- results ----------------------------------------------------------------------------------------------

/** One dimension of one recommendation. Below the disclosure threshold: suppressed, no n, distribution or mean. */
export const aggregate = z.object({
  suppressed: z.boolean(),
  n: z.number().nullable(),
  /** counts of 1..5 (index 0 = rating 1) */
  distribution: z.array(z.number()).nullable(),
  mean: z.number().nullable(),
});
export type Aggregate = z.infer<typeof aggregate>;

export const comment = z.object({
  id,
  text: z.string(),
  /** the invitee's label; null for an anonymous comment */
  author: z.string().nullable(),
  anonymous: z.boolean(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof comment>;

export const decision = z.object({
  itemId: id,
  decision: z.enum(DECISIONS),
  reason: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string(),
});
export type DecisionRecord = z.infer<typeof decision>;

export const resultItem = sessionItem.extend({
  importance: aggregate,
  feasibility: aggregate,
  /** null when the reader may not see comments (no data.read: the committee) */
  comments: z.array(comment).nullable(),
  decision: decision.nullable(),
});
export type ResultItem = z.infer<typeof resultItem>;

export const reflectionResults = z.object({
  session: reflectionSession,
  threshold: z.number(),
  items: z.array(resultItem),
  commentsVisible: z.boolean(),
  generatedAt: z.string(),
});
export type ReflectionResults = z.infer<typeof reflectionResults>;

export const decisionInput = z.object({
  itemId: id,
  decision: z.enum(DECISIONS, { error: 'Kies behouden, aangepast of geschrapt.' }),
  reason: text(4000).min(1, { error: 'Schrijf op waarom (dit komt in het verslag).' }),
});
export type DecisionInput = z.input<typeof decisionInput>;

// ---- respondent -------------------------------------------------------------------------------------------

export const RESPONDENT_BODY_LIMIT = 64 * 1024;

export const respondentItem = sessionItem.omit({ recommendationId: true }).extend({
  importance: z.number().nullable(),
  feasibility: z.number().nullable(),
  /** the invitee's own (named) comment */
  comment: z.string(),
});
export const respondentView = z.object({
  title: z.string(),
  heldOn: z.string(),
  studyTitle: z.string(),
  status: z.enum(SESSION_STATUSES),
  allowAnonymous: z.boolean(),
  invitee: z.string(),
  items: z.array(respondentItem),
});
export type RespondentView = z.infer<typeof respondentView>;

/** A rating is an integer 1–5 or null (not rated); checked in the service with a Dutch message. */
const rating = z.number().nullable().optional();
export const ratingInput = z.object({
  itemId: id,
  importance: rating,
  feasibility: rating,
  /** the comment; with anonymous=true it is stored without any link to the invitee (and cannot be changed later) */
  comment: text(4000).optional(),
  anonymous: z.boolean().default(false),
});
export type RatingInput = z.input<typeof ratingInput>;
export const ratingSaved = z.object({
  itemId: id,
  importance: z.number().nullable(),
  feasibility: z.number().nullable(),
  comment: z.string(),
  anonymousSent: z.boolean(),
  savedAt: z.string(),
});
export type RatingSaved = z.infer<typeof ratingSaved>;
