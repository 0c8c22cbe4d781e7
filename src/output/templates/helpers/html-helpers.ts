import Handlebars from 'handlebars';
import { Helper, numbersArg, renderDataOf, splitArgs } from './helper-args';

const escape = Handlebars.escapeExpression;

/** HTML-only helpers. Their output is markup, so every piece of data in it is escaped here. */
export const htmlHelpers: Record<string, Helper> = {
  /** Footnote references "[1][3]" as links to the source list, each with an accessible name. */
  htmlRefs(...args) {
    const { params, options } = splitArgs(args);
    const numbers = numbersArg('htmlRefs', params[0]);
    if (numbers.length === 0) return '';
    const publishers = renderDataOf('htmlRefs', options).sourcePublishers;
    const links = numbers.map((n) => {
      const publisher = publishers.get(n);
      const label = publisher === undefined ? `Source ${n}` : `Source ${n}: ${publisher}`;
      return `<a href="#source-${n}" aria-label="${escape(label)}">[${n}]</a>`;
    });
    return new Handlebars.SafeString(`<sup class="refs">${links.join('')}</sup>`);
  },
};
