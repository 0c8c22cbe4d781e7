import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { buildFolderOnce } from './chromium-discovery';

// The fonts every PDF embeds: Noto Sans (Latin and Latin Extended, so names with diacritics such as "Erdoğan"
// print), Amiri for Arabic and Noto Sans Hebrew, from the @fontsource npm packages so that `npm install` is
// enough. The print tab answers their made-up https addresses itself (print-page.ts), from memory, with
// long-lived cache headers: Chromium then decodes each face once per browser, where inlining them as data: URLs
// cost every render about 0.4 MB of CSS to parse. Each face keeps fontsource's unicode-range, so Chromium loads
// and embeds only the subsets a briefing actually uses.

interface FontFile {
  /** Package under node_modules, e.g. "@fontsource/noto-sans". */
  pkg: string;
  /** The CSS file describing the weight/style, e.g. "400.css" or "700-italic.css". */
  css: string;
  /** Subsets of that file to keep, e.g. "latin", "latin-ext". */
  subsets: string[];
}

const FONT_FILES: readonly FontFile[] = [
  { pkg: '@fontsource/noto-sans', css: '400.css', subsets: ['latin', 'latin-ext'] },
  { pkg: '@fontsource/noto-sans', css: '700.css', subsets: ['latin', 'latin-ext'] },
  { pkg: '@fontsource/noto-sans', css: '400-italic.css', subsets: ['latin', 'latin-ext'] },
  // Amiri rather than Noto Sans Arabic: Chromium's PDFs of Noto Arabic (Sans or Naskh, upright or italic) map the
  // shaped glyphs back to presentation forms or split words, so neither pdf.js nor poppler finds a quote by its
  // text; Amiri's come back as the letters typed, in every variant.
  { pkg: '@fontsource/amiri', css: '400.css', subsets: ['arabic'] },
  { pkg: '@fontsource/amiri', css: '700.css', subsets: ['arabic'] },
  { pkg: '@fontsource/amiri', css: '400-italic.css', subsets: ['arabic'] },
  { pkg: '@fontsource/amiri', css: '700-italic.css', subsets: ['arabic'] },
  { pkg: '@fontsource/noto-sans-hebrew', css: '400.css', subsets: ['hebrew'] },
  { pkg: '@fontsource/noto-sans-hebrew', css: '700.css', subsets: ['hebrew'] },
];

/** The font-family list print templates should use; the embedded faces come first. */
export const PDF_FONT_STACK = '"Noto Sans", "Amiri", "Noto Sans Hebrew", sans-serif';

