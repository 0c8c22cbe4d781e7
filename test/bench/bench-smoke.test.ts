/**
 * Smoke check of `npm run bench`: every benchmark module runs end to end with tiny sizes (BENCH_QUICK=1) and
 * prints its table. It measures nothing and asserts no timing; the real run is `npm run bench`.
 * Runs the compiled entry (dist/, built by `pretest`), because the benchmarks fork compiled server processes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ENTRY = path.resolve(__dirname, '..', '..', 'dist', 'test', 'bench', 'run.js');

const maybe = fs.existsSync(ENTRY) ? it : it.skip;

describe('npm run bench (BENCH_QUICK smoke run)', () => {
  maybe(
    'runs every benchmark with tiny sizes and prints the tables',
    async () => {
      const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
        (resolve) => {
          execFile(
            process.execPath,
            [ENTRY],
            {
              env: { ...process.env, BENCH_QUICK: '1', NODE_ENV: 'production' },
              timeout: 150_000,
              maxBuffer: 10 * 1024 * 1024,
            },
            (error, out, err) =>
              resolve({
                code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
                stdout: out,
                stderr: err,
              }),
          );
        },
      );
      if (code !== 0) throw new Error(`bench exited with ${code}\n${stdout}\n${stderr}`);
      expect(stdout).toContain('## 1. Cached briefing');
      expect(stdout).toContain('## 2. Uncached HTML briefing');
      expect(stdout).toContain('## 3. Import through importFile');
      expect(stdout).toContain('## 4. PDF and email of the 2025-11-15 briefing');
      expect(stdout).toContain('| PDF median, 2025-11-15 briefing');
      expect(stdout).toContain('| Chromium tree RSS after 40 PDFs');
      expect(stdout).toContain('## Goals');
      expect(stdout).not.toContain('FAILED');
    },
    160_000,
  );
});
