import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { loadConfig } from '../../src/config/config';
import { locateChromium } from '../../src/output/pdf/chromium-discovery';

/**
 * A real Chromium for the browser tests: the one Sitrep's own discovery finds (SITREP_CHROMIUM_PATH, an installed
 * one, else the npm package's, unpacked once into the usual data folder), driven by playwright-core.
 */
export async function launchChromium(): Promise<Browser> {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const location = await locateChromium({ configuredPath: config.chromiumPath, browserDir: config.chromiumDir });
  return chromium.launch({
    executablePath: location.executablePath,
    env: { ...process.env, ...location.env },
    args: ['--no-sandbox', '--headless'],
  });
}

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

/** A file a page server serves besides its page: its content type and bytes. */
export interface PageFile {
  contentType: string;
  body: Buffer | string;
}

/** A tiny web server on its own loopback port (so its own origin) serving one HTML page at `/`, and `files`. */
export async function servePage(html: string, files: Readonly<Record<string, PageFile>> = {}): Promise<PageServer> {
  const server = http.createServer((request, response) => {
    const url = request.url ?? '';
    if (url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const file = Object.hasOwn(files, url) ? files[url] : undefined;
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.contentType }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
