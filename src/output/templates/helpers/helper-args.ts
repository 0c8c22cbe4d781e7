import type { HelperOptions } from 'handlebars';

/**
 * Handlebars calls a helper with its positional parameters followed by an options object. Helpers here take
 * `unknown` parameters and check them, because a template can pass anything.
 */
export type Helper = (this: unknown, ...args: unknown[]) => unknown;

export interface HelperCall {
  params: unknown[];
  options: HelperOptions;
}

export function splitArgs(args: unknown[]): HelperCall {
  const options = args[args.length - 1] as HelperOptions;
  return { params: args.slice(0, -1), options };
}

/** A template bug (a helper given the wrong thing) fails loudly with the helper's name. */
export class HelperUsageError extends Error {
  constructor(helper: string, message: string) {
    super(`Template helper "${helper}": ${message}`);
    this.name = 'HelperUsageError';
  }
}

/** Strings pass, numbers print, null and undefined print as nothing; anything else is a template bug. */
export function textArg(helper: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value === null || value === undefined) return '';
  throw new HelperUsageError(helper, `expected text, got ${typeof value}`);
}

/** Source numbers: positive integers only, so a reference can never carry markup. */
export function numbersArg(helper: string, value: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new HelperUsageError(helper, 'expected a list of source numbers');
  return value.filter((n): n is number => Number.isInteger(n) && (n as number) > 0);
}

/** Private data the renderer passes to every template call (`@sitrep` in templates). */
export interface RenderData {
  /** Names of the front partials this template has, e.g. "gaza"; others fall back to the generic partial. */
  frontPartials: ReadonlySet<string>;
  /** Publisher of each source number, for accessible footnote labels. */
  sourcePublishers: ReadonlyMap<number, string>;
}

export function renderDataOf(helper: string, options: HelperOptions): RenderData {
  const data: unknown = options.data;
  const sitrep: unknown = typeof data === 'object' && data !== null ? (data as { sitrep?: unknown }).sitrep : undefined;
  if (
    typeof sitrep !== 'object' ||
    sitrep === null ||
    !('frontPartials' in sitrep) ||
    !('sourcePublishers' in sitrep)
  ) {
    throw new HelperUsageError(helper, 'render data missing; templates must be run through the template registry');
  }
  return sitrep as RenderData;
}
