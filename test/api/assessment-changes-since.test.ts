import { describeEachDatabase } from '../support/databases';
import { connected, liveClient, LiveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * `Briefing.assessmentChangesSince` lists the assessment writes a briefing's takeaways lead with by the rule
 * `briefingChanged.assessments` follows: a client that missed pushes catches up with the same list.
 */

const RECORD = 'mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }';
const UPDATE = `mutation ($id: ID!, $input: AssessmentInput!) {
  updateAssessment(id: $id, input: $input, reason: "correction") { id }
}`;
const DELETE = 'mutation ($id: ID!) { deleteAssessment(id: $id) }';
const CHANGES = `query ($since: DateTime!, $fronts: [String!]) {
  briefing(date: "2025-11-20", fronts: $fronts) {
    changesSince(since: $since) { eventId }
    assessmentChangesSince(since: $since) { assessmentId action changedAt }
  }
}`;
const BRIEFING_CHANGED = `subscription ($fronts: [String!]) {
  briefingChanged(date: "2025-11-20", fronts: $fronts) { assessments { assessmentId action changedAt } }
}`;

/** A push is in memory, after the commit: a second is a generous bound. */
const PROMPTLY_MS = 1_000;

interface Change {
  assessmentId: string;
  action: string;
  changedAt: string;
}

describeEachDatabase('assessmentChangesSince', (kind) => {
  let server: TestServer;
  let live: LiveClient;
  beforeAll(async () => {
    server = await startTestServer(kind);
    live = liveClient(server.url);
    await connected(live);
  });
  afterAll(async () => {
    await live?.dispose();
    await server?.stop();
  });

  const input = (date: string, fronts: string[]): Record<string, unknown> => ({
    date,
    fronts,
    confidence: 'LIKELY',
    text: `A judgement of ${date} on ${fronts.join(' and ')}.`,
  });
  const write = async (query: string, variables: Record<string, unknown>): Promise<string> => {
    const res = await server.gql<Record<string, { id: string } | boolean>>(query, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
    const value = Object.values(res.data!)[0];
    return typeof value === 'boolean' ? String(variables.id) : value.id;
  };
  const changes = async (since: string, fronts: string[] | null): Promise<Change[]> => {
    const res = await server.gql<{ briefing: { changesSince: unknown[]; assessmentChangesSince: Change[] } }>(
      CHANGES,
      { since, fronts },
      server.readerKey,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.briefing.changesSince).toEqual([]);
    return res.data!.briefing.assessmentChangesSince;
  };

  it("lists the writes of the assessments of the briefing's week on its fronts, as briefingChanged pushes them", async () => {
    const before = await write(RECORD, { input: input('2025-11-18', ['gaza']) });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const gazaPushes = live.subscribe(BRIEFING_CHANGED, { fronts: ['gaza'] });
    const allPushes = live.subscribe(BRIEFING_CHANGED, { fronts: null });
    // The subscriptions start asynchronously after the subscribe message; a ping round trip is not exposed.
    await new Promise((resolve) => setTimeout(resolve, 200));

    // After the date and before its week: in no takeaways of the briefing.
    await write(RECORD, { input: input('2025-11-21', ['gaza']) });
    await write(RECORD, { input: input('2025-11-12', ['gaza']) });
    const lebanon = await write(RECORD, { input: input('2025-11-19', ['lebanon']) });
    const inside = await write(RECORD, { input: input('2025-11-13', ['lebanon', 'gaza']) });
    await write(UPDATE, { id: inside, input: input('2025-11-14', ['gaza']) });
    // Moved out of the week: the briefing it left changed too.
    await write(UPDATE, { id: before, input: input('2025-12-01', ['gaza']) });
    await write(DELETE, { id: inside });

    const gaza = await changes(since, ['gaza']);
    expect(gaza.map(({ assessmentId, action }) => ({ assessmentId, action }))).toEqual([
      { assessmentId: inside, action: 'CREATED' },
      { assessmentId: inside, action: 'UPDATED' },
      { assessmentId: before, action: 'UPDATED' },
      { assessmentId: inside, action: 'DELETED' },
    ]);
    const every = await changes(since, null);
    expect(every.map(({ assessmentId, action }) => ({ assessmentId, action }))).toEqual([
      { assessmentId: lebanon, action: 'CREATED' },
      { assessmentId: inside, action: 'CREATED' },
      { assessmentId: inside, action: 'UPDATED' },
      { assessmentId: before, action: 'UPDATED' },
      { assessmentId: inside, action: 'DELETED' },
    ]);
    expect(await changes(new Date().toISOString(), null)).toEqual([]);

    // The same writes, the same instants, as the subscriptions were told.
    for (const [subscription, expected] of [
      [gazaPushes, gaza],
      [allPushes, every],
    ] as const) {
      const pushed: Change[] = [];
      while (pushed.length < expected.length) {
        const message = await subscription.next(PROMPTLY_MS);
        pushed.push(...(message.data as { briefingChanged: { assessments: Change[] } }).briefingChanged.assessments);
      }
      expect(pushed).toEqual(expected);
      expect(subscription.pending()).toEqual([]);
      subscription.unsubscribe();
    }
  });

  it('refuses a since that is no instant, naming it', async () => {
    const res = await server.gql(CHANGES, { since: 'yesterday', fronts: ['gaza'] }, server.readerKey);
    expect(res.errors?.[0]?.message).toMatch(/since/);
  });
});
