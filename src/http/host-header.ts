import type { FastifyInstance, FastifyRequest } from 'fastify';
import { splitHostPort } from '../config/origins';

/*
 * The Host header (or a trusted proxy's X-Forwarded-Host, which Fastify's `request.host` prefers) comes from the
 * client: download links are built from it and Apollo's integration parses a URL from it. Only a host name or
 * IP literal with an optional port is accepted; anything else (`a b`, `[::1`, `127.0.0.1:4000@evil.example`) is
 * a 400 before any route runs.
 */

/** `hostname[:port]`, lower-cased, for building links. */
export type ValidHost = string;

const PORT_RE = /^\d{1,5}$/;

function validPort(port: string): boolean {
  return PORT_RE.test(port) && Number(port) <= 65_535;
}

/** The host in canonical form, or null when the value is not `hostname`, `IPv4`, `[IPv6]`, each with `:port` or not. */
export function parseHost(value: string | undefined): ValidHost | null {
  if (value === undefined || value.length === 0 || value.length > 300) return null;
  const parts = splitHostPort(value.toLowerCase(), true);
  if (parts === null) return null;
  const { host: name, port } = parts;
  if (port !== undefined && !validPort(port)) return null;
  return port === undefined ? name : `${name}:${port}`;
}

/** The origin a request came to, from its validated host: the base of the links handed back to it. */
export function requestOrigin(request: FastifyRequest): string {
  const host = parseHost(request.host);
  // The hook below has refused any other request; this is for a route registered outside it.
  if (host === null) throw new Error('requestOrigin called for a request without a valid Host');
  return `${request.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/** Probes (often HTTP/1.0 without Host) are answered without one: they build no links and parse no URL. */
const HOSTLESS_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/** Refuses, on every route, a request whose host is malformed, or missing where one is needed. */
export function registerHostCheck(http: FastifyInstance): void {
  http.addHook('onRequest', async (request, reply) => {
    const host = request.host;
    const missing = host === '' && request.headers.host === undefined;
    if (missing && HOSTLESS_PATHS.has(request.url)) return;
    if (parseHost(host) !== null) return;
    const message = missing
      ? 'A Host header is required.'
      : 'The Host header must be a host name or IP address with an optional port, e.g. news.example.org or 127.0.0.1:4000.';
    return reply
      .code(400)
      .header('Content-Type', 'text/plain; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .send(`${message}\n`);
  });
}
