import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { Browser } from 'puppeteer-core';
import { CHROMIUM_INSTALL_HINT, ChromiumLocation, chromiumUnavailable } from './chromium-discovery';
import { footerFontconfig } from './pdf-fonts';

// Starting Chromium for printing. The flags switch off everything that would make the browser talk to the
// network on its own (updates, sync, QUIC, background fetches); `--proxy-server` points any request that still
// escapes the page's interception at a closed port, as a second wall. `--no-sandbox` because the server often
// runs as root in containers, where Chromium's sandbox cannot start; the page runs no JavaScript and loads only
// the document we hand it, which is what the sandbox would otherwise protect against.

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

export interface LaunchedChromium {
  browser: Browser;
  /** The fresh profile folder, removed when the browser is gone. */
  userDataDir: string;
  location: ChromiumLocation;
}

/**
 * Launches a fresh Chromium (from chromium-discovery) with its own empty profile and the footer's fonts
 * (FONTCONFIG_FILE, see pdf-fonts.ts); a missing or broken binary is an UNAVAILABLE error.
 */
export async function launchChromium(location: ChromiumLocation, browserDir: string): Promise<LaunchedChromium> {
  const { executablePath } = location;
  try {
    fs.accessSync(executablePath, fs.constants.X_OK);
  } catch {
    throw chromiumUnavailable(
      `no executable Chromium at ${executablePath}`,
      'Set SITREP_CHROMIUM_PATH to a Chromium binary, or unset it to find one.',
    );
  }
  let fontconfigFile: string;
  try {
    fontconfigFile = await footerFontconfig(browserDir);
  } catch (error) {
    throw chromiumUnavailable(
      `the footer fonts could not be written into ${browserDir} (${(error as Error).message})`,
      'Make that folder writable, or set SITREP_CHROMIUM_DIR to one that is.',
    );
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath,
      env: { ...process.env, ...location.env, FONTCONFIG_FILE: fontconfigFile },
      headless: true,
      args: [...CHROMIUM_ARGS],
      userDataDir,
      // A pipe instead of a debugging port: no other local process can connect to the browser.
      pipe: true,
      // Our own signal handling decides when the browser goes (close()), not puppeteer's.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    });
    return { browser, userDataDir, location };
  } catch (error) {
    removeProfile(userDataDir);
    throw chromiumUnavailable(
      `${location.description} did not start (${(error as Error).message.split('\n')[0]})`,
      location.source === 'npm'
        ? `Install Chromium (\`${CHROMIUM_INSTALL_HINT}\`) or set SITREP_CHROMIUM_PATH to a Chromium binary.`
        : 'Set SITREP_CHROMIUM_PATH to a Chromium binary that starts.',
    );
  }
}

export function removeProfile(userDataDir: string): void {
  try {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  } catch {
    // A profile left in the temp folder is harmless; failing a render or a shutdown over it is not.
  }
}
