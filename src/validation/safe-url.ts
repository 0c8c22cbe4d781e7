/**
 * Source URLs come from editors. Only http(s) URLs become links, normalised by the WHATWG parser, which
 * percent-encodes spaces, quotes and angle brackets, so the result is safe in an href and in a Markdown autolink.
 * A `javascript:` or malformed URL yields null and is shown, if at all, as text.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}

/**
 * A stored URL as it may be shown or handed out: without the user name and password that a record stored before
 * they were refused may carry. Other URLs, links or not, are returned as they are.
 */
export function withoutCredentials(raw: string): string {
  try {
    const url = new URL(raw.trim());
    if (url.username === '' && url.password === '') return raw;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    // Not parseable, so not a link; still drop whatever sits between "//" and an "@" before the path.
    const start = raw.indexOf('//');
    if (start < 0) return raw;
    let end = raw.length;
    for (const delimiter of ['/', '\\', '?', '#']) {
      const at = raw.indexOf(delimiter, start + 2);
      if (at >= 0 && at < end) end = at;
    }
    const at = raw.lastIndexOf('@', end - 1);
    return at > start ? raw.slice(0, start + 2) + raw.slice(at + 1) : raw;
  }
}
