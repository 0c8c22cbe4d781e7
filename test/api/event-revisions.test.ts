import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventRevisions1766000000004 } from '../../src/db/migrations/1766000000004-event-revisions';
import { importFile } from '../../src/importing/import-file';
import { describeEachDatabase } from '../support/databases';
import { undoAndRedo } from '../support/migrations';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const STATE = `date datePrecision title summary kind significance fronts regions leaders actors
  sources { publisher title url publishedOn } quotes { text leader actor source }`;
const REVISION = `id eventId revision at by reason deleted state { ${STATE} }`;
const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id revision } }';
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!, $reason: String) {
  updateEvent(id: $id, input: $input, reason: $reason) { id revision revisions { ${REVISION} } }
}`;
const DELETE = 'mutation ($id: ID!, $reason: String) { deleteEvent(id: $id, reason: $reason) }';
const IMPORT =
  'mutation ($events: [EventCreateInput!]!) { importEvents(events: $events) { created updated unchanged } }';
const HISTORY = `query ($id: ID!) { eventRevisions(id: $id) { ${REVISION} } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { revision revisions { ${REVISION} } } }`;

interface Revision {
  id: string;
  eventId: string;
  revision: number;
  at: string;
  by: string | null;
  reason: string | null;
  deleted: boolean;
  state: Record<string, unknown> | null;
}

describeEachDatabase('event revisions', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const create = async (overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput(overrides) },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createEvent.id;
  };
  const history = async (id: string): Promise<Revision[]> => {
    const res = await server.gql<{ eventRevisions: Revision[] }>(HISTORY, { id }, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!.eventRevisions;
  };

  it('records a creation, a correction and a retraction as revisions 1 to 3, with key names, reasons and states', async () => {
    const id = await create({ title: 'First title' });
    const updated = await server.gql<{ updateEvent: { revision: number; revisions: Revision[] } }>(
      UPDATE,
      { id, input: { title: 'Corrected title', date: '2025-11-15' }, reason: '  correction: wrong date  ' },
      server.editorKey,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateEvent.revision).toBe(2);
    expect(updated.data!.updateEvent.revisions.map((r) => [r.revision, r.state?.title, r.reason])).toEqual([
      [1, 'First title', null],
      [2, 'Corrected title', 'correction: wrong date'],
    ]);

    const deleted = await server.gql<{ deleteEvent: boolean }>(
      DELETE,
      { id, reason: 'retraction: the report was withdrawn' },
      server.editorKey,
    );
    expect(deleted.data).toEqual({ deleteEvent: true });

    const revisions = await history(id);
    expect(revisions).toHaveLength(3);
    const [first, second, third] = revisions;
    expect(first).toMatchObject({
      id: `${id}:1`,
      eventId: id,
      revision: 1,
      by: 'test editor',
      reason: null,
      deleted: false,
      state: {
        date: '2025-11-16',
        datePrecision: 'DAY',
        title: 'First title',
        summary: 'Something happened.',
        kind: 'STATEMENT',
        significance: 2,
        fronts: ['gaza'],
        regions: ['gaza-strip'],
        leaders: ['netanyahu'],
        actors: ['hamas'],
        sources: [
          { publisher: 'Test Wire', title: 'A report', url: 'https://example.org/report', publishedOn: '2025-11-16' },
        ],
        quotes: [{ text: 'We said a thing.', leader: null, actor: 'hamas', source: 0 }],
      },
    });
    expect(second).toMatchObject({
      revision: 2,
      by: 'test editor',
      reason: 'correction: wrong date',
      deleted: false,
      state: { date: '2025-11-15', title: 'Corrected title', fronts: ['gaza'] },
    });
    expect(third).toMatchObject({
      revision: 3,
      by: 'test editor',
      reason: 'retraction: the report was withdrawn',
      deleted: true,
      state: null,
    });
    for (const r of revisions) expect(Number.isNaN(Date.parse(r.at))).toBe(false);
    expect(Date.parse(first.at)).toBeLessThanOrEqual(Date.parse(third.at));
  });

  it("keeps a deleted event's revisions from anonymous readers and reader keys", async () => {
    const id = await create({ title: 'Retracted headline' });
    expect((await server.gql(DELETE, { id }, server.editorKey)).errors).toBeUndefined();
    for (const key of [undefined, server.readerKey]) {
      const res = await server.gql<{ eventRevisions: Revision[] | null }>(HISTORY, { id }, key);
      expect(res.data?.eventRevisions ?? null).toBeNull();
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(firstError(res).code);
      expect(JSON.stringify(res)).not.toContain('Retracted headline');
      const read = await server.gql<{ event: unknown }>(EVENT, { id }, key);
      expect(read.data).toEqual({ event: null });
    }
    expect((await history(id)).map((r) => [r.revision, r.deleted, r.reason])).toEqual([
      [1, false, null],
      [2, true, null],
    ]);
  });

  it("keeps a live event's earlier titles from anonymous readers and reader keys", async () => {
    const id = await create({ title: 'Informant named in leak' });
    const renamed = await server.gql(UPDATE, { id, input: { title: 'Leak reported' }, reason: null }, server.editorKey);
    expect(renamed.errors).toBeUndefined();
    for (const key of [undefined, server.readerKey]) {
      const res = await server.gql<{ event: unknown }>(EVENT, { id }, key);
      expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(firstError(res).code);
      expect(JSON.stringify(res)).not.toContain('Informant named in leak');
    }
    expect((await history(id)).map((r) => r.state?.title)).toEqual(['Informant named in leak', 'Leak reported']);
  });

  it('numbers concurrent updates without gaps or repeats', async () => {
    const id = await create({ title: 'Raced' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        server.gql(UPDATE, { id, input: { title: `Raced ${i}` }, reason: `edit ${i}` }, server.editorKey),
      ),
    );
    for (const res of results) expect(res.errors).toBeUndefined();
    const revisions = await history(id);
    expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Each revision holds the title its own edit wrote.
    for (const r of revisions.slice(1)) expect(r.state!.title).toBe(`Raced ${r.reason!.slice('edit '.length)}`);
    const read = await server.gql<{ event: { revision: number } }>(EVENT, { id }, server.editorKey);
    expect(read.data!.event.revision).toBe(9);
  });

  it('records the revisions of imports, and none for an import that changes nothing', async () => {
    const events = [eventInput({ externalId: 'rev:import-1', title: 'Imported' })];
    expect((await server.gql(IMPORT, { events }, server.editorKey)).errors).toBeUndefined();
    expect((await server.gql(IMPORT, { events }, server.editorKey)).data).toEqual({
      importEvents: { created: 0, updated: 0, unchanged: 1 },
    });
    const changed = [eventInput({ externalId: 'rev:import-1', title: 'Imported, corrected' })];
    expect((await server.gql(IMPORT, { events: changed }, server.editorKey)).errors).toBeUndefined();
    const found = await server.gql<{ events: { edges: { node: { id: string } }[] } }>(
      '{ events(first: 5, filter: { text: "Imported, corrected" }) { edges { node { id } } } }',
    );
    const id = found.data!.events.edges[0].node.id;
    expect((await history(id)).map((r) => [r.revision, r.by, r.state?.title])).toEqual([
      [1, 'test editor', 'Imported'],
      [2, 'test editor', 'Imported, corrected'],
    ]);
    // The import outside the API (the CLI's and the seeds' path) records no key name.
    await server.services.events.import([eventInput({ externalId: 'rev:import-1', title: 'From the CLI' })]);
    expect((await history(id)).map((r) => [r.revision, r.by])).toEqual([
      [1, 'test editor'],
      [2, 'test editor'],
      [3, null],
    ]);
  });

  it('records a revision for every other event whose shown source a write corrected', async () => {
    const cited = { publisher: 'Old Wire', title: 'Old title', url: 'https://example.org/rev-shared' };
    const first = await create({ title: 'Cites it first', sources: [cited], quotes: [] });
    const second = await create({ title: 'Cites it too', sources: [cited], quotes: [] });
    const corrected = { ...cited, publisher: 'New Wire' };
    const res = await server.gql(UPDATE, { id: first, input: { sources: [corrected] } }, server.editorKey);
    expect(res.errors).toBeUndefined();
    const revisions = await history(second);
    expect(revisions.map((r) => [r.revision, r.by, r.reason, r.state?.sources])).toEqual([
      [1, 'test editor', null, [{ ...cited, publishedOn: null }]],
      [2, 'test editor', 'a source it cites was corrected', [{ ...corrected, publishedOn: null }]],
    ]);
    expect(revisions[1].state).toMatchObject({ title: 'Cites it too', fronts: ['gaza'], actors: ['hamas'] });
    const read = await server.gql<{ event: { revision: number } }>(EVENT, { id: second }, server.editorKey);
    expect(read.data!.event.revision).toBe(2);
  });

  it("records the revisions of the CLI's file import, with no key name", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-revisions-'));
    const file = path.join(dir, 'events.jsonl');
    try {
      fs.writeFileSync(file, JSON.stringify(eventInput({ externalId: 'rev:file-1', title: 'From a file' })));
      await importFile(server.services, file);
      fs.writeFileSync(file, JSON.stringify(eventInput({ externalId: 'rev:file-1', title: 'From a file, fixed' })));
      await importFile(server.services, file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const found = await server.gql<{ events: { edges: { node: { id: string } }[] } }>(
      '{ events(first: 5, filter: { text: "From a file, fixed" }) { edges { node { id } } } }',
    );
    const id = found.data!.events.edges[0].node.id;
    expect((await history(id)).map((r) => [r.revision, r.by, r.state?.title])).toEqual([
      [1, null, 'From a file'],
      [2, null, 'From a file, fixed'],
    ]);
  });

  it.each([
    ['too long', 'x'.repeat(501)],
    ['a line break', 'correction:\nwrong date'],
    ['a control character', 'correction\u0007'],
    ['only spaces', '   '],
  ])('refuses a reason with %s, naming `reason`, and stores nothing', async (_what, reason) => {
    const id = await create({ title: 'Kept as is' });
    const update = await server.gql(UPDATE, { id, input: { title: 'Changed' }, reason }, server.editorKey);
    expect(firstError(update)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const remove = await server.gql(DELETE, { id, reason }, server.editorKey);
    expect(firstError(remove)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const read = await server.gql<{ event: { revision: number; revisions: Revision[] } }>(
      EVENT,
      { id },
      server.editorKey,
    );
    expect(read.data!.event.revision).toBe(1);
    expect(read.data!.event.revisions.map((r) => [r.revision, r.state?.title])).toEqual([[1, 'Kept as is']]);
  });

  it('lists the revisions of a page of events in the same number of statements for 2 and 20 events', async () => {
    for (let i = 0; i < 20; i++) await create({ title: `Paged ${i}`, date: '2020-01-01' });
    const statementsFor = async (first: number): Promise<number> => {
      const before = server.services.db.statementCount;
      const res = await server.gql<{ events: { edges: { node: { revisions: Revision[] } }[] } }>(
        `query ($first: Int) { events(first: $first, filter: { to: "2020-01-01" }) { edges { node { revisions { ${REVISION} } } } } }`,
        { first },
        server.editorKey,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.events.edges).toHaveLength(first);
      for (const edge of res.data!.events.edges) expect(edge.node.revisions).toHaveLength(1);
      return server.services.db.statementCount - before;
    };
    expect(await statementsFor(20)).toBe(await statementsFor(2));
  });

  it('adds the same number of statements to an import of 5 and of 50 events', async () => {
    const importing = async (n: number, tag: string): Promise<number> => {
      const before = server.services.db.statementCount;
      const events = Array.from({ length: n }, (_, i) => eventInput({ externalId: `rev:${tag}:${i}` }));
      const res = await server.gql(IMPORT, { events }, server.editorKey);
      expect(res.errors).toBeUndefined();
      return server.services.db.statementCount - before;
    };
    expect(await importing(50, 'large')).toBe(await importing(5, 'small'));
  });

  it('backfills one revision per stored event, with its current state, in the migration', async () => {
    const id = await create({ title: 'Before revisions', date: '2024-12', quotes: [] });
    await server.gql(UPDATE, { id, input: { title: 'Before revisions, edited' } }, server.editorKey);
    await undoAndRedo(server, new EventRevisions1766000000004());
    const revisions = await history(id);
    expect(revisions).toMatchObject([
      {
        revision: 2,
        by: null,
        reason: null,
        deleted: false,
        state: {
          date: '2024-12',
          datePrecision: 'MONTH',
          title: 'Before revisions, edited',
          fronts: ['gaza'],
          regions: ['gaza-strip'],
          leaders: ['netanyahu'],
          actors: ['hamas'],
          sources: [{ publisher: 'Test Wire', title: 'A report', url: 'https://example.org/report' }],
          quotes: [],
        },
      },
    ]);
    // The backfilled state matches what a write records.
    const fresh = await create({ title: 'Written after', date: '2024-12', quotes: [] });
    const written = (await history(fresh))[0].state;
    expect({ ...revisions[0].state, title: 'Written after' }).toEqual(written);
  });
});
