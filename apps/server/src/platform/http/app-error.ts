// The one error type services throw. `kind` says what went wrong in domain terms; the HTTP edge
// (and later the socket gateway) maps it to a status, so services never speak HTTP.
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported_media'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, module-prefixed code such as `identity.email_taken`. */
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
  }
}

export const notFound = (code: string, what: string) => new AppError('not_found', code, `${what} was not found`);
export const forbidden = (code: string, message = 'You do not have permission to do this') => new AppError('forbidden', code, message);
export const invalidField = (code: string, field: string, message: string) =>
  new AppError('invalid', code, `${field} ${message}`, { fields: [{ field, message }] });
