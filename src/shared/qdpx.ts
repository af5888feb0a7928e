/**
 * Contract of the REFI-QDA exchange: the import report (project .qdpx and codebook .qdc). Export answers are files.
 * Shared by the server and the web app.
 */
import { z } from 'zod';

/** The largest .qdpx upload (application/octet-stream). */
export const MAX_QDPX_BYTES = 200 * 1024 * 1024;
/** The largest .qdc upload. */
export const MAX_QDC_BYTES = 20 * 1024 * 1024;

export const qdpxSkipped = z.object({ kind: z.string(), name: z.string(), reason: z.string() });

export const qdpxImportReport = z.object({
  project: z.string(),
  origin: z.string(),
  /** the name of the project file in the archive */
  file: z.string(),
  counts: z.object({
    codes: z.number(),
    codesCreated: z.number(),
    sources: z.number(),
    selections: z.number(),
    codings: z.number(),
    cases: z.number(),
    casesMatched: z.number(),
    casesCreated: z.number(),
    notes: z.number(),
    /** documents assigned to coders (from the "Toegewezen aan …" sets) */
    assignments: z.number(),
    variables: z.number(),
  }),
  skipped: z.array(qdpxSkipped),
  warnings: z.array(z.string()),
});
export type QdpxImportReport = z.infer<typeof qdpxImportReport>;

export const codebookImportReport = z.object({
  origin: z.string(),
  counts: z.object({ codes: z.number(), created: z.number(), existing: z.number() }),
  skipped: z.array(qdpxSkipped),
});
export type CodebookImportReport = z.infer<typeof codebookImportReport>;

/** The JSON alternative to a raw body: the file as base64 (as the transcript upload does). */
export const qdpxJsonBody = z.object({ contentBase64: z.string().min(1, { error: 'Het bestand ontbreekt.' }).max(Math.ceil(MAX_QDPX_BYTES / 3) * 4 + 4, { error: 'Het bestand is groter dan 200 MB.' }) });
export const codebookJsonBody = z.object({ xml: z.string().min(1, { error: 'Het codeboek ontbreekt.' }).max(MAX_QDC_BYTES, { error: 'Het codeboek is groter dan 20 MB.' }) });
