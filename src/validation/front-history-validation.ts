import { FrontStatusKind } from '../entities/front';
import type { FrontRecordSource } from '../entities/front-history';
import { LIMITS } from '../entities/limits';
import { badInput } from '../errors/app-errors';
import * as check from './checks';
import { validateSource } from './event-validation';

/* Checks for a front's dated records (status periods, issues, context notes), shared by GraphQL and seeds. */

export const FRONT_HISTORY_LIMITS = { issue: 500, context: 5000, sources: 20 } as const;

function sources(raw: unknown, field: string): FrontRecordSource[] {
  if (!check.isPresent(raw)) return [];
  return check.list(raw, field, 0, FRONT_HISTORY_LIMITS.sources).map((s, i) => {
    const { publisher, title, url, publishedOn } = validateSource(s, `${field}[${i}]`);
    return { publisher, title, url, publishedOn };
  });
}

const reason = (raw: unknown, field: string): string | null => check.optionalText(raw, field, LIMITS.revisionReason);

/** `prefix` names the fields ("" for a mutation's own arguments, "gaza.status[0]." for seeds). */
export interface ValidStatus {
  front: string;
  kind: FrontStatusKind;
  text: string;
  since: string;
  sources: FrontRecordSource[];
  reason: string | null;
}

export function validateStatus(raw: Record<string, unknown>, prefix = ''): ValidStatus {
  return {
    front: check.slug(raw.front, `${prefix}front`),
    kind: check.oneOf(raw.kind, `${prefix}kind`, Object.values(FrontStatusKind)),
    text: check.text(raw.text, `${prefix}text`, LIMITS.frontStatus),
    since: check.partialDate(raw.since, `${prefix}since`).value,
    sources: sources(raw.sources, `${prefix}sources`),
    reason: reason(raw.reason, `${prefix}reason`),
  };
}

export interface ValidIssue {
  front: string;
  text: string;
  opened: string;
  sources: FrontRecordSource[];
  reason: string | null;
}

export function validateIssue(raw: Record<string, unknown>, prefix = ''): ValidIssue {
  return {
    front: check.slug(raw.front, `${prefix}front`),
    text: check.text(raw.text, `${prefix}text`, FRONT_HISTORY_LIMITS.issue),
    opened: check.partialDate(raw.opened, `${prefix}opened`).value,
    sources: sources(raw.sources, `${prefix}sources`),
    reason: reason(raw.reason, `${prefix}reason`),
  };
}

export interface ValidContext {
  front: string;
  text: string;
  validFrom: string;
  sources: FrontRecordSource[];
  reason: string | null;
}

export function validateContext(raw: Record<string, unknown>, prefix = ''): ValidContext {
  return {
    front: check.slug(raw.front, `${prefix}front`),
    text: check.text(raw.text, `${prefix}text`, FRONT_HISTORY_LIMITS.context, { multiline: true }),
    validFrom: check.partialDate(raw.validFrom, `${prefix}validFrom`).value,
    sources: sources(raw.sources, `${prefix}sources`),
    reason: reason(raw.reason, `${prefix}reason`),
  };
}

/** The end of an issue or note (`resolved`, `retired`): an id, a date, a reason. */
export function validateEnd(
  raw: Record<string, unknown>,
  dateField: 'resolved' | 'retired',
  what: string,
): { id: string; date: string; reason: string | null } {
  if (!check.isUuid(raw.id)) throw badInput('id', `names no ${what}`);
  return {
    id: raw.id,
    date: check.partialDate(raw[dateField], dateField).value,
    reason: reason(raw.reason, 'reason'),
  };
}
