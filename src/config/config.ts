import net from 'node:net';
import path from 'node:path';
import { OriginPattern, parseOriginPattern } from './origins';

// The one config module: every environment variable Sitrep reads is parsed and validated here, once, at start.
// A bad value stops the process with a message naming the variable.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type DatabaseConfig =
  { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; pool?: PostgresPoolConfig };

/** PostgreSQL connection pool limits, so that an exhausted pool or a runaway statement fails fast. */
export interface PostgresPoolConfig {
  /** Connections in the pool (SITREP_PG_POOL_MAX, default 10). */
  max: number;
  /** Longest wait for a free connection before the request fails (SITREP_PG_CONNECTION_TIMEOUT_MS, default 5000). */
  connectionTimeoutMillis: number;
  /** Longest one statement may run before PostgreSQL cancels it (SITREP_PG_STATEMENT_TIMEOUT_MS, default 15000). */
  statementTimeoutMillis: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: LogLevel;
  readKeysRequired: boolean;
  introspection: boolean;
  /** Where rendered email goes when no SMTP server is configured. */
  outboxDir: string;
  smtpUrl: string | null;
  /** Public base URL of download links; null: taken from each request's Host (the address the client used). */
  publicUrl: string | null;
  templatesDir: string;
  /** Most events one briefing's window may hold (SITREP_BRIEFING_MAX_EVENTS, default 2000). */
  briefingMaxEvents: number;
  /** Longest one template render may take before it is stopped with UNAVAILABLE (SITREP_RENDER_TIMEOUT_MS, default 10000). */
  renderTimeoutMs: number;
  /** The Chromium binary PDFs are printed with (SITREP_CHROMIUM_PATH); null finds one: installed, else the npm package's. */
  chromiumPath: string | null;
  /** Where the npm package's Chromium is unpacked and the PDF footer's fonts are written (SITREP_CHROMIUM_DIR, default ./data/chromium). */
  chromiumDir: string;
  /** PDFs rendered at once; more wait their turn (SITREP_PDF_CONCURRENCY, default 2). */
  pdfConcurrency: number;
  /** Longest one PDF render may take, waiting included (SITREP_PDF_TIMEOUT_MS, default 30000). */
  pdfTimeoutMs: number;
  /** The From address of briefing emails (SITREP_MAIL_FROM): one address, optionally with a display name. */
  mailFrom: string;
  /** Retries of a temporarily failed SMTP send (SITREP_SMTP_RETRIES, default 3). */
  smtpRetries: number;
  /** First retry delay; each retry doubles it (SITREP_SMTP_RETRY_DELAY_MS, default 2000). */
  smtpRetryDelayMs: number;
  /** Limits on one GraphQL operation, checked before any resolver runs (see src/graphql/limits). */
  queryLimits: QueryLimitsConfig;
  /** Rate limits per API key, or per client IP without one (see src/graphql/limits). */
  rateLimits: RateLimitsConfig;
  /** Fastify's trustProxy (SITREP_TRUST_PROXY, default false): which proxies' X-Forwarded-For gives the client IP. */
  trustProxy: TrustProxy;
  /** Time and connection limits of the HTTP server, so that slow or idle clients cannot hold memory and sockets. */
  http: HttpLimitsConfig;
  /** Subscriptions over WebSocket (graphql-ws) on /graphql. */
  subscriptions: SubscriptionsConfig;
  /**
   * Redis (REDIS_URL, redis:// or rediss://): subscription events and rate-limit budgets are shared through it by
   * every process of one deployment; null keeps both in this process's memory.
   */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel (SITREP_REDIS_PREFIX, default `sitrep:`), so deployments can share a Redis. */
  redisPrefix: string;
  /** Web origins whose pages may call the API from the browser (SITREP_CORS_ORIGINS); empty: none. */
  corsOrigins: readonly OriginPattern[];
}

export interface SubscriptionsConfig {
  /** Subscriptions one WebSocket connection may hold at once (SITREP_WS_MAX_SUBSCRIPTIONS, default 20). */
  maxPerConnection: number;
  /** Largest WebSocket message a client may send, in bytes (SITREP_WS_MAX_MESSAGE_BYTES, default 65536). */
  maxMessageBytes: number;
}

