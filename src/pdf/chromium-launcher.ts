import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { Browser } from 'puppeteer-core';
import { AppError } from '../errors/app-errors';

/**
 * Starting Chromium for printing. The flags switch off everything that would make the browser talk to the
 * network on its own (updates, sync, QUIC, background fetches); `--proxy-server` points any request that still
 * escapes the page's interception at a closed port, as a second wall. `--no-sandbox` because the server often
 * runs as root in containers, where Chromium's sandbox cannot start; the page runs no JavaScript and loads only
 * the document we hand it, which is what the sandbox would otherwise protect against.
 */
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

export const CHROMIUM_INSTALL_HINT = 'apt-get install -y chromium';

/** What a client is told: no binary path, no browser error text (those are the operator's, in the detail). */
export const PDF_UNAVAILABLE_MESSAGE = 'PDF rendering is unavailable on this server at the moment; the other formats work.';

export function chromiumUnavailable(executablePath: string, why: string): AppError {
  return new AppError('UNAVAILABLE', PDF_UNAVAILABLE_MESSAGE, undefined, {
    detail: `PDF rendering is unavailable: ${why}. Install Chromium (\`${CHROMIUM_INSTALL_HINT}\`) or point SITREP_CHROMIUM_PATH at a Chromium binary (now ${executablePath}).`,
  });
}

export interface LaunchedChromium {
  browser: Browser;
  /** The fresh profile folder, removed when the browser is gone. */
  userDataDir: string;
}

/** Launches a fresh Chromium with its own empty profile; a missing or broken binary is an UNAVAILABLE error. */
export async function launchChromium(executablePath: string): Promise<LaunchedChromium> {
  try {
    fs.accessSync(executablePath, fs.constants.X_OK);
  } catch {
    throw chromiumUnavailable(executablePath, `no executable Chromium at ${executablePath}`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-chromium-'));
  try {
    const browser = await puppeteer.launch({
      executablePath,
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
    return { browser, userDataDir };
  } catch (error) {
    removeProfile(userDataDir);
    throw chromiumUnavailable(executablePath, `Chromium did not start (${(error as Error).message.split('\n')[0]})`);
  }
}

export function removeProfile(userDataDir: string): void {
  try {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  } catch {
    // A profile left in the temp folder is harmless; failing a render or a shutdown over it is not.
  }
}
