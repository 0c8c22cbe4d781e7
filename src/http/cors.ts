import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { originAllowed, OriginPattern, parseOrigin } from '../config/origins';

/** The request headers browser clients send: API keys, JSON bodies, Apollo's CSRF headers, conditional downloads. */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'if-none-match',
];

/** What a page may read from an answer beyond the safelisted headers: the download's ETag and file name. */
export const CORS_EXPOSED_HEADERS = ['ETag', 'Content-Disposition', 'Retry-After'];

/**
 * CORS for every route, so that a page served from an allowed origin may call /graphql and download /briefings/*.
 * An origin that is not allowed gets no CORS headers (its browser blocks the answer); a request with no Origin is
 * not touched. Keys travel in `Authorization`, never in cookies, so credentials mode stays off. Apollo's CSRF
 * prevention still refuses a simple (non-preflighted) request: CORS only lets a browser read what it allows.
 */
export async function registerCors(http: FastifyInstance, allowed: readonly OriginPattern[]): Promise<void> {
  await http.register(fastifyCors, {
    origin: (header, callback) => {
      const origin = parseOrigin(header);
      callback(null, origin !== null && originAllowed(origin, allowed));
    },
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
    // A preflight from an origin that is not allowed gets no CORS headers and goes on to the route.
    strictPreflight: false,
  });
}
