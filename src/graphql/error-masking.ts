import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError, GraphQLSchema, isSpecifiedScalarType } from 'graphql';
import { boundMessage, CLIENT_ERROR_CODES, isAppError } from '../errors/app-errors';
import type { Logger } from '../logging/logger';
import { CLIENT_MISTAKE_CODES, clientMistake, literalField } from './client-mistakes';
import type { GraphQLContext } from './context/context';
import { QUERY_LIMIT_CODES, queryLimitCode, tokenLimitMessage } from './limits/query-limits';

/** Codes that describe the client's request; anything else is the server's fault and is masked. */
const CLIENT_CODES = new Set<string>([
  ...CLIENT_ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  ...QUERY_LIMIT_CODES,
  ...CLIENT_MISTAKE_CODES,
]);

const isClientCode = (code: unknown): boolean => typeof code === 'string' && CLIENT_CODES.has(code);

/**
 * The field a variable-coercion error is about, in the same dotted form our own errors use:
 * `Variable "$input" got invalid value … at "input.date"` names `input.date`; without `at`, the variable itself.
 */
function variableField(message: string): string | undefined {
  const match = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?;/s.exec(message);
  return match ? (match[2] ?? match[1]) : undefined;
}

/**
 * The one place errors are masked: a client sees our codes and messages, never a stack, SQL or driver text.
 * An unexpected error becomes INTERNAL_SERVER_ERROR; the plugin below adds the request id and logs the detail.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const mistake = clientMistake(formatted);
  if (mistake !== undefined)
    formatted = { ...formatted, message: mistake.message, extensions: { ...formatted.extensions, code: mistake.code } };
  // A literal a scalar or enum refuses (`briefing(date: "2025-02-30")`) names its argument, as a refused variable does.
  const literal = formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ? literalField(error) : undefined;
  if (literal !== undefined)
    formatted = {
      ...formatted,
      message: `${literal}: ${formatted.message}`,
      extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT', field: literal },
    };
  // A query over a limit (src/graphql/limits) keeps its own code rather than Apollo's generic parse/validation one.
  const limitCode = queryLimitCode(error);
  if (limitCode !== undefined) {
    formatted = {
      ...formatted,
      message: tokenLimitMessage(formatted.message),
      extensions: { ...formatted.extensions, code: limitCode },
    };
  }
  if (isClientCode(formatted.extensions?.code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    const field = extensions.field ?? variableField(formatted.message);
    // graphql-js quotes the client's value in coercion and validation messages, whole.
    const message = boundMessage(formatted.message);
    return { ...formatted, message, extensions: field === undefined ? extensions : { ...extensions, field } };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

const SUGGESTION = 'Did you mean';

/**
 * The message without its "Did you mean …?" hints (and the spaces before each), which name parts of the schema;
 * graphql-js adds them to validation and variable errors alike. String code, one pass: the message repeats client
 * input, and a regular expression scanning for the hint from every position of it would be quadratic.
 */
export function stripSuggestions(message: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const at = message.indexOf(SUGGESTION, from);
    if (at < 0) break;
    const end = message.indexOf('?', at + SUGGESTION.length);
    if (end < 0) break;
    let start = at;
    while (start > from && isSpace(message.charCodeAt(start - 1))) start -= 1;
    out += message.slice(from, start);
    from = end + 1;
  }
  return from === 0 ? message : out + message.slice(from);
}

const isSpace = (code: number): boolean =>
  code === 0x20 ||
  (code >= 0x09 && code <= 0x0d) ||
  code === 0xa0 ||
  code === 0xfeff ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000;

/**
 * formatError for a server: with `hideSchemaDetails` (production) it also strips "Did you mean" hints from every
 * error, validation and variable coercion errors alike (`Value "STRIK" does not exist in "EventKind" enum. Did you
 * mean the enum value "STRIKE"?`). Apollo's own hideSchemaDetailsFromClientErrors is left off: it covers validation
 * errors only, with a regular expression that is quadratic on a message quoting a long literal.
 */
export function createFormatError(opts: {
  hideSchemaDetails: boolean;
  /** True for a failure of the database being down or out of connections: the client may retry, it is no bug. */
  isUnavailable?: (error: unknown) => boolean;
}): (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    if (opts.isUnavailable?.(unwrapResolverError(error))) {
      return {
        message: 'The database is unavailable at the moment. Try again shortly.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'UNAVAILABLE' },
      };
    }
    // Before formatError bounds the message, so that no half of a hint survives the cut.
    return formatError(
      opts.hideSchemaDetails ? { ...formatted, message: stripSuggestions(formatted.message) } : formatted,
      error,
    );
  };
}

export function errorLoggingPlugin(log: Logger): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (isClientCode(error.extensions?.code ?? clientMistake(error)?.code)) {
              // The client has the short message; the operator gets what it leaves out (a binary path, a browser's error).
              if (isAppError(original) && original.detail !== undefined)
                log[original.logLevel](original.message, {
                  requestId: contextValue.requestId,
                  path: error.path,
                  detail: original.detail,
                });
              continue;
            }
            log.error('unexpected error', {
              requestId: contextValue.requestId,
              path: error.path,
              message: original instanceof Error ? original.message : String(original),
              stack: original instanceof Error ? original.stack : undefined,
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR')
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
        },
      };
    },
  };
}

/** A quoted type reference in a graphql-js message: `"EventKind"`, `"[SourceInput!]!"`, or a coordinate `"EventCreateInput.title"`. */
const QUOTED_TYPE_RE = /"(\[*)([_a-z]\w*)(\.\w+)?([!\]]*)"/gi;

/**
 * Wraps a formatError so that its messages name no type of the schema: with introspection off (production),
 * `does not exist in "EventKind" enum` or `of required type "EventCreateInput!"` would still map the schema for
 * whoever sends bad variables. The type becomes "…" (a coordinate keeps its field); the field path in
 * `extensions.field` still says what was wrong. The built-in scalars (String, Int, …) are no secret and stay.
 */
export function withoutTypeNames(
  format: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError,
  schema: GraphQLSchema,
): (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError {
  const names = new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => !isSpecifiedScalarType(type))
      .map((type) => type.name),
  );
  const hide = (message: string): string =>
    message.replace(
      QUOTED_TYPE_RE,
      (whole: string, open: string, name: string, field: string | undefined, close: string) => {
        if (!names.has(name)) return whole;
        return field === undefined ? `"${open}…${close}"` : `"${field.slice(1)}${close}"`;
      },
    );
  return (formatted, error) => {
    const result = format(formatted, error);
    return { ...result, message: hide(result.message) };
  };
}
