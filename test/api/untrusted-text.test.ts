import { dumpTables } from '../faults/support';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

/**
 * Text that reads differently from what it holds: bidirectional overrides and isolates, NEL, line and paragraph
 * separators and C1 controls are refused in single-line fields; multi-line fields keep their newlines (and Arabic or
 * Hebrew letters) but not the invisible controls. Source URLs must not carry credentials, and any that an older
 * record still holds are never printed or handed out.
 */

const CREATE =
  'mutation($input: EventCreateInput!) { createEvent(input: $input) { id title summary sources { url } quotes { text } } }';
const UPSERT_FRONT = 'mutation ($input: FrontUpsertInput!) { upsertFront(input: $input) { slug name } }';
const ADD_CONTEXT =
  'mutation ($text: String!) { addFrontContext(front: "gaza", text: $text, validFrom: "2025-11-15") { id } }';
const SET_STATUS =
  'mutation ($text: String!) { setFrontStatus(front: "gaza", kind: TENSION, text: $text, since: "2026-01-01") { id } }';
const OPEN_ISSUE =
  'mutation ($text: String!) { openFrontIssue(front: "gaza", text: $text, opened: "2025-11-15") { id } }';
const SET_STATUS_BECAUSE =
  'mutation ($reason: String!) { setFrontStatus(front: "gaza", kind: TENSION, text: "x", since: "2026-01-01", reason: $reason) { id } }';
const RECORD_ASSESSMENT = 'mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }';
const UPDATE_BECAUSE =
  'mutation ($id: ID!, $reason: String!) { updateEvent(id: $id, input: { title: "x" }, reason: $reason) { id } }';
const assessment = (overrides: Record<string, unknown>): Record<string, unknown> => ({
  date: '2025-11-15',
  confidence: 'LIKELY',
  text: 'The crossing reopens this week.',
  fronts: ['gaza'],
  ...overrides,
});
const UPSERT_ACTOR = 'mutation ($input: ActorUpsertInput!) { upsertActor(input: $input) { slug name } }';
const FRONT = {
  slug: 'red-sea',
  name: 'Red Sea',
  briefingOrder: 7,
};

const SINGLE_LINE_REFUSED: Record<string, string> = {
  'right-to-left override U+202E': 'Ceasefire \u202Eesaeler\u202C holds',
  'left-to-right embedding U+202A': 'a\u202Ab',
  'pop directional formatting U+202C': 'a\u202Cb',
  'first strong isolate U+2068': 'a\u2068b\u2069',
  'right-to-left isolate U+2067': '\u2067b',
  'pop directional isolate U+2069': 'a\u2069',
  'next line U+0085': 'Line\u0085break',
  'line separator U+2028': 'Line\u2028break',
  'paragraph separator U+2029': 'Line\u2029break',
  'C1 control U+009B (CSI)': 'Red \u009B31m text',
  'C1 control U+0080': 'a\u0080b',
  'carriage return': 'a\rb',
};

const MULTI_LINE_REFUSED: Record<string, string> = {
  'right-to-left override U+202E': 'First line.\nSecond \u202Eline\u202C.',
  'left-to-right isolate U+2066': 'a\u2066b\u2069',
  'next line U+0085': 'a\u0085b',
  'C1 control U+009B': 'a\u009Bb',
};

