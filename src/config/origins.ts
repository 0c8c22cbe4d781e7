import { isIPv4, isIPv6 } from 'node:net';

// Web origins (`scheme://host[:port]`), for CORS: the patterns of SITREP_CORS_ORIGINS and the Origin header of a
// request, compared part by part; and the `host[:port]` split the Host header check shares. String code, no regular
// expression over the header: it is the client's text.

export interface Origin {
  scheme: 'http' | 'https';
  /** Lower case; an IPv6 address in brackets. */
  host: string;
  /** The explicit port, or the scheme's default (80, 443). */
  port: number;
}

/** An allowed origin; `port: '*'` allows every port of the host. `any` (the pattern `*`) allows every origin. */
export type OriginPattern = { any: true } | { any: false; scheme: Origin['scheme']; host: string; port: number | '*' };

const DEFAULT_PORTS = { http: 80, https: 443 } as const;
const MAX_ORIGIN_CHARS = 300;

/**
 * A host name (labels of letters, digits and inner hyphens) or an IPv4 address, lower case. A Host header may end
 * in the root's dot (`example.org.`); an origin may not.
 */
function validHostname(name: string, allowTrailingDot: boolean): boolean {
  if (name.length === 0 || name.length > 253) return false;
  if (isIPv4(name)) return true;
  const bare = allowTrailingDot && name.endsWith('.') ? name.slice(0, -1) : name;
  return bare.split('.').every((label) => {
    if (label.length === 0 || label.length > 63) return false;
    if (label.startsWith('-') || label.endsWith('-')) return false;
    for (let i = 0; i < label.length; i += 1) {
      const c = label.charCodeAt(i);
      const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
      if (!ok) return false;
    }
    return true;
  });
}

function validPort(text: string): number | null {
  if (text.length === 0 || text.length > 5) return null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
  }
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : null;
}

/**
 * `host[:port]` (lower case) split into the host (a name, an IPv4 address or an IPv6 one in brackets) and the
 * port's text, unchecked; null when the host is none of those. Shared by origins and the Host header.
 */
export function splitHostPort(
  text: string,
  allowTrailingDot: boolean,
): { host: string; port: string | undefined } | null {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || !isIPv6(text.slice(1, close))) return null;
    const after = text.slice(close + 1);
    if (after === '') return { host: text.slice(0, close + 1), port: undefined };
    return after.startsWith(':') ? { host: text.slice(0, close + 1), port: after.slice(1) } : null;
  }
  const colon = text.indexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  if (!validHostname(host, allowTrailingDot)) return null;
  return { host, port: colon < 0 ? undefined : text.slice(colon + 1) };
}

/** `scheme://host[:port]` split and checked; `wildcardPort` lets the port be `*`. */
function split(
  text: string,
  wildcardPort: boolean,
): { scheme: Origin['scheme']; host: string; port: number | '*' | null } | null {
  if (text.length === 0 || text.length > MAX_ORIGIN_CHARS) return null;
  const lower = text.toLowerCase();
  const sep = lower.indexOf('://');
  if (sep < 0) return null;
  const scheme = lower.slice(0, sep);
  if (scheme !== 'http' && scheme !== 'https') return null;
  const hostPort = splitHostPort(lower.slice(sep + 3), false);
  if (hostPort === null) return null;
  const { host, port: portText } = hostPort;
  if (portText === undefined) return { scheme, host, port: null };
  if (wildcardPort && portText === '*') return { scheme, host, port: '*' };
  const port = validPort(portText);
  return port === null ? null : { scheme, host, port };
}

/** A request's Origin header, or null for anything else (`null`, a path, userinfo, a bad host or port). */
export function parseOrigin(header: string | undefined): Origin | null {
  if (header === undefined) return null;
  const parts = split(header, false);
  if (parts === null || parts.port === '*') return null;
  return { scheme: parts.scheme, host: parts.host, port: parts.port ?? DEFAULT_PORTS[parts.scheme] };
}

/** One entry of SITREP_CORS_ORIGINS: `*`, or an origin whose port may be `*`; null when it is neither. */
export function parseOriginPattern(text: string): OriginPattern | null {
  if (text === '*') return { any: true };
  const parts = split(text, true);
  if (parts === null) return null;
  return { any: false, scheme: parts.scheme, host: parts.host, port: parts.port ?? DEFAULT_PORTS[parts.scheme] };
}

export function originAllowed(origin: Origin, patterns: readonly OriginPattern[]): boolean {
  return patterns.some(
    (p) =>
      p.any || (p.scheme === origin.scheme && p.host === origin.host && (p.port === '*' || p.port === origin.port)),
  );
}
