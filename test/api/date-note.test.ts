import { simpleParser } from 'mailparser';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';
import { eventInput } from './fixtures';

const EVENTS = `{ events(first: 100) { edges { node { title summary dateNote } } } }`;
const RENDER = `query ($format: BriefingFormat!) {
  briefing(date: "2025-11-15", fronts: ["iran"]) {
    sections { recent { title approximateDate dateNote } }
    render(format: $format) { body }
  }
}`;

describeEachDatabase('approximate dates', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  it('keeps the seed data’s notes about dating as data, out of the summaries', async () => {
    const res = await server.gql<{
      events: { edges: { node: { title: string; summary: string; dateNote: string | null } }[] };
    }>(EVENTS);
    const events = res.data!.events.edges.map((e) => e.node);
    expect(events.filter((e) => e.dateNote !== null)).toHaveLength(5);
    for (const e of events) expect(e.summary).not.toMatch(/the article gives|approximation|general knowledge/i);
    expect(events.find((e) => e.title === 'Israel bombs Iranian nuclear installations')!.dateNote).toBe(
      'The article gives no date; the year is placed from general knowledge of the strikes.',
    );
  });

  it.each(['HTML', 'MARKDOWN', 'TEXT', 'EMAIL'])(
    'marks the event "approximate date" in %s, without the note as prose',
    async (format) => {
      const res = await server.gql<{
        briefing: {
          sections: { recent: { title: string; approximateDate: boolean; dateNote: string | null }[] }[];
          render: { body: string };
        };
      }>(RENDER, { format });
      expect(res.errors).toBeUndefined();
      expect(res.data!.briefing.sections[0].recent).toContainEqual({
        title: 'Israel bombs Iranian nuclear installations',
        approximateDate: true,
        dateNote: 'The article gives no date; the year is placed from general knowledge of the strikes.',
      });
      let body = res.data!.briefing.render.body;
      if (format === 'EMAIL') {
        const mail = await simpleParser(body);
        body = `${String(mail.html)}\n${mail.text ?? ''}`;
      }
      const flat = body.replace(/\s+/g, ' ');
      const title = flat.indexOf('Israel bombs Iranian nuclear installations');
      expect(title).toBeGreaterThan(0);
      expect(flat.indexOf('approximate date', title) - title).toBeLessThan(300);
      expect(flat).not.toContain('general knowledge');
    },
  );

  it('refuses a note that is too long or spans lines, naming input.dateNote, storing nothing', async () => {
    for (const dateNote of ['x'.repeat(301), 'two\nlines']) {
      const res = await server.gql(
        'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }',
        { input: eventInput({ title: 'Date note test', dateNote }) },
        server.editorKey,
      );
      expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dateNote' });
    }
    const count = await server.gql<{ events: { totalCount: number } }>(
      '{ events(filter: { text: "Date note test" }) { totalCount } }',
    );
    expect(count.data!.events.totalCount).toBe(0);
  });
});
