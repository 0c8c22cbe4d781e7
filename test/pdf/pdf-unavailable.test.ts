import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, ensureBuilt } from '../faults/cli-support';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * Without a working Chromium a PDF request is UNAVAILABLE with a short message: no binary path, no install command
 * and no browser error text reach an (anonymous) client; that detail goes to the server's log, and to the operator
 * running the CLI. Needs no Chromium: the binaries here are a missing path and one that exits at once.
 */

const INTERNALS =
  /\/nonexistent|\/bin\/false|SITREP_CHROMIUM_PATH|apt-get|puppeteer|Failed to launch|browser process|ws endpoint|\bat \S+ \(/i;

for (const [what, binary] of [
  ['missing', '/nonexistent/chromium'],
  ['failing to start', '/bin/false'],
] as const) {
  describe(`PDF requests with a Chromium ${what}`, () => {
    let server: TestServer;
    let warned: jest.SpyInstance;
    beforeAll(async () => {
      server = await startTestServer('sqlite', { SITREP_CHROMIUM_PATH: binary });
      warned = jest.spyOn(server.runtime.log, 'warn').mockImplementation(() => undefined);
    }, 120_000);
    afterAll(async () => {
      warned.mockRestore();
      await server?.stop();
    });

    it('answer GraphQL with a short UNAVAILABLE error, the detail only in the log', async () => {
      warned.mockClear();
      const res = await server.gql('{ briefing(date: "2025-11-15") { render(format: PDF) { body } } }');
      expect(res.errors).toHaveLength(1);
      const [error] = res.errors!;
      expect(error.extensions?.code).toBe('UNAVAILABLE');
      expect(error.message).toMatch(/^PDF rendering is unavailable/);
      expect(JSON.stringify(res)).not.toMatch(INTERNALS);
      const logged = warned.mock.calls.map((call) => JSON.stringify(call)).join('\n');
      expect(logged).toContain(binary);
      expect(logged).toContain('SITREP_CHROMIUM_PATH');
    });

    it('answer a download with 503 and the same short message', async () => {
      warned.mockClear();
      const res = await fetch(`${server.url}/briefings/2025-11-15.pdf`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toMatch(/^PDF rendering is unavailable/);
      expect(text).not.toMatch(INTERNALS);
      expect(warned.mock.calls.map((call) => JSON.stringify(call)).join('\n')).toContain(binary);
    });
  });
}

describe('sitrep render --format pdf without Chromium', () => {
  it('tells the operator why, with the path and the install command, and exits non-zero', () => {
    ensureBuilt();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-pdf-cli-'));
    try {
      const env = {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'error',
        DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}`,
        SITREP_CHROMIUM_PATH: '/nonexistent/chromium',
      };
      execFileSync(process.execPath, [CLI, 'migrate'], { env, stdio: 'pipe' });
      execFileSync(process.execPath, [CLI, 'seed'], { env, stdio: 'pipe' });
      let stderr = '';
      let status = 0;
      try {
        execFileSync(
          process.execPath,
          [CLI, 'render', '--date', '2025-11-15', '--format', 'pdf', '--out', path.join(dir, 'b.pdf')],
          { env, stdio: 'pipe' },
        );
      } catch (error) {
        ({ status } = error as { status: number });
        stderr = String((error as { stderr: Buffer }).stderr);
      }
      expect(status).toBe(1);
      expect(stderr).toContain('/nonexistent/chromium');
      expect(stderr).toContain('SITREP_CHROMIUM_PATH');
      expect(stderr).not.toMatch(/\bat \S+ \(/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
