/**
 * Contract of documents, transcripts, the pseudonymisation assistant, the codebook, codings, retrieval and search
 * (the qualitative part of the interview study). Shared by the server and the web app.
 *
 * Offsets (start, end) are Unicode code points into the text of one document version, end exclusive.
 * A document has versions; codings always belong to the current version. A version with codings is frozen: an
 * edit of its text (or a pseudonymisation) makes a new version, and the codings move with their text.
 */
import { z } from 'zod';
import { studyParams, uuid } from './api';
import {
  CONTEXT_MODES,
  DOCUMENT_KINDS,
  HIT_EXTENTS,
  MAX_BULK_HITS,
  MAX_CODES_PER_CALL,
  MAX_TEXT_CHARS,
  MAX_UPLOAD_BYTES,
  PSEUDONYM_KINDS,
  SPEAKER_ROLES,
} from './coding-vocabulary';
export * from './coding-vocabulary';

// ---- building blocks ------------------------------------------------------------------------------------
export const documentParams = studyParams.extend({ documentId: uuid });
export const codeParams = studyParams.extend({ codeId: uuid });
export const codingParams = studyParams.extend({ codingId: uuid });

/** A code-point offset. */
export const offset = z.int({ error: 'Een positie is een geheel getal.' }).min(0, { error: 'Een positie is 0 of meer.' }).max(MAX_TEXT_CHARS);
export const versionNumber = z.int({ error: 'Een versie is een geheel getal.' }).min(1, { error: 'Versies tellen vanaf 1.' }).max(1_000_000);
/** Plain-text columns cannot hold a NUL character. */
const noNul = (s: string) => !s.includes('\u0000');
const nulMessage = { error: 'De tekst bevat een ongeldig teken (NUL).' };
const title = z.string().trim().min(1, { error: 'Geef het document een titel.' }).max(200, { error: 'Een titel heeft hoogstens 200 tekens.' }).refine(noNul, nulMessage);
const memo = z.string().max(20_000, { error: 'Een memo heeft hoogstens 20.000 tekens.' }).refine(noNul, nulMessage);
const documentText = z
  .string()
  .min(1, { error: 'De tekst is leeg.' })
  .max(MAX_TEXT_CHARS, { error: `Een tekst heeft hoogstens ${MAX_TEXT_CHARS.toLocaleString('nl-NL')} tekens.` });
export const codeColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'Geef een kleur als #rrggbb.' });
const codeName = z.string().trim().min(1, { error: 'Geef de code een naam.' }).max(120, { error: 'Een codenaam heeft hoogstens 120 tekens.' }).refine(noNul, nulMessage);
const codeDescription = z.string().trim().max(5_000, { error: 'Een beschrijving heeft hoogstens 5.000 tekens.' }).refine(noNul, nulMessage);
const codeIds = z
  .array(uuid)
  .min(1, { error: 'Kies minstens één code.' })
  .max(MAX_CODES_PER_CALL, { error: `Hoogstens ${MAX_CODES_PER_CALL} codes tegelijk.` });

/** A speaker turn of a transcript: the unit of coding and of reliability. */
export const unit = z.object({
  start: offset,
  end: offset,
  /** the label as written ("I", "R", "Sanne"), or null */
  speaker: z.string().max(100).nullable(),
  role: z.enum(SPEAKER_ROLES).nullable(),
  startMs: z.int().min(0).nullable(),
  endMs: z.int().min(0).nullable(),
});
export type Unit = z.infer<typeof unit>;

