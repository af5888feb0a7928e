/** The one error type of the platform: a code, a human (Dutch) message and an HTTP status. */
export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status: number = 400,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Dit onderdeel') => new AppError('not_found', `${what} bestaat niet of u heeft er geen toegang toe.`, 404);
export const forbidden = (message = 'U heeft geen toestemming voor deze handeling.') => new AppError('forbidden', message, 403);
export const unauthenticated = (message = 'Log eerst in.') => new AppError('unauthenticated', message, 401);
export const badRequest = (message: string, details?: unknown) => new AppError('bad_request', message, 400, details);
export const conflict = (message: string) => new AppError('conflict', message, 409);
