import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { AppError } from '../../errors/app-errors';

// Which Chromium prints the PDFs: SITREP_CHROMIUM_PATH when set; else a Chromium installed on the machine; else
// the one inside the npm package @sparticuz/chromium (an optional dependency: Linux x64 only), unpacked once into
// the data folder. Unpacking writes a `.partial-<pid>-…` folder and renames it into place, so two processes
// unpacking at once both end with a complete browser, and a folder left by a killed process is never used (it is
// removed once its process is gone).

export type ChromiumSource = 'configured' | 'system' | 'npm';

export interface ChromiumLocation {
  source: ChromiumSource;
  executablePath: string;
  /** Environment the browser needs beyond ours: the libraries that come with the npm Chromium. */
  env: Record<string, string>;
  /** For people: "the npm package @sparticuz/chromium 153.0.0", "/usr/bin/chromium (found on this machine)". */
  description: string;
}

export interface NpmChromium {
  name: string;
  version: string;
  /** The package's bin/ folder: chromium.br and the tar.br archives. */
  binDir: string;
}

export interface ChromiumDiscoveryOptions {
  /** SITREP_CHROMIUM_PATH; null finds one. */
  configuredPath: string | null;
  /** Where the npm Chromium is unpacked (SITREP_CHROMIUM_DIR). */
  browserDir: string;
  /** The installed browsers to look for, in order; the platform's usual places by default. */
  systemCandidates?: readonly string[];
  /** The npm package, or null when it is not installed; tests inject null to make it unavailable. */
  npmPackage?: () => NpmChromium | null;
  platform?: NodeJS.Platform;
  arch?: string;
}

export const NPM_CHROMIUM_PACKAGE = '@sparticuz/chromium';
export const CHROMIUM_INSTALL_HINT = 'apt-get install -y chromium';

/** What discovery would pick without unpacking anything; `ready` is false while the npm Chromium is still packed. */
export interface ChromiumPlan {
  location: ChromiumLocation;
  ready: boolean;
  npm?: NpmChromium;
}

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The usual places of an installed Chromium or Chrome on this platform. */
export function systemChromiumCandidates(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
    const roots = ['/Applications', ...(env.HOME ? [path.join(env.HOME, 'Applications')] : [])];
    return roots.flatMap((root) => apps.map((app) => path.join(root, app)));
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => !!root,
    );
    return roots.map((root) => path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
  }
  const dirs = [
    ...new Set([
      '/usr/bin',
      ...(env.PATH ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir)),
      '/snap/bin',
    ]),
  ];
  return LINUX_NAMES.flatMap((name) => dirs.map((dir) => path.join(dir, name)));
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The installed npm package, found the way Node would load it; null when `npm install` left it out. */
export function installedNpmChromium(): NpmChromium | null {
  let entry: string;
  try {
    entry = require.resolve(NPM_CHROMIUM_PACKAGE);
  } catch {
    return null;
  }
  // The entry point is <package>/build/index.js; the package's own files are one level up.
  const root = path.resolve(path.dirname(entry), '..');
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      name?: string;
      version?: string;
    };
    const binDir = path.join(root, 'bin');
    if (
      manifest.name !== NPM_CHROMIUM_PACKAGE ||
      typeof manifest.version !== 'string' ||
      !fs.existsSync(path.join(binDir, 'chromium.br'))
    )
      return null;
    return { name: manifest.name, version: manifest.version, binDir };
  } catch {
    return null;
  }
}

/** What a client is told: no binary path, no browser error text (those are the operator's, in the detail). */
export const PDF_UNAVAILABLE_MESSAGE =
  'PDF rendering is unavailable on this server at the moment; the other formats work.';

export function chromiumUnavailable(why: string, todo: string): AppError {
  return new AppError('UNAVAILABLE', PDF_UNAVAILABLE_MESSAGE, undefined, {
    detail: `PDF rendering is unavailable: ${why}. ${todo}`,
  });
}

/** The folder an npm Chromium version unpacks into. */
export function unpackedFolder(browserDir: string, npm: NpmChromium): string {
  return path.join(browserDir, `chromium-${npm.version}`);
}

function npmLocation(browserDir: string, npm: NpmChromium): ChromiumLocation {
  const folder = unpackedFolder(browserDir, npm);
  return {
    source: 'npm',
    executablePath: path.join(folder, 'chromium'),
    // NSS and expat come with the package, so a machine without them (a slim container) still prints.
    env: {
      LD_LIBRARY_PATH: [
        path.join(folder, 'lib'),
        ...(process.env.LD_LIBRARY_PATH ? [process.env.LD_LIBRARY_PATH] : []),
      ].join(':'),
    },
    description: `the npm package ${npm.name} ${npm.version}, unpacked in ${folder}`,
  };
}

