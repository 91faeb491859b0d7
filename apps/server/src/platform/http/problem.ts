// Maps every error to RFC 9457 problem+json. Nothing internal (stack, SQL, paths) reaches clients.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorKind, type FieldError } from './app-error.ts';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unsupported_media: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** `extensions` are extra members (RFC 9457 §3.2), such as readiness checks. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  fields?: FieldError[],
  extensions: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `/problems/${code}`,
      title: TITLE[status] ?? 'Error',
      status,
      detail,
      code,
      instance: reply.request.url.split('?')[0],
      requestId: String(reply.request.id),
      ...(fields?.length ? { errors: fields } : {}),
      ...extensions,
    });
}

/** A zod issue path (`body.email`, `querystring.limit`) named the way clients wrote it. */
function fieldName(instancePath: string, missing?: string): string {
  const path = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return [path, missing].filter(Boolean).join('.') || '(body)';
}

function fromValidation(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  return error.validation.flatMap((v) => {
    const keys = (v.params as { keys?: string[] }).keys;
    if (v.keyword === 'unrecognized_keys' && keys) {
      return keys.map((key) => ({ field: fieldName(v.instancePath, key), message: 'is not allowed' }));
    }
    const message = /received undefined$/.test(v.message ?? '') ? 'is required' : (v.message ?? 'is invalid');
    return [{ field: fieldName(v.instancePath), message }];
  });
}

function mapFastifyError(error: FastifyError): { status: number; code: string; detail: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'request.body_too_large', detail: 'The request body is larger than allowed' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'request.unsupported_media_type', detail: 'Send the body as application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'request.empty_body', detail: 'The JSON body is empty' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'request.malformed_json', detail: 'The body is not valid JSON' };
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { status: 400, code: 'request.malformed_json', detail: 'The body is not valid JSON' };
  }
  if (error.statusCode === 429) {
    return { status: 429, code: 'request.rate_limited', detail: 'Too many requests; try again later' };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'request.invalid', detail: error.message };
  }
  return null;
}

/**
 * Call before anything registers routes or plugins: Fastify binds a route's error handler when the
 * route is registered, so a handler installed later would not apply to routes already there.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds));
      if (error.kind === 'internal') request.log.error({ err: error.cause ?? error }, error.message);
      return sendProblem(reply, STATUS[error.kind], error.code, error.message, error.extra.fields);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = fromValidation(error);
      const detail = `Invalid ${fields.map((f) => f.field).join(', ')}`;
      return sendProblem(reply, 400, 'request.validation_failed', detail, fields);
    }
    const mapped = mapFastifyError(error);
    if (mapped) return sendProblem(reply, mapped.status, mapped.code, mapped.detail);
    // PostgreSQL gave up one of two conflicting transactions (deadlock, serialization): nothing was
    // written, and the same request will succeed when repeated.
    const sqlState = (error as { code?: unknown }).code;
    if (sqlState === '40P01' || sqlState === '40001') {
      request.log.warn({ err: error }, 'transaction conflict; the client may retry');
      reply.header('retry-after', '1');
      return sendProblem(reply, 503, 'request.conflict_retry', 'Another change got in the way; nothing was saved, please try again');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'internal', 'Something went wrong on our side; it has been logged');
  });
}

/** `fallback` may answer an unmatched request first (the web app's client-side routes). */
export function registerNotFoundHandler(
  app: FastifyInstance,
  fallback?: ((request: FastifyRequest, reply: FastifyReply) => boolean) | null,
): void {
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return reply;
    return sendProblem(reply, 404, 'request.route_not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
