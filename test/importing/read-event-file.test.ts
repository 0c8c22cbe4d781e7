import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_RECORD_CHARS, readEventRecords } from '../../src/importing/read-event-file';

/** The streaming reader: records and their lines, across chunk boundaries, for JSON arrays and NDJSON. */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-read-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function read(text: string): Promise<{ line: number; value?: unknown; error?: string }[]> {
  const file = path.join(dir, 'f.json');
  fs.writeFileSync(file, text);
  const out: { line: number; value?: unknown; error?: string }[] = [];
  for await (const r of readEventRecords(file))
    out.push(r.parseError === undefined ? { line: r.line, value: r.value } : { line: r.line, error: r.parseError });
  return out;
}

it('reads array elements by the line they start on, with brackets and commas inside strings', async () => {
  expect(await read('\n[\n{"a":"],\\"}"},\n {"b":[1,2]}\n]\n')).toEqual([
    { line: 3, value: { a: '],"}' } },
    { line: 4, value: { b: [1, 2] } },
  ]);
  expect(await read('[]')).toEqual([]);
});

it('reports a broken array once, by line', async () => {
  expect(await read('[1,]')).toEqual([
    { line: 1, value: 1 },
    { line: 1, error: expect.stringContaining('a value is missing before ]') as unknown },
  ]);
  expect(await read('[{"a":1},\n{"b":2}')).toEqual([
    { line: 1, value: { a: 1 } },
    { line: 2, error: expect.stringContaining('ends before the closing ]') as unknown },
  ]);
  expect(await read('[1] x')).toEqual([
    { line: 1, value: 1 },
    { line: 1, error: expect.stringContaining('after the closing ]') as unknown },
  ]);
});

it('reads NDJSON with a BOM, CRLF and blank lines, numbering every line', async () => {
  expect(await read('\uFEFF{"a":1}\r\n\r\n{"b":2}\r\n{bad')).toEqual([
    { line: 1, value: { a: 1 } },
    { line: 3, value: { b: 2 } },
    { line: 4, error: expect.stringMatching(/^not valid JSON/) as unknown },
  ]);
});

it('keeps records whole across chunks, and refuses one past the limit without holding it', async () => {
  const long = 'x'.repeat(3 * 1024 * 1024);
  expect(await read(`{"a":"${long}"}\n{"b":1}`)).toEqual([
    { line: 1, value: { a: long } },
    { line: 2, value: { b: 1 } },
  ]);
  const tooLong = 'y'.repeat(MAX_RECORD_CHARS + 10);
  expect(await read(`{"b":1}\n{"a":"${tooLong}"}\n{"c":1}`)).toEqual([
    { line: 1, value: { b: 1 } },
    { line: 2, error: expect.stringContaining('longer than') as unknown },
    { line: 3, value: { c: 1 } },
  ]);
  expect(await read(`[{"a":"${tooLong}"},\n{"c":1}]`)).toEqual([
    { line: 1, error: expect.stringContaining('longer than') as unknown },
    { line: 2, value: { c: 1 } },
  ]);
});
