import type { Briefing } from '../../src/briefings/briefing';
import { BriefingService } from '../../src/briefings/briefing-service';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const PERSON = 'slug name type role';

/** A briefing as the API answers it: the events' own ids as `eventId` (`id` is unique to the briefing). */
type ApiEvent = Briefing['sections'][number]['today'][number] & { eventId: string };
type ApiSection = Omit<Briefing['sections'][number], 'today' | 'recent' | 'background'> & {
  today: ApiEvent[];
  recent: ApiEvent[];
  background: ApiEvent[];
};
type ApiBriefing = Omit<Briefing, 'sections'> & { sections: ApiSection[] };
const EVENT = `id eventId title summary kind kindLabel significance date datePrecision dateText occurredAt localTime frontSlugs
  leaders { ${PERSON} } actors { ${PERSON} } sourceNumbers quotes { text sourceNumbers eventId speaker { ${PERSON} } }`;
const BRIEFING = `query Briefing($date: Date!, $fronts: [String!], $timezone: String) {
  briefing(date: $date, fronts: $fronts, timezone: $timezone) {
    date timezone title generatedAt
    keyTakeaways { text eventId significance sectionAnchor frontName sourceNumbers }
    sections {
      anchor statusLine statusDay hasNews
      front {
        slug name statusKind status statusSince statusSourceNumbers background openIssues
        backgroundNotes { text sourceNumbers } backgroundSourceNumbers openIssueItems { text sourceNumbers }
      }
      today { ${EVENT} } recent { ${EVENT} } alsoReported { ${EVENT} } background { ${EVENT} }
      alsoOnThisFront { eventId title dateText sectionAnchor frontName } backgroundOmitted backgroundOmittedText
      leaders { ${PERSON} } actors { ${PERSON} }
      quotes { text sourceNumbers eventId speaker { ${PERSON} } }
    }
    sources { number publisher title url publishedOn }
  }
}`;
const RENDER = `query Render($date: Date!, $format: BriefingFormat!, $template: String, $fronts: [String!]) {
  briefing(date: $date, fronts: $fronts) { render(format: $format, template: $template) { format contentType filename body template } }
}`;
const UPDATE = 'mutation ($id: ID!, $input: EventUpdateInput!) { updateEvent(id: $id, input: $input) { id title } }';
const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteEvent(id: $id) }';
const CHANGES = `query ($date: Date!, $fronts: [String!], $since: DateTime!) {
  briefing(date: $date, fronts: $fronts) { changesSince(since: $since) { eventId action changedAt title } }
}`;

const minimalEvent = (overrides: Record<string, unknown>): Record<string, unknown> => ({
  date: '2025-11-14',
  title: 'Test event',
  summary: 'Something happened.',
  kind: 'STATEMENT',
  significance: 2,
  fronts: ['gaza'],
  sources: [
    { publisher: 'Test Wire', title: 'A report', url: 'https://example.org/report', publishedOn: '2025-11-14' },
  ],
  ...overrides,
});

/** Every number cited anywhere in the briefing. */
function citedNumbers(b: Briefing): number[] {
  const cited = new Set<number>();
  b.keyTakeaways.forEach((t) => t.sourceNumbers.forEach((n) => cited.add(n)));
  for (const s of b.sections) {
    for (const e of [...s.today, ...s.recent, ...s.background]) e.sourceNumbers.forEach((n) => cited.add(n));
    s.quotes.forEach((q) => q.sourceNumbers.forEach((n) => cited.add(n)));
    s.front.statusSourceNumbers.forEach((n) => cited.add(n));
    s.front.openIssueItems.forEach((i) => i.sourceNumbers.forEach((n) => cited.add(n)));
    s.front.backgroundNotes.forEach((note) => note.sourceNumbers.forEach((n) => cited.add(n)));
  }
  return [...cited].sort((a, c) => a - c);
}

