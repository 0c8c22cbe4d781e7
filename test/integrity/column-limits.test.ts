import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/*
 * Whatever the validators accept is stored, on PostgreSQL (which enforces varchar lengths) as on SQLite: values at
 * every limit go in, values the database would not hold are refused as BAD_USER_INPUT naming the field, and
 * nothing ends as INTERNAL_SERVER_ERROR.
 */

const CREATE =
  'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id title sources { url publisher title } } }';
const UPDATE =
  'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id fronts { slug } } }';
const IMPORT =
  'mutation ($events: [EventCreateInput!]!) { importEvents(events: $events) { created updated unchanged } }';
const FRONT = 'mutation ($input: FrontUpsertInput!) { upsertFront(input: $input) { slug } }';
const REGION = 'mutation ($input: RegionUpsertInput!) { upsertRegion(input: $input) { slug } }';
const LEADER = 'mutation ($input: LeaderUpsertInput!) { upsertLeader(input: $input) { slug } }';
const SEND = `mutation ($to: [String!]!, $fronts: [String!], $key: String) {
  sendBriefing(date: "2025-11-15", to: $to, fronts: $fronts, idempotencyKey: $key) { id status subject }
}`;
const DELIVERIES = '{ deliveries(first: 5) { edges { node { id status subject } } } }';

const slugOf = (n: number, length: number): string => `f${n}-`.padEnd(length, 'x');
const front = (slug: string, name = `Front ${slug}`): Record<string, unknown> => ({
  slug,
  name,
  briefingOrder: 500,
});

