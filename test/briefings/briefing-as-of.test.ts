import { eventInput } from '../api/fixtures';
import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const UPDATE = `mutation ($id: ID!, $input: EventUpdateInput!, $reason: String) {
  updateEvent(id: $id, input: $input, reason: $reason) { id }
}`;
const DELETE = 'mutation ($id: ID!) { deleteEvent(id: $id) }';
const BRIEFING = `query ($asOf: DateTime, $fronts: [String!]) {
  briefing(date: "2025-11-16", fronts: $fronts, asOf: $asOf) {
    id
    sections { today { eventId title localTime } recent { eventId title } alsoReported { eventId title } }
    render(format: MARKDOWN) { body downloadUrl }
  }
}`;

interface Shown {
  briefing: {
    id: string;
    sections: {
      today: { eventId: string; title: string; localTime: string | null }[];
      alsoReported: { title: string }[];
    }[];
    render: { body: string; downloadUrl: string };
  };
}

/** An instant strictly after every write so far and before the next one (revisions are stamped to the millisecond). */
async function instantBetweenWrites(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const at = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return at;
}

describeEachDatabase('briefing(asOf:)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const write = async (query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const res = await server.gql(query, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const titlesAsOf = async (asOf: string | null): Promise<{ titles: string[]; res: Shown }> => {
    const res = await server.gql<Shown>(BRIEFING, { asOf, fronts: ['gaza'] }, server.editorKey);
    expect(res.errors).toBeUndefined();
    const titles = res.data!.briefing.sections.flatMap((s) => [
      ...s.today.map((e) => e.title),
      ...s.alsoReported.map((e) => e.title),
    ]);
    return { titles, res: res.data! };
  };

  it('shows an event as it was: old title before the update, new after, present until deleted, absent before created', async () => {
    const created = (await write(CREATE, {
      input: eventInput({ title: 'Strike reported at dawn', occurredAt: '2025-11-16T04:30:00Z' }),
    })) as { createEvent: { id: string } };
    const id = created.createEvent.id;
    const afterCreate = await instantBetweenWrites();
    await write(UPDATE, { id, input: { title: 'Strike reported at noon' }, reason: 'correction: the hour' });
    const afterUpdate = await instantBetweenWrites();
    const later = (await write(CREATE, { input: eventInput({ title: 'A later event' }) })) as {
      createEvent: { id: string };
    };
    const afterSecond = await instantBetweenWrites();
    await write(DELETE, { id });

    const before = await titlesAsOf(afterCreate);
    expect(before.titles).toContain('Strike reported at dawn');
    expect(before.titles).not.toContain('Strike reported at noon');
    expect(before.titles).not.toContain('A later event');
    // The time recorded with the revision is shown as it was.
    const shown = before.res.briefing.sections.flatMap((s) => s.today).find((e) => e.eventId === id);
    expect(shown?.localTime).toBe('04:30');
    expect(before.res.briefing.render.body).toContain('Strike reported at dawn');

    const updated = await titlesAsOf(afterUpdate);
    expect(updated.titles).toContain('Strike reported at noon');
    expect(updated.titles).not.toContain('Strike reported at dawn');
    expect(updated.titles).not.toContain('A later event');

    const both = await titlesAsOf(afterSecond);
    expect(both.titles).toEqual(expect.arrayContaining(['Strike reported at noon', 'A later event']));

    const now = await titlesAsOf(null);
    expect(now.titles).not.toContain('Strike reported at noon');
    expect(now.titles).toContain('A later event');
    expect(later.createEvent.id).not.toBe(id);

    // Each instant is its own briefing to a client cache and to the render cache.
    const ids = new Set([before, updated, both, now].map((x) => x.res.briefing.id));
    expect(ids.size).toBe(4);
    expect(before.res.briefing.render.downloadUrl).toContain(`asOf=${encodeURIComponent(afterCreate)}`);
    const download = await fetch(before.res.briefing.render.downloadUrl.replace(/^https?:\/\/[^/]+/, server.url), {
      headers: { authorization: `Bearer ${server.editorKey}` },
    });
    expect(download.status).toBe(200);
    expect(await download.text()).toContain('Strike reported at dawn');
  });

  it('as of now composes the same briefing as the current data, on the seed data of every front', async () => {
    const FULL = `query ($asOf: DateTime, $tz: String, $fronts: [String!]) {
      briefing(date: "2025-11-15", timezone: $tz, fronts: $fronts, asOf: $asOf) {
        title keyTakeaways { text eventId significance frontNames sourceNumbers }
        sections {
          front { slug } statusLine hasNews backgroundOmittedText
          today { eventId title summary dateText localTime sourceNumbers frontSlugs }
          recent { eventId title dateText sourceNumbers }
          alsoReported { eventId title }
          alsoOnThisFront { eventId title }
          background { eventId title dateText }
          leaders { slug name role } actors { slug name role }
          quotes { text sourceNumbers }
        }
        sources { number publisher title url publishedOn }
        render(format: MARKDOWN) { body }
      }
    }`;
    await instantBetweenWrites();
    const asOf = new Date().toISOString();
    const requests = [
      { tz: 'UTC', fronts: null },
      { tz: 'Asia/Tokyo', fronts: ['iran', 'lebanon'] },
    ];
    for (const { tz, fronts } of requests) {
      type Full = { briefing: { sections: unknown[]; render: { body: string } } };
      // Composed at different moments: only the "Generated" line may differ.
      const undated = (res: { data?: Full | null }): unknown => {
        const b = res.data!.briefing;
        return { ...b, render: b.render.body.replace(/^- \*\*Generated:\*\*.*$/m, '') };
      };
      const current = await server.gql<Full>(FULL, { tz, fronts });
      const then = await server.gql<Full>(FULL, { tz, fronts, asOf }, server.editorKey);
      expect(current.errors).toBeUndefined();
      expect(then.errors).toBeUndefined();
      expect(current.data!.briefing.sections.length).toBe(fronts === null ? 5 : 2);
      expect(undated(then)).toEqual(undated(current));
    }
  });

  it('reads the same number of statements for 3 events as for 60', async () => {
    const statements = async (): Promise<number> => {
      server.services.briefings.clearComposed();
      const before = server.services.db.statementCount;
      const res = await server.gql(BRIEFING, { asOf: new Date().toISOString(), fronts: null }, server.editorKey);
      expect(res.errors).toBeUndefined();
      return server.services.db.statementCount - before;
    };
    await server.services.events.import(
      Array.from({ length: 3 }, (_, i) => eventInput({ externalId: `asof-few:${i}`, title: `Few ${i}` })),
    );
    await instantBetweenWrites();
    const few = await statements();
    await server.services.events.import(
      Array.from({ length: 60 }, (_, i) =>
        eventInput({
          externalId: `asof-many:${i}`,
          title: `Many ${i}`,
          fronts: ['gaza', 'iran'],
          significance: 4,
          date: `2025-11-${String(1 + (i % 16)).padStart(2, '0')}`,
          sources: [{ publisher: 'Wire', title: `Report ${i}`, publishedOn: '2025-11-01' }],
          quotes: [],
        }),
      ),
    );
    await instantBetweenWrites();
    expect(await statements()).toBe(few);
  });

  it('is for editors: readers and anonymous callers are refused, over GraphQL and downloads', async () => {
    const asOf = new Date().toISOString();
    expect(firstError(await server.gql(BRIEFING, { asOf })).code).toBe('UNAUTHENTICATED');
    expect(firstError(await server.gql(BRIEFING, { asOf }, server.readerKey)).code).toBe('FORBIDDEN');
    const anonymous = await fetch(`${server.url}/briefings/2025-11-16.txt?asOf=${encodeURIComponent(asOf)}`);
    expect(anonymous.status).toBe(401);
    const reader = await fetch(`${server.url}/briefings/2025-11-16.txt?asOf=${encodeURIComponent(asOf)}`, {
      headers: { authorization: `Bearer ${server.readerKey}` },
    });
    expect(reader.status).toBe(403);
  });

  it('refuses an asOf in the future, before any data, or malformed, naming asOf', async () => {
    const future = await server.gql(
      BRIEFING,
      { asOf: new Date(Date.now() + 3_600_000).toISOString() },
      server.editorKey,
    );
    expect(firstError(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(firstError(future).message).toMatch(/future/);
    const early = await server.gql(BRIEFING, { asOf: '2001-01-01T00:00:00Z' }, server.editorKey);
    expect(firstError(early)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(firstError(early).message).toMatch(/before any data/);
    const routed = await fetch(`${server.url}/briefings/2025-11-16.txt?asOf=2001-01-01T00:00:00Z`, {
      headers: { authorization: `Bearer ${server.editorKey}` },
    });
    expect(routed.status).toBe(400);
    expect(await routed.text()).toMatch(/asOf/);
  });

  it('shows the front history as it stood: the old status, no issue or note written later, in editions too', async () => {
    const FRONT = `query ($asOf: DateTime) {
      briefing(date: "2026-01-10", fronts: ["gaza"], asOf: $asOf) {
        sections { statusLine front { status openIssues background } }
      }
    }`;
    type Front = { statusLine: string; front: { status: string; openIssues: string[]; background: string } };
    const frontAsOf = async (asOf: string | null): Promise<Front> => {
      const res = await server.gql<{ briefing: { sections: Front[] } }>(FRONT, { asOf }, server.editorKey);
      expect(res.errors).toBeUndefined();
      return res.data!.briefing.sections[0];
    };
    const before = await frontAsOf(null);
    expect(before.statusLine).toBe('Ceasefire in force since 10 October 2025 — day 93');
    const t = await instantBetweenWrites();
    await write(
      'mutation { setFrontStatus(front: "gaza", kind: ACTIVE_CONFLICT, text: "Fighting resumed", since: "2026-01-05") { id } }',
      {},
    );
    await write(
      'mutation { openFrontIssue(front: "gaza", text: "Renewed evacuation orders", opened: "2026-01-06") { id } }',
      {},
    );
    await write(
      'mutation { addFrontContext(front: "gaza", text: "The truce broke down in January.", validFrom: "2026-01-05") { id } }',
      {},
    );

    const now = await frontAsOf(null);
    expect(now.statusLine).toBe('Fighting resumed since 5 January 2026 — day 6');
    expect(now.front.openIssues).toContain('Renewed evacuation orders');
    expect(now.front.background).toContain('The truce broke down in January.');

    const then = await frontAsOf(t);
    expect(then).toEqual(before);

    const published = await server.gql<{ publishEdition: { briefing: { sections: Front[] } } }>(
      `mutation ($cutoff: DateTime) {
        publishEdition(date: "2026-01-10", fronts: ["gaza"], cutoff: $cutoff) {
          briefing { sections { statusLine front { status openIssues background } } }
        }
      }`,
      { cutoff: t },
      server.editorKey,
    );
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishEdition.briefing.sections[0]).toEqual(before);
  });

  it('shows the assessments as they stood: none recorded later, the old text before an update, a deleted one until then', async () => {
    const TAKEAWAYS = `query ($asOf: DateTime) {
      briefing(date: "2025-11-16", fronts: ["gaza"], asOf: $asOf) { keyTakeaways { kind assessmentId text } }
    }`;
    const assessmentsAsOf = async (asOf: string | null): Promise<string[]> => {
      const res = await server.gql<{ briefing: { keyTakeaways: { kind: string; text: string }[] } }>(
        TAKEAWAYS,
        { asOf },
        server.editorKey,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.briefing.keyTakeaways.filter((t) => t.kind === 'ASSESSMENT').map((t) => t.text);
    };
    const input = (text: string): Record<string, unknown> => ({
      date: '2025-11-16',
      confidence: 'LIKELY',
      text,
      fronts: ['gaza'],
    });
    const beforeAny = await instantBetweenWrites();
    const recorded = (await write('mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }', {
      input: input('The truce holds through the week.'),
    })) as { recordAssessment: { id: string } };
    const id = recorded.recordAssessment.id;
    const afterRecord = await instantBetweenWrites();
    await write('mutation ($id: ID!, $input: AssessmentInput!) { updateAssessment(id: $id, input: $input) { id } }', {
      id,
      input: input('The truce holds through the month.'),
    });
    const afterUpdate = await instantBetweenWrites();
    await write('mutation ($id: ID!) { deleteAssessment(id: $id) }', { id });

    const texts = async (asOf: string | null): Promise<string> => (await assessmentsAsOf(asOf)).join(' | ');
    expect(await texts(null)).not.toMatch(/The truce holds/);
    expect(await texts(beforeAny)).not.toMatch(/The truce holds/);
    expect(await texts(afterRecord)).toMatch(/The truce holds through the week\./);
    expect(await texts(afterUpdate)).toMatch(/The truce holds through the month\./);
    expect(await texts(afterUpdate)).not.toMatch(/through the week/);
  });
});
