import type { Briefing } from '../../src/briefings/briefing';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { markdownParser, renderAll, visibleText, withTodayEvent, renderBriefing } from './support';

/** Data is text in every format: it never becomes markup, and it is never run as a template. */
describe('escaping of data', () => {
  const hostile =
    '<script>alert("x")</script> *bold* _under_ [link](javascript:alert(1)) `code` # hash & &amp; [^9] \\ end';
  const briefing = (): Briefing => {
    const b = withTodayEvent(briefing20251115(), 'gaza', { summary: hostile, title: 'Title <b>bold</b> & co' });
    b.sections[0].front.name = 'Gaza <i>Strip</i>';
    b.sources[1].url = 'javascript:alert(1)';
    b.sources[2].title = 'Quote " and <tag>';
    return b;
  };
  const out = renderAll(briefing());

  it('HTML shows a <script> in a summary as text', () => {
    const html = out.HTML.body;
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<i>Strip</i>');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; *bold* _under_ [link](javascript:alert(1)) &#x60;code&#x60; # hash &amp; &amp;amp; [^9] \\ end',
    );
    expect(html).toContain('<h2 id="front-gaza-title">Gaza &lt;i&gt;Strip&lt;/i&gt;</h2>');
  });

  it('HTML never links an unsafe URL', () => {
    expect(out.HTML.body).not.toMatch(/href="javascript:/i);
    expect(out.HTML.body).toContain(
      '“PM Netanyahu spoke with Russian President Vladimir Putin”, <time datetime="2025-11-15">15 November 2025</time>, javascript:alert(1)</li>',
    );
  });

  it('Markdown escapes data so that it reads literally once rendered', () => {
    const md = out.MARKDOWN.body;
    expect(md).toContain(
      '\\<script\\>alert("x")\\</script\\> \\*bold\\* \\_under\\_ \\[link\\](javascript:alert(1)) \\`code\\` \\# hash \\& \\&amp; \\[^9\\] \\\\ end',
    );
    const html = markdownParser().render(md);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<em>bold');
    expect(html).not.toContain('<em>under');
    expect(html).not.toContain('<code>');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; *bold* _under_ [link](javascript:alert(1)) `code` # hash &amp; &amp;amp; [^9] \\ end',
    );
    expect(html).toContain('<h2>Gaza &lt;i&gt;Strip&lt;/i&gt;</h2>');
    expect(html).toContain('<strong>Title &lt;b&gt;bold&lt;/b&gt; &amp; co</strong>');
  });

  it('Markdown does not let data open a block (heading, list, quote) at a line start', () => {
    const b = briefing20251115();
    b.sections[0].front.openIssues = ['# Heading?', '- list?', '> quote?', '1. ordered?', '+ plus', '=== setext'];
    b.sections[0].front.openIssueItems = b.sections[0].front.openIssues.map((text) => ({ text, sourceNumbers: [] }));
    const html = markdownParser().render(renderBriefing(b, 'MARKDOWN').body);
    for (const text of ['# Heading?', '- list?', '&gt; quote?', '1. ordered?', '+ plus', '=== setext'])
      expect(html).toContain(`<li>${text}</li>`);
  });

  it('text shows the data as it is', () => {
    const flat = out.TEXT.body.replace(/\n\s*/g, ' ');
    expect(flat).toContain(hostile);
    expect(out.TEXT.body).toContain('GAZA <I>STRIP</I>');
  });
});

describe('template injection and prototype access', () => {
  const payloads = [
    '{{constructor.constructor}}',
    '{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{/with}}{{/with}}{{/with}}',
    "{{lookup (lookup this 'constructor') 'constructor'}}",
    '{{> gaza}}{{__proto__}}',
  ];
  const globals = globalThis as { sitrepPwned?: boolean };

  const briefing = (): Briefing => {
    const b = withTodayEvent(briefing20251115(), 'gaza', {
      summary: `${payloads.join(' ')} {{#with (constructor.constructor "globalThis.sitrepPwned = true")}}{{this}}{{/with}}`,
    });
    b.title = '{{constructor.constructor}}';
    b.sections[1].front.background = '{{constructor.constructor}}';
    b.sections[1].front.backgroundNotes = [{ text: '{{constructor.constructor}}', sourceNumbers: [] }];
    return b;
  };

  it.each(['HTML', 'MARKDOWN', 'TEXT'] as const)(
    '%s prints template syntax in data literally and runs nothing',
    (format) => {
      const body = renderBriefing(briefing(), format).body;
      // What a reader sees: the page's text, the rendered Markdown's text, or the text itself.
      const flat =
        format === 'HTML'
          ? visibleText(body)
          : format === 'MARKDOWN'
            ? visibleText(markdownParser().render(body))
            : body.replace(/\n\s*/g, ' ');
      expect(globals.sitrepPwned).toBeUndefined();
      expect(flat).toContain(format === 'TEXT' ? '{{CONSTRUCTOR.CONSTRUCTOR}}' : '{{constructor.constructor}}');
      for (const payload of payloads) expect(flat).toContain(payload);
      expect(body).not.toMatch(/function Function|\[native code\]|function Object/);
    },
  );

  it('a front whose slug is an Object.prototype name gets the generic partial, not something inherited', () => {
    const b = briefing20251115();
    for (const [i, slug] of ['constructor', '__proto__', 'toString', 'hasOwnProperty'].entries()) {
      b.sections[i].front.slug = slug;
      b.sections[i].anchor = `front-${slug}`;
    }
    const html = renderBriefing(b, 'HTML').body;
    expect(html.match(/<h3>Open issues<\/h3>/g)).toHaveLength(4);
    expect(html).toContain('id="front-constructor"');
    expect(html).toContain('id="front-__proto__"');
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  });
});
