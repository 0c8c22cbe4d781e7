/**
 * `gaza,iran` (a download's `fronts=`, repeated or not, or the CLI's `--fronts`) as slugs, blanks dropped; null
 * (every front) when it names none.
 */
export function frontList(value: string | readonly string[] | undefined): string[] | null {
  const parts = (typeof value === 'string' ? [value] : (value ?? []))
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return parts.length === 0 ? null : parts;
}
