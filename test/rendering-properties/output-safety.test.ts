import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { parse } from 'parse5';
import { RenderFormat } from '../../src/output/templates';
import { TEXT_WIDTH } from '../../src/output/templates/text-wrap';
import { renderBriefing } from '../rendering/support';
import { briefingWith, hostileFields, HostileFields, PLAIN_FIELDS } from './hostile-text';

/**
 * Property-based output safety: whatever text events, quotes, speakers and sources carry, every format renders
 * without throwing, and the text stays text. HTML (and the HTML bodies of the email and PDF templates; Chromium is
 * not started) is parsed with a real HTML parser and must have exactly the elements and attributes the plain-text
 * rendering has; Markdown is parsed with markdown-it (raw HTML allowed, so a leak would show) and must have the
 * same block structure, the same raw HTML tokens (the templates' own anchors) and no link, image, emphasis or code
 * from data; text stays within 78 columns with no control characters.
 */

const RUNS = Number(process.env.SITREP_PROPERTY_RUNS ?? 100);
const params = {
  numRuns: RUNS,
  seed: process.env.SITREP_PROPERTY_SEED === undefined ? undefined : Number(process.env.SITREP_PROPERTY_SEED),
};

const render = (fields: HostileFields, format: RenderFormat): string =>
  renderBriefing(briefingWith(fields), format).body;

// ---- HTML: the element tree as a list of "tag[attribute names]" in document order.

interface Parse5Node {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Parse5Node[];
  content?: Parse5Node;
}

function elementOutline(html: string): string[] {
  const out: string[] = [];
  const walk = (node: Parse5Node): void => {
    if (node.tagName !== undefined) out.push(`${node.tagName}[${(node.attrs ?? []).map((a) => a.name).join(',')}]`);
    if (node.nodeName === '#comment') out.push('#comment');
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content !== undefined) walk(node.content);
  };
  walk(parse(html));
  return out;
}

function attributeValues(html: string): string[] {
  const out: string[] = [];
  const walk = (node: Parse5Node): void => {
    for (const a of node.attrs ?? []) out.push(`${a.name}=${a.value}`);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html));
  return out;
}

// ---- Markdown: token types (with nesting) and raw HTML tokens.

const md = new MarkdownIt({ html: true, linkify: false }).use(footnote);

interface MdToken {
  type: string;
  content: string;
  children: MdToken[] | null;
}

function markdownOutline(source: string): { blocks: string[]; html: string[]; inline: string[] } {
  const tokens = md.parse(source, {}) as MdToken[];
  const blocks: string[] = [];
  const html: string[] = [];
  const inline: string[] = [];
  for (const token of tokens) {
    if (token.type === 'html_block') html.push(token.content.trim());
    if (token.type !== 'inline') blocks.push(token.type);
    for (const child of token.children ?? []) {
      if (child.type === 'html_inline') html.push(child.content);
      if (!['text', 'softbreak', 'hardbreak'].includes(child.type)) inline.push(child.type);
    }
  }
  return { blocks, html, inline };
}

const HTML_FORMATS: RenderFormat[] = ['HTML', 'EMAIL', 'PDF'];

describe('output safety of hostile event text (property-based)', () => {
  const plainHtml = Object.fromEntries(HTML_FORMATS.map((f) => [f, render(PLAIN_FIELDS, f)])) as Record<string, string>;
  const plainOutline = Object.fromEntries(HTML_FORMATS.map((f) => [f, elementOutline(plainHtml[f])])) as Record<
    string,
    string[]
  >;
  const plainMarkdown = markdownOutline(render(PLAIN_FIELDS, 'MARKDOWN'));

  it.each(HTML_FORMATS)('%s: data never becomes an element, an attribute or a comment', (format) => {
    fc.assert(
      fc.property(hostileFields, (fields) => {
        const html = render(fields, format);
        expect(html).not.toMatch(/<script|<img|<svg|<iframe|<style>\*|onerror=|onload=|<!--|<!\[CDATA/i);
        expect(elementOutline(html)).toEqual(plainOutline[format]);
        // Data reaches attributes only as escaped accessible text (aria-label); ids, hrefs and datetimes carry none.
        expect(
          attributeValues(html).filter((v) => !/^(?:aria-label|title|alt)=/.test(v) && /[<>{}]|javascript:/i.test(v)),
        ).toEqual([]);
      }),
      params,
    );
  });

  it('MARKDOWN: data never opens a block, a raw HTML tag, a link, an image, emphasis or code', () => {
    fc.assert(
      fc.property(hostileFields, (fields) => {
        const outline = markdownOutline(render(fields, 'MARKDOWN'));
        expect(outline.html).toEqual(plainMarkdown.html);
        expect(outline.blocks).toEqual(plainMarkdown.blocks);
        expect(outline.inline).toEqual(plainMarkdown.inline);
      }),
      params,
    );
  });

  it(`TEXT: every line but a lone URL fits ${TEXT_WIDTH} columns and no control character gets through`, () => {
    // A URL is never broken; one wider than a line stands alone on its line (after at most a short prefix).
    const loneUrl = (line: string): boolean => {
      const words = line.trim().split(' ');
      return (
        words[words.length - 1].includes('://') &&
        (words.length === 1 || (words.length === 2 && [...words[0]].length <= 8))
      );
    };
    fc.assert(
      fc.property(hostileFields, (fields) => {
        const text = render(fields, 'TEXT');
        const long = text.split('\n').filter((line) => [...line].length > TEXT_WIDTH && !loneUrl(line));
        expect(long).toEqual([]);
        // eslint-disable-next-line no-control-regex
        expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
      }),
      params,
    );
  });

  it('every format renders every generated briefing without throwing', () => {
    fc.assert(
      fc.property(
        hostileFields,
        fc.constantFrom<RenderFormat>('HTML', 'MARKDOWN', 'TEXT', 'EMAIL', 'PDF'),
        (fields, format) => {
          expect(typeof render(fields, format)).toBe('string');
        },
      ),
      params,
    );
  });

  it('template syntax in data is printed, never evaluated', () => {
    const globals = globalThis as { sitrepPwned?: unknown };
    const fields: HostileFields = {
      ...PLAIN_FIELDS,
      title: 'A{{constructor.constructor "globalThis.sitrepPwned = 1"}}',
      summary: 'A{{#with "constructor"}}{{this}}{{/with}}',
      quote: "A{{lookup this '__proto__'}}",
    };
    for (const format of ['HTML', 'MARKDOWN', 'TEXT', 'EMAIL'] as const) {
      const body = render(fields, format);
      expect(body).toContain('constructor.constructor');
      expect(body).not.toMatch(/function Function|\[native code\]|\[object Object\]/);
    }
    expect(globals.sitrepPwned).toBeUndefined();
  });
});
