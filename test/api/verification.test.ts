import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importFile } from '../../src/importing/import-file';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const CREATE = `mutation ($input: EventCreateInput!) {
  createEvent(input: $input) { id verification quotes { text verification } }
}`;
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!) {
  updateEvent(id: $id, input: $input) {
    verification quotes { verification }
    revisions { revision state { verification quotes { verification } } }
  }
}`;
const LIST = `query ($filter: EventFilterInput) {
  events(filter: $filter, first: 100) { totalCount edges { node { title verification } } }
}`;
const BRIEFING = `query ($date: Date!) {
  briefing(date: $date, fronts: ["gaza"]) {
    sections { today { title verification verificationNote } quotes { text verification verificationNote } }
    text: render(format: TEXT) { body }
    html: render(format: HTML) { body }
    markdown: render(format: MARKDOWN) { body }
  }
}`;

interface Created {
  id: string;
  verification: string;
  quotes: { text: string; verification: string }[];
}

describeEachDatabase('verification of events and quotes', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const create = async (overrides: Record<string, unknown>): Promise<Created> => {
    const res = await server.gql<{ createEvent: Created }>(CREATE, { input: eventInput(overrides) }, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!.createEvent;
  };

  it('stores REPORTED by default, and what an editor gives for the event and each quote', async () => {
    const plain = await create({ title: 'Plain report' });
    expect(plain.verification).toBe('REPORTED');
    expect(plain.quotes.map((q) => q.verification)).toEqual(['REPORTED']);
    const claimed = await create({
      title: 'Claimed strike',
      verification: 'CLAIMED',
      quotes: [{ text: 'We struck.', actor: 'hamas', verification: 'UNVERIFIED' }],
    });
    expect(claimed.verification).toBe('CLAIMED');
    expect(claimed.quotes).toEqual([{ text: 'We struck.', verification: 'UNVERIFIED' }]);
  });

  it('keeps the quotes’ verification through an edit of the event’s, and records both in its revisions', async () => {
    const e = await create({
      title: 'Later confirmed',
      verification: 'UNVERIFIED',
      quotes: [{ text: 'Words.', actor: 'hamas', verification: 'CLAIMED' }],
    });
    const res = await server.gql<{
      updateEvent: {
        verification: string;
        quotes: { verification: string }[];
        revisions: { revision: number; state: { verification: string; quotes: { verification: string }[] } }[];
      };
    }>(UPDATE, { id: e.id, input: { verification: 'CONFIRMED' } }, server.editorKey);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent.verification).toBe('CONFIRMED');
    expect(res.data!.updateEvent.quotes).toEqual([{ verification: 'CLAIMED' }]);
    expect(res.data!.updateEvent.revisions.map((r) => [r.revision, r.state.verification, r.state.quotes])).toEqual([
      [1, 'UNVERIFIED', [{ verification: 'CLAIMED' }]],
      [2, 'CONFIRMED', [{ verification: 'CLAIMED' }]],
    ]);
  });

  it('filters events by verification', async () => {
    await create({ title: 'Filter: confirmed one', verification: 'CONFIRMED', date: '2024-01-02' });
    await create({ title: 'Filter: claimed one', verification: 'CLAIMED', date: '2024-01-02' });
    await create({ title: 'Filter: reported one', date: '2024-01-02' });
    const filter = { from: '2024-01-02', to: '2024-01-02', text: 'Filter:' };
    const list = async (verification: string[]): Promise<string[]> => {
      const res = await server.gql<{ events: { edges: { node: { title: string } }[] } }>(LIST, {
        filter: { ...filter, verification },
      });
      expect(res.errors).toBeUndefined();
      return res.data!.events.edges.map((e) => e.node.title).sort();
    };
    expect(await list(['CLAIMED', 'CONFIRMED'])).toEqual(['Filter: claimed one', 'Filter: confirmed one']);
    expect(await list(['REPORTED'])).toEqual(['Filter: reported one']);
    expect(await list([])).toHaveLength(3);
    const bad = await server.gql(LIST, { filter: { verification: ['PROBABLY'] } });
    expect(firstError(bad).code).toBe('BAD_USER_INPUT');
  });

  it('imports it from NDJSON, and refuses an unknown value naming the field, importing nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-verification-'));
    const file = path.join(dir, 'events.ndjson');
    try {
      fs.writeFileSync(
        file,
        [
          JSON.stringify(eventInput({ externalId: 'ver:ok', title: 'Imported claim', verification: 'CLAIMED' })),
          JSON.stringify(eventInput({ externalId: 'ver:bad', title: 'Imported nonsense', verification: 'MAYBE' })),
        ].join('\n'),
      );
      const refused = await importFile(server.services, file);
      expect(refused).toMatchObject({ ok: false, rejected: [{ line: 2, field: 'event.verification' }] });
      const none = await server.gql<{ events: { totalCount: number } }>(LIST, { filter: { text: 'Imported' } });
      expect(none.data!.events.totalCount).toBe(0);
      fs.writeFileSync(
        file,
        JSON.stringify(eventInput({ externalId: 'ver:ok', title: 'Imported claim', verification: 'CLAIMED' })),
      );
      await importFile(server.services, file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const res = await server.gql<{ events: { edges: { node: { title: string; verification: string } }[] } }>(LIST, {
      filter: { text: 'Imported' },
    });
    expect(res.data!.events.edges.map((e) => e.node)).toEqual([{ title: 'Imported claim', verification: 'CLAIMED' }]);
  });

  it('says so in the briefing and in every format: a claim is not independently verified', async () => {
    await create({
      title: 'Hamas claims a rocket launch',
      date: '2025-11-17',
      significance: 4,
      verification: 'CLAIMED',
      quotes: [{ text: 'Our fighters fired the rockets.', actor: 'hamas', verification: 'CLAIMED' }],
    });
    const res = await server.gql<{
      briefing: {
        sections: {
          today: { title: string; verification: string; verificationNote: string | null }[];
          quotes: { text: string; verification: string; verificationNote: string | null }[];
        }[];
        text: { body: string };
        html: { body: string };
        markdown: { body: string };
      };
    }>(BRIEFING, { date: '2025-11-17' });
    expect(res.errors).toBeUndefined();
    const b = res.data!.briefing;
    expect(b.sections[0].today).toContainEqual({
      title: 'Hamas claims a rocket launch',
      verification: 'CLAIMED',
      verificationNote: 'claimed; not independently verified',
    });
    expect(b.sections[0].quotes).toContainEqual({
      text: 'Our fighters fired the rockets.',
      verification: 'CLAIMED',
      verificationNote: 'claimed; not independently verified',
    });
    for (const body of [b.text.body, b.html.body, b.markdown.body]) {
      const flat = body.replace(/\s+/g, ' ');
      const title = flat.indexOf('Hamas claims a rocket launch');
      expect(title).toBeGreaterThan(0);
      expect(flat.indexOf('claimed; not independently verified', title) - title).toBeLessThan(400);
      expect(flat.match(/claimed; not independently verified/g)!.length).toBeGreaterThanOrEqual(2);
    }
  });
});
