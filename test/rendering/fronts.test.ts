import { briefing20251115, yemenSection } from '../fixtures/briefing-2025-11-15';
import { htmlSection, markdownSection, textSection, renderBriefing } from './support';

/** The common sections of every front, in their one order; a section absent from a front is simply left out. */
const COMMON = [
  'Today',
  'Recent developments (previous 7 days)',
  'Also reported',
  'Also on this front',
  'Open issues',
  'Background',
  'Leaders and actors',
  'Quotes of the day',
];

const htmlHeadings = (section: string): string[] => [...section.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => m[1]);
const markdownHeadings = (section: string): string[] => [...section.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
const textHeadings = (section: string): string[] => {
  const lines = section.split('\n');
  return lines.filter((line, i) => line.length > 0 && lines[i + 1] === '-'.repeat(line.length));
};

/** Every front shows the same sections in the same order under the same headings, whatever its partial. */
describe('one shape for every front', () => {
  const briefing = briefing20251115();
  briefing.sections.push(yemenSection());
  const html = renderBriefing(briefing, 'HTML').body;
  const md = renderBriefing(briefing, 'MARKDOWN').body;
  const text = renderBriefing(briefing, 'TEXT').body;
  const fronts = briefing.sections.map((s) => [s.anchor, s.front.name] as const);

  it.each(fronts)('%s has only the common headings, in the common order, in every format', (anchor, name) => {
    for (const headings of [
      htmlHeadings(htmlSection(html, anchor)),
      markdownHeadings(markdownSection(md, anchor)),
      textHeadings(textSection(text, name)),
    ]) {
      expect(headings.length).toBeGreaterThan(0);
      for (const heading of headings) expect(COMMON).toContain(heading);
      const positions = headings.map((h) => COMMON.indexOf(h));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('the fronts that have open issues and background show them under the same headings, issues first', () => {
    for (const [anchor, name] of fronts) {
      const h = htmlHeadings(htmlSection(html, anchor));
      expect(h.indexOf('Open issues')).toBeGreaterThanOrEqual(0);
      expect(h.indexOf('Open issues')).toBeLessThan(h.indexOf('Background'));
      const t = textSection(text, name);
      expect(t.indexOf('Open issues\n-----------')).toBeLessThan(t.indexOf('Background\n----------'));
    }
  });

  it('a yemen front, which has no partial, renders through the generic partial in every format', () => {
    const yemenHtml = htmlSection(html, 'front-yemen');
    expect(yemenHtml).toContain('<h2 id="front-yemen-title">Yemen</h2>');
    expect(yemenHtml).toContain('<p class="status-line">Tension</p>');
    expect(yemenHtml).toContain('<p class="no-news">No new reported developments today.</p>');
    expect(yemenHtml).toContain('Synthetic test event: Huthi statement on Gaza ceasefire');
    expect(yemenHtml).toContain('<time datetime="2025-11-12">on 12 November 2025</time>');
    expect(yemenHtml).toContain('<strong>Huthis</strong>, Yemeni armed movement supported by Iran');
    expect(markdownSection(md, 'front-yemen')).toContain(
      '### Open issues\n\n- Huthi attacks on shipping and on Israel',
    );
  });

  it('gives the day count once, in the status line, and for any front', () => {
    const b = briefing20251115();
    Object.assign(b.sections[2], { statusDay: 12, statusLine: 'Active conflict since 4 November 2025 — day 12' });
    for (const format of ['HTML', 'MARKDOWN', 'TEXT'] as const) {
      const body = renderBriefing(b, format).body;
      expect(body.match(/day 37/gi)).toHaveLength(1);
      expect(body.match(/day 12/gi)).toHaveLength(1);
    }
  });

  it('points from the other fronts to the section that tells an event, and tells it once', () => {
    for (const format of ['HTML', 'MARKDOWN', 'TEXT'] as const) {
      const body = renderBriefing(briefing20251115(), format).body.replace(/\s+/g, ' ');
      expect(body.split('programme and the stabilisation of Syria')).toHaveLength(2);
    }
    expect(htmlSection(html, 'front-iran')).toContain('— see <a href="#front-gaza">Gaza</a>');
    expect(markdownSection(md, 'front-syria')).toContain('— see [Gaza](#gaza)');
    expect(textSection(text, 'Syria').replace(/\s+/g, ' ')).toContain('-- see Gaza');
  });
});
