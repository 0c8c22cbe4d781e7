import { FrontHistory1766000000005 } from '../../src/db/migrations/1766000000005-front-history';
import { dumpTables } from '../faults/support';
import { describeEachDatabase } from '../support/databases';
import { undoAndRedo } from '../support/migrations';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/*
 * A front's status, open issues and context as dated history, over GraphQL: setFrontStatus closes the open period,
 * `status(on:)`, `openIssues(on:)` and `context(on:)` answer for a day, bad input is refused naming the field with
 * nothing stored, every write is a revision only editors read.
 */

const FRONT = 'mutation ($input: FrontUpsertInput!) { upsertFront(input: $input) { slug } }';
const SET = `mutation ($front: String!, $kind: FrontStatusKind!, $text: String!, $since: PartialDate!, $sources: [SourceInput!], $reason: String) {
  setFrontStatus(front: $front, kind: $kind, text: $text, since: $since, sources: $sources, reason: $reason) { id kind text since until }
}`;
const OPEN = `mutation ($text: String!, $opened: PartialDate!) {
  openFrontIssue(front: "red-sea", text: $text, opened: $opened) { id text opened resolved revision }
}`;
const RESOLVE = `mutation ($id: ID!, $resolved: PartialDate!) {
  resolveFrontIssue(id: $id, resolved: $resolved, reason: "agreement signed") { id resolved revision }
}`;
const ADD = `mutation ($text: String!, $validFrom: PartialDate!) {
  addFrontContext(front: "red-sea", text: $text, validFrom: $validFrom) { id validFrom retired }
}`;
const RETIRE = `mutation ($id: ID!, $retired: PartialDate!) {
  retireFrontContext(id: $id, retired: $retired) { id retired revision }
}`;
const ON = `query ($on: Date) {
  front(slug: "red-sea") { status(on: $on) { kind text since until } openIssues(on: $on) { text } context(on: $on) { text } }
}`;

interface Period {
  id: string;
  kind: string;
  text: string;
  since: string;
  until: string | null;
}
interface OnDay {
  front: { status: Omit<Period, 'id'> | null; openIssues: { text: string }[]; context: { text: string }[] };
}

