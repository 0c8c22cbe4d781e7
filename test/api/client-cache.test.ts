import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

/*
 * A frontend's normalising cache (Apollo Client's InMemoryCache, default settings) keeps every briefing apart:
 * the same event told in two timezones, or numbered in two front selections ([iran] alone and after [gaza]), is two cache entries.
 */

const BRIEFING = gql`
  query CachedBriefing($date: Date!, $fronts: [String!], $timezone: String) {
    briefing(date: $date, fronts: $fronts, timezone: $timezone) {
      id
      date
      timezone
      sections {
        id
        anchor
        today {
          id
          eventId
          title
          date
          localTime
          sourceNumbers
        }
        recent {
          id
          eventId
          title
          date
          localTime
          sourceNumbers
        }
        background {
          id
          eventId
          title
          date
          localTime
          sourceNumbers
        }
        alsoReported {
          id
          eventId
          title
          date
          localTime
          sourceNumbers
        }
      }
      sources {
        number
        title
      }
    }
  }
`;

interface CachedEvent {
  id: string;
  eventId: string;
  date: string;
  localTime: string | null;
  sourceNumbers: number[];
}
interface CachedBriefing {
  briefing: {
    id: string;
    sections: {
      id: string;
      anchor: string;
      today: CachedEvent[];
      recent: CachedEvent[];
      background: CachedEvent[];
      alsoReported: CachedEvent[];
    }[];
  };
}

const REQUESTS = [
  { date: '2025-11-15', fronts: ['iran'], timezone: 'UTC' },
  { date: '2025-11-15', fronts: ['iran'], timezone: 'Asia/Jerusalem' },
  { date: '2025-11-15', fronts: ['gaza', 'iran'], timezone: 'UTC' },
  { date: '2025-11-15', fronts: ['gaza', 'iran'], timezone: 'Asia/Jerusalem' },
];

function iranEvents(result: CachedBriefing): CachedEvent[] {
  const iran = result.briefing.sections.find((section) => section.anchor === 'front-iran')!;
  return [...iran.today, ...iran.recent, ...iran.alsoReported, ...iran.background];
}

describeEachDatabase('a client cache over HTTP', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    // Late on 14 November in UTC is early on 15 November in Jerusalem: one event, two dates and times.
    const late = await server.gql(
      'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }',
      {
        input: eventInput({
          date: '2025-11-14',
          occurredAt: '2025-11-14T23:30:00Z',
          timezone: 'UTC',
          title: 'Late-night statement on the nuclear talks',
          fronts: ['iran'],
          sources: [
            { publisher: 'Test Wire', title: 'Crossings', url: 'https://example.org/c', publishedOn: '2025-11-14' },
          ],
        }),
      },
      server.editorKey,
    );
    expect(late.errors).toBeUndefined();
  });
  afterAll(() => server?.stop());

  it('finds each of four briefings intact after reading all of them', async () => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: `${server.url}/graphql` }),
      cache: new InMemoryCache(),
    });
    const fetched: CachedBriefing[] = [];
    for (const variables of REQUESTS) {
      const { data, error } = await client.query<CachedBriefing>({
        query: BRIEFING,
        variables,
        fetchPolicy: 'network-only',
      });
      expect(error).toBeUndefined();
      fetched.push(structuredClone(data!));
    }

    // The briefings really differ in what one event shows, so the cache has something to mix up.
    const event = (result: CachedBriefing, eventId: string): CachedEvent =>
      iranEvents(result).find((e) => e.eventId === eventId)!;
    const timed = iranEvents(fetched[0]).find((e) => {
      const there = event(fetched[1], e.eventId);
      return there !== undefined && (there.localTime !== e.localTime || there.date !== e.date);
    });
    expect(timed).toBeDefined();
    const numbered = iranEvents(fetched[0]).find(
      (e) => event(fetched[2], e.eventId)?.sourceNumbers.join() !== e.sourceNumbers.join(),
    );
    expect(numbered).toBeDefined();
    expect(new Set(fetched.map((result) => result.briefing.id)).size).toBe(REQUESTS.length);

    for (const [i, variables] of REQUESTS.entries()) {
      const cached = await client.query<CachedBriefing>({ query: BRIEFING, variables, fetchPolicy: 'cache-only' });
      expect(cached.data).toEqual(fetched[i]);
      expect(client.readQuery<CachedBriefing>({ query: BRIEFING, variables })).toEqual(fetched[i]);
    }
    client.stop();
  }, 120_000);

  it('gives the same briefing the same ids however the request is spelled', async () => {
    const ids = async (fronts: string[], timezone: string): Promise<string[]> => {
      const res = await server.gql<CachedBriefing>(
        'query ($fronts: [String!], $timezone: String) { briefing(date: "2025-11-15", fronts: $fronts, timezone: $timezone) { id sections { id anchor today { id eventId } recent { id eventId } background { id eventId } } } }',
        { fronts, timezone },
      );
      expect(res.errors).toBeUndefined();
      const b = res.data!.briefing;
      return [
        b.id,
        ...b.sections.flatMap((s) => [s.id, ...[...s.today, ...s.recent, ...s.background].map((e) => e.id)]),
      ];
    };
    expect(await ids(['iran', 'gaza', 'iran'], 'asia/jerusalem')).toEqual(
      await ids(['gaza', 'iran'], 'Asia/Jerusalem'),
    );
  });
});
