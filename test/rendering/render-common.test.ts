import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { htmlSection, markdownSection, renderAll, textSection, renderBriefing } from './support';

/** What every format must show, checked on the same fixture in each. */
describe('every format', () => {
  const briefing = briefing20251115();
  const out = renderAll(briefing);
  const formats = ['HTML', 'MARKDOWN', 'TEXT'] as const;

  it.each(formats)('%s has the title, date and timezone at the top', (format) => {
    const body = out[format].body;
    const head = body.slice(Math.max(0, body.indexOf('<body>')), body.indexOf('<body>') + 1500);
    expect(head).toMatch(/Daily briefing — 15 November 2025|DAILY BRIEFING — 15 NOVEMBER 2025/);
    expect(head).toContain('15 November 2025');
    expect(head).toContain('UTC');
  });

  it.each(formats)('%s gives the key takeaways before the first section', (format) => {
    const body = out[format].body;
    const takeaways = body.search(/Key takeaways|KEY TAKEAWAYS/);
    const gaza = body.search(/<h2 id="front-gaza-title">|\n## Gaza\n|\nGAZA\n/);
    expect(takeaways).toBeGreaterThan(0);
    expect(gaza).toBeGreaterThan(takeaways);
    for (const t of briefing.keyTakeaways) expect(body).toContain(t.text.slice(0, 40));
  });

  it('takeaways link to their sections in HTML and Markdown', () => {
    expect(out.HTML.body).toContain(
      '<a class="front-tag" href="#front-gaza">Gaza</a>, Iran, Syria: Putin and Netanyahu',
    );
    expect(out.HTML.body).toContain('<a class="front-tag" href="#front-iran">Iran</a>, Syria: The Kremlin');
    expect(out.MARKDOWN.body).toContain('- **[Gaza](#gaza), Iran, Syria:** Putin and Netanyahu');
    expect(out.TEXT.body.replace(/\s+/g, ' ')).toContain('* Gaza, Iran, Syria: Putin and Netanyahu');
    expect(out.TEXT.body.replace(/\s+/g, ' ')).toContain('[1][2] (significance 4 of 5; see Gaza)');
  });

  it.each(formats)('%s has one section per front, in the given order, each with its status line', (format) => {
    const body = out[format].body;
    let last = -1;
    for (const section of briefing.sections) {
      const at =
        format === 'HTML'
          ? body.indexOf(`id="${section.anchor}"`)
          : format === 'MARKDOWN'
            ? body.indexOf(`\n## ${section.front.name}\n`)
            : body.indexOf(`\n${section.front.name.toUpperCase()}\n`);
      expect(at).toBeGreaterThan(last);
      last = at;
      expect(body.indexOf(section.statusLine, at)).toBeGreaterThan(at);
    }
  });

  it.each(formats)('%s shows the Gaza ceasefire day count once and the pending second stage', (format) => {
    const body = out[format].body;
    const gaza =
      format === 'HTML'
        ? htmlSection(body, 'front-gaza')
        : format === 'MARKDOWN'
          ? markdownSection(body, 'front-gaza')
          : textSection(body, 'Gaza');
    expect(gaza).toContain('Ceasefire in force since 10 October 2025 — day 37');
    expect(gaza.match(/day 37/gi)).toHaveLength(1);
    expect(gaza).toContain('Open issues');
    expect(gaza).toContain('Second stage of the US-driven plan not yet agreed');
    expect(gaza).toContain('Demilitarisation of Hamas');
  });

  it.each(formats)('%s shows each takeaway with all its fronts and its significance', (format) => {
    const body = out[format].body.replace(/\s+/g, ' ');
    // The fixture's takeaways: the call (Gaza, Iran, Syria; 4), the ceasefire (Gaza; 5), the Kremlin (Iran, Syria; 4).
    expect(body.match(/significance 4 of 5/g)).toHaveLength(2);
    expect(body.match(/significance 5 of 5/g)).toHaveLength(1);
    expect(body).toMatch(/Iran, Syria:(?:\*\*)? Putin and Netanyahu/);
  });

  it.each(formats)('%s leads the takeaways with the assessment, worded with its estimative term', (format) => {
    const body = out[format].body.replace(/\s+/g, ' ');
    const assessment = body.search(
      /Gaza(?:<\/a>|\]\(#gaza\))?, Lebanon:(?:\*\*)? Assessment \(likely\): The Gaza ceasefire will hold/,
    );
    expect(assessment).toBeGreaterThan(0);
    expect(body.indexOf('Putin and Netanyahu discussed')).toBeGreaterThan(assessment);
    // An assessment has no significance: only the three events carry one.
    expect(body.match(/significance \d of 5/g)).toHaveLength(3);
  });

  it.each(formats)('%s says how well an event or a quote is established, and nothing for a plain report', (format) => {
    const body = out[format].body.replace(/\s+/g, ' ');
    // The fixture's strikes are CLAIMED, one Kremlin quote CONFIRMED; everything else is REPORTED.
    expect(body.match(/claimed; not independently verified/g)).toHaveLength(1);
    const strikes = body.indexOf('Israel bombs Iranian nuclear installations');
    expect(body.indexOf('claimed; not independently verified')).toBeGreaterThan(strikes);
    expect(body.indexOf('claimed; not independently verified') - strikes).toBeLessThan(300);
    expect(body.match(/\(confirmed\)/g)).toHaveLength(1);
    expect(body).not.toMatch(/(?:—|--|\() ?reported\)/i);
  });

  it.each(formats)(
    '%s marks an event whose date an editor noted as approximate, and prints no note as prose',
    (format) => {
      const body = out[format].body.replace(/\s+/g, ' ');
      expect(body.match(/approximate date/g)).toHaveLength(1);
      const strikes = body.indexOf('Israel bombs Iranian nuclear installations');
      expect(body.indexOf('approximate date') - strikes).toBeLessThan(300);
      expect(body.indexOf('approximate date')).toBeGreaterThan(strikes);
      expect(body).not.toContain('general knowledge');
    },
  );

  it.each(formats)('%s shows events, background, leaders and actors, and quotes with speakers', (format) => {
    const body = out[format].body;
    expect(body).toContain('Putin and Netanyahu discuss the Gaza ceasefire, Iran and Syria by phone');
    expect(body).toContain('Ceasefire takes effect in Gaza');
    expect(body).toContain('Vladimir Putin');
    expect(body).toContain('President of Russia');
    expect(body).toContain('Hamas');
    expect(body).toMatch(/Quotes of the day/);
    expect(body).toContain('on the initiative of President Putin');
    expect(body).toMatch(/Prime Minister('|&#x27;)s Office, Office of Israel('|&#x27;)s prime minister/);
  });

  it.each(formats)('%s words the month-precision event honestly', (format) => {
    const body = out[format].body;
    expect(body).toContain('Assad regime overthrown');
    expect(body).toContain('in December 2024');
    expect(body).not.toMatch(/\b1 December 2024/);
    expect(body).not.toContain('on December 2024');
  });

  it.each(formats)(
    '%s says plainly that a quiet front has nothing new, and still gives status and background',
    (format) => {
      const body = out[format].body;
      const lebanon =
        format === 'HTML'
          ? htmlSection(body, 'front-lebanon')
          : format === 'MARKDOWN'
            ? markdownSection(body, 'front-lebanon')
            : textSection(body, 'Lebanon');
      expect(lebanon).toContain('No new reported developments.');
      expect(lebanon).toContain('Ceasefire in force since 27 November 2024 — day 354');
      expect(lebanon).toContain('Ceasefire between Israel and Hezbollah takes effect');
      expect(lebanon).toContain('Israeli military positions in southern Lebanon');
      expect(lebanon).not.toMatch(/Today/);
    },
  );

  it.each(formats)('%s numbers sources the same way and cites each one', (format) => {
    const body = out[format].body;
    const expected = briefing.sources.map((s) => s.number);
    const listed =
      format === 'HTML'
        ? [...body.matchAll(/<li id="source-(\d+)"/g)].map((m) => Number(m[1]))
        : format === 'MARKDOWN'
          ? [...body.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => Number(m[1]))
          : [...body.matchAll(/^\[(\d+)\] /gm)].map((m) => Number(m[1]));
    expect(listed).toEqual(expected);
    const cited =
      format === 'HTML'
        ? [...body.matchAll(/href="#source-(\d+)"/g)]
        : format === 'MARKDOWN'
          ? [...body.matchAll(/\[\^(\d+)\](?!:)/g)]
          : [...body.matchAll(/\[(\d+)\](?! [A-Z])/g)];
    expect(new Set(cited.map((m) => Number(m[1])))).toEqual(new Set(expected));
    // The list of sources is the last thing before the footer.
    expect(body.search(/Sources|SOURCES/)).toBeGreaterThan(
      body.indexOf('Ceasefire between Israel and Hezbollah takes effect'),
    );
  });

  it.each(formats)('%s cites every event and quote with its own source numbers', (format) => {
    const body = out[format].body;
    const refs = (numbers: number[]): string =>
      format === 'HTML'
        ? numbers.map((n) => `href="#source-${n}"`).join('[^]*?')
        : numbers.map((n) => (format === 'MARKDOWN' ? `\\[\\^${n}\\]` : `\\[${n}\\]`)).join('');
    for (const section of briefing.sections) {
      for (const event of [...section.today, ...section.background]) {
        const summaryEnd = event.summary
          .slice(-25)
          .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          .replace(/'/g, "(?:'|&#x27;)");
        const pattern = format === 'TEXT' ? null : new RegExp(`${summaryEnd}[^]{0,80}?${refs(event.sourceNumbers)}`);
        if (pattern !== null) expect(body).toMatch(pattern);
      }
    }
    if (format === 'TEXT') {
      const flat = body.replace(/\s+/g, ' ');
      for (const section of briefing.sections) {
        for (const event of [...section.today, ...section.background]) {
          expect(flat).toContain(`${event.summary} ${event.sourceNumbers.map((n) => `[${n}]`).join('')}`);
        }
      }
      expect(flat).toContain('-- Kremlin, Russian presidency [1]');
      expect(flat).toContain("-- Prime Minister's Office, Office of Israel's prime minister [2]");
    }
  });

  it('gives content types and file names per format', () => {
    expect(out.HTML).toMatchObject({
      format: 'HTML',
      contentType: 'text/html; charset=utf-8',
      filename: 'sitrep-briefing-2025-11-15.html',
    });
    expect(out.MARKDOWN).toMatchObject({
      contentType: 'text/markdown; charset=utf-8',
      filename: 'sitrep-briefing-2025-11-15.md',
    });
    expect(out.TEXT).toMatchObject({
      contentType: 'text/plain; charset=utf-8',
      filename: 'sitrep-briefing-2025-11-15.txt',
    });
    expect(out.HTML.template).toBe('default-html');
    expect(out.HTML.templateRevision).toMatch(/^[0-9a-f]{32}$/);
  });

  it('renders the same output twice (templates are cached, not recompiled)', () => {
    expect(renderBriefing(briefing20251115(), 'HTML').body).toBe(out.HTML.body);
  });
});
