import { GraphQLError } from 'graphql';

/**
 * The one error vocabulary. Services throw these; the GraphQL layer passes their code and field to the
 * client, the HTTP routes map them to status codes, and the CLI prints their message and exits non-zero.
 * Anything else that escapes is an internal error and is masked before it reaches a client.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'CONFLICT' | 'UNAVAILABLE' | 'RATE_LIMITED';

const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
};

/** Codes whose HTTP status GraphQL answers with too (the rest answer 200 with the error in the body). */
const GRAPHQL_HTTP_CODES: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED']);

/** Longest error message a client or terminal sees; messages quote the input at fault, which may be megabytes. */
export const MAX_MESSAGE_CHARS = 1000;
const KEPT_TAIL_CHARS = 200;
/** Room for the " […N characters left out…] " marker. */
const MARKER_BUDGET = 40;

/**
 * The message, cut in the middle when over MAX_MESSAGE_CHARS: its start names the field and its end usually says
 * what was expected, and both are kept; the quoted input between them is what grows with the request.
 */
export function boundMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  let head = MAX_MESSAGE_CHARS - KEPT_TAIL_CHARS - MARKER_BUDGET;
  let tail = message.length - KEPT_TAIL_CHARS;
  // Never split a surrogate pair, which would leave half a character on either side.
  if (isHighSurrogate(message.charCodeAt(head - 1))) head -= 1;
  if (isHighSurrogate(message.charCodeAt(tail - 1))) tail += 1;
  return `${message.slice(0, head)} […${tail - head} characters left out…] ${message.slice(tail)}`;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  /** Dotted path of the input field at fault, e.g. `input.sources[0].url`. */
  readonly field: string | undefined;
  /** What only the server's log (and the CLI) may show: paths, a library's own error text. Never sent to a client. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string, options: { detail?: string } = {}) {
    super(boundMessage(message), {
      extensions: {
        code,
        ...(field === undefined ? {} : { field }),
        http: { status: GRAPHQL_HTTP_CODES.has(code) ? HTTP_STATUS[code] : 200 },
      },
    });
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.detail = options.detail;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }
}

/** Too many requests: 429 with `Retry-After` (seconds) over GraphQL and HTTP alike. */
export class RateLimitedError extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', message);
    this.name = 'RateLimitedError';
    this.extensions.retryAfterSeconds = retryAfterSeconds;
    this.extensions.http = { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) };
  }
}

export const badInput = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, field);

export const notFound = (what: string, field?: string): AppError => new AppError('NOT_FOUND', `${what} not found`, field);

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
