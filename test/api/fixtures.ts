/** A valid event input for tests, with overrides. Names only slugs the seed data defines. */
export function eventInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    date: '2025-11-16',
    title: 'Test event',
    summary: 'Something happened.',
    kind: 'STATEMENT',
    significance: 2,
    fronts: ['gaza'],
    leaders: ['netanyahu'],
    actors: ['hamas'],
    regions: ['gaza-strip'],
    sources: [
      { publisher: 'Test Wire', title: 'A report', url: 'https://example.org/report', publishedOn: '2025-11-16' },
    ],
    quotes: [{ text: 'We said a thing.', actor: 'hamas', source: 0 }],
    ...overrides,
  };
}

export const EVENT_FIELDS = `
  id externalId date datePrecision startDate endDate occurredAt timezone title summary kind significance createdAt updatedAt
  fronts { slug } regions { slug } leaders { slug } actors { slug }
  sources { publisher title url publishedOn }
  quotes { text speaker { __typename ... on Leader { slug } ... on Actor { slug } } source { title } }
`;