describeEachDatabase('briefings', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const briefing = async (variables: Record<string, unknown>): Promise<ApiBriefing> => {
    const res = await server.gql<{ briefing: ApiBriefing }>(BRIEFING, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.briefing;
  };
  const download = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}${path}`, { headers });

  describe('the briefing of 15 November 2025 from the seed data', () => {
    let b: ApiBriefing;
    beforeAll(async () => {
      b = await briefing({ date: '2025-11-15' });
    });

    it('has a section per front, in briefing order, each with its front', () => {
      expect(b).toMatchObject({ date: '2025-11-15', timezone: 'UTC', title: 'Daily briefing — 15 November 2025' });
      expect(b.sections.map((s) => s.front.slug)).toEqual(['gaza', 'iran', 'syria', 'lebanon', 'yemen']);
      expect(b.sections.map((s) => s.anchor)).toEqual([
        'front-gaza',
        'front-iran',
        'front-syria',
        'front-lebanon',
        'front-yemen',
      ]);
    });

    it('gives Gaza its ceasefire day count and Syria its month-precision status', () => {
      const [gaza, , syria] = b.sections;
      expect(gaza).toMatchObject({
        statusLine: 'Ceasefire in force since 10 October 2025 — day 37',
        statusDay: 37,
        hasNews: true,
      });
      expect(gaza.front.openIssues).toContain('Demilitarisation of Hamas');
      expect(syria.statusLine).toMatch(/ since December 2024$/);
      expect(syria.statusDay).toBeNull();
      expect(syria.background.find((e) => e.datePrecision === 'MONTH')).toMatchObject({
        date: '2024-12',
        dateText: 'in December 2024, day not reported',
      });
    });

    it("tells the Putin–Netanyahu call once, under Gaza, pointing to it from Iran and Syria, with the Kremlin's quotes", () => {
      const [gaza, iran, syria] = b.sections;
      expect(gaza.today.map((e) => e.title)).toEqual([
        'Putin and Netanyahu discuss Gaza ceasefire, Iran and Syria in phone call',
      ]);
      expect(gaza.leaders.map((l) => l.slug)).toEqual(expect.arrayContaining(['putin', 'netanyahu']));
      for (const s of [iran, syria]) {
        expect(s.today).toEqual([]);
        expect(s.hasNews).toBe(true);
        expect(s.alsoOnThisFront).toEqual([
          {
            eventId: gaza.today[0].eventId,
            title: 'Putin and Netanyahu discuss Gaza ceasefire, Iran and Syria in phone call',
            dateText: 'on 15 November 2025',
            sectionAnchor: 'front-gaza',
            frontName: 'Gaza',
          },
        ]);
      }
      expect(syria.quotes).toEqual([]);
      const gazaQuotes = b.sections[0].quotes;
      expect(gazaQuotes[0]).toMatchObject({ speaker: { slug: 'kremlin-press-service', type: 'ACTOR' } });
      expect(gazaQuotes[0].text).toContain('deployments in the Gaza Strip');
      expect(b.sections[1].quotes.map((q) => q.text)).toEqual([
        'the situation surrounding the Iranian nuclear program and issues related to promoting greater stabilization in Syria',
      ]);
      expect(b.sections[1].quotes[0].speaker.name).toBe('Kremlin press service');
    });

    it("gives the day's call as the key takeaway, pointing to the Gaza section", () => {
      expect(b.keyTakeaways).toHaveLength(1);
      expect(b.keyTakeaways[0]).toMatchObject({
        eventId: b.sections[0].today[0].eventId,
        sectionAnchor: 'front-gaza',
        frontName: 'Gaza',
      });
    });

    it('shows the year events the article of that day made known, as such, and nothing of the day for them', () => {
      const [, iran, , lebanon, yemen] = b.sections;
      expect(lebanon.today).toEqual([]);
      expect(lebanon.recent.map((e) => e.dateText)).toEqual(['in 2025, day not reported']);
      expect(lebanon.background.map((e) => e.dateText)).toEqual(['in 2024, day not reported']);
      expect(iran.recent.map((e) => [e.title, e.dateText])).toEqual([
        ['Israel bombs Iranian nuclear installations', 'in 2025, day not reported'],
      ]);
      expect(yemen).toMatchObject({ hasNews: true, today: [], background: [], front: { slug: 'yemen' } });
      expect(yemen.recent.map((e) => e.dateText)).toEqual(['in 2025, day not reported']);
      expect(yemen.front.background).toContain('Houthis');
    });

    it('counts the older events it leaves out', () => {
      // Putin's call of 6 October 2025 (significance 2) is older than the week and not significant enough.
      expect(b.sections[0]).toMatchObject({ backgroundOmitted: 1, backgroundOmittedText: '1 earlier event not shown' });
      // Syria: Israel's positions in the south since December 2024 (significance 3).
      expect(b.sections[2]).toMatchObject({ backgroundOmitted: 1 });
      expect(b.sections[3]).toMatchObject({ backgroundOmitted: 0, backgroundOmittedText: null });
    });

    it('knows nothing of October in the briefing of 1 June 2025', async () => {
      const june = await briefing({ date: '2025-06-01' });
      const titles = june.sections.flatMap((s) => [...s.today, ...s.recent, ...s.alsoReported, ...s.background]);
      expect(titles.map((e) => e.date).every((d) => d <= '2025-06-01')).toBe(true);
      expect(titles.map((e) => e.title)).not.toContain('Israel bombs Iranian nuclear installations');
      expect(titles.map((e) => e.title)).not.toContain(
        'Ceasefire takes effect in the Gaza Strip after two years of war',
      );
    });

    it('numbers one source list for the whole briefing and uses every number', () => {
      expect(b.sources.map((s) => s.number)).toEqual(b.sources.map((_, i) => i + 1));
      expect(citedNumbers(b)).toEqual(b.sources.map((s) => s.number));
      expect(b.sources.map((s) => s.publisher)).toContain('International Criminal Court');
    });

    it('gives only the fronts asked for, still in briefing order', async () => {
      const some = await briefing({ date: '2025-11-15', fronts: ['iran', 'gaza'], timezone: 'Asia/Jerusalem' });
      expect(some.sections.map((s) => s.front.slug)).toEqual(['gaza', 'iran']);
      expect(some.timezone).toBe('Asia/Jerusalem');
      expect(some.sections[0].statusDay).toBe(37);
    });
  });

  it('a quiet date says there is no news on every front and still gives status and background', async () => {
    const b = await briefing({ date: '2025-12-25', fronts: ['gaza', 'lebanon'] });
    expect(b.sections.map((s) => s.hasNews)).toEqual([false, false]);
    expect(b.keyTakeaways).toEqual([]);
    expect(b.sections[0].statusLine).toBe('Ceasefire in force since 10 October 2025 — day 77');
    expect(b.sections[0].background.length).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown front', { date: '2025-11-15', fronts: ['atlantis'] }, 'fronts'],
    ['an unknown timezone', { date: '2025-11-15', timezone: 'Mars/Olympus' }, 'timezone'],
    ['an empty front list', { date: '2025-11-15', fronts: [] }, 'fronts'],
  ])('refuses %s with BAD_USER_INPUT on the field', async (_what, variables, field) => {
    const res = await server.gql(BRIEFING, variables);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each(['gaza-', 'gaza--strip', '-gaza'])(
    'refuses the non-slug front %j by the one slug rule, before reading the database',
    async (front) => {
      const before = server.services.db.statementCount;
      const res = await server.gql(BRIEFING, { date: '2025-11-15', fronts: [front] });
      expect(firstError(res)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'fronts',
        message: `fronts: unknown front ${JSON.stringify(front)}`,
      });
      expect(server.services.db.statementCount - before).toBe(0);
    },
  );

  it('refuses an impossible date as BAD_USER_INPUT', async () => {
    expect(firstError(await server.gql(BRIEFING, { date: '2025-02-30' })).code).toBe('BAD_USER_INPUT');
  });

  describe('rendering over GraphQL', () => {
    it.each([
      ['HTML', 'text/html; charset=utf-8', 'sitrep-briefing-2025-11-15.html', '<!DOCTYPE html>'],
      [
        'MARKDOWN',
        'text/markdown; charset=utf-8',
        'sitrep-briefing-2025-11-15.md',
        '# Daily briefing — 15 November 2025',
      ],
      ['TEXT', 'text/plain; charset=utf-8', 'sitrep-briefing-2025-11-15.txt', 'DAILY BRIEFING — 15 NOVEMBER 2025'],
    ])('renders %s', async (format, contentType, filename, start) => {
      const res = await server.gql<{
        briefing: { render: { format: string; contentType: string; filename: string; body: string } };
      }>(RENDER, { date: '2025-11-15', format });
      expect(res.errors).toBeUndefined();
      const rendered = res.data!.briefing.render;
      expect(rendered).toMatchObject({ format, contentType, filename });
      expect(rendered.body.toLowerCase()).toContain(start.toLowerCase());
      expect(rendered.body).toContain('Ceasefire in force since 10 October 2025 — day 37');
    });

    it('names the fronts in the file name of a partial briefing', async () => {
      const res = await server.gql<{ briefing: { render: { filename: string } } }>(RENDER, {
        date: '2025-11-15',
        format: 'HTML',
        fronts: ['iran', 'gaza'],
      });
      expect(res.data!.briefing.render.filename).toBe('sitrep-briefing-2025-11-15-gaza-iran.html');
    });

    it('lists the templates and refuses an unknown one', async () => {
      const list = await server.gql<{ templates: { name: string; format: string; description: string }[] }>(
        '{ templates { name format description } }',
      );
      expect(list.data!.templates.map((t) => t.format)).toEqual(expect.arrayContaining(['HTML', 'MARKDOWN', 'TEXT']));
      const name = list.data!.templates.find((t) => t.format === 'HTML')!.name;
      const ok = await server.gql<{ briefing: { render: { template: string } } }>(RENDER, {
        date: '2025-11-15',
        format: 'HTML',
        template: name,
      });
      expect(ok.data!.briefing.render.template).toBe(name);
      expect(
        firstError(await server.gql(RENDER, { date: '2025-11-15', format: 'HTML', template: 'no-such-template' })),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'template' });
    });
  });

  describe('downloads', () => {
    it.each([
      ['html', 'text/html; charset=utf-8'],
      ['md', 'text/markdown; charset=utf-8'],
      ['txt', 'text/plain; charset=utf-8'],
    ])('serves .%s with its type, a file name and an ETag, and 304 on If-None-Match', async (ext, type) => {
      const res = await download(`/briefings/2025-11-15.${ext}?fronts=gaza,iran&tz=Asia/Jerusalem`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(
        `inline; filename="sitrep-briefing-2025-11-15-gaza-iran.${ext}"`,
      );
      const etag = res.headers.get('etag')!;
      expect(etag).toMatch(/^W\/".+"$/);
      const body = await res.text();
      expect(body).toContain('Ceasefire in force since 10 October 2025 — day 37');
      expect(body).toContain('Asia/Jerusalem');
      const again = await download(`/briefings/2025-11-15.${ext}?fronts=gaza,iran&tz=Asia/Jerusalem`, {
        'if-none-match': etag,
      });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      const other = await download(`/briefings/2025-11-15.${ext}?fronts=gaza&tz=Asia/Jerusalem`, {
        'if-none-match': etag,
      });
      expect(other.status).toBe(200);
      expect(other.headers.get('etag')).not.toBe(etag);
    });

    it('offers an attachment on ?download', async () => {
      const res = await download('/briefings/2025-11-15.md?download=1');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="sitrep-briefing-2025-11-15.md"');
    });

    it.each([
      ['an unknown front', '/briefings/2025-11-15.html?fronts=gaza,atlantis', /unknown front "atlantis"/],
      ['a bad date', '/briefings/2025-13-45.html', /date: must be a real calendar day/],
      ['not a date', '/briefings/latest.txt', /date: must be a real calendar day/],
      ['a bad timezone', '/briefings/2025-11-15.html?tz=Mars/Olympus', /timezone: must be an IANA timezone/],
      ['an unknown extension', '/briefings/2025-11-15.docx', /Unknown extension "\.docx"/],
      ['no extension', '/briefings/2025-11-15', /must end in \.html, \.md, \.txt, \.pdf or \.eml/],
      ['an unknown template', '/briefings/2025-11-15.html?template=nope', /unknown template "nope"/],
    ])('answers %s with 400 and a plain message', async (_what, path, message) => {
      const res = await download(path);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('etag')).toBeNull();
      expect(await res.text()).toMatch(message);
    });

    it('refuses an unknown API key with 401', async () => {
      const res = await download('/briefings/2025-11-15.html', { authorization: 'Bearer sitrep_not-a-key' });
      expect(res.status).toBe(401);
    });
  });

  describe('after an edit', () => {
    it('shows the change on the next request: the ETag changes and the cache is bypassed', async () => {
      const path = '/briefings/2025-11-15.txt?fronts=gaza';
      const first = await download(path);
      const etag = first.headers.get('etag')!;
      const before = await server.gql<{ briefing: { render: { body: string } } }>(RENDER, {
        date: '2025-11-15',
        format: 'MARKDOWN',
        fronts: ['gaza'],
      });
      expect(before.data!.briefing.render.body).not.toContain('Edited call title');
      const callId = (await briefing({ date: '2025-11-15', fronts: ['gaza'] })).sections[0].today[0].eventId;
      const edit = await server.gql(UPDATE, { id: callId, input: { title: 'Edited call title' } }, server.editorKey);
      expect(edit.errors).toBeUndefined();
      const second = await download(path, { 'if-none-match': etag });
      expect(second.status).toBe(200);
      expect(second.headers.get('etag')).not.toBe(etag);
      expect(await second.text()).toContain('Edited call title');
      const after = await server.gql<{ briefing: { render: { body: string } } }>(RENDER, {
        date: '2025-11-15',
        format: 'MARKDOWN',
        fronts: ['gaza'],
      });
      expect(after.data!.briefing.render.body).toContain('Edited call title');
    });

    it('serves a repeated request from the cache', async () => {
      const hits = server.services.briefingRenders.cache.hits;
      const first = await download('/briefings/2025-11-15.html?fronts=syria');
      const second = await download('/briefings/2025-11-15.html?fronts=syria');
      expect(await second.text()).toBe(await first.text());
      expect(server.services.briefingRenders.cache.hits).toBe(hits + 1);
    });

    it("lists changes since an instant, deletions included, for the briefing's date and fronts only", async () => {
      const since = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const created = await server.gql<{ createEvent: { id: string } }>(
        CREATE,
        { input: minimalEvent({ title: 'Short-lived event' }) },
        server.editorKey,
      );
      const id = created.data!.createEvent.id;
      expect((await server.gql(DELETE, { id }, server.editorKey)).errors).toBeUndefined();
      await server.gql(
        CREATE,
        { input: minimalEvent({ title: 'Yemen-only event', fronts: ['yemen'] }) },
        server.editorKey,
      );
      await server.gql(
        CREATE,
        { input: minimalEvent({ title: 'Event of another month', date: '2025-09-01' }) },
        server.editorKey,
      );
      const res = await server.gql<{
        briefing: { changesSince: { eventId: string; action: string; changedAt: string; title: string | null }[] };
      }>(CHANGES, { date: '2025-11-15', fronts: ['gaza', 'iran'], since });
      expect(res.errors).toBeUndefined();
      const changes = res.data!.briefing.changesSince;
      expect(changes.map((c) => [c.eventId, c.action, c.title])).toEqual([
        [id, 'CREATED', null],
        [id, 'DELETED', null],
      ]);
      expect(changes.every((c) => c.changedAt > since)).toBe(true);
      const all = await server.gql<{ briefing: { changesSince: { title: string | null }[] } }>(CHANGES, {
        date: '2025-11-15',
        since,
      });
      expect(all.data!.briefing.changesSince.map((c) => c.title)).toEqual([null, null, 'Yemen-only event']);
    });
  });

  it('refuses a briefing over the configured maximum of events with BAD_USER_INPUT', async () => {
    const small = new BriefingService(server.services.db, { briefingMaxEvents: 1 });
    await expect(small.compose({ date: '2025-11-15', fronts: ['gaza'] })).resolves.toBeDefined();
    await server.services.events.import([minimalEvent({ externalId: 'test:max-1', date: '2025-11-13' })]);
    await expect(small.compose({ date: '2025-11-15', fronts: ['gaza'] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fronts',
    });
  });

  it('loads a briefing with the same number of SQL statements however many events it holds', async () => {
    const measure = async (): Promise<number> => {
      const before = server.services.db.statementCount;
      await briefing({ date: '2025-11-15' });
      return server.services.db.statementCount - before;
    };
    const few = await measure();
    const extra = Array.from({ length: 60 }, (_, i) =>
      minimalEvent({
        externalId: `test:statements-${i}`,
        date: `2025-11-${String(8 + (i % 8)).padStart(2, '0')}`,
        significance: 1 + (i % 5),
        title: `Extra event ${i}`,
        fronts: [['gaza', 'iran', 'syria', 'lebanon', 'yemen'][i % 5]],
        leaders: ['putin'],
        actors: ['hamas'],
        sources: [{ publisher: 'Test Wire', title: `Report ${i}`, url: `https://example.org/report/${i}` }],
        quotes: [{ text: `Quote ${i}`, leader: 'putin', source: 0 }],
      }),
    );
    extra.push(
      ...Array.from({ length: 20 }, (_, i) =>
        minimalEvent({
          externalId: `test:background-${i}`,
          date: `2024-0${1 + (i % 9)}-01`,
          significance: 5,
          title: `Old event ${i}`,
        }),
      ),
    );
    await server.services.events.import(extra);
    const many = await measure();
    const b = await briefing({ date: '2025-11-15' });
    expect(
      b.sections.reduce(
        (n, s) => n + s.today.length + s.recent.length + s.alsoReported.length + s.background.length,
        0,
      ),
    ).toBeGreaterThan(60);
    expect(many).toBe(few);
    // 14: the fronts' dated status, issues and context (one statement for all fronts) and the week's assessments
    // (one statement, whatever their number) joined the dozen.
    expect(few).toBeLessThanOrEqual(14);
  });
});

describe('briefing downloads with read keys required', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_READ_KEYS_REQUIRED: 'true' });
  });
  afterAll(() => server?.stop());

  it('refuses a download without a key and serves it with one', async () => {
    const denied = await fetch(`${server.url}/briefings/2025-11-15.txt`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toBe('Bearer');
    const ok = await fetch(`${server.url}/briefings/2025-11-15.txt`, {
      headers: { authorization: `Bearer ${server.readerKey}` },
    });
    expect(ok.status).toBe(200);
    // Both: the answer differs by key, and (CORS) by the page's origin.
    expect(ok.headers.get('vary')?.split(/, */).sort()).toEqual(['Authorization', 'Origin']);
  });
});
