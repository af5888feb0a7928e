/**
 * The vocabulary of documents, transcripts, codes and codings: plain constants without zod, so that the web app can
 * use them at run time without pulling the schema library into the browser bundle. Re-exported by ./coding.
 *
 * Offsets everywhere are Unicode code points into a document version's text, end exclusive (as REFI-QDA counts).
 */
export { PSEUDONYM_KINDS, type Kind as PseudonymKind } from '../lib/pseudonymise/types';

/** What a document is: an interview transcript, an open survey answer, a signal (melding), a note from a case file. */
export const DOCUMENT_KINDS = ['transcript', 'survey_answer', 'signal', 'dossier_note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The role of a speaker in a transcript turn. */
export const SPEAKER_ROLES = ['interviewer', 'respondent'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

/** The file types a transcript can be imported from (or pasted text). */
export const TRANSCRIPT_EXTENSIONS = ['.txt', '.docx', '.vtt', '.srt'] as const;

/** Retrieval: the context shown around a segment — its speaker turn, or CONTEXT_CHARS code points on either side. */
export const CONTEXT_MODES = ['turn', 'chars'] as const;
export type ContextMode = (typeof CONTEXT_MODES)[number];
export const CONTEXT_CHARS = 200;

/** "Code all hits": code the hit itself, the sentence around it, or the speaker turn around it. */
export const HIT_EXTENTS = ['hit', 'sentence', 'turn'] as const;
export type HitExtent = (typeof HIT_EXTENTS)[number];

/** An uploaded transcript file: at most 20 MB (sent base64-encoded in JSON). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** The longest document text, in code points (about 150,000 words). */
export const MAX_TEXT_CHARS = 1_000_000;
/** Codes applied to one passage in one call. */
export const MAX_CODES_PER_CALL = 50;
/** Hits coded at once by "code all hits". */
export const MAX_BULK_HITS = 5_000;

/** The colour of a new code when none is chosen (a light tint on which dark text meets WCAG AA). */
export const DEFAULT_CODE_COLOR = '#7db2e8';
