import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import {
  DocumentNode,
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  GraphQLFormattedError,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode, Context } from 'graphql-ws';
// Resolved through the package's exports at run time; tsconfig's `paths` points the type checker at its types.
import { Extra, useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Config } from '../config/config';
import { Origin, originAllowed, parseOrigin } from '../config/origins';
import { AppError, isAppError } from '../errors/app-errors';
import type { GraphQLContext } from '../graphql/context/context';
import { createLoaders } from '../graphql/context/loaders';
import type { RequestLimits } from '../graphql/limits';
import type { Logger } from '../logging/logger';
import type { Principal } from '../services/api-key-service';
import type { LiveUpdates } from '../services/live-updates';
import type { Services } from '../services/services';
import { parseHost, ValidHost } from './host-header';
import { requestPrincipal } from './request-principal';

// Subscriptions over WebSocket (the graphql-ws protocol) on /graphql, next to Apollo's HTTP handler. The API key
// comes in the connection's init message, `connectionParams: { authorization: "Bearer <key>" }`, checked like the
// HTTP header; every subscribe message goes through the query limits of HTTP operations (tokens, depth, aliases,
// directives, cost), and its errors are masked by the same formatError.

export interface SubscriptionServerOptions {
  config: Config;
  services: Services;
  log: Logger;
  schema: GraphQLSchema;
  limits: RequestLimits;
  live: LiveUpdates;
  formatError: (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;
}

// A type, not an interface: graphql-ws wants an index-signature-compatible record.
type ConnectionExtra = { principal?: Principal | null };

type WsContext = Context<Record<string, unknown> | undefined, Extra & ConnectionExtra>;

const PATH = '/graphql';

/** WebSocket close reasons are at most 123 bytes. */
function closeReason(message: string): string {
  let reason = message;
  while (Buffer.byteLength(reason) > 123) reason = `${reason.slice(0, Math.max(0, reason.length - 10))}…`;
  return reason;
}

const clientError = (code: string, message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code } });

/** Parse and validation errors carry Apollo's codes over WebSocket too (a limit's own code stays). */
const withCode = (errors: readonly GraphQLError[], code: string): GraphQLError[] =>
  errors.map((error) =>
    error.extensions.code !== undefined
      ? error
      : new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          originalError: error,
          extensions: { ...error.extensions, code },
        }),
  );

/** Who a connection is, from `connectionParams.authorization`; AppError (UNAUTHENTICATED) as over HTTP. */
async function connectionPrincipal(
  params: Record<string, unknown> | undefined,
  config: Config,
  services: Services,
): Promise<Principal | null> {
  const authorization = params?.authorization;
  if (authorization !== undefined && authorization !== null && typeof authorization !== 'string')
    throw new AppError('UNAUTHENTICATED', 'connectionParams.authorization must be the string "Bearer <key>"');
  return requestPrincipal(authorization ?? undefined, config, services);
}

/**
 * A page of Sitrep's own origin (the explorer at /graphql), which needs no CORS over HTTP: the origin's host and port
 * are the ones the browser connected to (its Host header), or SITREP_PUBLIC_URL's behind a proxy.
 */
function ownOrigin(origin: Origin, host: ValidHost, publicOrigin: Origin | null): boolean {
  const defaultPort = origin.port === (origin.scheme === 'https' ? 443 : 80);
  if (host === `${origin.host}:${origin.port}` || (defaultPort && host === origin.host)) return true;
  return (
    publicOrigin !== null &&
    publicOrigin.scheme === origin.scheme &&
    publicOrigin.host === origin.host &&
    publicOrigin.port === origin.port
  );
}

