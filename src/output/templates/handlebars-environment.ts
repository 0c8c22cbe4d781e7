import Handlebars from 'handlebars';
import { commonHelpers } from './helpers/common-helpers';
import type { Helper } from './helpers/helper-args';
import { htmlHelpers } from './helpers/html-helpers';
import { markdownHelpers } from './helpers/markdown-helpers';
import { textHelpers } from './helpers/text-helpers';

// Sitrep's own Handlebars instance: helpers registered once, nothing shared with any other user of the global
// Handlebars object. Partials are not registered here because each template family has its own set (the HTML
// and the Markdown "gaza" partials share a name); they are passed per call by the template registry.

export type HandlebarsEnv = typeof Handlebars;

export interface SitrepHandlebars {
  handlebars: HandlebarsEnv;
  /** For the `knownHelpers` compile option, so that `knownHelpersOnly` can reject anything else. */
  knownHelpers: Record<string, true>;
}

const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

function createSitrepHandlebars(): SitrepHandlebars {
  const handlebars = Handlebars.create();
  const helpers: Record<string, Helper> = { ...commonHelpers, ...htmlHelpers, ...markdownHelpers, ...textHelpers };
  const knownHelpers: Record<string, true> = {};
  for (const name of BUILTIN_HELPERS) knownHelpers[name] = true;
  for (const [name, helper] of Object.entries(helpers)) {
    handlebars.registerHelper(name, helper);
    knownHelpers[name] = true;
  }
  // `log` would let a template write data to the server's console; a template never needs it.
  handlebars.unregisterHelper('log');
  return { handlebars, knownHelpers };
}

let shared: SitrepHandlebars | undefined;

export function sitrepHandlebars(): SitrepHandlebars {
  shared ??= createSitrepHandlebars();
  return shared;
}
