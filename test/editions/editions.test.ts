import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { simpleParser } from 'mailparser';
import { eventInput } from '../api/fixtures';
import { pdfText } from '../pdf/pdf-read';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const PUBLISH = `mutation ($date: Date!, $fronts: [String!], $timezone: String, $cutoff: DateTime) {
  publishEdition(date: $date, fronts: $fronts, timezone: $timezone, cutoff: $cutoff) {
    id number date fronts timezone cutoff publishedAt publishedBy dataRevision
    formats { format sha256 bytes contentType downloadUrl }
  }
}`;
const EDITION = `query ($id: ID!) {
  edition(id: $id) {
    id number
    briefing { id generatedAt sections { today { eventId title } alsoReported { eventId title } } }
    html: render(format: HTML) { body sha256 filename }
    md: render(format: MARKDOWN) { body sha256 }
    txt: render(format: TEXT) { body sha256 }
    eml: render(format: EMAIL) { body sha256 }
  }
}`;
const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!, $reason: String) {
  updateEvent(id: $id, input: $input, reason: $reason) { id }
}`;
const DELETE = 'mutation ($id: ID!, $reason: String) { deleteEvent(id: $id, reason: $reason) }';
const LIVE_HTML = '{ briefing(date: "2025-11-15", fronts: ["gaza"]) { render(format: HTML) { body } } }';

interface Published {
  id: string;
  number: number;
  date: string;
  fronts: string[] | null;
  timezone: string;
  cutoff: string;
  publishedAt: string;
  publishedBy: string | null;
  dataRevision: number;
  formats: { format: string; sha256: string; bytes: number; contentType: string; downloadUrl: string }[];
}

interface Read {
  id: string;
  number: number;
  briefing: {
    id: string;
    generatedAt: string;
    sections: { today: { eventId: string; title: string }[]; alsoReported: { eventId: string; title: string }[] }[];
  };
  html: { body: string; sha256: string; filename: string };
  md: { body: string; sha256: string };
  txt: { body: string; sha256: string };
  eml: { body: string; sha256: string };
}

const sha = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
const hashes = (e: Published): Record<string, string> => Object.fromEntries(e.formats.map((f) => [f.format, f.sha256]));

describeEachDatabase('editions', (kind) => {
  let server: TestServer;
  let templates: string;
  beforeAll(async () => {
    templates = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-edition-templates-'));
    fs.cpSync(path.join(__dirname, '..', '..', 'templates'), templates, { recursive: true });
    server = await startTestServer(kind, {
      SITREP_TEMPLATES_DIR: templates,
      SITREP_CORS_ORIGINS: 'http://localhost:5173',
    });
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(templates, { recursive: true, force: true });
  });

  const editor = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await server.gql<T>(query, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const publish = async (variables: Record<string, unknown> = {}): Promise<Published> =>
    (await editor<{ publishEdition: Published }>(PUBLISH, { date: '2025-11-15', fronts: ['gaza'], ...variables }))
      .publishEdition;
  const read = async (id: string): Promise<Read> => (await editor<{ edition: Read }>(EDITION, { id })).edition;
  const download = async (
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ res: Response; bytes: Buffer }> => {
    const res = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url), { headers, redirect: 'manual' });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const titles = (r: Read): string[] =>
    r.briefing.sections.flatMap((s) => [...s.today, ...s.alsoReported].map((e) => e.title));

  let first: Published;
  let firstRead: Read;
  let correctedId: string;
  let retractedId: string;
  let secondId: string;

  it('publishes edition 1 with every format hashed, and reads the same bytes over GraphQL and HTTP', async () => {
    correctedId = (
      await editor<{ createEvent: { id: string } }>(CREATE, {
        input: eventInput({ date: '2025-11-15', title: 'Shelling reported near Khan Younis', significance: 4 }),
      })
    ).createEvent.id;
    retractedId = (
      await editor<{ createEvent: { id: string } }>(CREATE, {
        input: eventInput({ date: '2025-11-15', title: 'Aid convoy said to be turned back', significance: 3 }),
      })
    ).createEvent.id;
    first = await publish();
    expect(first).toMatchObject({ number: 1, date: '2025-11-15', fronts: ['gaza'], timezone: 'UTC' });
    expect(first.publishedBy).toBe('test editor');
    expect(first.formats.map((f) => f.format)).toEqual(['HTML', 'MARKDOWN', 'TEXT', 'EMAIL']);

    firstRead = await read(first.id);
    expect(titles(firstRead)).toEqual(
      expect.arrayContaining(['Shelling reported near Khan Younis', 'Aid convoy said to be turned back']),
    );
    expect(firstRead.html.sha256).toBe(sha(firstRead.html.body));
    expect(firstRead.html.sha256).toBe(hashes(first).HTML);
    expect(firstRead.html.filename).toBe('sitrep-briefing-2025-11-15-gaza-edition-1.html');
    for (const format of first.formats) {
      const { res, bytes } = await download(format.downloadUrl);
      expect(res.status).toBe(200);
      expect(sha(bytes)).toBe(format.sha256);
      expect(bytes.length).toBe(format.bytes);
    }
    const mail = await simpleParser(firstRead.eml.body);
    expect(mail.text).toContain('Shelling reported near Khan Younis');
  });

  it('keeps the bytes after an update, a delete and a template change, while the live briefing changes', async () => {
    await editor(UPDATE, {
      id: correctedId,
      input: { title: 'Shelling reported near Rafah' },
      reason: 'correction: it was Rafah, not Khan Younis',
    });
    await editor(DELETE, { id: retractedId, reason: 'retraction: the convoy was not turned back' });
    const page = path.join(templates, 'html', 'briefing.hbs');
    fs.writeFileSync(page, `${fs.readFileSync(page, 'utf8')}\n<!-- template changed after publication -->\n`);
    // Template mtimes are compared, not contents: make sure the change is seen even on a coarse clock.
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(page, later, later);

    const live = await server.gql<{ briefing: { render: { body: string } } }>(LIVE_HTML);
    expect(live.data!.briefing.render.body).toContain('template changed after publication');
    expect(live.data!.briefing.render.body).toContain('Shelling reported near Rafah');

    const again = await read(first.id);
    expect(again).toEqual(firstRead);
    expect(again.html.body).not.toContain('template changed after publication');
    expect(titles(again)).toContain('Shelling reported near Khan Younis');
    for (const format of first.formats) expect(sha((await download(format.downloadUrl)).bytes)).toBe(format.sha256);
  });

  it('numbers the next edition 2 with other bytes, and a republish with no change 3 with the same bytes', async () => {
    const second = await publish();
    expect(second.number).toBe(2);
    for (const format of ['HTML', 'MARKDOWN', 'TEXT', 'EMAIL'])
      expect(hashes(second)[format]).not.toBe(hashes(first)[format]);
    const secondRead = await read(second.id);
    expect(titles(secondRead)).toContain('Shelling reported near Rafah');
    expect(titles(secondRead)).not.toContain('Aid convoy said to be turned back');
    expect(secondRead.html.body).toContain('template changed after publication');

    const third = await publish();
    expect(third.number).toBe(3);
    expect(hashes(third)).toEqual(hashes(second));
    secondId = second.id;
  });

  it('carries a Corrections block with what changed and why in edition 2, in every format', async () => {
    const res = await editor<{ edition: { briefing: { corrections: unknown[] } } & Read }>(
      `query ($id: ID!) { edition(id: $id) {
        briefing { corrections { eventId retracted edition title changes { field oldValue newValue } reason } }
        html: render(format: HTML) { body } md: render(format: MARKDOWN) { body }
        txt: render(format: TEXT) { body } eml: render(format: EMAIL) { body }
      } }`,
      { id: secondId },
    );
    expect(res.edition.briefing.corrections).toEqual([
      {
        eventId: correctedId,
        retracted: false,
        edition: 1,
        title: 'Shelling reported near Khan Younis',
        changes: [
          { field: 'title', oldValue: 'Shelling reported near Khan Younis', newValue: 'Shelling reported near Rafah' },
        ],
        reason: 'correction: it was Rafah, not Khan Younis',
      },
      {
        eventId: retractedId,
        retracted: true,
        edition: 1,
        title: 'Aid convoy said to be turned back',
        changes: [],
        reason: 'retraction: the convoy was not turned back',
      },
    ]);
    const flat = (text: string): string => text.replace(/\s+/g, ' ');
    const mail = await simpleParser(res.edition.eml.body);
    const documents: Record<string, string> = {
      html: res.edition.html.body,
      md: res.edition.md.body,
      txt: res.edition.txt.body,
      'email text': mail.text ?? '',
      'email html': typeof mail.html === 'string' ? mail.html : '',
    };
    if (kind === 'sqlite') {
      const pdf = await download(`${server.url}/editions/${secondId}.pdf`);
      documents.pdf = pdfText(pdf.bytes);
    }
    for (const [name, body] of Object.entries(documents)) {
      const text = flat(body);
      expect({ name, corrections: /Corrections|CORRECTIONS/.test(text) }).toEqual({ name, corrections: true });
      for (const words of [
        'correction: it was Rafah, not Khan Younis',
        'retraction: the convoy was not turned back',
        'Shelling reported near Rafah',
        'Retracted',
      ])
        expect({ name, found: text.includes(words) }).toEqual({ name, found: true });
    }
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(
      res.edition.html.body,
    );
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    // Edition 1 had nothing to correct.
    expect(firstRead.md.body).not.toContain('Corrections');
  });

  it('lists field-level changes between two editions, and since an edition', async () => {
    const diff = await editor<{
      editionDiff: {
        from: { number: number };
        to: { number: number };
        changes: {
          added: { eventId: string }[];
          corrected: {
            eventId: string;
            reason: string | null;
            changes: { field: string; oldValue: string; newValue: string }[];
          }[];
          retracted: { eventId: string; title: string; reason: string | null }[];
        };
      };
    }>(
      `query ($from: ID!, $to: ID!) { editionDiff(from: $from, to: $to) {
        from { number } to { number }
        changes { added { eventId } corrected { eventId reason changes { field oldValue newValue } } retracted { eventId title reason } }
      } }`,
      { from: first.id, to: secondId },
    );
    expect(diff.editionDiff.from.number).toBe(1);
    expect(diff.editionDiff.to.number).toBe(2);
    expect(diff.editionDiff.changes.added).toEqual([]);
    expect(diff.editionDiff.changes.corrected).toEqual([
      {
        eventId: correctedId,
        reason: 'correction: it was Rafah, not Khan Younis',
        changes: [
          { field: 'title', oldValue: 'Shelling reported near Khan Younis', newValue: 'Shelling reported near Rafah' },
        ],
      },
    ]);
    expect(diff.editionDiff.changes.retracted).toEqual([
      {
        eventId: retractedId,
        title: 'Aid convoy said to be turned back',
        reason: 'retraction: the convoy was not turned back',
      },
    ]);
    const swapped = await server.gql(
      'query ($from: ID!, $to: ID!) { editionDiff(from: $from, to: $to) { from { id } } }',
      { from: secondId, to: first.id },
      server.editorKey,
    );
    expect(firstError(swapped)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });

    const late = (
      await editor<{ createEvent: { id: string } }>(CREATE, {
        input: eventInput({ date: '2025-11-14', title: 'Late report from Deir al-Balah', significance: 4 }),
      })
    ).createEvent.id;
    await editor(CREATE, { input: eventInput({ date: '2025-11-14', title: 'Elsewhere', fronts: ['iran'] }) });
    await editor(UPDATE, { id: correctedId, input: { significance: 5, summary: 'Heavier than first reported.' } });
    const since = await editor<{
      edition: {
        changesSince: {
          added: { eventId: string; title: string }[];
          corrected: { eventId: string; changes: { field: string; oldValue: string; newValue: string }[] }[];
        };
      };
    }>(
      `query ($id: ID!) { edition(id: $id) { changesSince {
        added { eventId title } corrected { eventId changes { field oldValue newValue } }
      } } }`,
      { id: secondId },
    );
    expect(since.edition.changesSince.added).toEqual([{ eventId: late, title: 'Late report from Deir al-Balah' }]);
    expect(since.edition.changesSince.corrected).toEqual([
      {
        eventId: correctedId,
        changes: [
          { field: 'summary', oldValue: 'Something happened.', newValue: 'Heavier than first reported.' },
          { field: 'significance', oldValue: '4', newValue: '5' },
        ],
      },
    ]);

    // Another selection is a numbering of its own.
    const allFronts = await publish({ fronts: null });
    expect(allFronts.number).toBe(1);
    expect(allFronts.fronts).toBeNull();
  });

  it('publishes as of a past cutoff: the briefing as known then', async () => {
    const asOfFirst = await publish({ cutoff: first.publishedAt });
    expect(asOfFirst.cutoff).toBe(first.publishedAt);
    // The data as known at the first edition's cutoff is what the first edition showed: the Markdown template did
    // not change since, so neither did its bytes.
    expect(hashes(asOfFirst).MARKDOWN).toBe(hashes(first).MARKDOWN);
    const body = (await read(asOfFirst.id)).md.body;
    expect(body).toContain('Shelling reported near Khan Younis');
    expect(body).not.toContain('Shelling reported near Rafah');
  });

  it('serves /editions/{id}.{ext} immutable with a strong ETag, a 304, CORS, and PDFs printed once', async () => {
    const html = first.formats.find((f) => f.format === 'HTML')!;
    const { res } = await download(html.downloadUrl, { origin: 'http://localhost:5173' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${html.sha256}"`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    const notModified = await download(html.downloadUrl, { 'if-none-match': `"${html.sha256}"` });
    expect(notModified.res.status).toBe(304);
    expect(notModified.bytes.length).toBe(0);

    const unknown = await download(`${server.url}/editions/00000000-0000-4000-8000-000000000000.html`);
    expect(unknown.res.status).toBe(404);
    expect(unknown.bytes.toString()).toMatch(/Edition .* not found/);
    expect((await download(`${server.url}/editions/${first.id}.docx`)).res.status).toBe(400);

    if (kind === 'sqlite') {
      const pdfUrl = `${server.url}/editions/${first.id}.pdf`;
      const pdf = await download(pdfUrl);
      expect(pdf.res.status).toBe(200);
      expect(pdf.res.headers.get('etag')).toBe(`"${sha(pdf.bytes)}"`);
      expect(pdfText(pdf.bytes)).toContain('Shelling reported near Khan Younis');
      expect(sha((await download(pdfUrl)).bytes)).toBe(sha(pdf.bytes));
      const listed = await editor<{ edition: { formats: { format: string; sha256: string }[] } }>(
        'query ($id: ID!) { edition(id: $id) { formats { format sha256 } } }',
        { id: first.id },
      );
      expect(listed.edition.formats).toContainEqual({ format: 'PDF', sha256: sha(pdf.bytes) });
    }
  });

  it('redirects /editions/latest/{date}.{ext} to the newest edition, and answers 404 before any', async () => {
    const newest = (
      await editor<{ editions: { edges: { node: { id: string; number: number; fronts: string[] | null } }[] } }>(
        'query { editions(date: "2025-11-15", first: 10) { edges { node { id number fronts } } } }',
        {},
      )
    ).editions.edges.find((e) => e.node.fronts?.join(',') === 'gaza')!.node;
    const { res } = await download(`${server.url}/editions/latest/2025-11-15.md?fronts=gaza`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/editions/${newest.id}.md`);
    const none = await download(`${server.url}/editions/latest/2025-11-14.html`);
    expect(none.res.status).toBe(404);
    expect(none.bytes.toString()).toMatch(/edition of 2025-11-14/);
  });

  it('lists editions newest first a page at a time, and finds one with node(id:)', async () => {
    const page = await editor<{
      editions: {
        totalCount: number;
        edges: { cursor: string; node: { number: number } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      'query { editions(date: "2025-11-15", first: 2) { totalCount edges { cursor node { number } } pageInfo { hasNextPage endCursor } } }',
      {},
    );
    expect(page.editions.totalCount).toBe(5);
    expect(page.editions.edges).toHaveLength(2);
    expect(page.editions.pageInfo.hasNextPage).toBe(true);
    const next = await editor<{ editions: { edges: { node: { number: number } }[] } }>(
      'query ($after: String) { editions(date: "2025-11-15", first: 10, after: $after) { edges { node { number } } } }',
      { after: page.editions.pageInfo.endCursor },
    );
    expect(next.editions.edges).toHaveLength(3);
    const node = await server.gql<{ node: { __typename: string; number: number } }>(
      'query ($id: ID!) { node(id: $id) { __typename ... on Edition { number } } }',
      { id: first.id },
    );
    expect(node.data!.node).toEqual({ __typename: 'Edition', number: 1 });
  });

  it('refuses a future cutoff, a cutoff before any data, an unknown id, and readers', async () => {
    const future = await server.gql(
      PUBLISH,
      { date: '2025-11-15', cutoff: new Date(Date.now() + 3_600_000).toISOString() },
      server.editorKey,
    );
    expect(firstError(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cutoff' });
    const early = await server.gql(PUBLISH, { date: '2025-11-15', cutoff: '2001-01-01T00:00:00Z' }, server.editorKey);
    expect(firstError(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cutoff' });
    const unknown = await server.gql(EDITION, { id: '00000000-0000-4000-8000-000000000000' });
    expect(firstError(unknown)).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const reader = await server.gql(PUBLISH, { date: '2025-11-15' }, server.readerKey);
    expect(firstError(reader).code).toBe('FORBIDDEN');
    // Old values are for editors, as revisions are; readers see corrections in the next edition.
    const diff = await server.gql(
      'query ($id: ID!) { editionDiff(from: $id, to: $id) { from { id } } }',
      { id: first.id },
      server.readerKey,
    );
    expect(firstError(diff).code).toBe('FORBIDDEN');
    const since = await server.gql('query ($id: ID!) { edition(id: $id) { id changesSince { upTo } } }', {
      id: first.id,
    });
    expect(firstError(since).code).toBe('UNAUTHENTICATED');
    const count = await server.gql<{ editions: { totalCount: number } }>('{ editions { totalCount } }');
    expect(count.data!.editions.totalCount).toBe(5);
  });
});