/** Decides which Chromium PDFs will use, without starting or unpacking anything; throws UNAVAILABLE when none. */
export function planChromium(options: ChromiumDiscoveryOptions): ChromiumPlan {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  if (options.configuredPath !== null) {
    if (!isExecutableFile(options.configuredPath)) {
      throw chromiumUnavailable(
        `SITREP_CHROMIUM_PATH is ${options.configuredPath}, which is not an executable file`,
        'Point SITREP_CHROMIUM_PATH at a Chromium or Chrome binary, or unset it to use the one found on this machine or installed by npm.',
      );
    }
    return {
      ready: true,
      location: {
        source: 'configured',
        executablePath: options.configuredPath,
        env: {},
        description: `${options.configuredPath} (SITREP_CHROMIUM_PATH)`,
      },
    };
  }
  const candidates = options.systemCandidates ?? systemChromiumCandidates(platform);
  const installed = candidates.find(isExecutableFile);
  if (installed !== undefined) {
    return {
      ready: true,
      location: {
        source: 'system',
        executablePath: installed,
        env: {},
        description: `${installed} (installed on this machine)`,
      },
    };
  }
  const looked =
    candidates.length > 0
      ? ` (looked for ${candidates.slice(0, 4).join(', ')}${candidates.length > 4 ? ', …' : ''})`
      : '';
  if (platform !== 'linux' || arch !== 'x64') {
    const todo =
      platform === 'darwin'
        ? 'Install Google Chrome or Chromium in /Applications'
        : platform === 'win32'
          ? 'Install Google Chrome'
          : `Install Chromium (\`${CHROMIUM_INSTALL_HINT}\` or your system's package)`;
    throw chromiumUnavailable(
      `no Chromium is installed on this ${platform}-${arch} machine${looked}, and the npm package ${NPM_CHROMIUM_PACKAGE} carries one for linux-x64 only`,
      `${todo}, or set SITREP_CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  const npm = (options.npmPackage ?? installedNpmChromium)();
  if (npm === null) {
    throw chromiumUnavailable(
      `no Chromium is installed on this linux-x64 machine${looked}, and the npm package ${NPM_CHROMIUM_PACKAGE} is not installed`,
      `Run \`npm install\` in the project (it installs ${NPM_CHROMIUM_PACKAGE} as an optional dependency), or set SITREP_CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  const location = npmLocation(options.browserDir, npm);
  return { location, ready: isExecutableFile(location.executablePath), npm };
}

/** The Chromium PDFs will use, unpacking the npm one first when that is the one and it is still packed. */
export async function locateChromium(options: ChromiumDiscoveryOptions): Promise<ChromiumLocation> {
  const plan = planChromium(options);
  if (!plan.ready && plan.npm !== undefined) {
    try {
      await unpackNpmChromium(options.browserDir, plan.npm);
    } catch (error) {
      throw chromiumUnavailable(
        `the Chromium of ${plan.npm.name} ${plan.npm.version} could not be unpacked into ${options.browserDir} (${(error as Error).message})`,
        'Make that folder writable (or set SITREP_CHROMIUM_DIR to one that is), or set SITREP_CHROMIUM_PATH to a Chromium binary.',
      );
    }
  }
  return plan.location;
}

/** Unpacks the package's Chromium and its libraries into `<browserDir>/chromium-<version>`, once. */
export async function unpackNpmChromium(browserDir: string, npm: NpmChromium): Promise<string> {
  const folder = unpackedFolder(browserDir, npm);
  await buildFolderOnce(folder, async (partial) => {
    await pipeline(
      fs.createReadStream(path.join(npm.binDir, 'chromium.br')),
      zlib.createBrotliDecompress(),
      fs.createWriteStream(path.join(partial, 'chromium'), { mode: 0o755 }),
    );
    const libraries = path.join(npm.binDir, 'al2023.tar.br');
    if (fs.existsSync(libraries))
      await extractTar(await brotliDecompress(await fs.promises.readFile(libraries)), partial);
  });
  return folder;
}

const brotliDecompress = promisify(zlib.brotliDecompress);

const PARTIAL_PREFIX = '.partial-';

/**
 * Makes `folder` by filling a fresh partial folder next to it and renaming that into place: `folder` either does
 * not exist or is complete. Losing a race to another process is fine: its folder is as good as ours.
 */
export async function buildFolderOnce(folder: string, fill: (partial: string) => Promise<void>): Promise<void> {
  if (fs.existsSync(folder)) return;
  const parent = path.dirname(folder);
  await fs.promises.mkdir(parent, { recursive: true });
  await removeAbandonedPartials(parent);
  const partial = path.join(
    parent,
    `${PARTIAL_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}-${path.basename(folder)}`,
  );
  await fs.promises.mkdir(partial);
  try {
    await fill(partial);
    try {
      await fs.promises.rename(partial, folder);
    } catch (error) {
      // Another process renamed its own complete folder into place first.
      if (!fs.existsSync(folder)) throw error;
    }
  } finally {
    await fs.promises.rm(partial, { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Partial folders whose process is gone were left by a kill or a crash mid-unpack. */
async function removeAbandonedPartials(parent: string): Promise<void> {
  for (const name of await fs.promises.readdir(parent)) {
    if (!name.startsWith(PARTIAL_PREFIX)) continue;
    const pid = Number(name.slice(PARTIAL_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || (pid !== process.pid && !processAlive(pid))) {
      await fs.promises.rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/** Extracts the regular files and folders of a ustar archive (all the package's archives hold) under `dest`. */
export async function extractTar(tar: Buffer, dest: string): Promise<void> {
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number): string => {
      const raw = header.subarray(start, start + length);
      const end = raw.indexOf(0);
      return raw.subarray(0, end < 0 ? length : end).toString('utf8');
    };
    const prefix = field(345, 155);
    const name = prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`;
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const mode = parseInt(field(100, 8).trim() || '644', 8) & 0o777;
    const type = field(156, 1) || '0';
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    const target = path.resolve(dest, name);
    if (target !== path.resolve(dest) && !target.startsWith(path.resolve(dest) + path.sep))
      throw new Error(`archive entry ${JSON.stringify(name)} points outside the folder`);
    if (type === '5') await fs.promises.mkdir(target, { recursive: true });
    else if (type === '0') {
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.writeFile(target, body, { mode });
    }
    // Other entry types (links, extended headers) do not occur in the package's archives and are skipped.
  }
}
