import { Delivery, DeliveryStatus, DeliveryTransport } from '../../src/entities/delivery';
import { describeEachDatabase } from '../support/databases';
import { firstError, GraphQLResponse, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page {
  totalCount: number;
  edges: { cursor: string; node: { title: string } }[];
  pageInfo: PageInfo;
}

interface DeliveryPage {
  totalCount: number;
  edges: { node: { id: string } }[];
  pageInfo: PageInfo;
}

const EVENTS = `query ($filter: EventFilterInput, $first: Int, $after: String, $last: Int, $before: String) {
  events(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
const DELIVERIES = `query ($first: Int, $after: String) {
  deliveries(first: $first, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

// 11 events on 4 days, several on the same day: the order within a day is by id, so every page boundary that falls
// inside a day tests the tie-break.
const DAYS = ['2025-08-01', '2025-08-01', '2025-08-01', '2025-08-02', '2025-08-03', '2025-08-03', '2025-08-03'];
const TITLES = Array.from({ length: 11 }, (_, i) => `Paging ${i}`);

describeEachDatabase('paging events and deliveries both ways', (kind) => {
  let server: TestServer;
  const filter = { text: 'Paging ' };

  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.services.events.import(
      TITLES.map((title, i) =>
        eventInput({
          externalId: `paging:${i}`,
          title,
          date: DAYS[i] ?? '2025-08-04',
          fronts: [],
          leaders: [],
          actors: [],
          regions: [],
          quotes: [],
        }),
      ),
    );
  });
  afterAll(() => server?.stop());

  const events = async (args: Record<string, unknown>): Promise<Page> => {
    const res = await server.gql<{ events: Page }>(EVENTS, { filter, ...args });
    expect(res.errors).toBeUndefined();
    return res.data!.events;
  };
  const titles = (page: Page): string[] => page.edges.map((e) => e.node.title);

  it('walks forwards to the end and back to the start, seeing the same order both ways', async () => {
    const forward: string[] = [];
    const pages: Page[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await events({ first: 3, after });
      pages.push(page);
      forward.push(...titles(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(TITLES.length);
    expect(new Set(forward).size).toBe(TITLES.length);
    expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true, true]);
    expect(pages[0].totalCount).toBe(TITLES.length);
    for (const page of pages) {
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
    }

    const backward: string[][] = [];
    const backPages: Page[] = [];
    let before: string | null = null;
    for (;;) {
      const page = await events({ last: 3, before });
      backPages.push(page);
      backward.unshift(titles(page));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward.flat()).toEqual(forward);
    // The last page read backwards is the end of the list; the first one read has nothing after it.
    expect(backPages.map((p) => p.pageInfo.hasNextPage)).toEqual([false, true, true, true]);
    expect(backward.map((p) => p.length)).toEqual([2, 3, 3, 3]);
  });

  it('pages back from a cursor inside a run of same-day events to exactly the events before it', async () => {
    const all = await events({ first: 100 });
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const list = titles(all);
    for (const at of [1, 2, 5, 6, 9]) {
      const back = await events({ last: 2, before: all.edges[at].cursor });
      expect(titles(back)).toEqual(list.slice(Math.max(0, at - 2), at));
      expect(back.pageInfo.hasPreviousPage).toBe(at > 2);
      expect(back.pageInfo.hasNextPage).toBe(true);
      const ahead = await events({ first: 2, after: all.edges[at].cursor });
      expect(titles(ahead)).toEqual(list.slice(at + 1, at + 3));
      expect(ahead.pageInfo.hasPreviousPage).toBe(true);
    }
    // Between two cursors, from either end.
    const between = { after: all.edges[1].cursor, before: all.edges[7].cursor };
    expect(titles(await events({ first: 100, ...between }))).toEqual(list.slice(2, 7));
    expect(titles(await events({ last: 2, ...between }))).toEqual(list.slice(5, 7));
  });

  it('refuses first with last, last out of range and a bad before cursor, naming the argument', async () => {
    expect(firstError(await server.gql(EVENTS, { first: 2, last: 2 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'last',
    });
    expect(firstError(await server.gql(EVENTS, { last: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(firstError(await server.gql(EVENTS, { last: 101 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'last',
    });
    expect(firstError(await server.gql(EVENTS, { last: 2, before: 'nope' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'before',
    });
  });

  it('pages through deliveries, newest first with ties by id, with a total count', async () => {
    // Five sends recorded at two instants: the boundary between pages of two falls inside a tie.
    const instants = ['2025-11-15T08:00:00.000Z', '2025-11-15T09:00:00.000Z'];
    const ids = ['d0', 'd1', 'd2', 'd3', 'd4'].map((s) => `00000000-0000-4000-8000-00000000000${s.charAt(1)}`);
    await server.services.db.write(async (tx) => {
      for (const [i, id] of ids.entries()) {
        const at = instants[i % 2];
        const delivery = Object.assign(new Delivery(), {
          id,
          recipients: ['analyst@example.org'],
          messageId: null,
          subject: null,
          status: DeliveryStatus.SENT,
          transport: DeliveryTransport.OUTBOX,
          error: null,
          attempts: 1,
          idempotencyKey: null,
          requestHash: id.replace(/-/g, '').padEnd(64, '0'),
          briefingDate: '2025-11-15',
          fronts: null,
          timezone: 'UTC',
          attachPdf: false,
          createdAt: at,
          updatedAt: at,
        });
        await tx.deliveries.insert(delivery);
      }
    });
    const seen: string[] = [];
    const previous: boolean[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse<{ deliveries: DeliveryPage }> = await server.gql(
        DELIVERIES,
        { first: 2, after },
        server.editorKey,
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.deliveries;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.id));
      previous.push(page.pageInfo.hasPreviousPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // 09:00 first (d1, d3 by id descending), then 08:00 (d4, d2, d0).
    expect(seen).toEqual([ids[3], ids[1], ids[4], ids[2], ids[0]]);
    expect(previous).toEqual([false, true, true]);
    expect(firstError(await server.gql(DELIVERIES, { after: 'nope' }, server.editorKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
