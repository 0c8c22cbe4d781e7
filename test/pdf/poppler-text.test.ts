import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventInput } from '../api/fixtures';
import { checkPoppler, itWithPoppler } from '../support/poppler';
import { startTestServer, TestServer } from '../support/test-server';
import { pdfText } from './pdf-read';

/*
 * A second reader of the PDF: poppler's pdftotext, the tool behind most desktop and server-side PDF search (a
 * Debian package, listed in .ci/run; skipped, loudly, on a machine without it, outside CI). pdf.js is checked in
 * pdf-renderer.test.ts; the quote must be found by both.
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

  itWithPoppler('lets pdftotext find the Arabic and Hebrew quotes by their exact words', () => {
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

describe('whether the poppler check runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-poppler-'));
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.mkdirSync(path.join(dir, 'with'));
    fs.writeFileSync(path.join(dir, 'with', 'pdftotext'), '#!/bin/sh\nexit 99\n', { mode: 0o755 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs wherever pdftotext starts, and fails CI rather than skipping where it does not', () => {
    expect(checkPoppler({ PATH: path.join(dir, 'with'), CI: 'true' })).toBe(true);
    const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(checkPoppler({ PATH: path.join(dir, 'empty') })).toBe(false);
      expect(written.mock.calls.map(([text]) => String(text)).join('')).toContain('poppler check of PDFs is SKIPPED');
    } finally {
      written.mockRestore();
    }
    expect(() => checkPoppler({ PATH: path.join(dir, 'empty'), CI: 'true' })).toThrow(
      /must run in CI, but pdftotext does not start .*install poppler-utils/,
    );
  });
});
