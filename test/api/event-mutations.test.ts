import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { EVENT_FIELDS, eventInput } from './fixtures';

const CREATE = `mutation ($input: EventCreateInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { ${EVENT_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!) { deleteEvent(id: $id) }';
const IMPORT =
  'mutation ($events: [EventCreateInput!]!) { importEvents(events: $events) { created updated unchanged } }';
const COUNT = '{ events(first: 1) { totalCount } }';

describeEachDatabase('event mutations', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const count = async (): Promise<number> =>
    (await server.gql<{ events: { totalCount: number } }>(COUNT)).data!.events.totalCount;

  it('creates an event with its links, sources and quotes, and reads it back', async () => {
    const created = await server.gql<{ createEvent: Record<string, unknown> & { id: string } }>(
      CREATE,
      { input: eventInput({ externalId: 'test:create-1' }) },
      server.editorKey,
    );
    expect(created.errors).toBeUndefined();
    const event = created.data!.createEvent;
    expect(event).toMatchObject({
      externalId: 'test:create-1',
      date: '2025-11-16',
      datePrecision: 'DAY',
      title: 'Test event',
      kind: 'STATEMENT',
      significance: 2,
      fronts: [{ slug: 'gaza' }],
      leaders: [{ slug: 'netanyahu' }],
      actors: [{ slug: 'hamas' }],
      regions: [{ slug: 'gaza-strip' }],
      sources: [
        { publisher: 'Test Wire', title: 'A report', url: 'https://example.org/report', publishedOn: '2025-11-16' },
      ],
      quotes: [
        { text: 'We said a thing.', speaker: { __typename: 'Actor', slug: 'hamas' }, source: { title: 'A report' } },
      ],
    });
    const read = await server.gql<{ event: { id: string } }>(
      `query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`,
      { id: event.id },
    );
    expect(read.data!.event).toEqual(event);
  });

  it('keeps the precision of an imprecise date', async () => {
    const res = await server.gql<{
      createEvent: { date: string; datePrecision: string; startDate: string; endDate: string };
    }>(CREATE, { input: eventInput({ date: '2024-12', quotes: [] }) }, server.editorKey);
    expect(res.data!.createEvent).toMatchObject({
      date: '2024-12',
      datePrecision: 'MONTH',
      startDate: '2024-12-01',
      endDate: '2024-12-31',
    });
  });

  it('records a time with its timezone and checks it against the date', async () => {
    const ok = await server.gql<{ createEvent: { occurredAt: string; timezone: string; date: string } }>(
      CREATE,
      {
        input: eventInput({ date: '2025-11-15', occurredAt: '2025-11-14T23:30:00Z', timezone: 'Asia/Jerusalem' }),
      },
      server.editorKey,
    );
    expect(ok.data!.createEvent).toMatchObject({
      date: '2025-11-15',
      occurredAt: '2025-11-14T23:30:00.000Z',
      timezone: 'Asia/Jerusalem',
    });
    const mismatch = await server.gql(
      CREATE,
      { input: eventInput({ date: '2025-11-14', occurredAt: '2025-11-14T23:30:00Z', timezone: 'Asia/Jerusalem' }) },
      server.editorKey,
    );
    expect(firstError(mismatch)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.date' });
  });

  it.each([
    ['an unknown front slug', { fronts: ['atlantis'] }, 'input.fronts[0]'],
    ['an unknown leader slug', { leaders: ['nobody'] }, 'input.leaders[0]'],
    ['an unknown quote speaker', { quotes: [{ text: 'x', leader: 'nobody' }] }, 'input.quotes[0].leader'],
    ['an empty title', { title: '   ' }, 'input.title'],
    ['a significance of 9', { significance: 9 }, 'input.significance'],
    ['an event without a source', { sources: [] }, 'input.sources'],
    [
      'a quote with two speakers',
      { quotes: [{ text: 'x', leader: 'putin', actor: 'hamas' }] },
      'input.quotes[0].leader',
    ],
    [
      'a quote citing a missing source',
      { quotes: [{ text: 'x', actor: 'hamas', source: 3 }] },
      'input.quotes[0].source',
    ],
    [
      'a source URL that is not http',
      { sources: [{ publisher: 'P', title: 'T', url: 'javascript:alert(1)' }] },
      'input.sources[0].url',
    ],
    ['an unknown timezone', { occurredAt: '2025-11-16T10:00:00Z', timezone: 'Mars/Olympus' }, 'input.timezone'],
    ['a multi-line title', { title: 'a\nb' }, 'input.title'],
  ])('rejects %s as BAD_USER_INPUT naming the field, storing nothing', async (_name, overrides, field) => {
    const before = await count();
    const res = await server.gql(CREATE, { input: eventInput(overrides) }, server.editorKey);
    expect(res.data ?? null).toBeNull();
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count()).toBe(before);
  });

  it.each([
    ['an impossible date', '2025-02-30'],
    ['a malformed date', '15/11/2025'],
  ])('rejects %s as BAD_USER_INPUT naming the field', async (_name, date) => {
    const res = await server.gql(CREATE, { input: eventInput({ date }) }, server.editorKey);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.date' });
  });

  it('rejects an impossible date written inline in the query', async () => {
    const res = await server.gql('{ events(first: 1, filter: { from: "2025-02-30" }) { totalCount } }');
    expect(res.errors?.[0].message).toMatch(/2025-02-30/);
  });

  it('updates only the fields given and replaces lists given', async () => {
    const { data } = await server.gql<{ createEvent: { id: string; createdAt: string } }>(
      CREATE,
      { input: eventInput() },
      server.editorKey,
    );
    const id = data!.createEvent.id;
    const res = await server.gql<{ updateEvent: Record<string, unknown> }>(
      UPDATE,
      { id, input: { title: 'Renamed', fronts: ['iran', 'syria'] } },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent).toMatchObject({
      title: 'Renamed',
      summary: 'Something happened.',
      fronts: [{ slug: 'iran' }, { slug: 'syria' }],
      leaders: [{ slug: 'netanyahu' }],
      quotes: [{ text: 'We said a thing.' }],
      createdAt: data!.createEvent.createdAt,
    });
  });

  it('rejects a bad update and keeps the event as it was', async () => {
    const { data } = await server.gql<{ createEvent: Record<string, unknown> & { id: string } }>(
      CREATE,
      { input: eventInput() },
      server.editorKey,
    );
    const res = await server.gql(UPDATE, { id: data!.createEvent.id, input: { significance: 0 } }, server.editorKey);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.significance' });
    const read = await server.gql<{ event: unknown }>(`query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} } }`, {
      id: data!.createEvent.id,
    });
    expect(read.data!.event).toEqual(data!.createEvent);
  });

  it('answers NOT_FOUND for an unknown id on update and delete', async () => {
    expect(
      firstError(await server.gql(UPDATE, { id: 'no-such-id', input: { title: 'x' } }, server.editorKey)).code,
    ).toBe('NOT_FOUND');
    expect(firstError(await server.gql(DELETE, { id: 'no-such-id' }, server.editorKey)).code).toBe('NOT_FOUND');
  });

  it('deletes an event with its links and quotes', async () => {
    const { data } = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput() },
      server.editorKey,
    );
    const before = await count();
    const res = await server.gql<{ deleteEvent: boolean }>(DELETE, { id: data!.createEvent.id }, server.editorKey);
    expect(res.data!.deleteEvent).toBe(true);
    expect(await count()).toBe(before - 1);
    expect(
      (await server.gql<{ event: unknown }>('query ($id: ID!) { event(id: $id) { id } }', { id: data!.createEvent.id }))
        .data!.event,
    ).toBeNull();
  });

  it('imports all or nothing, idempotently by externalId', async () => {
    const batch = [1, 2, 3].map((n) => eventInput({ externalId: `test:import-${n}`, title: `Imported ${n}` }));
    const first = await server.gql<{ importEvents: unknown }>(IMPORT, { events: batch }, server.editorKey);
    expect(first.data!.importEvents).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const again = await server.gql<{ importEvents: unknown }>(IMPORT, { events: batch }, server.editorKey);
    expect(again.data!.importEvents).toEqual({ created: 0, updated: 0, unchanged: 3 });
    const changed = await server.gql<{ importEvents: unknown }>(
      IMPORT,
      {
        events: [
          { ...batch[0], title: 'Imported 1, corrected' },
          batch[1],
          eventInput({ externalId: 'test:import-4' }),
        ],
      },
      server.editorKey,
    );
    expect(changed.data!.importEvents).toEqual({ created: 1, updated: 1, unchanged: 1 });

    const before = await count();
    const bad = await server.gql(
      IMPORT,
      {
        events: [
          eventInput({ externalId: 'test:import-5' }),
          eventInput({ externalId: 'test:import-6', fronts: ['atlantis'] }),
        ],
      },
      server.editorKey,
    );
    expect(firstError(bad)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events[1].fronts[0]' });
    expect(await count()).toBe(before);
  });

  it('requires an externalId on imported events and refuses duplicates within one import', async () => {
    const missing = await server.gql(IMPORT, { events: [eventInput()] }, server.editorKey);
    expect(firstError(missing)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events[0].externalId' });
    const twice = await server.gql(
      IMPORT,
      { events: [eventInput({ externalId: 'dup' }), eventInput({ externalId: 'dup' })] },
      server.editorKey,
    );
    expect(firstError(twice)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events[1].externalId' });
  });

  it('refuses a second event with the same externalId through createEvent', async () => {
    await server.gql(CREATE, { input: eventInput({ externalId: 'test:unique' }) }, server.editorKey);
    const res = await server.gql(CREATE, { input: eventInput({ externalId: 'test:unique' }) }, server.editorKey);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.externalId' });
  });

  it('stores exactly the valid ones of 200 concurrent createEvent mutations', async () => {
    const before = await count();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        server.gql<{ createEvent: { id: string } }>(
          CREATE,
          {
            input: eventInput({
              externalId: `test:concurrent-${i}`,
              title: `Concurrent ${i}`,
              ...(i % 5 === 0 ? { fronts: ['atlantis'] } : {}),
            }),
          },
          server.editorKey,
        ),
      ),
    );
    const failed = results.filter((r) => r.errors);
    expect(failed).toHaveLength(40);
    for (const r of failed) expect(firstError(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fronts[0]' });
    expect(await count()).toBe(before + 160);
    const stored = await server.gql<{ events: { totalCount: number } }>(
      '{ events(first: 1, filter: { text: "Concurrent" }) { totalCount } }',
    );
    expect(stored.data!.events.totalCount).toBe(160);
  });
});
