import { TEXT_WIDTH, normaliseInline, wrapParagraph } from '../text-wrap';
import { Helper, HelperUsageError, numbersArg, splitArgs, textArg } from './helper-args';

const optionalText = (helper: string, value: unknown): string | undefined =>
  value === undefined ? undefined : textArg(helper, value);

/** Plain-text helpers: wrapping to 78 columns and bracketed references. */
export const textHelpers: Record<string, Helper> = {
  /**
   * `{{#wrap prefix="  * "}}...{{/wrap}}`: the block's content as one paragraph, wrapped with a hanging indent.
   * Hash: prefix (first line), indent (other lines, default: as wide as prefix), width (default 78).
   */
  wrap(this: unknown, ...args) {
    const { options } = splitArgs(args);
    const hash: Record<string, unknown> = options.hash;
    const width = hash.width === undefined ? TEXT_WIDTH : hash.width;
    if (typeof width !== 'number' || !Number.isInteger(width) || width < 10) {
      throw new HelperUsageError('wrap', 'width must be a whole number of at least 10');
    }
    return wrapParagraph(options.fn(this), {
      width,
      prefix: optionalText('wrap', hash.prefix),
      indent: optionalText('wrap', hash.indent),
    });
  },

  /** Footnote references "[1][3]". */
  textRefs(...args) {
    const [value] = splitArgs(args).params;
    return numbersArg('textRefs', value)
      .map((n) => `[${n}]`)
      .join('');
  },

  /** A line of `char` as long as the text (at most 78), to underline a heading. */
  underline(...args) {
    const [value, char] = splitArgs(args).params;
    const mark = char === undefined ? '=' : textArg('underline', char);
    const length = Math.min(TEXT_WIDTH, [...normaliseInline(textArg('underline', value))].length);
    return mark.repeat(Math.max(1, length)).slice(0, TEXT_WIDTH);
  },
};
