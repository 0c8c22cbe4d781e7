import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { briefing20251115, yemenSection } from '../fixtures/briefing-2025-11-15';
import { markdownParser, renderBriefing } from './support';

/** The Markdown output, parsed by markdown-it with the footnote plugin as a reader's tool would. */
type Token = MarkdownIt.Token;

describe('Markdown rendering', () => {
  const briefing = briefing20251115();
  const md = renderBriefing(briefing, 'MARKDOWN').body;
  const parser = markdownParser();
  const tokens = parser.parse(md, {});
  const inline = (list: Token[]): Token[] => list.flatMap((t) => [t, ...inline(t.children ?? [])]);
  const all = inline(tokens);

  it('makes every source a footnote labelled with its number', () => {
    const definitions = all
      .filter((t) => t.type === 'footnote_open')
      .map((t) => Number((t.meta as { label: string }).label));
    expect(definitions.sort((a, b) => a - b)).toEqual(briefing.sources.map((s) => s.number));
    const references = all.filter((t) => t.type === 'footnote_ref').map((t) => t.meta as { id: number; label: string });
    expect(new Set(references.map((r) => Number(r.label)))).toEqual(new Set(briefing.sources.map((s) => s.number)));
  });

  it('shows the same numbers as the other formats once rendered', () => {
    // markdown-it numbers footnotes by first reference; with sources numbered in order of first citation (as the
    // fixture is) the displayed number is the source number.
    const references = all.filter((t) => t.type === 'footnote_ref').map((t) => t.meta as { id: number; label: string });
    for (const ref of references) expect(ref.id + 1).toBe(Number(ref.label));
    const html = parser.render(md);
    expect(html).toContain('<sup class="footnote-ref"><a href="#fn4" id="fnref4">[4]</a></sup>');
    expect(html).toMatch(
      /<li id="fn4" class="footnote-item"><p>International Criminal Court, “Situation in the State of Palestine/,
    );
  });

  it('has one h1, a level-2 heading per front, and in-page links to the ids renderers give those headings', () => {
    const headings = tokens.filter((t) => t.type === 'heading_open').map((t) => t.tag);
    expect(headings.filter((h) => h === 'h1')).toHaveLength(1);
    const html = parser.render(md);
    for (const section of briefing.sections) expect(html).toContain(`<h2>${section.front.name}</h2>`);
    expect(html).toContain('<a href="#gaza">Gaza</a>');
    expect(html).toContain('<a href="#iran">Iran</a>');
  });

  it('is CommonMark with no raw HTML: rendered with HTML off, nothing shows as escaped markup', () => {
    const b = briefing20251115();
    b.sections.push(yemenSection());
    const source = renderBriefing(b, 'MARKDOWN').body;
    const reader = new MarkdownIt({ html: true }).use(footnote);
    const everything = inline(reader.parse(source, {}));
    expect(everything.filter((t) => t.type === 'html_inline' || t.type === 'html_block')).toEqual([]);
    expect(new MarkdownIt({ html: false }).use(footnote).render(source)).not.toContain('&lt;a id=');
  });

  it('renders quotes as block quotes with their speaker and sources', () => {
    const html = parser.render(md);
    expect(html).toMatch(
      /<blockquote>\s*<p>“on the initiative of President Putin”<br>\s*— Prime Minister's Office, Office of Israel's prime minister <sup class="footnote-ref"><a href="#fn2"/,
    );
  });

  it('turns safe source URLs into autolinks', () => {
    expect(md).toContain(
      '[^1]: Kremlin, “Telephone conversation with Prime Minister of Israel Benjamin Netanyahu”, 15 November 2025, <https://example.org/kremlin/',
    );
    expect(md).toMatch(
      /^\[\^5\]: Wire service report, “Ceasefire between Israel and Hezbollah takes effect in Lebanon”, 27 November 2024$/m,
    );
  });
});
