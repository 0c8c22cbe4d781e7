import { simpleParser } from 'mailparser';
import { pdfInfo, pdfText } from '../pdf/pdf-read';
import { startTestServer, TestServer } from '../support/test-server';

/** PDF and email through the same render path as the text formats: GraphQL, downloads with ETags, the cache. */
describe('PDF and email briefings through the render path', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.stop());

  const download = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}${path}`, { headers });

  it('downloads the 2025-11-15 PDF with an ETag, A4 by default and Letter on request', async () => {
    const res = await download('/briefings/2025-11-15.pdf?fronts=gaza,iran');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="sitrep-briefing-2025-11-15-gaza-iran.pdf"');
    const pdf = Buffer.from(await res.arrayBuffer());
    const info = pdfInfo(pdf);
    expect(info.title).toContain('15 November 2025');
    expect(info.pageSizes[0].width).toBeCloseTo(595.3, -0.5); // A4: 210 mm
    const text = pdfText(pdf);
    expect(text).toContain('Ceasefire in force since 10 October 2025 — day 37');
    expect(text).not.toContain('Syria\n');

    const etag = res.headers.get('etag')!;
    expect((await download('/briefings/2025-11-15.pdf?fronts=gaza,iran', { 'if-none-match': etag })).status).toBe(304);
    const letter = await download('/briefings/2025-11-15.pdf?fronts=gaza,iran&paper=letter');
    expect(letter.headers.get('etag')).not.toBe(etag);
    expect(pdfInfo(Buffer.from(await letter.arrayBuffer())).pageSizes[0].width).toBeCloseTo(612, -0.5); // 8.5 in
  });

  it('refuses a bad paper size with 400', async () => {
    const res = await download('/briefings/2025-11-15.pdf?paper=a3');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/paper: must be A4 or LETTER/);
  });

  it('downloads the email as a complete message', async () => {
    const res = await download('/briefings/2025-11-15.eml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('message/rfc822');
    const mail = await simpleParser(Buffer.from(await res.arrayBuffer()));
    expect(mail.subject).toBe('Daily briefing — 15 November 2025: Gaza, Iran, Syria, Lebanon, Yemen');
    expect(mail.text).toContain('Ceasefire in force since 10 October 2025');
    expect(mail.html).toContain('style=');
    expect(mail.messageId).toMatch(/^<briefing-2025-11-15-/);
  });

  it('renders a PDF over GraphQL as base64 with its download link', async () => {
    const res = await server.gql<{
      briefing: { render: { format: string; encoding: string; body: string; filename: string; downloadUrl: string } };
    }>(
      'query { briefing(date: "2025-11-15", fronts: ["gaza"], timezone: "Asia/Jerusalem") { render(format: PDF, paper: LETTER) { format encoding body filename downloadUrl } } }',
    );
    expect(res.errors).toBeUndefined();
    const rendered = res.data!.briefing.render;
    expect(rendered).toMatchObject({
      format: 'PDF',
      encoding: 'BASE64',
      filename: 'sitrep-briefing-2025-11-15-gaza.pdf',
    });
    expect(Buffer.from(rendered.body, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(rendered.downloadUrl.startsWith(`${server.url}/briefings`)).toBe(true);
    expect(rendered.downloadUrl).toMatch(/\/briefings\/2025-11-15\.pdf\?fronts=gaza&tz=Asia%2FJerusalem&paper=letter$/);
    const viaLink = await download(new URL(rendered.downloadUrl).pathname + new URL(rendered.downloadUrl).search);
    expect(viaLink.status).toBe(200);
    expect(pdfInfo(Buffer.from(await viaLink.arrayBuffer())).pageSizes[0].width).toBeCloseTo(612, -0.5);
  });

  it('renders the email over GraphQL as its text', async () => {
    const res = await server.gql<{ briefing: { render: { encoding: string; body: string } } }>(
      'query { briefing(date: "2025-11-15") { render(format: EMAIL) { encoding body } } }',
    );
    expect(res.data!.briefing.render.encoding).toBe('UTF8');
    expect((await simpleParser(res.data!.briefing.render.body)).subject).toContain('Daily briefing — 15 November 2025');
  });
});