// ---- documents ------------------------------------------------------------------------------------------
export const documentSummary = z.object({
  id: uuid,
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string(),
  participantId: uuid.nullable(),
  /** the participant's pseudonymous code (never a name) */
  participantCode: z.string().nullable(),
  interviewId: uuid.nullable(),
  currentVersion: z.number(),
  /** length of the current text in code points */
  length: z.number(),
  /** the identifying information of the current text was replaced by the pseudonymisation assistant */
  pseudonymised: z.boolean(),
  /** codings on the current version */
  codings: z.number(),
  /** assigned to the current user by the lead (team coding; in the document list) */
  assignedToMe: z.boolean().optional(),
  /** attributes of the document itself, as text (a survey answer: the respondent's closed answers by question) */
  attributes: z.record(z.string(), z.string()),
  createdBy: uuid.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DocumentSummary = z.infer<typeof documentSummary>;
export const documentDetail = documentSummary.extend({ memo: z.string() });
export type DocumentDetail = z.infer<typeof documentDetail>;

export const documentListQuery = z.object({
  kind: z.enum(DOCUMENT_KINDS).optional(),
  participantId: uuid.optional(),
  /** part of the title */
  q: z.string().max(200).optional(),
  /** 'me': only the documents assigned to me (team coding); my assigned documents always come first */
  assigned: z.enum(['me'], { error: 'Gebruik assigned=me.' }).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const documentListResponse = z.object({ documents: z.array(documentSummary), total: z.number() });

/** A document from plain text (survey answer, signal, case-file note; or a transcript without a file). */
export const createDocumentBody = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  title,
  participantId: uuid.nullable().optional(),
  interviewId: uuid.nullable().optional(),
  text: documentText,
  /** optional units (speaker turns) over the text */
  units: z.array(unit).max(100_000).optional(),
});

/**
 * A transcript from a file (.txt UTF-8, .docx, .vtt, .srt; base64, at most 20 MB) or pasted text; speaker turns
 * are recognised ("R: …", "Interviewer: …", cue voices). The consent check applies when a participant is linked.
 */
export const importTranscriptBody = z
  .object({
    title,
    participantId: uuid.nullable().optional(),
    interviewId: uuid.nullable().optional(),
    file: z
      .object({
        name: z.string().trim().min(1, { error: 'De bestandsnaam ontbreekt.' }).max(255, { error: 'De bestandsnaam is te lang.' }),
        contentBase64: z
          .string()
          .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4, { error: 'Het bestand is groter dan 20 MB.' })
          .regex(/^[A-Za-z0-9+/=\r\n_-]*$/, { error: 'De bestandsinhoud is geen geldige base64.' }),
      })
      .optional(),
    pasted: documentText.optional(),
  })
  .refine((b) => (b.file === undefined) !== (b.pasted === undefined), { error: 'Stuur óf een bestand, óf geplakte tekst.' });

export const documentVersion = z.object({
  version: z.number(),
  text: z.string(),
  units: z.array(unit),
  /** code points */
  length: z.number(),
  /** this version has codings: an edit makes a new version */
  frozen: z.boolean(),
  createdAt: z.string(),
});
export type DocumentVersion = z.infer<typeof documentVersion>;
export const versionInfo = z.object({ version: z.number(), length: z.number(), createdAt: z.string() });

// ---- codebook -------------------------------------------------------------------------------------------
export const code = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  name: z.string(),
  description: z.string(),
  color: z.string(),
  /** analytic memo (plain text) */
  memo: z.string(),
  /** position among its siblings, from 0 */
  position: z.number(),
  /** codings of this code in the study (not counting subcodes) */
  codings: z.number(),
});
export type Code = z.infer<typeof code>;
export const codesResponse = z.object({ codes: z.array(code) });
export const createCodeBody = z.object({
  name: codeName,
  parentId: uuid.nullable().optional(),
  description: codeDescription.optional(),
  color: codeColor.optional(),
  memo: memo.optional(),
});
/** Rename, recolour, describe, memo: only the fields sent change. */
export const patchCodeBody = z.object({
  name: codeName.optional(),
  description: codeDescription.optional(),
  color: codeColor.optional(),
  memo: memo.optional(),
});
/** Move under another code (null: to the top level), at `position` among its new siblings (default: last). */
export const moveCodeBody = z.object({ parentId: uuid.nullable(), position: z.int().min(0).max(100_000).optional() });
/** Merge the code of the URL into `targetId`: its codings and subcodes move to the target, the code is removed. */
export const mergeCodeBody = z.object({ targetId: uuid });
export const mergeCodeResponse = z.object({ codes: z.array(code), recoded: z.number(), removedDuplicates: z.number(), movedChildren: z.number() });
/** withCodings=true: also delete the codings of the code and of its subcodes (otherwise 409 while there are any). */
export const deleteCodeQuery = z.object({ withCodings: z.enum(['true', 'false']).optional() });
export const deleteCodeResponse = z.object({ ok: z.literal(true), deletedCodes: z.number(), deletedCodings: z.number() });
export const templateResponse = z.object({ codes: z.array(code), added: z.number(), skipped: z.number() });

// ---- codings --------------------------------------------------------------------------------------------
export const coding = z.object({
  id: uuid,
  documentId: uuid,
  version: z.number(),
  codeId: uuid,
  start: z.number(),
  end: z.number(),
  memo: z.string(),
  coderId: uuid.nullable(),
  /** 'coder': a coder's own coding; 'consensus': adjudicated by the lead (team coding) */
  layer: z.enum(['coder', 'consensus']).optional(),
  createdAt: z.string(),
});
export type Coding = z.infer<typeof coding>;

/** GET of a document: one call with everything the coding workspace needs. */
export const documentView = z.object({
  document: documentDetail,
  version: documentVersion,
  versions: z.array(versionInfo),
  /** the codings of the shown version (empty for an older version: codings move with the current one) */
  codings: z.array(coding),
  codes: z.array(code),
});
export type DocumentView = z.infer<typeof documentView>;
/** version: an older version (default: the current one). Versions before a pseudonymisation: lead only. */
export const documentViewQuery = z.object({
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** which codings: the coders' (default) or the consensus layer (team coding) */
  layer: z.enum(['coder', 'consensus'], { error: 'Kies de laag "coder" of "consensus".' }).optional(),
});

