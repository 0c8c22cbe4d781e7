import { execFileSync } from 'node:child_process';
import { eventInput } from '../api/fixtures';
import { startTestServer, TestServer } from '../support/test-server';
import { pdfText } from './pdf-read';

/*
 * A second reader of the PDF: poppler's pdftotext, the tool behind most desktop and server-side PDF search (a
 * Debian package, listed in .ci/run). pdf.js is checked in pdf-renderer.test.ts; the quote must be found by both.
 */
const QUOTE = 'لن نسكت';
const HEBREW = 'הפסקת אש';

function pdftotext(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
}

describe('the seed briefing PDF read back with poppler', () => {
  let server: TestServer;
  let pdf: Buffer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const res = await server.gql(
      'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }',
      {
        input: eventInput({
          date: '2025-11-15',
          title: 'Hamas statement on the ceasefire',
          quotes: [
            { text: QUOTE, actor: 'hamas' },
            { text: HEBREW, leader: 'netanyahu' },
          ],
        }),
      },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    const download = await fetch(`${server.url}/briefings/2025-11-15.pdf`);
    expect(download.status).toBe(200);
    pdf = Buffer.from(await download.arrayBuffer());
  });
  afterAll(() => server?.stop());

  it('lets pdftotext find the Arabic and Hebrew quotes by their exact words', () => {
    const text = pdftotext(pdf);
    expect(text).toContain('Key takeaways');
    expect(text).toContain(QUOTE);
    expect(text).toContain(HEBREW);
  });

  it('lets pdf.js find them too', () => {
    const text = pdfText(pdf);
    expect(text).toContain(QUOTE);
    expect(text).toContain(HEBREW);
  });
});
