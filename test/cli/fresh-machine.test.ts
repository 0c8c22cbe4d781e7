import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NODE_ENGINES, nodeVersionProblem } from '../../src/cli/node-version';
import { startTestServer } from '../support/test-server';

/** What a fresh machine is told: the Node versions Sitrep runs on, and which Chromium PDFs will use. */
const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

describe('on a fresh machine', () => {
  let dir: string;
  let fakeChromium: string;
  beforeAll(() => {
    if (!fs.existsSync(CLI))
      throw new Error('dist/ is missing: `npm test` builds it first (pretest); run `npm run build`');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-fresh-'));
    fakeChromium = path.join(dir, 'my-chromium');
    fs.writeFileSync(fakeChromium, '#!/bin/sh\n', { mode: 0o755 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const sitrep = (args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) =>
    spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
      cwd: dir,
      env: { ...process.env, NODE_ENV: 'test', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('supports Node 22 (from 22.17) and 24, as package.json says', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(NODE_ENGINES);
    expect(nodeVersionProblem('20.19.5')).toMatch(
      /needs Node\.js 22 \(22\.17 or later\) or 24; this is Node\.js 20\.19\.5\. Install Node\.js 24/,
    );
    expect(nodeVersionProblem('22.16.0')).not.toBeNull();
    expect(nodeVersionProblem('22.17.0')).toBeNull();
    expect(nodeVersionProblem('23.11.1')).toMatch(/this is Node\.js 23\.11\.1\./);
    expect(nodeVersionProblem('24.0.0')).toBeNull();
    expect(nodeVersionProblem('26.1.0')).toBeNull();
  });

  it('stops the CLI (what npm start runs) on an older Node with that message, before anything else', () => {
    const older = path.join(dir, 'node-20.js');
    fs.writeFileSync(older, "Object.defineProperty(process.versions, 'node', { value: '20.19.5' });\n");
    const run = sitrep(['start'], { PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'never.sqlite')}` }, [
      '--require',
      older,
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sitrep: Sitrep needs Node.js 22 (22.17 or later) or 24; this is Node.js 20.19.5');
    expect(fs.existsSync(path.join(dir, 'never.sqlite'))).toBe(false);
  });

  it('`sitrep doctor` says which Chromium PDFs will use, and fails when none can be had', () => {
    const configured = sitrep(['doctor'], { SITREP_CHROMIUM_PATH: fakeChromium });
    expect(configured.status).toBe(0);
    expect(configured.stdout).toContain(`Node.js: ${process.versions.node} (supported`);
    expect(configured.stdout).toContain(`PDFs: ${fakeChromium} (SITREP_CHROMIUM_PATH)`);
    const found = sitrep(['doctor'], { SITREP_CHROMIUM_PATH: '' });
    expect(found.status).toBe(0);
    expect(found.stdout).toMatch(
      /PDFs: (\/.* \(installed on this machine\)|the npm package @sparticuz\/chromium .*, unpacked in .*)/,
    );
    const missing = sitrep(['doctor'], { SITREP_CHROMIUM_PATH: path.join(dir, 'nothing') });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toContain('PDF rendering is unavailable: SITREP_CHROMIUM_PATH is');
  });

  it('/readyz names the kind of browser PDFs will use, not its path', async () => {
    const configured = await startTestServer('sqlite', { SITREP_CHROMIUM_PATH: fakeChromium });
    const broken = await startTestServer('sqlite', { SITREP_CHROMIUM_PATH: path.join(dir, 'nothing') });
    try {
      expect(await (await fetch(`${configured.url}/readyz`)).json()).toEqual({
        status: 'ready',
        pdfBrowser: 'configured',
      });
      const res = await fetch(`${broken.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', pdfBrowser: 'unavailable' });
    } finally {
      await configured.stop();
      await broken.stop();
    }
  });
});