/** Title, participant, interview, memo (encrypted): only the fields sent change. */
export const patchDocumentBody = z.object({
  title: title.optional(),
  participantId: uuid.nullable().optional(),
  interviewId: uuid.nullable().optional(),
  memo: memo.optional(),
});

/** A coding that could not move to the new version because its text was deleted. */
export const droppedCoding = z.object({ codingId: uuid, codeId: uuid, start: z.number(), end: z.number(), text: z.string() });
export const versionChange = z.object({
  document: documentDetail,
  /** the version the text now has */
  version: z.number(),
  /** false: the version had no codings and was corrected in place */
  newVersion: z.boolean(),
  /** codings that moved to the new version */
  moved: z.number(),
  dropped: z.array(droppedCoding),
});
export type VersionChange = z.infer<typeof versionChange>;
/** A new text for the document; baseVersion must be the current version (409 otherwise: reload). */
export const editTextBody = z.object({ baseVersion: versionNumber, text: documentText });

// ---- pseudonymisation -----------------------------------------------------------------------------------
export const pseudonymProposal = z.object({ index: z.number(), start: z.number(), end: z.number(), kind: z.enum(PSEUDONYM_KINDS), text: z.string() });
export const proposalsResponse = z.object({ version: z.number(), proposals: z.array(pseudonymProposal) });
/**
 * The accepted spans (proposals, possibly with a corrected kind, and spans the researcher marked), in the current
 * version. They are replaced by labels ([Naam 1], [Plaats 2] …) that are the same for one entity across the study.
 */
export const pseudonymiseBody = z.object({
  baseVersion: versionNumber,
  spans: z
    .array(z.object({ start: offset, end: offset, kind: z.enum(PSEUDONYM_KINDS), index: z.int().min(0).optional() }))
    .min(1, { error: 'Kies minstens één fragment om te vervangen.' })
    .max(20_000),
});
export const pseudonymiseResponse = versionChange.extend({
  /** where the labels are in the new text */
  replacements: z.array(z.object({ start: z.number(), end: z.number(), label: z.string(), kind: z.enum(PSEUDONYM_KINDS) })),
});
/** The study's mapping label → original texts (confidential: the lead only). */
export const pseudonymMapResponse = z.object({
  entries: z.array(z.object({ label: z.string(), kind: z.enum(PSEUDONYM_KINDS), originals: z.array(z.string()) })),
});

// ---- codings --------------------------------------------------------------------------------------------
/** Apply one or more codes to a passage of the current version (the same code on the same passage again: no-op). */
export const applyCodingBody = z.object({
  version: versionNumber,
  start: offset,
  end: offset,
  codeIds,
  memo: memo.optional(),
  /** 'consensus': the lead codes the consensus layer directly (coding.supervise); default the coder's own layer */
  layer: z.enum(['coder', 'consensus'], { error: 'Kies de laag "coder" of "consensus".' }).optional(),
});
export const applyCodingResponse = z.object({ codings: z.array(coding), created: z.number() });
export const patchCodingBody = z.object({ memo });
/** "Code all hits": the hits of a search (as returned, possibly fewer), coded with the codes in one go. */
export const bulkCodingBody = z.object({
  codeIds,
  hits: z
    .array(z.object({ documentId: uuid, version: versionNumber, start: offset, end: offset }))
    .min(1, { error: 'Er zijn geen vindplaatsen om te coderen.' })
    .max(MAX_BULK_HITS, { error: `Hoogstens ${MAX_BULK_HITS} vindplaatsen tegelijk.` }),
  /** code the hit itself (default), its sentence, or its speaker turn */
  extent: z.enum(HIT_EXTENTS).default('hit'),
});
export const bulkCodingResponse = z.object({ created: z.number(), existing: z.number(), documents: z.number() });

