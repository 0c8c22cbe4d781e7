import { briefing20251115, yemenSection } from '../fixtures/briefing-2025-11-15';
import { htmlSection, markdownSection, textSection, renderBriefing } from './support';

/** Front partials: a front's own partial when there is one, the generic one otherwise. */
describe('front partials', () => {
  const briefing = briefing20251115();
  briefing.sections.push(yemenSection());
  const html = renderBriefing(briefing, 'HTML').body;
  const md = renderBriefing(briefing, 'MARKDOWN').body;
  const text = renderBriefing(briefing, 'TEXT').body;

  it.each([
    ['front-gaza', 'Gaza', 'Second stage and open issues'],
    ['front-iran', 'Iran', 'Nuclear file and open issues'],
    ['front-syria', 'Syria', 'Since the fall of the Assad regime'],
    ['front-lebanon', 'Lebanon', 'Disputed under the ceasefire'],
  ])('%s uses its own partial in every format', (anchor, name, heading) => {
    expect(htmlSection(html, anchor)).toContain(`<h3>${heading}</h3>`);
    expect(markdownSection(md, anchor)).toContain(`### ${heading}`);
    expect(textSection(text, name)).toContain(`${heading}\n${'-'.repeat(heading.length)}`);
  });

  it('a yemen front, which has no partial, renders through the generic partial in every format', () => {
    const yemenHtml = htmlSection(html, 'front-yemen');
    expect(yemenHtml).toContain('<h2 id="front-yemen-title">Yemen</h2>');
    expect(yemenHtml).toContain('<p class="status-line">Tension</p>');
    expect(yemenHtml).toContain('<p class="no-news">No new reported developments today.</p>');
    expect(yemenHtml).toContain('<h3>Recent developments (previous 7 days)</h3>');
    expect(yemenHtml).toContain('Synthetic test event: Huthi statement on Gaza ceasefire');
    expect(yemenHtml).toContain('<time datetime="2025-11-12">on 12 November 2025</time>');
    expect(yemenHtml).toContain('<h3>Background that still matters</h3>');
    expect(yemenHtml).toContain('<h3>Open issues</h3>');
    expect(yemenHtml).toContain('<strong>Huthis</strong>, Yemeni armed movement supported by Iran');

    const yemenMd = markdownSection(md, 'front-yemen');
    expect(yemenMd).toContain('**Status:** Tension');
    expect(yemenMd).toContain('### Recent developments (previous 7 days)');
    expect(yemenMd).toContain('### Open issues\n\n- Huthi attacks on shipping and on Israel');

    const yemenText = textSection(text, 'Yemen');
    expect(yemenText).toContain('Status: Tension');
    expect(yemenText).toContain('Recent developments (previous 7 days)');
    expect(yemenText).toContain('Open issues\n-----------');
    // The generic partial puts the background before the open issues.
    expect(yemenText.indexOf('Background that still matters')).toBeLessThan(yemenText.indexOf('Open issues'));
  });

  it('a status that is not a ceasefire is counted in its own words', () => {
    const b = briefing20251115();
    Object.assign(b.sections[2], { statusDay: 12 });
    Object.assign(b.sections[2].front, {
      statusKind: 'ACTIVE_CONFLICT',
      status: 'Active conflict',
      statusSince: '2025-11-04',
    });
    const body = renderBriefing(b, 'TEXT').body.replace(/\n/g, ' ');
    expect(body).toContain('Day 12 of the current status (Active conflict), which began on 4 November 2025.');
  });

  it('a day count whose start is known only to the month says so', () => {
    const b = briefing20251115();
    Object.assign(b.sections[2], { statusDay: 350 });
    const body = renderBriefing(b, 'MARKDOWN').body;
    expect(body).toContain('which began in December 2024.');
  });
});
