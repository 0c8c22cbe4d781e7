import fs from 'node:fs';
import path from 'node:path';

/**
 * The fonts every PDF embeds: Noto Sans (Latin and Latin Extended, so names with diacritics such as "Erdoğan"
 * print), Noto Sans Arabic and Noto Sans Hebrew, from the @fontsource npm packages so that `npm install` is
 * enough. They are inlined as data: URLs because the page may load nothing from the network or the disk.
 * Each face keeps fontsource's unicode-range, so Chromium only embeds the subsets a briefing actually uses.
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

function facesOf(file: FontFile): string[] {
  const dir = packageDir(file.pkg);
  const css = fs.readFileSync(path.join(dir, file.css), 'utf8');
  const faces: string[] = [];
  for (const match of css.matchAll(BLOCK_RE)) {
    const [, name, body] = match;
    if (!file.subsets.includes(subsetOf(file.pkg, name))) continue;
    const woff2 = WOFF2_URL_RE.exec(body);
    if (woff2 === null) continue;
    const data = fs.readFileSync(path.join(dir, 'files', woff2[1])).toString('base64');
    // Only the woff2 source is kept (Chromium reads it); `font-display: block` because a PDF must never be
    // printed with a fallback face while the real one is still decoding.
    const src = `src: url(data:font/woff2;base64,${data}) format('woff2');`;
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

let cached: string | undefined;

/** `@font-face` rules with the fonts inlined (about 0.4 MB of CSS), built once per process. */
export function embeddedFontCss(): string {
  cached ??= FONT_FILES.flatMap(facesOf).join('\n');
  return cached;
}
