import { SourceIdentityHash1766000000002 } from '../../src/db/migrations/1766000000002-source-identity-hash';
import { Source } from '../../src/entities/source';
import { sourceIdentity } from '../../src/validation/event-validation';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const FIELDS = 'id revision sources { id publisher title url } quotes { text source { id title url } }';
const CREATE = `mutation ($input: EventCreateInput!) { createEvent(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { ${FIELDS} } }`;
const READ = `query ($id: ID!) { event(id: $id) { ${FIELDS} } }`;

interface Shown {
  id: string;
  revision: number;
  sources: { id: string; publisher: string; title: string; url: string | null }[];
  quotes: { text: string; source: { id: string; title: string; url: string | null } }[];
}

const src = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  publisher: 'Wire',
  title: `Report ${name}`,
  url: `https://example.org/${name}`,
  ...extra,
});

describeEachDatabase('sources have an identity, and quotes follow them', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const create = async (input: Record<string, unknown>): Promise<Shown> => {
    const res = await server.gql<{ createEvent: Shown }>(CREATE, { input: eventInput(input) }, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!.createEvent;
  };
  const update = (id: string, input: Record<string, unknown>) =>
    server.gql<{ updateEvent: Shown }>(UPDATE, { id, input }, server.editorKey);
  const read = async (id: string): Promise<Shown> => (await server.gql<{ event: Shown }>(READ, { id })).data!.event;

  it("corrects a source's publisher and title when an event cites its URL with new ones, for every event citing it", async () => {
    const first = await create({
      sources: [src('correct-me', { publisher: 'Old Wire', title: 'Old title' })],
      quotes: [],
    });
    const second = await create({
      sources: [src('correct-me', { publisher: 'Old Wire', title: 'Old title' })],
      quotes: [],
    });
    expect(second.sources[0].id).toBe(first.sources[0].id);
    const edited = await update(first.id, {
      sources: [src('correct-me', { publisher: 'New Wire', title: 'New title' })],
    });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateEvent.sources).toEqual([
      { id: first.sources[0].id, publisher: 'New Wire', title: 'New title', url: 'https://example.org/correct-me' },
    ]);
    expect((await read(second.id)).sources[0]).toMatchObject({ publisher: 'New Wire', title: 'New title' });
  });

  it('shows a corrected source as corrected in a briefing, though an assessment citing its URL comes first', async () => {
    const event = await create({
      date: '2025-11-16',
      sources: [src('cited-twice', { publisher: 'Old Wire', title: 'Old title' })],
      quotes: [],
    });
    const assessed = await server.gql(
      'mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }',
      {
        input: {
          date: '2025-11-16',
          confidence: 'LIKELY',
          text: 'The report will hold up.',
          fronts: ['gaza'],
          sources: [src('cited-twice', { publisher: 'Old Wire', title: 'Old title' })],
        },
      },
      server.editorKey,
    );
    expect(assessed.errors).toBeUndefined();
    const corrected = await update(event.id, {
      sources: [src('cited-twice', { publisher: 'New Wire', title: 'New title' })],
    });
    expect(corrected.errors).toBeUndefined();
    const briefing = await server.gql<{
      briefing: {
        sources: { number: number; publisher: string; title: string; url: string | null }[];
        keyTakeaways: { assessmentId: string | null; sourceNumbers: number[] }[];
        render: { body: string };
      };
    }>(
      '{ briefing(date: "2025-11-16", fronts: ["gaza"]) { sources { number publisher title url } keyTakeaways { assessmentId sourceNumbers } render(format: TEXT) { body } } }',
    );
    expect(briefing.errors).toBeUndefined();
    const cited = briefing.data!.briefing.sources.filter((s) => s.url === 'https://example.org/cited-twice');
    expect(cited).toEqual([
      { number: cited[0]?.number, publisher: 'New Wire', title: 'New title', url: 'https://example.org/cited-twice' },
    ]);
    // The assessment leads the takeaways and cites the one document by the one number.
    const lead = briefing.data!.briefing.keyTakeaways[0];
    expect(lead.assessmentId).not.toBeNull();
    expect(lead.sourceNumbers).toContain(cited[0].number);
    expect(briefing.data!.briefing.render.body).not.toContain('Old title');
  });

  it('keeps apart two URLs that share their first 700 characters', async () => {
    const stem = `https://example.org/${'p'.repeat(800)}`;
    const a = await create({ sources: [{ publisher: 'A', title: 'A', url: `${stem}/a` }], quotes: [] });
    const b = await create({ sources: [{ publisher: 'B', title: 'B', url: `${stem}/b` }], quotes: [] });
    expect(a.sources[0].id).not.toBe(b.sources[0].id);
    expect((await read(a.id)).sources[0]).toMatchObject({ publisher: 'A', url: `${stem}/a` });
    expect((await read(b.id)).sources[0]).toMatchObject({ publisher: 'B', url: `${stem}/b` });
  });

  it('keeps each quote on its source when the sources are replaced without quotes', async () => {
    const event = await create({
      sources: [src('q-a'), src('q-b')],
      quotes: [{ text: 'Said in B.', actor: 'hamas', source: 1 }],
    });
    expect(event.quotes[0].source.url).toBe('https://example.org/q-b');
    const edited = await update(event.id, { sources: [src('q-b'), src('q-c')] });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateEvent.quotes).toEqual([
      { text: 'Said in B.', source: expect.objectContaining({ url: 'https://example.org/q-b' }) as unknown },
    ]);
  });

  it('refuses sources that drop a quoted one as BAD_USER_INPUT on input.sources, saying which quote cites it', async () => {
    const event = await create({
      sources: [src('d-a'), src('d-b')],
      quotes: [{ text: 'Said in B.', actor: 'hamas', source: 1 }],
    });
    const shrunk = await update(event.id, { sources: [src('d-a')] });
    expect(shrunk.data ?? null).toBeNull();
    expect(firstError(shrunk)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.sources',
      message: expect.stringMatching(/d-b.*input\.quotes\[0\].*Said in B/) as unknown,
    });
    expect(await read(event.id)).toEqual(event);
    const withQuotes = await update(event.id, {
      sources: [src('d-a')],
      quotes: [{ text: 'Said in A.', actor: 'hamas' }],
    });
    expect(withQuotes.errors).toBeUndefined();
  });

  it('lets a quote cite its source by URL', async () => {
    const event = await create({
      sources: [src('u-a'), src('u-b')],
      quotes: [{ text: 'By URL.', actor: 'hamas', sourceUrl: 'HTTPS://EXAMPLE.ORG/u-b' }],
    });
    expect(event.quotes[0].source.url).toBe('https://example.org/u-b');
    const unknown = await server.gql(
      CREATE,
      {
        input: eventInput({
          sources: [src('u-a')],
          quotes: [{ text: 'x', actor: 'hamas', sourceUrl: 'https://example.org/elsewhere' }],
        }),
      },
      server.editorKey,
    );
    expect(firstError(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quotes[0].sourceUrl' });
    const both = await server.gql(
      CREATE,
      {
        input: eventInput({
          sources: [src('u-a')],
          quotes: [{ text: 'x', actor: 'hamas', source: 0, sourceUrl: 'https://example.org/u-a' }],
        }),
      },
      server.editorKey,
    );
    expect(firstError(both)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quotes[0].sourceUrl' });
  });
});

describeEachDatabase('the source identity migration', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const create = async (input: Record<string, unknown>): Promise<Shown> => {
    const res = await server.gql<{ createEvent: Shown }>(CREATE, { input: eventInput(input) }, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!.createEvent;
  };

  // Down restores the old keys (prefixes of URLs), up computes the new ones from them.
  it('migrates stored sources to the new identity, keeping their rows', async () => {
    await create({
      sources: [src('migrated'), { publisher: 'No URL Wire', title: 'Printed', publishedOn: '2025-11-16' }],
      quotes: [],
    });
    const migration = new SourceIdentityHash1766000000002();
    const runner = server.services.db.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const old = await runner.manager.find(Source);
      expect(old.find((s) => s.url === 'https://example.org/migrated')?.identityKey).toBe(
        'https://example.org/migrated',
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const after = await server.services.db.manager.find(Source);
    for (const s of after) expect(s.identityKey).toBe(sourceIdentity(s.url, s.publisher, s.title, s.publishedOn));
    expect(after.some((s) => s.url === null && s.publisher === 'No URL Wire')).toBe(true);
    // Citing the same document again finds the migrated row.
    const again = await create({ sources: [src('migrated')], quotes: [] });
    expect(after.map((s) => s.id)).toContain(again.sources[0].id);
  });
});
