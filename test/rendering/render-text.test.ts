import type { Briefing } from '../../src/briefings/briefing';
import { briefing20251115, yemenSection } from '../fixtures/briefing-2025-11-15';
import { withTodayEvent, renderBriefing } from './support';

const columns = (line: string): number => [...line].length;

/** Plain text: wrapped at 78 columns, sources as `[1] Publisher, "Title", date, URL`. */
describe('text rendering', () => {
  const text = renderBriefing(briefing20251115(), 'TEXT').body;

  it('keeps every line within 78 columns but a source URL, which stands unbroken on a line of its own', () => {
    const long = text.split('\n').filter((line) => columns(line) > 78);
    expect(long.map((line) => line.trim())).toEqual(
      briefing20251115()
        .sources.map((s) => s.url)
        .filter((url): url is string => url !== null && columns(url) > 74),
    );
  });

  it('keeps every line within 78 columns even with long words, names and headings, and never breaks a URL', () => {
    const b: Briefing = withTodayEvent(briefing20251115(), 'gaza', {
      title: 'A very long event title '.repeat(6),
      summary: `Unbroken ${'x'.repeat(200)} words and ${'https://example.org/'.padEnd(150, 'a/b-c')} and more\nwith\ttabs and\r\nnewlines.`,
    });
    b.title = `Daily briefing with an unusually long title that will not fit on one line — 15 November 2025`;
    b.sections[1].front.name = 'The Islamic Republic of Iran and its nuclear programme, a front with a very long name';
    b.sections[1].front.openIssues.push('y'.repeat(120));
    b.sections[1].front.openIssueItems.push({ text: 'y'.repeat(120), sourceNumbers: [] });
    b.sources[0].url = `https://example.org/${'segment/'.repeat(30)}`;
    b.sections.push(yemenSection());
    const body = renderBriefing(b, 'TEXT').body;
    // Only a line holding nothing but a URL may be wider.
    const wide = body.split('\n').filter((line) => columns(line) > 78);
    const urls = wide.map((line) => line.trim());
    expect(urls.every((line) => line.startsWith('https://') && !line.includes(' '))).toBe(true);
    expect(urls).toContain('https://example.org/'.padEnd(150, 'a/b-c'));
    expect(urls).toContain(`https://example.org/${'segment/'.repeat(30)}`);
    // Nothing is lost by wrapping: the long word is all there once the line breaks are removed.
    expect(body.replace(/\n\s*/g, '')).toContain('x'.repeat(200));
  });

  it('lists sources as [n] Publisher, "Title", date, URL', () => {
    const sources = text.slice(text.indexOf('SOURCES\n-------')).replace(/\n {4}/g, ' ');
    expect(sources).toContain(
      '[1] Kremlin, "Telephone conversation with Prime Minister of Israel Benjamin Netanyahu", 15 November 2025, https://example.org/kremlin/events/president/news/2025-11-15-telephone-',
    );
    expect(sources).toContain(
      '[5] Wire service report, "Ceasefire between Israel and Hezbollah takes effect in Lebanon", 27 November 2024\n',
    );
  });

  it('underlines headings and uses no markup', () => {
    expect(text.startsWith('DAILY BRIEFING — 15 NOVEMBER 2025\n=================================\n')).toBe(true);
    expect(text).toContain('\nGAZA\n====\n');
    expect(text).not.toMatch(/<[a-z]|\*\*|&#x27;|&amp;/);
    expect(text.endsWith('\n')).toBe(true);
  });
});