describeEachDatabase('front history', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const res = await server.gql(
      FRONT,
      { input: { slug: 'red-sea', name: 'Red Sea', briefingOrder: 6 } },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
  });
  afterAll(() => server?.stop());

  const set = (variables: Record<string, unknown>, key: string | null = server.editorKey) =>
    server.gql<{ setFrontStatus: Period }>(
      SET,
      { front: 'red-sea', kind: 'TENSION', text: 'Tense', ...variables },
      key,
    );
  const on = async (day: string | null): Promise<OnDay['front']> =>
    (await server.gql<OnDay>(ON, { on: day })).data!.front;

  it('opens a period, and the next one closes it at its own start', async () => {
    const first = await set({
      kind: 'ACTIVE_CONFLICT',
      text: 'Attacks on shipping',
      since: '2025-01',
      sources: [{ publisher: 'Wire', title: 'Attacks resume', publishedOn: '2025-01-20' }],
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.setFrontStatus).toMatchObject({ kind: 'ACTIVE_CONFLICT', since: '2025-01', until: null });
    const second = await set({ kind: 'CEASEFIRE', text: 'Truce at sea', since: '2025-06-15', reason: 'truce agreed' });
    expect(second.errors).toBeUndefined();
    const history = await server.gql<{ front: { statusHistory: Period[] } }>(
      '{ front(slug: "red-sea") { statusHistory { id kind text since until } } }',
    );
    expect(history.data!.front.statusHistory).toEqual([
      { ...first.data!.setFrontStatus, until: '2025-06-15' },
      second.data!.setFrontStatus,
    ]);
  });

  it('answers status(on:) for days before, inside and after the periods', async () => {
    // Before any period, and in January before a source reported the month-precision start: none.
    expect((await on('2024-12-31')).status).toBeNull();
    expect((await on('2025-01-10')).status).toBeNull();
    // From the day the source was published.
    expect((await on('2025-01-20')).status).toMatchObject({ kind: 'ACTIVE_CONFLICT', until: '2025-06-15' });
    expect((await on('2025-06-14')).status).toMatchObject({ kind: 'ACTIVE_CONFLICT' });
    expect((await on('2025-06-15')).status).toMatchObject({ kind: 'CEASEFIRE', since: '2025-06-15', until: null });
    expect((await on('2030-01-01')).status).toMatchObject({ kind: 'CEASEFIRE' });
    // Without `on`: today, which is after both.
    expect((await on(null)).status).toMatchObject({ kind: 'CEASEFIRE' });
  });

  it.each([
    ['a period starting before the open one', { since: '2025-06-01' }, 'since'],
    ['a period starting with the open one', { since: '2025-06-15' }, 'since'],
    ['a month containing the open start', { since: '2025-06' }, 'since'],
    ['an unknown front', { front: 'atlantis', since: '2026-01-01' }, 'front'],
    ['empty text', { text: '   ', since: '2026-01-01' }, 'text'],
    ['an impossible date', { since: '2026-02-30' }, 'since'],
    ['a reason with a line break', { since: '2026-01-01', reason: 'a\nb' }, 'reason'],
  ])('refuses %s as BAD_USER_INPUT naming the field, storing nothing', async (_what, variables, field) => {
    const before = await dumpTables(server.services.db);
    const res = await set(variables);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await dumpTables(server.services.db)).toBe(before);
  });

  it('opens and resolves issues, listed only while open', async () => {
    const opened = await server.gql<{ openFrontIssue: { id: string; revision: number } }>(
      OPEN,
      { text: 'Freedom of navigation', opened: '2025-03-01' },
      server.editorKey,
    );
    expect(opened.errors).toBeUndefined();
    const id = opened.data!.openFrontIssue.id;
    expect(firstError(await server.gql(RESOLVE, { id, resolved: '2025-02-01' }, server.editorKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'resolved',
    });
    const resolved = await server.gql(RESOLVE, { id, resolved: '2025-09-30' }, server.editorKey);
    expect(resolved.data).toEqual({ resolveFrontIssue: { id, resolved: '2025-09-30', revision: 2 } });
    expect(firstError(await server.gql(RESOLVE, { id, resolved: '2025-10-01' }, server.editorKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect((await on('2025-02-28')).openIssues).toEqual([]);
    expect((await on('2025-03-01')).openIssues).toEqual([{ text: 'Freedom of navigation' }]);
    expect((await on('2025-09-29')).openIssues).toEqual([{ text: 'Freedom of navigation' }]);
    expect((await on('2025-09-30')).openIssues).toEqual([]);
    const unknown = await server.gql(
      RESOLVE,
      { id: '00000000-0000-4000-8000-000000000000', resolved: '2025-10-01' },
      server.editorKey,
    );
    expect(firstError(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(firstError(await server.gql(OPEN, { text: '', opened: '2025-03-01' }, server.editorKey))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
  });

  it('adds and retires context notes, printed only while they hold', async () => {
    const added = await server.gql<{ addFrontContext: { id: string } }>(
      ADD,
      { text: 'Shipping has been attacked since January 2025.', validFrom: '2025-02-01' },
      server.editorKey,
    );
    expect(added.errors).toBeUndefined();
    const id = added.data!.addFrontContext.id;
    const retired = await server.gql(RETIRE, { id, retired: '2025-12-01' }, server.editorKey);
    expect(retired.data).toEqual({ retireFrontContext: { id, retired: '2025-12-01', revision: 2 } });
    expect((await on('2025-01-31')).context).toEqual([]);
    expect((await on('2025-02-01')).context).toEqual([{ text: 'Shipping has been attacked since January 2025.' }]);
    expect((await on('2025-12-01')).context).toEqual([]);
  });

  it('records every write as a revision, with the key that wrote it, for editors only', async () => {
    const query = '{ front(slug: "red-sea") { statusHistory { revisions { id revision at by reason state } } } }';
    const res = await server.gql<{
      front: {
        statusHistory: { revisions: { revision: number; by: string; reason: string | null; state: string }[] }[];
      };
    }>(query, {}, server.editorKey);
    expect(res.errors).toBeUndefined();
    const [first, second] = res.data!.front.statusHistory;
    expect(
      first.revisions.map((r) => [r.revision, r.by, (JSON.parse(r.state) as { until: string | null }).until]),
    ).toEqual([
      [1, 'test editor', null],
      [2, 'test editor', '2025-06-15'],
    ]);
    expect(second.revisions).toHaveLength(1);
    expect(second.revisions[0]).toMatchObject({ revision: 1, by: 'test editor', reason: 'truce agreed' });
    expect(JSON.parse(second.revisions[0].state)).toEqual({
      front: 'red-sea',
      kind: 'CEASEFIRE',
      text: 'Truce at sea',
      since: '2025-06-15',
      until: null,
      sources: [],
    });
    for (const key of [null, server.readerKey]) {
      const refused = await server.gql(query, {}, key);
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(firstError(refused).code);
    }
  });

  it('refuses history writes to reader keys', async () => {
    const before = await dumpTables(server.services.db);
    expect(firstError(await set({ since: '2027-01-01' }, server.readerKey)).code).toBe('FORBIDDEN');
    expect(await dumpTables(server.services.db)).toBe(before);
  });

  it('carries the current state over in the migration, holding from the day it ran', async () => {
    // Down puts each front's open period, open issues and notes back into its columns; up makes them history again.
    await undoAndRedo(server, new FrontHistory1766000000005());
    const today = new Date().toISOString().slice(0, 10);
    const query = `query ($on: Date) {
      front(slug: "gaza") {
        status(on: $on) { kind text since until }
        statusHistory { since revisions { by reason } }
        openIssues(on: $on) { text opened }
        context(on: $on) { text validFrom }
      }
    }`;
    type Gaza = {
      front: {
        status: Omit<Period, 'id'> | null;
        statusHistory: { since: string; revisions: { by: string | null; reason: string }[] }[];
        openIssues: { text: string; opened: string | null }[];
        context: { text: string; validFrom: string | null }[];
      };
    };
    const now = (await server.gql<Gaza>(query, { on: today }, server.editorKey)).data!.front;
    expect(now.status).toEqual({ kind: 'CEASEFIRE', text: 'Ceasefire in force', since: '2025-10-10', until: null });
    expect(now.statusHistory).toEqual([
      { since: '2025-10-10', revisions: [{ by: null, reason: 'carried over when front history was introduced' }] },
    ]);
    expect(now.openIssues).toHaveLength(4);
    expect(now.openIssues.every((i) => i.opened === null)).toBe(true);
    expect(now.context).toEqual([
      {
        text: 'The ceasefire follows two years of conflict between Israel and Hamas in the Gaza Strip.',
        validFrom: null,
      },
    ]);
    // An undated issue or note holds only from the day it was carried over; the dated period from its start.
    const before = (await server.gql<Gaza>(query, { on: '2025-11-15' }, server.editorKey)).data!.front;
    expect(before.status).toMatchObject({ kind: 'CEASEFIRE' });
    expect(before.openIssues).toEqual([]);
    expect(before.context).toEqual([]);
  });
});
