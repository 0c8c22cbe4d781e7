/**
 * Template output carries the blank lines and trailing spaces of conditional blocks. They are removed here, once,
 * instead of contorting every template: trailing spaces would be hard line breaks in Markdown, and runs of blank
 * lines mean nothing in any format.
 *
 * One pass over the lines, by hand: the output holds stored text, and a trailing-space regular expression
 * (`/[ \t]+$/gm`) retries from every space of a long run that does not end its line, which is quadratic.
 */
export function tidyOutput(text: string): string {
  const lines: string[] = [];
  let blankPending = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const kept = withoutTrailingBlanks(line);
    if (kept === '') {
      // Blank lines at the start are dropped; a run of them between two lines becomes one.
      blankPending = lines.length > 0;
      continue;
    }
    if (blankPending) lines.push('');
    blankPending = false;
    lines.push(kept);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The line without the spaces and tabs that end it. */
function withoutTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end -= 1;
  return end === line.length ? line : line.slice(0, end);
}
