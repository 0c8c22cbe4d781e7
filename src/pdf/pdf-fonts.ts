import fs from 'node:fs';
import path from 'node:path';

/**
 * The fonts every PDF embeds: Noto Sans (Latin and Latin Extended, so names with diacritics such as "Erdoğan"
 * print), Noto Sans Arabic and Noto Sans Hebrew, from the @fontsource npm packages so that `npm install` is
 * enough. The print tab answers their made-up https addresses itself (print-page.ts), from memory, with
 * long-lived cache headers: Chromium then decodes each face once per browser, where inlining them as data: URLs
 * cost every render about 0.4 MB of CSS to parse. Each face keeps fontsource's unicode-range, so Chromium loads
 * and embeds only the subsets a briefing actually uses.
 */
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
  { pkg: '@fontsource/noto-sans-arabic', css: '400.css', subsets: ['arabic'] },
  { pkg: '@fontsource/noto-sans-arabic', css: '700.css', subsets: ['arabic'] },
  { pkg: '@fontsource/noto-sans-hebrew', css: '400.css', subsets: ['hebrew'] },
  { pkg: '@fontsource/noto-sans-hebrew', css: '700.css', subsets: ['hebrew'] },
];

/** The font-family list print templates should use; the embedded faces come first. */
export const PDF_FONT_STACK = '"Noto Sans", "Noto Sans Arabic", "Noto Sans Hebrew", sans-serif';

// fontsource writes one commented block per subset: `/* noto-sans-latin-ext-400-normal */\n@font-face { … }`.
const BLOCK_RE = /\/\*\s*([a-z0-9-]+)\s*\*\/\s*@font-face\s*\{([^}]*)\}/g;
const WOFF2_URL_RE = /url\(\.\/files\/([a-z0-9-]+\.woff2)\)\s*format\('woff2'\)/;

function packageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

/** "noto-sans-arabic-latin-ext-400-normal" in @fontsource/noto-sans-arabic is the "latin-ext" subset. */
function subsetOf(pkg: string, blockName: string): string {
  const base = pkg.replace(/^@fontsource\//, '');
  return blockName.slice(base.length + 1).replace(/-\d+-(normal|italic)$/, '');
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
  if (faces.length === 0) throw new Error(`No font faces found in ${file.pkg}/${file.css} for ${file.subsets.join(', ')}`);
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
