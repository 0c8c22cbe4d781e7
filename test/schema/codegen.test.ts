import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import config, { OUTPUT_DIR } from '../../schema/codegen';

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

/** Runs a Node script; the combined output when it fails, '' when it succeeds. */
async function runNode(args: string[], cwd: string): Promise<string> {
  return run(process.execPath, args, { cwd }).then(
    () => '',
    (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
}

/** The first ```ts block of the README's "Using Sitrep from a frontend" section: the typed call users copy. */
function readmeTypedCall(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Using Sitrep from a frontend\n');
  expect(start).toBeGreaterThan(0);
  const open = readme.indexOf('```ts\n', start);
  const close = readme.indexOf('\n```', open + 6);
  expect(open).toBeGreaterThan(start);
  return readme.slice(open + 6, close + 1);
}

/** Uses of the generated types that must, or must not, compile: the scalars are strings, `paper` an enum. */
const TYPE_CHECKS = `import type { EventFeedQuery, FrontsQuery, PaperSize, RenderBriefingQueryVariables } from './gql/graphql';

export const letter: RenderBriefingQueryVariables = { date: '2025-11-15', format: 'PDF', paper: 'LETTER' };
// @ts-expect-error paper is a PaperSize, not any string
export const tabloid: RenderBriefingQueryVariables = { date: '2025-11-15', format: 'PDF', paper: 'tabloid' };
export const sizes: PaperSize[] = ['A4', 'LETTER'];

export function formats(fronts: FrontsQuery, feed: EventFeedQuery): string[] {
  const since: string | null = fronts.fronts[0].status?.since ?? null;
  const occurred: string | null = feed.events.edges[0].node.occurredAt;
  const date: string = feed.events.edges[0].node.date;
  const previous: boolean = feed.events.pageInfo.hasPreviousPage;
  return [since ?? '', occurred ?? '', date, String(previous)];
}
`;

describe('schema/codegen.ts', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-codegen-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates typed documents for every example operation that compile with tsc --strict, the README call included', async () => {
    const target = config.generates[`${OUTPUT_DIR}/`];
    expect(target).toBeDefined();
    const out = path.join(dir, 'gql');
    // The committed config with only its output moved, run by the codegen CLI as a user would run it.
    const runConfig = path.join(dir, 'codegen.ts');
    fs.writeFileSync(
      runConfig,
      `import config, { OUTPUT_DIR } from ${JSON.stringify(path.join(ROOT, 'schema', 'codegen'))};\n` +
        `export default { ...config, generates: { ${JSON.stringify(`${out}/`)}: config.generates[\`\${OUTPUT_DIR}/\`] } };\n`,
    );
    const codegen = path.join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'esm', 'bin.js');
    expect(await runNode([codegen, '--config', runConfig, '--silent'], ROOT)).toBe('');
    const generated = fs.readFileSync(path.join(out, 'graphql.ts'), 'utf8');
    for (const name of ['EventFeedDocument', 'FrontsDocument', 'UpsertFrontDocument', 'DeliveriesDocument']) {
      expect(generated).toContain(`export const ${name} =`);
    }

    fs.copyFileSync(path.join(ROOT, 'schema', 'possible-types.json'), path.join(dir, 'possible-types.json'));
    fs.writeFileSync(path.join(dir, 'typed-call.ts'), readmeTypedCall());
    fs.writeFileSync(path.join(dir, 'type-checks.ts'), TYPE_CHECKS);
    // The folder stands for a frontend project that has Sitrep's client dependencies installed.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      ...['--strict', '--noEmit', '--skipLibCheck', '--target', 'es2022', '--lib', 'es2022,dom'],
      ...['--module', 'esnext', '--moduleResolution', 'bundler', '--resolveJsonModule'],
      ...['typed-call.ts', 'type-checks.ts', path.join('gql', 'index.ts')],
    ];
    const result = await runNode([tsc, ...args], dir);
    expect(result).toBe('');
  }, 120_000);
});
