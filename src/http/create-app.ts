import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import Fastify, { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config';
import { literalPathRule, subscriptionOverHttpPlugin } from '../graphql/client-mistakes';
import type { GraphQLContext } from '../graphql/context/context';
import { createLoaders } from '../graphql/context/loaders';
import { createFormatError, errorLoggingPlugin, withoutTypeNames } from '../graphql/error-masking';
import { createRequestLimits } from '../graphql/limits';
import { GraphQLResponseCache, responseCachePlugin } from '../graphql/response-cache';
import { getSchema } from '../graphql/schema';
import { stringifyResult } from '../graphql/stringify-result';
import type { Logger } from '../logging/logger';
import { closeRedis, openRedis } from '../redis/redis';
import { LiveUpdates } from '../services/live-updates';
import type { Services } from '../services/services';
import { registerBriefingRoutes } from './briefing-routes';
import { PendingAnswer, registerCachedAnswers } from './cached-answers';
import { registerCors } from './cors';
import { registerEditionRoutes } from './edition-routes';
import { registerExplorer } from './explorer';
import { registerHostCheck, requestOrigin } from './host-header';
import { requestPrincipal } from './request-principal';
import { registerStrictJsonParser } from './strict-json';
import { registerSubscriptions } from './subscriptions';

export interface App {
  http: FastifyInstance;
  apollo: ApolloServer<GraphQLContext>;
}

/** Request bodies past this size are refused with 413 before any parsing. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the HTTP server: GraphQL at /graphql, health at /healthz, readiness at /readyz. */
export async function createApp(config: Config, services: Services, log: Logger): Promise<App> {
  const limitsOfHttp = config.http;
  const http = Fastify({
    bodyLimit: MAX_BODY_BYTES,
    // Fastify's defaults leave the request and idle timeouts off: a client sending a body slowly, or never
    // finishing it, would hold its socket and buffered body forever.
    requestTimeout: limitsOfHttp.requestTimeoutMs,
    connectionTimeout: limitsOfHttp.idleTimeoutMs,
    keepAliveTimeout: limitsOfHttp.keepAliveTimeoutMs,
    maxRequestsPerSocket: limitsOfHttp.maxRequestsPerSocket,
    http: {
      requestTimeout: limitsOfHttp.requestTimeoutMs,
      headersTimeout: limitsOfHttp.headersTimeoutMs,
      // Node checks the two timeouts above only this often (30 s by default), so a short timeout needs a short round.
      connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(limitsOfHttp.headersTimeoutMs / 4))),
    },
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logger: false,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    trustProxy: config.trustProxy,
  });
  // Past the cap, Node closes a new connection as it arrives; the ones already open keep being served.
  http.server.maxConnections = limitsOfHttp.maxConnections;
  registerStrictJsonParser(http);
  registerHostCheck(http);
  // Before every route, so that any route added later (editions, unsubscribe) answers browsers the same way.
  await registerCors(http, config.corsOrigins);
  // One Redis connection for the rate-limit budgets (subscriptions open their own: a subscribing one is taken).
  const limitsRedis = config.redisUrl === null ? undefined : openRedis(config.redisUrl, 'sitrep-limits', log);
  if (limitsRedis !== undefined) {
    http.addHook('onClose', async () => {
      await closeRedis(limitsRedis);
    });
  }
  const limits = createRequestLimits(config, limitsRedis);

  const schema = await getSchema();
  // Every commit of this process is published to subscribers (of every process, with Redis) until the app closes.
  const live = new LiveUpdates(services.db, config, log);
  live.start();
  http.addHook('onClose', async () => {
    await live.stop();
  });
  const formatError = createFormatError({
    hideSchemaDetails: config.env === 'production',
    isUnavailable: (error) => services.db.isUnavailable(error),
  });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // Off on purpose: createFormatError strips schema hints from every error instead (see there).
    hideSchemaDetailsFromClientErrors: false,
    formatError: config.env === 'production' ? withoutTypeNames(formatError, schema) : formatError,
    validationRules: [...limits.apollo.validationRules, literalPathRule],
    parseOptions: limits.apollo.parseOptions,
    stringifyResult,
    // Shutdown is stopOnSignals' (serve.ts): Apollo's own SIGTERM/SIGINT handlers, on outside NODE_ENV=test, stop
    // the server and send the signal again, which stopOnSignals takes for a second one and exits at once.
    stopOnTerminationSignals: false,
    // Sitrep sets no cache hints (downloads carry ETags instead); Apollo's default cache-control plugin would still
    // wrap every resolver to compute a policy per field, a measurable share of a cached briefing request.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads Apollo Sandbox from a CDN; the explorer is Sitrep's own GraphiQL (explorer.ts).
      ApolloServerPluginLandingPageDisabled(),
      fastifyApolloDrainPlugin(http),
      errorLoggingPlugin(log),
      subscriptionOverHttpPlugin(),
      ...limits.apollo.plugins,
      responseCachePlugin(schema),
    ],
  });
  await apollo.start();

  const answers = new GraphQLResponseCache();
  let pendingAnswer: (request: FastifyRequest) => PendingAnswer | undefined = () => undefined;
  const context = async (request: FastifyRequest): Promise<GraphQLContext> => {
    const pending = pendingAnswer(request);
    const principal = pending?.principal ?? (await requestPrincipal(request.headers.authorization, config, services));
    let revision = pending?.revision === undefined ? undefined : Promise.resolve(pending.revision);
    return {
      principal,
      services,
      loaders: createLoaders(services.db),
      requestId: request.id,
      clientIp: request.ip,
      takeComposition: () => limits.rateLimits.takeComposition({ principal, ip: request.ip }),
      dataRevision: () => (revision ??= services.briefings.revision()),
      publicUrl: config.publicUrl ?? requestOrigin(request),
      live,
      answer: pending?.keep?.mark,
    };
  };

  if (config.introspection) registerExplorer(http);
  // In a scope of its own, so that the hook runs on the GraphQL routes alone, not on every download.
  await http.register(async (graphql) => {
    pendingAnswer = registerCachedAnswers(graphql, config, services, limits.rateLimits, answers);
    await graphql.register(fastifyApollo(apollo), { context });
  });
  registerSubscriptions(http, {
    config,
    services,
    log,
    schema,
    limits,
    live,
    formatError: config.env === 'production' ? withoutTypeNames(formatError, schema) : formatError,
  });

  registerBriefingRoutes(http, config, services, log, limits.rateLimits);
  registerEditionRoutes(http, config, services, log, limits.rateLimits);
  http.get('/healthz', async () => ({ status: 'ok' }));
  http.get('/readyz', async (_request, reply) => {
    const ready = await services.db.ping();
    // Which browser PDFs will use (configured, system, npm) or `unavailable`; not its path, which is the machine's business.
    let pdfBrowser: string;
    try {
      pdfBrowser = services.pdf.plan().location.source;
    } catch {
      pdfBrowser = 'unavailable';
    }
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database unreachable', pdfBrowser });
  });

  // Access logging only at debug level: two hooks on every request cost a measurable share of a cached download.
  if (config.logLevel === 'debug') {
    http.addHook('onRequest', async (request) => {
      log.debug('request started', { requestId: request.id, method: request.method, url: request.url });
    });
    http.addHook('onResponse', async (request, reply) => {
      log.debug('request', {
        requestId: request.id,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      });
    });
  }

  return { http, apollo };
}
