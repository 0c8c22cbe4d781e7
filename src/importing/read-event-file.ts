import fs from 'node:fs';
import { AppError } from '../errors/app-errors';

/** One record of an import file, with the line it starts on. */
export interface FileRecord {
  line: number;
  /** Parsed JSON, or the parse error for a record that is not JSON. */
  value: unknown;
  parseError?: string;
  /** Length of the record's text, so a reader can bound what it keeps. */
  chars: number;
}

/**
 * The longest record (an NDJSON line, an array element) read: far beyond any valid event (a summary of 20,000
 * characters and 50 quotes of 5,000, even with every character escaped), so memory stays bounded per record.
 */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const READ_CHUNK_BYTES = 1024 * 1024;

const isJsonSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Text of one record, gathered across chunks, or only its length once it is past the limit. */
class RecordText {
  private parts: string[] = [];
  private length = 0;
  overlong = false;

  append(text: string): void {
    if (this.overlong || text === '') return;
    this.length += text.length;
    if (this.length > MAX_RECORD_CHARS) {
      this.overlong = true;
      this.parts = [];
    } else this.parts.push(text);
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.overlong = false;
    return text;
  }

  get empty(): boolean {
    return this.length === 0;
  }
}

function parseRecord(line: number, text: RecordText, describeError: (message: string) => string): FileRecord {
  if (text.overlong) {
    text.take();
    return { line, value: undefined, parseError: `the record is longer than ${MAX_RECORD_CHARS} characters`, chars: 0 };
  }
  const raw = text.take();
  try {
    return { line, value: JSON.parse(raw), chars: raw.length };
  } catch (error) {
    return { line, value: undefined, parseError: describeError((error as Error).message), chars: raw.length };
  }
}

/** NDJSON: one JSON value per line; blank lines are skipped but counted. */
class LineSplitter {
  private line: number;
  private readonly text = new RecordText();
  private hasText = false;

  constructor(firstLine: number) {
    this.line = firstLine;
  }

  push(chunk: string, out: FileRecord[]): void {
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', from);
      const piece = chunk.slice(from, newline < 0 ? chunk.length : newline);
      this.text.append(piece);
      if (piece.trim() !== '') this.hasText = true;
      if (newline < 0) return;
      this.finishLine(out);
      from = newline + 1;
    }
  }

  end(out: FileRecord[]): void {
    this.finishLine(out);
  }

  private finishLine(out: FileRecord[]): void {
    const line = this.line++;
    if (this.hasText || this.text.overlong) out.push(parseRecord(line, this.text, (m) => `not valid JSON: ${m}`));
    else this.text.take();
    this.hasText = false;
  }
}

/**
 * A JSON array, element by element: strings and nesting are tracked so that a top-level `,` or `]` ends an
 * element, which is then parsed on its own and reported by the line it starts on. A broken structure (text after
 * the closing `]`, a missing `,`, no closing `]`) is one error, and reading stops there.
 */
class ArraySplitter {
  private line: number;
  private state: 'before' | 'between' | 'element' | 'after' | 'broken' = 'before';
  private expectValue = true;
  private afterOpen = true;
  private nest = 0;
  private inString = false;
  private escaped = false;
  private elementLine = 0;
  private readonly text = new RecordText();

  constructor(firstLine: number) {
    this.line = firstLine;
  }

  private broken(out: FileRecord[], line: number, why: string): void {
    out.push({ line, value: undefined, parseError: `the file is not valid JSON: ${why}`, chars: 0 });
    this.state = 'broken';
    this.text.take();
  }

  push(chunk: string, out: FileRecord[]): void {
    let elementStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.state === 'broken') return;
      if (this.state === 'element') {
        if (c === '\n') this.line++;
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === '\\') this.escaped = true;
          else if (c === '"') this.inString = false;
          continue;
        }
        if (c === '"') this.inString = true;
        else if (c === '[' || c === '{') this.nest++;
        else if ((c === ']' || c === '}') && this.nest > 0) this.nest--;
        else if ((c === ',' || c === ']') && this.nest === 0) {
          this.text.append(chunk.slice(elementStart, i));
          out.push(parseRecord(this.elementLine, this.text, (m) => `not valid JSON: ${m}`));
          this.state = c === ']' ? 'after' : 'between';
          this.expectValue = c === ',';
        }
        continue;
      }
      if (c === '\n') this.line++;
      if (isJsonSpace(c)) continue;
      if (this.state === 'before') {
        if (c !== '[') return this.broken(out, this.line, 'it does not start with [');
        this.state = 'between';
      } else if (this.state === 'after') {
        return this.broken(out, this.line, `unexpected ${JSON.stringify(c)} after the closing ]`);
      } else if (c === ']') {
        if (this.expectValue && !this.afterOpen) return this.broken(out, this.line, 'a value is missing before ]');
        this.state = 'after';
      } else if (c === ',') {
        if (this.expectValue) return this.broken(out, this.line, 'a value is missing before ,');
        this.expectValue = true;
        this.afterOpen = false;
      } else {
        if (!this.expectValue) return this.broken(out, this.line, 'a , is missing between elements');
        this.state = 'element';
        this.afterOpen = false;
        this.expectValue = false;
        this.elementLine = this.line;
        this.nest = c === '[' || c === '{' ? 1 : 0;
        this.inString = c === '"';
        this.escaped = false;
        elementStart = i;
      }
    }
    if (this.state === 'element') this.text.append(chunk.slice(elementStart));
  }

  end(out: FileRecord[]): void {
    if (this.state === 'between' || this.state === 'element')
      this.broken(out, this.line, 'it ends before the closing ]');
  }
}

/**
 * Reads events from a JSON array or NDJSON (one JSON object per line; blank lines skipped), a chunk at a time:
 * memory holds one chunk and the records it completes, however large the file. An NDJSON line that does not
 * parse is a record with its own error; so is an array element, and a broken array is one error.
 */
export async function* readEventRecords(file: string): AsyncGenerator<FileRecord> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES });
  let splitter: LineSplitter | ArraySplitter | undefined;
  let leadingLines = 1;
  let first = true;
  try {
    for await (const data of stream as AsyncIterable<string>) {
      let chunk = first && data.startsWith('\uFEFF') ? data.slice(1) : data;
      first = false;
      if (splitter === undefined) {
        const start = chunk.search(/\S/);
        if (start < 0) {
          for (const c of chunk) if (c === '\n') leadingLines++;
          continue;
        }
        for (let i = 0; i < start; i++) if (chunk[i] === '\n') leadingLines++;
        chunk = chunk.slice(start);
        splitter = chunk.startsWith('[') ? new ArraySplitter(leadingLines) : new LineSplitter(leadingLines);
      }
      const out: FileRecord[] = [];
      splitter.push(chunk, out);
      yield* out;
    }
    const out: FileRecord[] = [];
    splitter?.end(out);
    yield* out;
  } catch (error) {
    // A file that cannot be read (a folder, no permission, gone mid-way) is the user's to fix, not a crash.
    if (
      typeof (error as NodeJS.ErrnoException).code === 'string' &&
      (error as NodeJS.ErrnoException).syscall !== undefined
    ) {
      throw new AppError('BAD_USER_INPUT', `cannot read ${file}: ${(error as Error).message}`, 'file');
    }
    throw error;
  } finally {
    stream.destroy();
  }
}
