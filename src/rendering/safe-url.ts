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
