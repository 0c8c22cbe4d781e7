import { pdfText } from '../pdf/pdf-read';
import { describeEachDatabase } from '../support/databases';
import { datesAfter, emailTexts, readableText } from '../support/dates-in-text';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * Briefings true to their date, in every format, over the seed history: the 2025-06-01 briefing knows nothing of
 * October 2025 (Gaza is at war since October 2023, fronts with no status yet say so), the 2025-11-15 one gives the
 * ceasefire's day 37 once, and a new status period reaches the briefings it concerns at once.
 */

const FORMATS = ['html', 'md', 'txt', 'eml', 'pdf'] as const;

describeEachDatabase('briefings use the front history of their date', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  /** What a reader of the download reads, before its source list (both parts of an email). */
  const read = async (date: string, ext: (typeof FORMATS)[number]): Promise<string[]> => {
    const res = await fetch(`${server.url}/briefings/${date}.${ext}`);
    expect(res.status).toBe(200);
    if (ext === 'pdf') return [readableText('PDF', pdfText(Buffer.from(await res.arrayBuffer())))];
    const body = await res.text();
    if (ext === 'eml') return emailTexts(body);
    return [readableText(ext === 'html' ? 'HTML' : 'TEXT', body)];
  };
  const squash = (text: string): string => text.replace(/\s+/g, ' ');

  it.each(FORMATS)('the 2025-06-01 briefing (%s) knows nothing of October 2025', async (ext) => {
    for (const text of (await read('2025-06-01', ext)).map(squash)) {
      expect(text).toContain('War between Israel and Hamas since October 2023');
      expect(text).toContain('No status recorded');
      expect(text).toContain('Post-Assad transition; Israeli forces hold positions in the south since December 2024');
      expect(text).not.toContain('Ceasefire in force');
      expect(text).not.toContain('October 2025');
      expect(datesAfter(text, '2025-06-01')).toEqual([]);
    }
  });

  it.each(FORMATS)('the 2025-11-15 briefing (%s) is on day 37 of the ceasefire, said once', async (ext) => {
    for (const text of (await read('2025-11-15', ext)).map(squash)) {
      expect(text.split('Ceasefire in force since 10 October 2025 — day 37')).toHaveLength(2);
      expect(text.match(/\bday 37\b/gi)).toHaveLength(1);
      expect(text).not.toContain('War between Israel and Hamas');
      expect(text).not.toContain('No status recorded');
      expect(text).toContain('Nuclear programme at issue after Israeli strikes on nuclear installations since 2025');
      expect(datesAfter(text, '2025-11-15')).toEqual([]);
    }
  });

  it('reaches the briefings a new status period concerns, and only those', async () => {
    const before = squash((await read('2026-01-10', 'txt'))[0]);
    expect(before).toContain('Ceasefire in force since 10 October 2025 — day 93');
    const res = await server.gql(
      'mutation { setFrontStatus(front: "gaza", kind: ACTIVE_CONFLICT, text: "Fighting resumed", since: "2026-01-05") { id } }',
      {},
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    const after = squash((await read('2026-01-10', 'txt'))[0]);
    expect(after).toContain('Fighting resumed since 5 January 2026 — day 6');
    expect(after).not.toContain('Ceasefire in force');
    expect(squash((await read('2026-01-04', 'txt'))[0])).toContain('Ceasefire in force since 10 October 2025 — day 87');
    expect(squash((await read('2025-11-15', 'txt'))[0])).toContain('day 37');
  });
});
