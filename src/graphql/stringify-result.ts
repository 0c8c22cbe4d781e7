import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/*
 * Apollo's `stringifyResult`: JSON.stringify, except that long strings the server sends again and again (the
 * bodies of cached briefing renders) are JSON-encoded once and reused. Escaping a 20 KB body on every request was
 * the largest single cost of a cached `briefing { render { body } }` after writing to the socket: the render
 * itself was cached, its encoding was not.
 *
 * Small results are walked to find long strings; each is swapped for a marker (a per-process random nonce, which
 * no data can guess) during stringification and the marker then for the cached encoding. Large results, where
 * the walk would cost more than it saves, are stringified as they are.
 */

const LONG_STRING = 4_096;
const MAX_NODES_WALKED = 256;
const MAX_LONG_STRINGS = 8;

/**
 * Small on purpose: a hot briefing's body is worth keeping encoded, a stream of one-off renders is not (the soak
 * saw a 32-million-character bound fill up and hold 60 MB). Sized in bytes, at two per character (a body with an
 * em dash is a two-byte string), key and encoding both counted although the render cache may share the key.
 */
const encodings = new LRUCache<string, Encoded>({
  max: 256,
  maxSize: 8 * 1024 * 1024,
  sizeCalculation: ({ json, bytes }, text) => 2 * (json.length + text.length) + bytes.length,
});

/** A long string's JSON encoding, and that encoding's UTF-8 bytes. */
interface Encoded {
  json: string;
  bytes: Buffer;
}

/**
 * The UTF-8 bytes of the last results built from cached encodings, for `encodedBytes`: a few, since a result is
 * claimed as soon as it is sent and at most one per request in flight waits here.
 */
const RECENT = 16;
const recent: { text: string; bytes: Buffer }[] = [];

const MARKER = `sitrep-json-${randomBytes(16).toString('hex')}-`;
const QUOTED_MARKER = `"${MARKER}`;

/** Long strings in `value`, or null when there are none, too many, or the walk ran past its budget. */
function longStrings(value: unknown): string[] | null {
  const found: string[] = [];
  const stack: unknown[] = [value];
  for (let walked = 0; stack.length > 0; walked++) {
    if (walked > MAX_NODES_WALKED) return null;
    const current = stack.pop();
    if (typeof current === 'string') {
      if (current.length >= LONG_STRING) {
        if (found.length === MAX_LONG_STRINGS) return null;
        found.push(current);
      }
    } else if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
    } else if (current !== null && typeof current === 'object') {
      for (const key in current) stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return found.length === 0 ? null : found;
}

function encoded(text: string): Encoded {
  let found = encodings.get(text);
  if (found === undefined) {
    const json = JSON.stringify(text);
    found = { json, bytes: Buffer.from(json, 'utf8') };
    encodings.set(text, found);
  }
  return found;
}

/**
 * The UTF-8 bytes of a result `stringifyResult` just returned, when it was built from cached encodings (else
 * undefined), taken once. Writing a 20 KB two-byte string to a socket encodes it anew on every request, the largest
 * cost of a cached `briefing { render { body } }` after the encoding itself was cached; copying cached bytes is
 * not. A result is found by identity first; a different string of the same content would have the same bytes.
 */
export function encodedBytes(payload: string): Buffer | undefined {
  if (payload.length < LONG_STRING) return undefined;
  const at = recent.findIndex((entry) => entry.text === payload);
  if (at < 0) return undefined;
  const [{ bytes }] = recent.splice(at, 1);
  return bytes;
}

export function stringifyResult(value: unknown): string {
  const long = longStrings(value);
  if (long === null) return `${JSON.stringify(value)}\n`;
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'string' || item.length < LONG_STRING) return item;
    const index = long.indexOf(item);
    return index < 0 ? item : `${MARKER}${index}`;
  });
  const parts: string[] = [];
  const bytes: Buffer[] = [];
  const plain = (text: string): void => {
    parts.push(text);
    bytes.push(Buffer.from(text, 'utf8'));
  };
  let from = 0;
  for (let at = json.indexOf(QUOTED_MARKER); at >= 0; at = json.indexOf(QUOTED_MARKER, from)) {
    const end = json.indexOf('"', at + QUOTED_MARKER.length);
    plain(json.slice(from, at));
    const cached = encoded(long[Number(json.slice(at + QUOTED_MARKER.length, end))]);
    parts.push(cached.json);
    bytes.push(cached.bytes);
    from = end + 1;
  }
  plain(`${json.slice(from)}\n`);
  // Parts split at JSON string boundaries, so no surrogate pair is split and their bytes join to the whole's.
  const text = parts.join('');
  if (recent.length === RECENT) recent.shift();
  recent.push({ text, bytes: Buffer.concat(bytes) });
  return text;
}
