import { spawnSync } from 'node:child_process';

/*
 * poppler's pdftotext is the one thing a test uses that npm does not install (a Debian package, poppler-utils):
 * every PDF test reads with pdfjs-dist, and one also with pdftotext as a second reader. `.ci/run` installs it and
 * CI must run that test; on a fresh machine, where `npm install` is all there is, it is skipped with a warning, as
 * the PostgreSQL and Redis halves are without their servers.
 */

/** Set by global setup: whether the pdftotext checks run. */
export const POPPLER_FLAG = 'SITREP_TEST_POPPLER_AVAILABLE';

/** Checked once in Jest's global setup. In CI (CI=true) a missing pdftotext fails the run instead of skipping. */
export function checkPoppler(env: NodeJS.ProcessEnv = process.env): boolean {
  // Whether it starts at all: the exit status of `-v` differs between poppler versions.
  const { error } = spawnSync('pdftotext', ['-v'], { env, encoding: 'utf8' });
  if (error === undefined) return true;
  if (env.CI === 'true')
    throw new Error(
      `The poppler test must run in CI, but pdftotext does not start (${error.message}): install poppler-utils`,
    );
  process.stderr.write(
    `\n\n!!! pdftotext (poppler-utils) is not installed: the poppler check of PDFs is SKIPPED (pdf.js checks run) !!!\n\n`,
  );
  return false;
}

/** `it` when pdftotext runs (always in CI), `it.skip` otherwise (loudly, by global setup). */
export const itWithPoppler = (title: string, test: jest.ProvidesCallback): void =>
  (process.env[POPPLER_FLAG] === 'true' ? it : it.skip)(`${title} [poppler]`, test);