// ---- retrieval ------------------------------------------------------------------------------------------
export const participantRef = z.object({
  id: uuid,
  code: z.string(),
  /** the participant's attributes (e.g. role: child), as text */
  attributes: z.record(z.string(), z.string()),
});
export const retrieveBody = z.object({
  codeIds: z.array(uuid).min(1, { error: 'Kies minstens één code.' }).max(200),
  /** also the segments of the subcodes */
  includeChildren: z.boolean().default(false),
  documentIds: z.array(uuid).max(10_000).optional(),
  kinds: z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length).optional(),
  /** only documents whose participant or the document itself has these attribute values: { role: ['child'] } (any of the values; all keys) */
  attributes: z.record(z.string().min(1).max(100), z.array(z.string().max(200)).min(1).max(100)).optional(),
  context: z.enum(CONTEXT_MODES).default('turn'),
  offset: z.int().min(0).max(1_000_000).default(0),
  limit: z.int().min(1).max(500).default(50),
});
export const segment = z.object({
  codingId: uuid,
  codeId: uuid,
  codeName: z.string(),
  documentId: uuid,
  documentTitle: z.string(),
  documentKind: z.enum(DOCUMENT_KINDS),
  version: z.number(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  memo: z.string(),
  coderId: uuid.nullable(),
  createdAt: z.string(),
  /** the speaker of the turn the segment starts in */
  speaker: z.string().nullable(),
  /** the surrounding speaker turn, or ±200 code points (also when the document has no turns) */
  context: z.object({ start: z.number(), end: z.number(), text: z.string() }),
  participant: participantRef.nullable(),
  /** the document's own attributes (a survey answer: the respondent's closed answers) */
  documentAttributes: z.record(z.string(), z.string()),
});
export type Segment = z.infer<typeof segment>;
export const retrieveResponse = z.object({ total: z.number(), segments: z.array(segment) });

// ---- search ---------------------------------------------------------------------------------------------
/**
 * Words are matched by their Dutch stem ("gesprekken" finds "gesprek" and "gesprekken"); "an exact phrase" in double quotes
 * matches those words in that order, ignoring case. all=true: only documents that contain every term.
 */
export const searchBody = z.object({
  query: z.string().trim().min(1, { error: 'Vul een zoekterm in.' }).max(500, { error: 'Een zoekvraag heeft hoogstens 500 tekens.' }),
  documentIds: z.array(uuid).max(10_000).optional(),
  kinds: z.array(z.enum(DOCUMENT_KINDS)).max(DOCUMENT_KINDS.length).optional(),
  all: z.boolean().default(false),
  limit: z.int().min(1).max(MAX_BULK_HITS).default(500),
});
export const searchHit = z.object({
  documentId: uuid,
  documentTitle: z.string(),
  version: z.number(),
  start: z.number(),
  end: z.number(),
  /** the text around the hit; hitStart/hitEnd: where the hit is inside it (code points) */
  snippet: z.object({ text: z.string(), hitStart: z.number(), hitEnd: z.number() }),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResponse = z.object({
  hits: z.array(searchHit),
  /** every hit found (more than returned when truncated) */
  total: z.number(),
  /** documents searched / with at least one hit */
  documents: z.number(),
  documentsWithHits: z.number(),
  truncated: z.boolean(),
  /** the terms as searched: stems of words, phrases as given */
  terms: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof searchResponse>;

/*
 * Routes (all under /api/studies/:slug; read = data.read, write = data.write; the committee sees none of it):
 *   GET    /documents                              read   documentListQuery → documentListResponse
 *   POST   /documents                              write  createDocumentBody → documentDetail
 *   POST   /documents/transcripts                  write  importTranscriptBody → documentDetail   (consent gate)
 *   GET    /documents/:documentId                  read   ?version → documentView   (the workspace's one call)
 *   PATCH  /documents/:documentId                  write  patchDocumentBody → documentDetail
 *   DELETE /documents/:documentId                  write  → ok (versions and codings go with it)
 *   PUT    /documents/:documentId/text             write  editTextBody → versionChange
 *   GET    /documents/:documentId/pseudonymisation read   → proposalsResponse (detector proposals, current version)
 *   POST   /documents/:documentId/pseudonymisation write  pseudonymiseBody → pseudonymiseResponse
 *   POST   /documents/:documentId/codings          write  applyCodingBody → applyCodingResponse   (consent gate)
 *   PATCH  /codings/:codingId                      write  patchCodingBody → coding
 *   DELETE /codings/:codingId                      write  → ok
 *   POST   /codings/bulk                           write  bulkCodingBody → bulkCodingResponse (one transaction)
 *   GET    /codes                                  read   → codesResponse
 *   POST   /codes                                  write  createCodeBody → code   (409 on a name taken at that place)
 *   POST   /codes/template                         write  → templateResponse (idempotent)
 *   PATCH  /codes/:codeId                          write  patchCodeBody → code
 *   POST   /codes/:codeId/move                     write  moveCodeBody → codesResponse
 *   POST   /codes/:codeId/merge                    write  mergeCodeBody → mergeCodeResponse
 *   DELETE /codes/:codeId                          write  ?withCodings=true → deleteCodeResponse (with its subcodes)
 *   POST   /retrieve                               read   retrieveBody → retrieveResponse
 *   POST   /search                                 read   searchBody → searchResponse
 *   GET    /pseudonyms                             study.confidential → pseudonymMapResponse
 */
