import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';

/** The compiled CLI the fault tests run as separate processes (built first when missing). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

export function ensureBuilt(): void {
  if (!fs.existsSync(CLI)) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `sitrep <args>` with the given environment; `done` resolves when it exits. */
export function startCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export async function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return startCli(args, env).done;
}

/** Runs statements on a SQLite file with its own connection (no Sitrep code involved). */
export async function sqliteQuery<T = Record<string, unknown>>(file: string, sql: string): Promise<T[]> {
  const db = new sqlite3.Database(file);
  try {
    return await new Promise<T[]>((resolve, reject) =>
      db.all(sql, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows))),
    );
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

/** One NDJSON line per event, each with its own externalId, naming only seeded slugs. */
export function writeEventsFile(file: string, count: number, prefix: string): void {
  const out = fs.openSync(file, 'w');
  try {
    const day0 = Date.UTC(2020, 0, 1);
    let chunk: string[] = [];
    for (let i = 0; i < count; i++) {
      chunk.push(
        JSON.stringify({
          externalId: `${prefix}-${i}`,
          date: new Date(day0 + (i % 1800) * 86_400_000).toISOString().slice(0, 10),
          title: `Generated event ${i}`,
          summary: `A generated event of the fault tests, number ${i}.`,
          kind: 'STATEMENT',
          significance: 1 + (i % 5),
          fronts: ['gaza'],
          actors: ['hamas'],
          sources: [{ publisher: 'Test Wire', title: `Report ${i}`, url: `https://example.org/r/${i}` }],
        }),
      );
      if (chunk.length === 5_000) {
        fs.writeSync(out, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) fs.writeSync(out, `${chunk.join('\n')}\n`);
  } finally {
    fs.closeSync(out);
  }
}

export const fileSize = (file: string): number => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (its JSON log lines). */
  log(): string;
  /** Resolves when the process exits (sends nothing). */
  exited: Promise<CliResult>;
  /** SIGTERM (unless it already exited), then waits for the exit. */
  stop(): Promise<CliResult>;
}

/** Starts `sitrep serve` as its own process on a random loopback port; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const { child, done } = startCli(['serve'], { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    const check = (): void => {
      const match = /"graphql":"(http:\/\/[^"]+)\/graphql"/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        child.stderr!.off('data', check);
        resolve(match[1]);
      }
    };
    child.stderr!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
  return {
    url,
    child,
    log: () => stderr,
    exited: done,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return done;
    },
  };
}

/** Creates an API key with the CLI and returns its secret (the last line it prints). */
export async function createKeyWithCli(env: Record<string, string>, role: 'reader' | 'editor'): Promise<string> {
  const result = await runCli(['keys', 'create', '--name', `fault tests ${role}`, '--role', role], env);
  if (result.code !== 0) throw new Error(`keys create failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').pop()!.trim();
}