export interface HttpLimitsConfig {
  /** Longest a client may take to send a whole request, body included (SITREP_HTTP_REQUEST_TIMEOUT_MS, default 30000). */
  requestTimeoutMs: number;
  /** Longest a client may take to send the request line and headers (SITREP_HTTP_HEADERS_TIMEOUT_MS, default 10000; at most the request timeout). */
  headersTimeoutMs: number;
  /** Longest a connection may stay silent both ways, answer included (SITREP_HTTP_IDLE_TIMEOUT_MS, default 60000). */
  idleTimeoutMs: number;
  /** Longest a kept-alive connection waits for its next request (SITREP_HTTP_KEEP_ALIVE_TIMEOUT_MS, default 72000). */
  keepAliveTimeoutMs: number;
  /**
   * Requests one connection may carry before the server asks the client to close it (SITREP_HTTP_MAX_REQUESTS_PER_SOCKET,
   * default 0: no limit). Off by default because Node answers 503 to what a client sends past the limit on the same
   * connection, and clients that ignore `Connection: close` (load generators among them) would see server errors.
   */
  maxRequestsPerSocket: number;
  /** Open connections at once; more are closed as they arrive (SITREP_HTTP_MAX_CONNECTIONS, default 500). */
  maxConnections: number;
}

/** As Fastify takes it: all, none, a list of addresses/CIDR ranges, or a function trusting the first N hops. */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

export interface QueryLimitsConfig {
  /** Deepest field nesting (SITREP_GRAPHQL_MAX_DEPTH, default 8). */
  maxDepth: number;
  /** Aliased fields per operation (SITREP_GRAPHQL_MAX_ALIASES, default 15). */
  maxAliases: number;
  /** Directives per operation (SITREP_GRAPHQL_MAX_DIRECTIVES, default 10). */
  maxDirectives: number;
  /** Lexical tokens per document (SITREP_GRAPHQL_MAX_TOKENS, default 2000). */
  maxTokens: number;
  /** Estimated cost per operation, `first:` multiplying (SITREP_GRAPHQL_MAX_COST, default 10000). */
  maxCost: number;
}

export interface RateLimitsConfig {
  /** The window the budgets below refill over (SITREP_RATE_LIMIT_WINDOW_MS, default 60000). */
  windowMs: number;
  /** Mutation fields per window (SITREP_RATE_LIMIT_MUTATIONS, default 60; 0 turns it off). */
  mutations: number;
  /** Briefing renders per window, GraphQL `render` and GET /briefings/* alike (SITREP_RATE_LIMIT_RENDERS, default 30; 0 turns it off). */
  renders: number;
}

export class ConfigError extends Error {
  constructor(variable: string, message: string) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** The checkout's root, whether running from src/ (ts-jest) or dist/src/ (compiled). */
export const PROJECT_ROOT = path.resolve(
  __dirname,
  '..',
  '..',
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '',
);

/**
 * The defaults of the settings the output pipeline and mail sending take, written once: `loadConfig` falls back to
 * them when a variable is unset, and `createServices` for whatever it is not given. Relative folders are resolved
 * against the working directory.
 */
export const DEFAULTS = {
  env: 'development',
  outboxDir: path.join('data', 'outbox'),
  templatesDir: path.join(PROJECT_ROOT, 'templates'),
  renderTimeoutMs: 10_000,
  briefingMaxEvents: 2000,
  chromiumDir: path.join('data', 'chromium'),
  pdfConcurrency: 2,
  pdfTimeoutMs: 30_000,
  mailFrom: 'Sitrep briefings <briefings@sitrep.localhost>',
  smtpRetries: 3,
  smtpRetryDelayMs: 2_000,
} as const satisfies Partial<Config>;

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(?:true|1|yes|on)$/i.test(raw)) return true;
  if (/^(?:false|0|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function parsePort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, got "${raw}"`);
  return port;
}

export function parseDatabaseUrl(raw: string | undefined, cwd: string): DatabaseConfig {
  if (raw === undefined || raw === '') return { type: 'sqlite', path: path.resolve(cwd, 'data', 'sitrep.sqlite') };
  if (raw.startsWith('sqlite:')) {
    const file = raw.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/sitrep.sqlite');
    return { type: 'sqlite', path: file === ':memory:' ? file : path.resolve(cwd, file) };
  }
  if (/^postgres(?:ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { type: 'postgres', url: raw };
  }
  throw new ConfigError('DATABASE_URL', `must start with sqlite: or postgres://, got "${raw}"`);
}

function parsePositiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new ConfigError(name, `must be a whole number of at least 1, got "${raw}"`);
  return Number(raw);
}

function parseNonNegativeInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number of at least 0, got "${raw}"`);
  return Number(raw);
}

/** "Name <a@b.example>" or "a@b.example"; no line breaks or lists, because it becomes a header and the envelope sender. */
const MAIL_FROM_RE = /^(?:[^<>\r\n",;:]{1,100} )?<?[^\s<>@",;:()]+@[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?>?$/i;

function parseRedisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (raw === undefined || raw === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '')
    throw new ConfigError('REDIS_URL', 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379');
  return raw;
}

function parseRedisPrefix(env: Env): string {
  const raw = env.SITREP_REDIS_PREFIX;
  if (raw === undefined || raw === '') return 'sitrep:';
  if (!/^[\w:.-]{1,64}$/.test(raw))
    throw new ConfigError('SITREP_REDIS_PREFIX', `must be 1 to 64 letters, digits, _ : . or -, got "${raw}"`);
  return raw;
}

function parseMailFrom(env: Env): string {
  const raw = env.SITREP_MAIL_FROM;
  if (raw === undefined || raw === '') return DEFAULTS.mailFrom;
  const bracketed = raw.includes('<');
  if (!MAIL_FROM_RE.test(raw) || bracketed !== raw.endsWith('>')) {
    throw new ConfigError(
      'SITREP_MAIL_FROM',
      `must be one address such as "Sitrep <briefings@example.org>", got "${raw}"`,
    );
  }
  return raw;
}

function parsePublicUrl(env: Env): string | null {
  const raw = env.SITREP_PUBLIC_URL;
  if (raw === undefined || raw === '') return null;
  if (!/^https?:\/\/[^\s/]+/.test(raw))
    throw new ConfigError(
      'SITREP_PUBLIC_URL',
      `must be an http(s) URL such as https://sitrep.example.org, got "${raw}"`,
    );
  return raw.replace(/\/$/, '');
}

/** `true`/`false`, a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges. */
function parseTrustProxy(env: Env): TrustProxy {
  const raw = env.SITREP_TRUST_PROXY;
  if (raw === undefined || raw.trim() === '') return false;
  if (/^(?:true|yes|on)$/i.test(raw)) return true;
  if (/^(?:false|no|off)$/i.test(raw)) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    return (_address: string, hop: number) => hop < hops;
  }
  const parts = raw.split(',').map((part) => part.trim());
  const valid = parts.every((part) => {
    const [address, bits, ...rest] = part.split('/');
    if (rest.length > 0 || net.isIP(address) === 0) return false;
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (net.isIPv6(address) ? 128 : 32));
  });
  if (!valid)
    throw new ConfigError(
      'SITREP_TRUST_PROXY',
      `must be true, false, a number of hops or a comma-separated list of addresses or CIDR ranges, got "${raw}"`,
    );
  return parts.join(',');
}

function withPool(database: DatabaseConfig, env: Env): DatabaseConfig {
  if (database.type !== 'postgres') return database;
  return {
    ...database,
    pool: {
      max: parsePositiveInteger(env, 'SITREP_PG_POOL_MAX', 10),
      connectionTimeoutMillis: parsePositiveInteger(env, 'SITREP_PG_CONNECTION_TIMEOUT_MS', 5_000),
      statementTimeoutMillis: parsePositiveInteger(env, 'SITREP_PG_STATEMENT_TIMEOUT_MS', 15_000),
    },
  };
}

function parseHttpLimits(env: Env): HttpLimitsConfig {
  const requestTimeoutMs = parsePositiveInteger(env, 'SITREP_HTTP_REQUEST_TIMEOUT_MS', 30_000);
  const headersTimeoutMs = parsePositiveInteger(
    env,
    'SITREP_HTTP_HEADERS_TIMEOUT_MS',
    Math.min(10_000, requestTimeoutMs),
  );
  // Node refuses a headers timeout past the request timeout (the headers are part of the request).
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(
      'SITREP_HTTP_HEADERS_TIMEOUT_MS',
      `must be at most SITREP_HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}), got "${headersTimeoutMs}"`,
    );
  }
  return {
    requestTimeoutMs,
    headersTimeoutMs,
    idleTimeoutMs: parsePositiveInteger(env, 'SITREP_HTTP_IDLE_TIMEOUT_MS', 60_000),
    keepAliveTimeoutMs: parsePositiveInteger(env, 'SITREP_HTTP_KEEP_ALIVE_TIMEOUT_MS', 72_000),
    maxRequestsPerSocket: parseNonNegativeInteger(env, 'SITREP_HTTP_MAX_REQUESTS_PER_SOCKET', 0),
    maxConnections: parsePositiveInteger(env, 'SITREP_HTTP_MAX_CONNECTIONS', 500),
  };
}

/** Outside production a page on any local dev server (Vite, Next) may call the API; in production none by default. */
const DEV_CORS_ORIGINS = 'http://localhost:*,http://127.0.0.1:*';

