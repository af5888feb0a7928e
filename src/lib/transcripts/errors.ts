/** Why an import failed; the `message` is Dutch and safe to show (e.g. in a 400 response). */
export type TranscriptErrorCode =
  | 'unsupported_format'
  | 'empty'
  | 'binary'
  | 'invalid_encoding'
  | 'corrupt_docx'
  | 'invalid_vtt'
  | 'invalid_srt';

export class TranscriptError extends Error {
  /** HTTP status a route should answer with. */
  readonly status = 400;

  constructor(
    public readonly code: TranscriptErrorCode,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'TranscriptError';
  }
}
