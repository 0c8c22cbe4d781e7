import { describeEachDatabase } from '../support/databases';
import { connected, liveClient, LiveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';

const RECORD = 'mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteAssessment(id: $id) }';
const BRIEFING_CHANGED = `subscription ($date: Date!, $fronts: [String!]) {
  briefingChanged(date: $date, fronts: $fronts) { date revision changes { eventId } assessments { assessmentId action } }
}`;

/** A push is in memory, after the commit: a second is a generous bound. */
const PROMPTLY_MS = 1_000;

describeEachDatabase('briefingChanged for assessments', (kind) => {
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

  const record = async (input: Record<string, unknown>): Promise<string> => {
    const res = await server.gql<{ recordAssessment: { id: string } }>(
      RECORD,
      { input: { confidence: 'LIKELY', text: 'A judgement.', ...input } },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.recordAssessment.id;
  };

  it('tells a briefing of an assessment of its week on its fronts, and of its deletion, and of nothing else', async () => {
    const subscription = live.subscribe(BRIEFING_CHANGED, { date: '2025-11-20', fronts: ['gaza'] });
    // The subscription starts asynchronously after the subscribe message; a ping round trip is not exposed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    // After the date, before its week, and on another front: none leads the briefing's takeaways.
    await record({ date: '2025-11-21', fronts: ['gaza'] });
    await record({ date: '2025-11-12', fronts: ['gaza'] });
    await record({ date: '2025-11-19', fronts: ['lebanon'] });
    const inside = await record({ date: '2025-11-13', fronts: ['lebanon', 'gaza'] });
    const created = await subscription.next(PROMPTLY_MS);
    expect(created.data!.briefingChanged).toEqual({
      date: '2025-11-20',
      revision: await server.services.briefings.revision(),
      changes: [],
      assessments: [{ assessmentId: inside, action: 'CREATED' }],
    });
    await server.gql(DELETE, { id: inside }, server.editorKey);
    const deleted = await subscription.next(PROMPTLY_MS);
    expect(deleted.data!.briefingChanged).toMatchObject({ assessments: [{ assessmentId: inside, action: 'DELETED' }] });
    expect(subscription.pending()).toEqual([]);
    subscription.unsubscribe();
  });
});
