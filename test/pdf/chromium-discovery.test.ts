import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../src/errors/app-errors';
import { PdfRenderer, planChromium, systemChromiumCandidates, withFonts } from '../../src/output/pdf';
import type { ChromiumDiscoveryOptions, NpmChromium } from '../../src/output/pdf';
import { installedNpmChromium, locateChromium, unpackNpmChromium } from '../../src/output/pdf/chromium-discovery';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { pdfFonts, pdfText } from './pdf-read';

/** Which Chromium prints: SITREP_CHROMIUM_PATH, else one installed on the machine, else the npm package's. */
/** The operator's reason (AppError.detail) of what `run` throws; clients only ever see the short message. */
function detailOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).detail ?? '';
  }
  throw new Error('expected an UNAVAILABLE error');
}

describe('Chromium discovery', () => {
  let dir: string;
  let configured: string;
  let system: string;
  let fakeNpm: NpmChromium;

  const executable = (file: string, body: string): string => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, body, { mode: 0o755 });
    return file;
  };

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-discovery-'));
    configured = executable(path.join(dir, 'configured', 'chromium'), '#!/bin/sh\n');
    system = executable(path.join(dir, 'usr', 'bin', 'chromium'), '#!/bin/sh\n');
    // A package shaped like @sparticuz/chromium: a brotli'd binary and a brotli'd tar of libraries.
    const binDir = path.join(dir, 'package', 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    fs.writeFileSync(
      path.join(binDir, 'chromium.br'),
      zlib.brotliCompressSync(Buffer.from('#!/bin/sh\necho fake chromium\n')),
    );
    const libs = path.join(dir, 'libs');
    fs.mkdirSync(path.join(libs, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(libs, 'lib', 'libfake.so'), 'not really a library');
    const tar = spawnSync('tar', ['-cf', '-', '--format=ustar', 'lib'], { cwd: libs });
    expect(tar.status).toBe(0);
    fs.writeFileSync(path.join(binDir, 'al2023.tar.br'), zlib.brotliCompressSync(tar.stdout));
    fakeNpm = { name: '@sparticuz/chromium', version: '1.0.0-test', binDir };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = (over: Partial<ChromiumDiscoveryOptions>): ChromiumDiscoveryOptions => ({
    configuredPath: null,
    browserDir: path.join(dir, 'browsers'),
    systemCandidates: [system],
    npmPackage: () => fakeNpm,
    platform: 'linux',
    arch: 'x64',
    ...over,
  });

  it('takes SITREP_CHROMIUM_PATH first, then an installed Chromium, then the npm package', () => {
    expect(planChromium(options({ configuredPath: configured })).location).toMatchObject({
      source: 'configured',
      executablePath: configured,
    });
    expect(planChromium(options({})).location).toMatchObject({ source: 'system', executablePath: system });
    const npm = planChromium(options({ systemCandidates: [path.join(dir, 'nowhere', 'chromium')] }));
    expect(npm.location.source).toBe('npm');
    expect(npm.location.executablePath).toBe(path.join(dir, 'browsers', 'chromium-1.0.0-test', 'chromium'));
    expect(npm.ready).toBe(false);
  });

  it('looks in the usual places: PATH and /usr/bin on Linux, the applications folders on macOS', () => {
    const linux = systemChromiumCandidates('linux', { PATH: '/opt/x/bin:relative' });
    expect(linux.slice(0, 3)).toEqual(['/usr/bin/chromium', '/opt/x/bin/chromium', '/snap/bin/chromium']);
    expect(linux).toEqual(expect.arrayContaining(['/usr/bin/chromium-browser', '/usr/bin/google-chrome']));
    expect(linux.some((p) => p.startsWith('relative'))).toBe(false);
    expect(systemChromiumCandidates('darwin', { HOME: '/Users/a' })).toEqual(
      expect.arrayContaining([
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Users/a/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      ]),
    );
  });

  it('finds the installed npm package', () => {
    const npm = installedNpmChromium();
    expect(npm).not.toBeNull();
    expect(npm!.name).toBe('@sparticuz/chromium');
    expect(fs.existsSync(path.join(npm!.binDir, 'chromium.br'))).toBe(true);
  });

  it('refuses a SITREP_CHROMIUM_PATH that is not an executable, instead of quietly using another browser', () => {
    expect(detailOf(() => planChromium(options({ configuredPath: path.join(dir, 'nothing-here') })))).toMatch(
      /SITREP_CHROMIUM_PATH is .*nothing-here, which is not an executable file/,
    );
  });

  it('says, naming the platform, what to do when no Chromium can be had', async () => {
    const none = { systemCandidates: [path.join(dir, 'nowhere', 'chromium')], npmPackage: () => null };
    expect(detailOf(() => planChromium(options(none)))).toMatch(
      /no Chromium is installed on this linux-x64 machine .*@sparticuz\/chromium is not installed\. Run `npm install`/,
    );
    expect(detailOf(() => planChromium(options({ ...none, platform: 'darwin', arch: 'arm64' })))).toMatch(
      /darwin-arm64 .*linux-x64 only\. Install Google Chrome or Chromium in \/Applications/,
    );
    // Through the PDF engine, as a request sees it.
    const renderer = new PdfRenderer({ browserDir: path.join(dir, 'browsers'), discovery: none });
    const error = await renderer.renderBriefing(briefing20251115()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions.code).toBe('UNAVAILABLE');
    expect((error as AppError).message).not.toContain('npm');
    expect((error as AppError).detail).toContain('Run `npm install`');
    expect(detailOf(() => renderer.plan())).toMatch(/not installed/);
  });

  it('unpacks the npm Chromium and its libraries once into the browser folder', async () => {
    const browserDir = path.join(dir, 'unpack-once');
    const location = await locateChromium(options({ browserDir, systemCandidates: [] }));
    const folder = path.join(browserDir, 'chromium-1.0.0-test');
    expect(location.executablePath).toBe(path.join(folder, 'chromium'));
    expect(spawnSync(location.executablePath).stdout.toString()).toBe('fake chromium\n');
    expect(fs.readFileSync(path.join(folder, 'lib', 'libfake.so'), 'utf8')).toBe('not really a library');
    expect(location.env.LD_LIBRARY_PATH.split(':')[0]).toBe(path.join(folder, 'lib'));
    const inode = fs.statSync(location.executablePath).ino;
    await locateChromium(options({ browserDir, systemCandidates: [] }));
    expect(fs.statSync(location.executablePath).ino).toBe(inode);
    expect(fs.readdirSync(browserDir)).toEqual(['chromium-1.0.0-test']);
  });

  it('ends with one complete folder when two unpack at once, and removes what a killed unpack left', async () => {
    const browserDir = path.join(dir, 'races');
    fs.mkdirSync(browserDir);
    // A process that died mid-unpack: its partial folder holds a truncated binary.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const abandoned = path.join(browserDir, `.partial-${dead}-0000-chromium-1.0.0-test`);
    fs.mkdirSync(abandoned);
    fs.writeFileSync(path.join(abandoned, 'chromium'), '#!/bin/sh\nech');
    const folders = await Promise.all([unpackNpmChromium(browserDir, fakeNpm), unpackNpmChromium(browserDir, fakeNpm)]);
    expect(folders[0]).toBe(folders[1]);
    expect(fs.readdirSync(browserDir)).toEqual(['chromium-1.0.0-test']);
    expect(spawnSync(path.join(folders[0], 'chromium')).stdout.toString()).toBe('fake chromium\n');
  });

  describe('with the npm package Chromium (no installed browser looked at)', () => {
    const renderer = new PdfRenderer({ discovery: { systemCandidates: [] }, timeoutMs: 60_000 });
    afterAll(() => renderer.close());

    it('prints a real PDF with the briefing text, from the Chromium unpacked in the data folder', async () => {
      const text = pdfText(await renderer.renderBriefing(briefing20251115()));
      expect(text).toContain('Ceasefire in force since 10 October 2025 — day 37');
      const location = await renderer.chromium();
      expect(location.source).toBe('npm');
      expect(location.executablePath).toBe(
        path.join(process.cwd(), 'data', 'chromium', `chromium-${installedNpmChromium()!.version}`, 'chromium'),
      );
    });

    it('prints the running footer in the embedded Noto Sans, not in whatever fonts the machine has', async () => {
      // No body text at all: every font in the PDF is the footer's.
      const { pdf } = await renderer.renderHtml(
        withFonts('<!DOCTYPE html><html><head><title>t</title></head><body></body></html>'),
      );
      expect(pdfText(pdf)).toContain('page 1 of 1');
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatch(/\+NotoSans-/);
    });
  });
});