// fontsource writes one commented block per subset: `/* noto-sans-latin-ext-400-normal */\n@font-face { … }`.
const BLOCK_RE = /\/\*\s*([a-z0-9-]+)\s*\*\/\s*@font-face\s*\{([^}]*)\}/g;
const WOFF2_URL_RE = /url\(\.\/files\/([a-z0-9-]+\.woff2)\)\s*format\('woff2'\)/;

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/** "noto-sans-arabic-latin-ext-400-normal" in @fontsource/noto-sans-arabic is the "latin-ext" subset. */
function subsetOf(pkg: string, blockName: string): string {
  const base = pkg.replace(/^@fontsource\//, '');
  return blockName.slice(base.length + 1).replace(/-\d+-(?:normal|italic)$/, '');
}

/** Where the print tab serves the font files; under the document's own made-up origin (print-page.ts). */
export const FONT_URL_PREFIX = 'https://sitrep.invalid/fonts/';

export interface EmbeddedFonts {
  /** `@font-face` rules pointing at FONT_URL_PREFIX. */
  css: string;
  /** Font file bytes by their full URL. */
  files: ReadonlyMap<string, Buffer>;
}

function facesOf(file: FontFile, files: Map<string, Buffer>): string[] {
  const dir = packageDir(file.pkg);
  const css = fs.readFileSync(path.join(dir, file.css), 'utf8');
  const faces: string[] = [];
  for (const match of css.matchAll(BLOCK_RE)) {
    const [, name, body] = match;
    if (!file.subsets.includes(subsetOf(file.pkg, name))) continue;
    const woff2 = WOFF2_URL_RE.exec(body);
    if (woff2 === null) continue;
    const url = FONT_URL_PREFIX + woff2[1];
    files.set(url, fs.readFileSync(path.join(dir, 'files', woff2[1])));
    // Only the woff2 source is kept (Chromium reads it); `font-display: block` because a PDF must never be
    // printed with a fallback face while the real one is still decoding.
    const src = `src: url(${url}) format('woff2');`;
    const rest = body
      .split(';')
      .map((decl) => decl.trim())
      .filter((decl) => decl !== '' && !decl.startsWith('src:') && !decl.startsWith('font-display'))
      .join(';\n  ');
    faces.push(`@font-face {\n  ${rest};\n  font-display: block;\n  ${src}\n}`);
  }
  if (faces.length === 0)
    throw new Error(`No font faces found in ${file.pkg}/${file.css} for ${file.subsets.join(', ')}`);
  return faces;
}

let cached: EmbeddedFonts | undefined;

/** The `@font-face` rules and the font files they point at, read once per process (about 0.3 MB). */
export function embeddedFonts(): EmbeddedFonts {
  if (cached === undefined) {
    const files = new Map<string, Buffer>();
    const css = FONT_FILES.flatMap((file) => facesOf(file, files)).join('\n');
    cached = { css, files };
  }
  return cached;
}

/**
 * The running footer is drawn by Chromium outside the document, where web fonts never load: it can only use
 * fonts that fontconfig knows. So the footer's Noto Sans is written out as TrueType files (converted from
 * fontsource's WOFF, which Chromium's FreeType does not read) with a fonts.conf that adds them to the machine's
 * own fonts; every Chromium is started with FONTCONFIG_FILE pointing at it, and the footer looks the same
 * whichever Chromium prints it and whatever fonts the machine has (macOS Chrome, which ignores fontconfig, aside).
 */
const FOOTER_FONT_FILES = ['latin-400', 'latin-700', 'latin-ext-400', 'latin-ext-700'].map(
  (subset) => `noto-sans-${subset}-normal.woff`,
);

/** Writes (once) the footer's fonts and their fonts.conf under `browserDir`; returns the fonts.conf path. */
export async function footerFontconfig(browserDir: string): Promise<string> {
  const pkg = '@fontsource/noto-sans';
  const dir = packageDir(pkg);
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const folder = path.join(browserDir, `footer-fonts-noto-sans-${version}`);
  await buildFolderOnce(folder, async (partial) => {
    await fs.promises.mkdir(path.join(partial, 'fonts'));
    for (const file of FOOTER_FONT_FILES) {
      const sfnt = woffToSfnt(await fs.promises.readFile(path.join(dir, 'files', file)));
      await fs.promises.writeFile(path.join(partial, 'fonts', file.replace(/\.woff$/, '.ttf')), sfnt);
    }
    // Paths are those after the rename into place; the machine's own configuration comes first, when it has one.
    const xml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await fs.promises.writeFile(
      path.join(partial, 'fonts.conf'),
      [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        '<fontconfig>',
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
        `  <dir>${xml(path.join(folder, 'fonts'))}</dir>`,
        `  <cachedir>${xml(path.join(folder, 'cache'))}</cachedir>`,
        '</fontconfig>',
        '',
      ].join('\n'),
    );
  });
  return path.join(folder, 'fonts.conf');
}

/** WOFF 1.0 to the TrueType/OpenType file it wraps: the same tables, each inflated, behind a plain sfnt header. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  let log2 = 0;
  while (2 ** (log2 + 1) <= numTables) log2 += 1;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(2 ** log2 * 16, 6);
  header.writeUInt16BE(log2, 8);
  header.writeUInt16BE(numTables * 16 - 2 ** log2 * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  for (let i = 0; i < numTables; i += 1) {
    const entry = 44 + i * 20;
    const tag = woff.readUInt32BE(entry);
    const at = woff.readUInt32BE(entry + 4);
    const compLength = woff.readUInt32BE(entry + 8);
    const origLength = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(at, at + compLength);
    const table = compLength < origLength ? zlib.inflateSync(raw) : raw;
    if (table.length !== origLength) throw new Error('a WOFF table does not inflate to its stated length');
    header.writeUInt32BE(tag, 12 + i * 16);
    header.writeUInt32BE(woff.readUInt32BE(entry + 16), 12 + i * 16 + 4);
    header.writeUInt32BE(offset, 12 + i * 16 + 8);
    header.writeUInt32BE(origLength, 12 + i * 16 + 12);
    const padding = Buffer.alloc((4 - (table.length % 4)) % 4);
    bodies.push(table, padding);
    offset += table.length + padding.length;
  }
  return Buffer.concat([header, ...bodies]);
}
