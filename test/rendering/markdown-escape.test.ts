import { escapeMarkdownInline } from '../../src/output/templates/markdown-escape';
import { markdownParser } from './support';

describe('Markdown escaping', () => {
  const parser = markdownParser();
  const roundTrip = (text: string): string => parser.renderInline(escapeMarkdownInline(text));

  it.each([
    ['*emphasis* and __strong__', '*emphasis* and __strong__'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['[link](https://example.org) ![img](x.png)', '[link](https://example.org) ![img](x.png)'],
    ['`code` and \\backslash', '`code` and \\backslash'],
    ['&amp; &copy; &#65;', '&amp;amp; &amp;copy; &amp;#65;'],
    ['footnote [^1]', 'footnote [^1]'],
    ['a | table | row ~~strike~~', 'a | table | row ~~strike~~'],
    ['<https://autolink.example>', '&lt;https://autolink.example&gt;'],
  ])('%s reads literally', (input, html) => {
    expect(roundTrip(input)).toBe(html);
  });

  it('cannot open a block at the start of a line', () => {
    for (const text of ['# heading', '- item', '+ item', '> quote', '1. item', '2) item', '=== under', '    code']) {
      const html = parser.render(`${escapeMarkdownInline(text)}\n`);
      expect(html).toMatch(/^<p>/);
    }
  });

  it('flattens newlines so data cannot start a new block', () => {
    expect(escapeMarkdownInline('line one\n\n# two')).toBe('line one \\# two');
  });
});
