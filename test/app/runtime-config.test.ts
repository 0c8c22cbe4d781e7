import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestServer, TestServer } from '../support/test-server';

// The Config handed to openRuntime is the one the output pipeline uses: a templates folder other than the shipped
// one (SITREP_TEMPLATES_DIR in that Config only, never in this process's environment) renders every document.
describe('a Config given to openRuntime', () => {
  let server: TestServer;
  let templatesDir: string;
  let outboxDir: string;

  beforeAll(async () => {
    templatesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-templates-'));
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-outbox-'));
    fs.cpSync(path.resolve(__dirname, '..', '..', 'templates'), templatesDir, { recursive: true });
    for (const layout of ['html/briefing.hbs', 'email/briefing.hbs']) {
      const file = path.join(templatesDir, layout);
      fs.writeFileSync(
        file,
        fs
          .readFileSync(file, 'utf8')
          .replace('<h1>{{title}}</h1>', '<h1>{{title}}</h1>\n<p>from-the-configured-folder</p>'),
      );
    }
    expect(process.env.SITREP_TEMPLATES_DIR).toBeUndefined();
    server = await startTestServer('sqlite', { SITREP_TEMPLATES_DIR: templatesDir, SITREP_OUTBOX_DIR: outboxDir });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(templatesDir, { recursive: true, force: true });
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  it('renders HTML and EMAIL over GraphQL with its templates folder', async () => {
    const res = await server.gql<{ briefing: { html: { body: string }; email: { body: string } } }>(
      '{ briefing(date: "2025-11-15") { html: render(format: HTML) { body } email: render(format: EMAIL) { body } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.briefing.html.body).toContain('from-the-configured-folder');
    expect(res.data?.briefing.email.body).toContain('from-the-configured-folder');
  });

  it('sends email composed with its templates folder', async () => {
    const res = await server.gql<{ sendBriefing: { status: string } }>(
      'mutation { sendBriefing(date: "2025-11-15", to: ["analyst@example.org"]) { status } }',
      undefined,
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.sendBriefing.status).toBe('SENT');
    const [file] = fs.readdirSync(outboxDir).filter((name) => name.endsWith('.eml'));
    expect(fs.readFileSync(path.join(outboxDir, file), 'utf8')).toContain('from-the-configured-folder');
  });
});
