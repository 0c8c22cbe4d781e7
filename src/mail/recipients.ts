import addressparser from 'nodemailer/lib/addressparser';
import { badInput } from '../errors/app-errors';

// Recipients come from clients and end up in the To header and in SMTP RCPT commands, so each must be exactly
// one plain address (`name@example.org`): no display name, no comment, no group, no list, no line break. The
// check is a strict pattern first, then nodemailer's own address parser must read the string back as that one
// address — the parser that will build the header, so nothing it would split or reinterpret gets through.

export const MAX_RECIPIENTS = 50;

// RFC 5321 dot-atom local part (no quoted strings) and an ASCII domain of at least two labels.
const LOCAL_RE = /^[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*$/;
const LABEL_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

function problemWith(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be an email address';
  if (/[\r\n]/.test(value)) return 'must not contain a line break';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F]/.test(value)) return 'must not contain control characters';
  if (/[,;]/.test(value)) return 'must be a single address, not a list; give each recipient as its own item';
  if (value.trim() !== value || /\s/.test(value)) return 'must be one address without spaces, e.g. analyst@example.org';
  if (/[<>():"[\]\\]/.test(value))
    return 'must be a plain address such as analyst@example.org, without a display name, group or comment';
  if (value.length > 254) return 'must be at most 254 characters';
  const at = value.lastIndexOf('@');
  if (at < 1 || value.indexOf('@') !== at) return 'must contain exactly one @, e.g. analyst@example.org';
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL_RE.test(local)) return 'has an invalid part before the @';
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL_RE.test(label)) || /^\d+$/.test(labels[labels.length - 1])) {
    return 'has an invalid domain (an internationalised domain must be given in its xn-- form)';
  }
  const parsed = addressparser(value, { flatten: true });
  if (parsed.length !== 1 || parsed[0].address !== value || parsed[0].name !== '') return 'must be exactly one address';
  return null;
}

/** The checked recipient list, in the given order; the first bad one is `badInput('to[i]', …)`. */
export function checkRecipients(to: readonly unknown[] | null | undefined, field = 'to'): string[] {
  if (!Array.isArray(to) || to.length === 0) throw badInput(field, 'must list at least one recipient');
  if (to.length > MAX_RECIPIENTS) throw badInput(field, `must list at most ${MAX_RECIPIENTS} recipients`);
  const seen = new Set<string>();
  return to.map((value: unknown, i) => {
    const problem = problemWith(value);
    if (problem !== null) throw badInput(`${field}[${i}]`, problem);
    const address = value as string;
    const key = address.toLowerCase();
    if (seen.has(key)) throw badInput(`${field}[${i}]`, `lists ${address} a second time`);
    seen.add(key);
    return address;
  });
}

/** The bare address of a From value ("Sitrep <briefings@example.org>" → "briefings@example.org"). */
export function addressOf(from: string): string {
  const parsed = addressparser(from, { flatten: true });
  if (parsed.length !== 1 || parsed[0].address === '') throw new Error(`Not a single address: ${from}`);
  return parsed[0].address;
}
