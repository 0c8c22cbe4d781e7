/**
 * The form of text that the `text` filter compares: Unicode-normalised (NFC, so a precomposed "ä" and an "a" with a
 * combining diaeresis are one letter) and lower-cased by Unicode's rules, not by a database's. Stored alongside each
 * event and applied to the filter's text, so both databases answer alike: SQLite's lower() and LIKE fold ASCII only.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** What an event's text filter searches: its title and summary, folded. The line break keeps them apart. */
export function eventSearchText(title: string, summary: string): string {
  return foldForSearch(`${title}\n${summary}`);
}
