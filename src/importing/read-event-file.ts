import fs from 'node:fs';

/** One record of an import file, with the line it starts on. */
export interface FileRecord {
  line: number;
  /** Parsed JSON, or the parse error for a line that is not JSON. */
  value: unknown;
  parseError?: string;
}

/** Line number (1-based) where each top-level element of a JSON array starts. */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') continue;
    if (depth === 1 && (expectingValue || c !== ',') && c !== ']') {
      if (expectingValue) lines.push(line);
      expectingValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectingValue = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectingValue = true;
  }
  return lines;
}

/**
 * Reads events from a JSON array or NDJSON (one JSON object per line; blank lines skipped). A JSON file that does
 * not parse is one error; an NDJSON line that does not parse is a record with its own error.
 */
export function readEventFile(file: string): FileRecord[] {
  const text = fs.readFileSync(file, 'utf8');
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return [{ line: 1, value: undefined, parseError: `the file is not valid JSON: ${(error as Error).message}` }];
    }
    const lines = elementLines(text);
    return (parsed as unknown[]).map((value, i) => ({ line: lines[i] ?? 1, value }));
  }
  const records: FileRecord[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    try {
      records.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (error) {
      records.push({ line: i + 1, value: undefined, parseError: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return records;
}