describeEachDatabase('validated input fits its column', (kind) => {
  let server: TestServer;
  let outbox: string;
  beforeAll(async () => {
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-limits-outbox-'));
    server = await startTestServer(kind, { SITREP_OUTBOX_DIR: outbox });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(outbox, { recursive: true, force: true });
  });

  it('stores an event touching 50 fronts with 64-character slugs, and moves it off them', async () => {
    const slugs = Array.from({ length: 50 }, (_, i) => slugOf(i, 64));
    for (const slug of slugs) {
      const res = await server.gql(FRONT, { input: front(slug) }, server.editorKey);
      expect(res.errors).toBeUndefined();
    }
    const created = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      { input: eventInput({ fronts: slugs }) },
      server.editorKey,
    );
    expect(created.errors).toBeUndefined();
    const moved = await server.gql<{ updateEvent: { fronts: { slug: string }[] } }>(
      UPDATE,
      { id: created.data!.createEvent.id, input: { fronts: ['gaza'] } },
      server.editorKey,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.updateEvent.fronts).toEqual([{ slug: 'gaza' }]);
  });

  it('refuses a URL that outgrows the column once normalised, naming the field, on create and import', async () => {
    const url = `https://example.org/${'a b'.repeat(660)}`;
    expect(url.length).toBeLessThanOrEqual(2000);
    const created = await server.gql(
      CREATE,
      { input: eventInput({ sources: [{ publisher: 'P', title: 'T', url }] }) },
      server.editorKey,
    );
    expect(firstError(created)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.sources[0].url',
      message: expect.stringContaining('normalised') as unknown,
    });
    const imported = await server.gql(
      IMPORT,
      { events: [eventInput({ externalId: 'limits:url', sources: [{ publisher: 'P', title: 'T', url }] })] },
      server.editorKey,
    );
    expect(firstError(imported)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'events[0].sources[0].url' });
  });

  it('stores every validated field at its longest', async () => {
    const url = `https://example.org/${'x'.repeat(2000 - 'https://example.org/'.length)}`;
    const input = eventInput({
      externalId: 'e'.repeat(200),
      title: 'T'.repeat(300),
      occurredAt: '2025-11-16T10:00:00Z',
      timezone: 'America/Argentina/ComodRivadavia',
      dateNote: 'D'.repeat(300),
      verification: 'UNVERIFIED',
      sources: [{ publisher: 'P'.repeat(200), title: 'S'.repeat(300), url }],
    });
    const created = await server.gql<{ createEvent: { title: string; sources: { url: string }[] } }>(
      CREATE,
      { input },
      server.editorKey,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createEvent.sources[0].url).toBe(url);
    const region = await server.gql(
      REGION,
      { input: { slug: 'r'.repeat(64), name: 'N'.repeat(200), kind: 'SUB_NATIONAL', isoCode: 'IL-JM' } },
      server.editorKey,
    );
    expect(region.errors).toBeUndefined();
    const leader = await server.gql(
      LEADER,
      { input: { slug: 'l'.repeat(64), name: 'N'.repeat(200), office: 'O'.repeat(200), tenureStart: '2024-01' } },
      server.editorKey,
    );
    expect(leader.errors).toBeUndefined();
    const longFront = await server.gql(FRONT, { input: front('g'.repeat(64), 'N'.repeat(200)) }, server.editorKey);
    expect(longFront.errors).toBeUndefined();
    const sources = [{ publisher: 'P'.repeat(200), title: 'S'.repeat(300), url, publishedOn: '2025-11-15' }];
    const history = await server.gql(
      `mutation ($front: String!, $status: String!, $issue: String!, $note: String!, $sources: [SourceInput!], $reason: String) {
        setFrontStatus(front: $front, kind: POST_CONFLICT, text: $status, since: "2025-11-15", sources: $sources, reason: $reason) { id }
        openFrontIssue(front: $front, text: $issue, opened: "2025-11-15", sources: $sources) { id }
        addFrontContext(front: $front, text: $note, validFrom: "2025-11-15", sources: $sources) { id }
      }`,
      {
        front: 'g'.repeat(64),
        status: 'S'.repeat(200),
        issue: 'I'.repeat(500),
        note: 'C'.repeat(5000),
        sources,
        reason: 'R'.repeat(500),
      },
      server.editorKey,
    );
    expect(history.errors).toBeUndefined();
    expect((await server.services.keys.create('k'.repeat(100), 'reader')).key.name).toHaveLength(100);
    // An assessment at its longest: its change-log entry holds a shortened title, never more than the column.
    const assessment = await server.gql<{ recordAssessment: { text: string } }>(
      'mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { text } }',
      {
        input: {
          date: '2025-11-15',
          confidence: 'ROUGHLY_EVEN',
          text: 'A'.repeat(2000),
          fronts: ['gaza'],
          sources: [{ publisher: 'P'.repeat(200), title: 'S'.repeat(300), url }],
        },
      },
      server.editorKey,
    );
    expect(assessment.errors).toBeUndefined();
    expect(assessment.data!.recordAssessment.text).toHaveLength(2000);
  });

  it('publishes an edition of five fronts with 64-character slugs, its file names holding them all', async () => {
    const slugs = Array.from({ length: 5 }, (_, i) => slugOf(i, 64).replace(/^f/, 'e'));
    for (const slug of slugs)
      expect((await server.gql(FRONT, { input: front(slug) }, server.editorKey)).errors).toBeUndefined();
    const published = await server.gql<{ publishEdition: { id: string; fronts: string[] } }>(
      'mutation ($fronts: [String!]) { publishEdition(date: "2025-11-15", fronts: $fronts) { id fronts } }',
      { fronts: slugs },
      server.editorKey,
    );
    expect(published.errors).toBeUndefined();
    const read = await server.gql<{ edition: { render: { filename: string } } }>(
      'query ($id: ID!) { edition(id: $id) { render(format: HTML) { filename } } }',
      { id: published.data!.publishEdition.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.edition.render.filename).toBe(
      `sitrep-briefing-2025-11-15-${[...slugs].sort().join('-')}-edition-1.html`,
    );
  });

  it('records and sends a briefing whose subject is longer than any varchar, once, reporting SENT', async () => {
    const slugs = ['long-name-a', 'long-name-b'];
    for (const [i, slug] of slugs.entries()) {
      const res = await server.gql(FRONT, { input: front(slug, `${'Ä'.repeat(199)}${i}`) }, server.editorKey);
      expect(res.errors).toBeUndefined();
    }
    const sent = await server.gql<{ sendBriefing: { id: string; status: string; subject: string } }>(
      SEND,
      { to: ['analyst@example.org'], fronts: slugs, key: `k'${'y'.repeat(198)}` },
      server.editorKey,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendBriefing.status).toBe('SENT');
    expect(sent.data!.sendBriefing.subject.length).toBeGreaterThan(400);
    expect(fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    const list = await server.gql<{
      deliveries: { edges: { node: { id: string; status: string; subject: string } }[] };
    }>(DELIVERIES, {}, server.editorKey);
    expect(list.data!.deliveries.edges[0].node).toEqual(sent.data!.sendBriefing);
  });
});
