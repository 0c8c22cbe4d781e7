// Ids and fragment links built from data (section anchors such as "front-gaza"). Anything outside a plain
// letter-digit-hyphen id is slugified, so an anchor can never break out of an attribute or a Markdown link.

const VALID_ID = /^[a-z][\w-]*$/i;

export function safeHtmlId(raw: string, fallbackPrefix = 'id'): string {
  if (VALID_ID.test(raw)) return raw;
  const slug = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // The runs above are single hyphens now, so one at either end is all there is to trim.
    .replace(/^-|-$/g, '');
  return `${fallbackPrefix}-${slug === '' ? 'x' : slug}`;
}