describeEachDatabase('untrusted text and URLs in inputs', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  }, 120_000);
  afterAll(() => server?.stop());

  const refused = async (
    query: string,
    variables: Record<string, unknown>,
    field: string,
    what: string,
  ): Promise<void> => {
    const res = await server.gql(query, variables, server.editorKey);
    expect({ what, code: res.errors?.[0]?.extensions?.code, field: res.errors?.[0]?.extensions?.field }).toEqual({
      what,
      code: 'BAD_USER_INPUT',
      field,
    });
  };

  it('refuses bidi controls, NEL, U+2028/U+2029 and C1 controls in every single-line field, naming it', async () => {
    const eventId = (
      await server.gql<{ createEvent: { id: string } }>(CREATE, { input: eventInput({}) }, server.editorKey)
    ).data!.createEvent.id;
    const before = await dumpTables(server.services.db);
    for (const [what, value] of Object.entries(SINGLE_LINE_REFUSED)) {
      await refused(CREATE, { input: eventInput({ title: value }) }, 'input.title', `title: ${what}`);
      await refused(
        CREATE,
        { input: eventInput({ sources: [{ publisher: value, title: 'A report' }] }) },
        'input.sources[0].publisher',
        `publisher: ${what}`,
      );
      await refused(
        CREATE,
        { input: eventInput({ sources: [{ publisher: 'Wire', title: value }] }) },
        'input.sources[0].title',
        `source title: ${what}`,
      );
      await refused(CREATE, { input: eventInput({ externalId: value }) }, 'input.externalId', `externalId: ${what}`);
      await refused(UPSERT_FRONT, { input: { ...FRONT, name: value } }, 'input.name', `front name: ${what}`);
      await refused(UPSERT_FRONT, { input: { ...FRONT, slug: value } }, 'input.slug', `front slug: ${what}`);
      await refused(SET_STATUS, { text: value }, 'text', `front status: ${what}`);
      await refused(OPEN_ISSUE, { text: value }, 'text', `front issue: ${what}`);
      await refused(SET_STATUS_BECAUSE, { reason: value }, 'reason', `front record reason: ${what}`);
      await refused(CREATE, { input: eventInput({ dateNote: value }) }, 'input.dateNote', `date note: ${what}`);
      await refused(UPDATE_BECAUSE, { id: eventId, reason: value }, 'reason', `event reason: ${what}`);
      await refused(
        RECORD_ASSESSMENT,
        { input: assessment({ sources: [{ publisher: value, title: 'A report' }] }) },
        'input.sources[0].publisher',
        `assessment source publisher: ${what}`,
      );
      await refused(
        UPSERT_ACTOR,
        { input: { slug: 'new-actor', name: value, kind: 'OTHER' } },
        'input.name',
        `actor name: ${what}`,
      );
    }
    expect(await dumpTables(server.services.db)).toBe(before);
  });

  it('refuses bidi overrides and isolates, and C1 controls, in multi-line text', async () => {
    const before = await dumpTables(server.services.db);
    for (const [what, value] of Object.entries(MULTI_LINE_REFUSED)) {
      await refused(CREATE, { input: eventInput({ summary: value }) }, 'input.summary', `summary: ${what}`);
      await refused(
        CREATE,
        { input: eventInput({ quotes: [{ text: value, actor: 'hamas', source: 0 }] }) },
        'input.quotes[0].text',
        `quote: ${what}`,
      );
      await refused(ADD_CONTEXT, { text: value }, 'text', `front context: ${what}`);
      await refused(RECORD_ASSESSMENT, { input: assessment({ text: value }) }, 'input.text', `assessment: ${what}`);
    }
    expect(await dumpTables(server.services.db)).toBe(before);
  });

  it('names the character it refused', async () => {
    const res = await server.gql(CREATE, { input: eventInput({ title: 'a\u202Eb' }) }, server.editorKey);
    expect(res.errors?.[0]?.message).toMatch(/^input\.title: .*U\+202E/);
  });

  it('keeps newlines and right-to-left letters in multi-line text, and RTL letters in titles', async () => {
    const arabic = 'قال المتحدث:\nلن نتراجع.';
    const hebrew = 'אמר הדובר:\r\nלא נוותר.';
    const res = await server.gql<{ createEvent: { title: string; summary: string; quotes: { text: string }[] } }>(
      CREATE,
      {
        input: eventInput({
          title: 'بيان — הצהרה',
          summary: 'First paragraph.\n\nSecond\u2028line.',
          quotes: [
            { text: arabic, actor: 'hamas', source: 0 },
            { text: hebrew, actor: 'hamas', source: 0 },
          ],
        }),
      },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEvent.title).toBe('بيان — הצהרה');
    expect(res.data!.createEvent.summary).toBe('First paragraph.\n\nSecond\u2028line.');
    expect(res.data!.createEvent.quotes.map((q) => q.text)).toEqual([arabic, hebrew]);
  });

  it('refuses source URLs with a user name or password', async () => {
    const before = await dumpTables(server.services.db);
    for (const url of [
      'https://user:pass@example.org/report',
      'https://user@example.org/',
      'http://:secret@example.org/',
      'HTTPS://a%40b:c@example.org/x',
    ]) {
      await refused(
        CREATE,
        { input: eventInput({ sources: [{ publisher: 'Wire', title: 'A report', url }] }) },
        'input.sources[0].url',
        url,
      );
    }
    expect(await dumpTables(server.services.db)).toBe(before);
  });

  it('never prints or hands out the credentials of a URL stored before they were refused', async () => {
    const created = await server.gql<{ createEvent: { id: string } }>(
      CREATE,
      {
        input: eventInput({
          date: '2025-11-17',
          title: 'Credentials event',
          sources: [{ publisher: 'Old Wire', title: 'Old report', url: 'https://example.org/old-report' }],
        }),
      },
      server.editorKey,
    );
    expect(created.errors).toBeUndefined();
    // As an older version stored it, before the check existed.
    await server.services.db.dataSource.manager.query(
      `UPDATE sources SET url = ${kind === 'postgres' ? '$1' : '?'} WHERE url = 'https://example.org/old-report'`,
      ['https://editor:hunter2@example.org/old-report'],
    );
    const event = await server.gql<{ event: { sources: { url: string }[] } }>(
      'query($id: ID!) { event(id: $id) { sources { url } } }',
      { id: created.data!.createEvent.id },
    );
    expect(event.data!.event.sources).toEqual([{ url: 'https://example.org/old-report' }]);
    for (const format of ['HTML', 'MARKDOWN', 'TEXT']) {
      const res = await server.gql<{ briefing: { sources: { url: string }[]; render: { body: string } } }>(
        `query { briefing(date: "2025-11-17", fronts: ["gaza"]) { sources { url } render(format: ${format}) { body } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.briefing.sources.map((s) => s.url)).toContain('https://example.org/old-report');
      expect(res.data!.briefing.render.body).not.toMatch(/hunter2|editor:|editor@/);
      expect(res.data!.briefing.render.body).toContain('https://example.org/old-report');
    }
    const download = await fetch(`${server.url}/briefings/2025-11-17.txt?fronts=gaza`);
    expect(await download.text()).not.toMatch(/hunter2/);
  });
});
