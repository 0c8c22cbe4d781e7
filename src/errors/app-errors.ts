import { GraphQLError } from 'graphql';

/**
 * The one error vocabulary. Services throw these; the GraphQL layer passes the code and field of a client-visible
 * one to the client, the HTTP routes answer with its status, and the CLI prints its message and exits non-zero.
 * Anything else that escapes is an internal error and is masked before it reaches a client.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'DELIVERY_REFUSED'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'PRECONDITION_FAILED';

export interface ErrorCodeInfo {
  /** The HTTP status of the download routes; over GraphQL too when `graphqlStatus` is set (otherwise 200). */
  status: number;
  /** True when GraphQL answers with `status` instead of 200 with the error in the body. */
  graphqlStatus: boolean;
  /** True when a client sees the code and message; false masks it as INTERNAL_SERVER_ERROR. */
  client: boolean;
  /** The level a server logs it at: a client-visible one only for its `detail`, a hidden one always. */
  log: 'warn' | 'error';
}

/** Per code: what a client is told and what the log gets. */
export const ERROR_CODES: Readonly<Record<ErrorCode, ErrorCodeInfo>> = {
  BAD_USER_INPUT: { status: 400, graphqlStatus: false, client: true, log: 'warn' },
  NOT_FOUND: { status: 404, graphqlStatus: false, client: true, log: 'warn' },
  UNAUTHENTICATED: { status: 401, graphqlStatus: true, client: true, log: 'warn' },
  FORBIDDEN: { status: 403, graphqlStatus: true, client: true, log: 'warn' },
  CONFLICT: { status: 409, graphqlStatus: false, client: true, log: 'warn' },
  /** Temporary: the same request may succeed later. */
  UNAVAILABLE: { status: 503, graphqlStatus: false, client: true, log: 'warn' },
  RATE_LIMITED: { status: 429, graphqlStatus: true, client: true, log: 'warn' },
  /** The mail server refused the message for good (an SMTP 5xx): sending it again the same way fails the same way. */
  DELIVERY_REFUSED: { status: 502, graphqlStatus: false, client: true, log: 'warn' },
  /** A WebSocket connection already holds SITREP_WS_MAX_SUBSCRIPTIONS subscriptions: end one, or open another connection. */
  TOO_MANY_SUBSCRIPTIONS: { status: 429, graphqlStatus: false, client: true, log: 'warn' },
  /** The installation is not ready for the command (pending migrations, an unwritable output file): the operator's to fix. */
  PRECONDITION_FAILED: { status: 500, graphqlStatus: false, client: false, log: 'error' },
};

const ALL_CODES = Object.keys(ERROR_CODES) as ErrorCode[];

/** Our codes a client may see. */
export const CLIENT_ERROR_CODES: readonly ErrorCode[] = ALL_CODES.filter((code) => ERROR_CODES[code].client);

/** Codes whose HTTP status GraphQL answers with too (the rest answer 200 with the error in the body). */
export const GRAPHQL_HTTP_CODES: ReadonlySet<ErrorCode> = new Set(
  ALL_CODES.filter((code) => ERROR_CODES[code].graphqlStatus),
);

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
        http: { status: GRAPHQL_HTTP_CODES.has(code) ? ERROR_CODES[code].status : 200 },
      },
    });
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.detail = options.detail;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].status;
  }

  /** The level a server logs this error at (see ERROR_CODES). */
  get logLevel(): ErrorCodeInfo['log'] {
    return ERROR_CODES[this.code].log;
  }
}

/** Too many requests: 429 with `Retry-After` (seconds) over GraphQL and HTTP alike. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('RATE_LIMITED', message);
    this.name = 'RateLimitedError';
    this.extensions.retryAfterSeconds = retryAfterSeconds;
    this.extensions.http = { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) };
  }
}

export const badInput = (field: string, message: string): AppError =>
  new AppError('BAD_USER_INPUT', `${field}: ${message}`, field);

/** The installation is not in the state a command needs; the message says what to run or fix. */
export const preconditionFailed = (field: string, message: string): AppError =>
  new AppError('PRECONDITION_FAILED', `${field}: ${message}`, field);

export const notFound = (what: string, field?: string): AppError =>
  new AppError('NOT_FOUND', `${what} not found`, field);

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