/** Answers WebSocket upgrades on /graphql with graphql-ws; refuses them on any other path. */
export function registerSubscriptions(http: FastifyInstance, options: SubscriptionServerOptions): void {
  const { config, services, log, schema, limits, live } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.subscriptions.maxMessageBytes });
  const validationRules = [...specifiedRules, ...limits.operations.validationRules];
  const mask = (errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] =>
    errors.map((error) => {
      const formatted = options.formatError(error.toJSON(), error);
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
        const original = error.originalError ?? error;
        log.error('unexpected error', {
          requestId,
          path: error.path,
          message: original.message,
          stack: original.stack,
        });
        return { ...formatted, extensions: { ...formatted.extensions, requestId } };
      }
      return formatted;
    });
  const publicOrigin =
    config.publicUrl !== null && URL.canParse(config.publicUrl) ? parseOrigin(new URL(config.publicUrl).origin) : null;
  const requestIds = new WeakMap<object, string>();
  const requestIdOf = (payload: object): string => requestIds.get(payload) ?? 'unknown';

  const server = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema,
      onConnect: async (ctx: WsContext) => {
        try {
          ctx.extra.principal = await connectionPrincipal(ctx.connectionParams, config, services);
          return true;
        } catch (error) {
          if (!isAppError(error) && !services.db.isUnavailable(error)) throw error;
          const message = isAppError(error) ? error.message : 'The database is unavailable at the moment';
          // 4401 tells graphql-ws clients not to retry: the same key would be refused again.
          ctx.extra.socket.close(isAppError(error) ? CloseCode.Unauthorized : 1013, closeReason(message));
          return false;
        }
      },
      onSubscribe: (ctx: WsContext, _id, payload) => {
        const requestId = randomUUID();
        requestIds.set(payload, requestId);
        const max = config.subscriptions.maxPerConnection;
        if (Object.keys(ctx.subscriptions).length > max) {
          return [
            clientError(
              'TOO_MANY_SUBSCRIPTIONS',
              `This connection already holds ${max} subscriptions, the most allowed: complete one, or open another connection`,
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, limits.operations.parseOptions);
        } catch (error) {
          return error instanceof GraphQLError
            ? withCode([error], 'GRAPHQL_PARSE_FAILED')
            : [clientError('GRAPHQL_PARSE_FAILED', String(error))];
        }
        const errors = validate(schema, document, validationRules);
        if (errors.length > 0) return withCode(errors, 'GRAPHQL_VALIDATION_FAILED');
        const operation = getOperationAST(document, payload.operationName);
        if (operation === null || operation === undefined)
          return [clientError('BAD_REQUEST', 'The document must hold the operation named by operationName')];
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            clientError(
              'BAD_REQUEST',
              `Only subscriptions go over WebSocket; send ${operation.operation} operations by HTTP POST to /graphql`,
            ),
          ];
        }
        const variables = payload.variables ?? {};
        const tooCostly = limits.operations.checkCost(schema, document, variables, payload.operationName ?? undefined);
        if (tooCostly !== null) return [tooCostly];
        const principal = ctx.extra.principal ?? null;
        const ip = ctx.extra.request.socket.remoteAddress ?? '';
        const contextValue: GraphQLContext = {
          principal,
          services,
          loaders: createLoaders(services.db),
          requestId,
          clientIp: ip,
          takeComposition: () => limits.rateLimits.takeComposition({ principal, ip }),
          dataRevision: () => services.briefings.revision(),
          publicUrl: config.publicUrl ?? `http://${parseHost(ctx.extra.request.headers.host) ?? 'localhost'}`,
          live,
        };
        return { schema, document, variableValues: variables, operationName: payload.operationName, contextValue };
      },
      onNext: (_ctx, _id, payload, _args, result) =>
        result.errors === undefined ? undefined : { ...result, errors: mask(result.errors, requestIdOf(payload)) },
      onError: (_ctx, _id, payload, errors) => mask(errors, requestIdOf(payload)),
    },
    wss,
  );

  http.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The Host rule of every other route (registerHostCheck), which Fastify's hooks do not apply to an upgrade.
    const host = parseHost(request.headers.host);
    if (host === null) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Browsers apply no CORS to WebSockets: any page may open one to any host, so the CORS origins are checked here,
    // besides Sitrep's own. No Origin is a client outside a browser, let through as over HTTP; `null` and malformed
    // ones are refused.
    const origin = request.headers.origin;
    if (origin !== undefined) {
      const parsed = parseOrigin(origin);
      if (parsed === null || !(originAllowed(parsed, config.corsOrigins) || ownOrigin(parsed, host, publicOrigin))) {
        const message = 'WebSocket connections from this origin are not allowed (SITREP_CORS_ORIGINS)';
        socket.end(
          'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
            `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
        );
        return;
      }
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      hearTooLargeAsClientMistake(ws, log);
      wss.emit('connection', ws, request);
    });
  });

  // Before the HTTP server closes: open WebSockets would otherwise hold it open until the grace period ends.
  // graphql-ws closes each with 1001 (going away); clients reconnect to another process.
  http.addHook('preClose', async () => {
    await server.dispose();
  });
}

/**
 * A message over `maxPayload` is the client's mistake: ws closes the connection with 1009 (message too big) by
 * itself, then emits the error, which graphql-ws's adapter would log as an internal error and answer with a second
 * close (4500). The error is logged here as what it is and goes no further; every other error goes on as before.
 */
function hearTooLargeAsClientMistake(ws: WebSocket, log: Logger): void {
  const emit = ws.emit.bind(ws);
  ws.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    const [error] = args;
    if (event === 'error' && error instanceof RangeError && (error as { code?: unknown }).code === TOO_LARGE) {
      log.info('WebSocket message over the size limit; connection closed with 1009', { message: error.message });
      return true;
    }
    return emit(event, ...args);
  };
}

/** ws's code for a message past `maxPayload`. */
const TOO_LARGE = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
