/**
 * Template output carries the blank lines and trailing spaces of conditional blocks. They are removed here, once,
 * instead of contorting every template: trailing spaces would be hard line breaks in Markdown, and runs of blank
 * lines mean nothing in any format.
 */
export function tidyOutput(text: string): string {
  return `${text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd()}\n`;
}