function parseCorsOrigins(env: Env, nodeEnv: Config['env']): OriginPattern[] {
  const raw = env.SITREP_CORS_ORIGINS ?? (nodeEnv === 'production' ? '' : DEV_CORS_ORIGINS);
  const patterns: OriginPattern[] = [];
  for (const entry of raw.split(',')) {
    const text = entry.trim();
    if (text === '') continue;
    const pattern = parseOriginPattern(text);
    if (pattern === null)
      throw new ConfigError(
        'SITREP_CORS_ORIGINS',
        `must be a comma-separated list of origins such as https://app.example.org or http://localhost:* (a port may be *), or *; "${text}" is none`,
      );
    patterns.push(pattern);
  }
  return patterns;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const nodeEnv = env.NODE_ENV ?? DEFAULTS.env;
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnv}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const port = parsePort(env);
  const host = env.HOST ?? '0.0.0.0';
  const smtpUrl = env.SMTP_URL ?? '';
  if (smtpUrl !== '' && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError('SMTP_URL', 'must start with smtp:// or smtps://');
  return {
    env: nodeEnv,
    port,
    host,
    database: withPool(parseDatabaseUrl(env.DATABASE_URL, cwd), env),
    logLevel,
    readKeysRequired: parseBoolean(env, 'SITREP_READ_KEYS_REQUIRED', false),
    introspection: parseBoolean(env, 'SITREP_INTROSPECTION', nodeEnv !== 'production'),
    outboxDir: path.resolve(cwd, env.SITREP_OUTBOX_DIR ?? DEFAULTS.outboxDir),
    smtpUrl: smtpUrl === '' ? null : smtpUrl,
    publicUrl: parsePublicUrl(env),
    templatesDir: path.resolve(env.SITREP_TEMPLATES_DIR ?? DEFAULTS.templatesDir),
    briefingMaxEvents: parsePositiveInteger(env, 'SITREP_BRIEFING_MAX_EVENTS', DEFAULTS.briefingMaxEvents),
    renderTimeoutMs: parsePositiveInteger(env, 'SITREP_RENDER_TIMEOUT_MS', DEFAULTS.renderTimeoutMs),
    chromiumPath: env.SITREP_CHROMIUM_PATH ? path.resolve(cwd, env.SITREP_CHROMIUM_PATH) : null,
    chromiumDir: path.resolve(cwd, env.SITREP_CHROMIUM_DIR || DEFAULTS.chromiumDir),
    pdfConcurrency: parsePositiveInteger(env, 'SITREP_PDF_CONCURRENCY', DEFAULTS.pdfConcurrency),
    pdfTimeoutMs: parsePositiveInteger(env, 'SITREP_PDF_TIMEOUT_MS', DEFAULTS.pdfTimeoutMs),
    mailFrom: parseMailFrom(env),
    smtpRetries: parseNonNegativeInteger(env, 'SITREP_SMTP_RETRIES', DEFAULTS.smtpRetries),
    smtpRetryDelayMs: parseNonNegativeInteger(env, 'SITREP_SMTP_RETRY_DELAY_MS', DEFAULTS.smtpRetryDelayMs),
    queryLimits: {
      maxDepth: parsePositiveInteger(env, 'SITREP_GRAPHQL_MAX_DEPTH', 8),
      maxAliases: parseNonNegativeInteger(env, 'SITREP_GRAPHQL_MAX_ALIASES', 15),
      maxDirectives: parseNonNegativeInteger(env, 'SITREP_GRAPHQL_MAX_DIRECTIVES', 10),
      maxTokens: parsePositiveInteger(env, 'SITREP_GRAPHQL_MAX_TOKENS', 2_000),
      maxCost: parsePositiveInteger(env, 'SITREP_GRAPHQL_MAX_COST', 10_000),
    },
    rateLimits: {
      windowMs: parsePositiveInteger(env, 'SITREP_RATE_LIMIT_WINDOW_MS', 60_000),
      mutations: parseNonNegativeInteger(env, 'SITREP_RATE_LIMIT_MUTATIONS', 60),
      renders: parseNonNegativeInteger(env, 'SITREP_RATE_LIMIT_RENDERS', 30),
    },
    trustProxy: parseTrustProxy(env),
    http: parseHttpLimits(env),
    subscriptions: {
      maxPerConnection: parsePositiveInteger(env, 'SITREP_WS_MAX_SUBSCRIPTIONS', 20),
      maxMessageBytes: parsePositiveInteger(env, 'SITREP_WS_MAX_MESSAGE_BYTES', 65_536),
    },
    redisUrl: parseRedisUrl(env),
    redisPrefix: parseRedisPrefix(env),
    corsOrigins: parseCorsOrigins(env, nodeEnv),
  };
}
