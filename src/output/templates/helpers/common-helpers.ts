import { formatInstantInZone, formatPartialDate, formatPartialDateInProse } from '../../../dates/format-date';
import { parsePartialDate } from '../../../dates/partial-date';
import { safeHttpUrl } from '../../../validation/safe-url';
import { safeHtmlId } from '../html-id';
import { normaliseInline } from '../text-wrap';
import { Helper, HelperUsageError, renderDataOf, splitArgs, textArg } from './helper-args';

/* Helpers every format uses: dates at their precision, counts, lists, anchors, partial lookup. */

/** The generic front partial, used for any front without its own ("yemen", or one an editor adds). */
export const GENERIC_FRONT_PARTIAL = 'fronts/generic';

export const commonHelpers: Record<string, Helper> = {
  /** "15 November 2025", "December 2024", "2024": never more precise than the value. */
  date(...args) {
    const [value] = splitArgs(args).params;
    return formatPartialDate(textArg('date', value));
  },

  /** "on 15 November 2025", "in December 2024": the honest prose form of a partial date. */
  proseDate(...args) {
    const [value] = splitArgs(args).params;
    return formatPartialDateInProse(textArg('proseDate', value));
  },

  /** An instant in the briefing's timezone: `{{instant generatedAt timezone}}`. */
  instant(...args) {
    const [value, zone] = splitArgs(args).params;
    return formatInstantInZone(textArg('instant', value), textArg('instant', zone) || 'UTC');
  },

  /** The machine form for `<time datetime>`, or "" when the value is not a partial date. */
  isoDate(...args) {
    const [value] = splitArgs(args).params;
    return parsePartialDate(textArg('isoDate', value))?.value ?? '';
  },

  /** True when any argument is a non-empty list or another truthy value: `{{#if (any leaders actors)}}`. */
  any(...args) {
    return splitArgs(args).params.some((value) => (Array.isArray(value) ? value.length > 0 : Boolean(value)));
  },

  eq(...args) {
    const [a, b] = splitArgs(args).params;
    return a === b;
  },

  /** Joins a list of strings: `{{join front.openIssues "; "}}`. */
  join(...args) {
    const [list, separator] = splitArgs(args).params;
    if (!Array.isArray(list)) throw new HelperUsageError('join', 'expected a list');
    return list.map((item) => textArg('join', item)).join(separator === undefined ? ', ' : textArg('join', separator));
  },

  /** Splits editor prose on blank lines, each paragraph on one line. */
  paragraphs(...args) {
    const [value] = splitArgs(args).params;
    return textArg('paragraphs', value)
      .split(/\n\s*\n/)
      .map(normaliseInline)
      .filter((p) => p !== '');
  },

  upper(...args) {
    const [value] = splitArgs(args).params;
    return textArg('upper', value).toLocaleUpperCase('en-GB');
  },

  /** A safe id / fragment for a section anchor. */
  anchor(...args) {
    const [value] = splitArgs(args).params;
    return safeHtmlId(textArg('anchor', value), 'section');
  },

  /** The normalised http(s) URL, or "" (falsy in `#if`) when it must not become a link. */
  safeUrl(...args) {
    const [value] = splitArgs(args).params;
    return safeHttpUrl(textArg('safeUrl', value)) ?? '';
  },

  /** `{{> (frontPartial front.slug)}}`: the front's own partial when this template has one, else the generic. */
  frontPartial(...args) {
    const { params, options } = splitArgs(args);
    const slug = textArg('frontPartial', params[0]);
    return renderDataOf('frontPartial', options).frontPartials.has(slug) ? `fronts/${slug}` : GENERIC_FRONT_PARTIAL;
  },
};
