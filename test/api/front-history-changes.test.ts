import { describeEachDatabase } from '../support/databases';
import { connected, liveClient, LiveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * A status period, issue or context note written on a front reaches the briefings whose front state it may change
 * (the front is among theirs and the record holds on their date, before or after the write): over HTTP as
 * `Briefing.frontChangesSince`, over graphql-ws as `briefingChanged.frontRecords`.
 */

const DATE = '2026-02-20';
const BRIEFING_CHANGED = `subscription ($date: Date!, $fronts: [String!]) {
  briefingChanged(date: $date, fronts: $fronts) { date changes { eventId } assessments { assessmentId } frontRecords { front recordId action text } }
}`;
const FRONT_CHANGES = `query ($date: Date!, $fronts: [String!], $since: DateTime!) {
  briefing(date: $date, fronts: $fronts) { frontChangesSince(since: $since) { front recordId action changedAt text } }
}`;

/** A push is in memory, after the commit: a second is a generous bound. */
const PROMPTLY_MS = 1_000;

interface FrontRecordChange {
  front: string;
  recordId: string;
  action: string;
  text: string | null;
}

describeEachDatabase('front history changes reach the briefings they change', (kind) => {
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

  const mutate = async <T>(query: string): Promise<T> => {
    const res = await server.gql<T>(query, {}, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  const frontChanges = async (date: string, fronts: string[], since: string): Promise<FrontRecordChange[]> => {
    const res = await server.gql<{ briefing: { frontChangesSince: FrontRecordChange[] } }>(FRONT_CHANGES, {
      date,
      fronts,
      since,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.briefing.frontChangesSince;
  };

  it('lists and pushes the writes on the front that hold on the date, and no others', async () => {
    const since = new Date().toISOString();
    const subscription = live.subscribe(BRIEFING_CHANGED, { date: DATE, fronts: ['lebanon'] });
    // The subscription starts asynchronously after the subscribe message; a ping round trip is not exposed.
    await new Promise((resolve) => setTimeout(resolve, 200));

    // Another front, and an issue opened after the date: neither changes the Lebanon briefing of the date.
    const gazaNote = await mutate<{ addFrontContext: { id: string } }>(
      'mutation { addFrontContext(front: "gaza", text: "A Gaza note.", validFrom: "2026-02-01") { id } }',
    );
    const later = await mutate<{ openFrontIssue: { id: string } }>(
      'mutation { openFrontIssue(front: "lebanon", text: "A later issue", opened: "2026-02-25") { id } }',
    );
    const period = await mutate<{ setFrontStatus: { id: string } }>(
      'mutation { setFrontStatus(front: "lebanon", kind: TENSION, text: "Strikes resumed", since: "2026-02-10") { id } }',
    );
    const pushed = await subscription.next(PROMPTLY_MS);
    const message = pushed.data!.briefingChanged as {
      date: string;
      changes: unknown[];
      assessments: unknown[];
      frontRecords: FrontRecordChange[];
    };
    expect(message.date).toBe(DATE);
    expect(message.changes).toEqual([]);
    expect(message.assessments).toEqual([]);
    // The new period, and the one it closed (which held on the date before the write).
    expect(message.frontRecords).toContainEqual({
      front: 'lebanon',
      recordId: period.setFrontStatus.id,
      action: 'CREATED',
      text: 'Strikes resumed',
    });
    expect(message.frontRecords.every((c) => c.front === 'lebanon')).toBe(true);
    const pushedIds = message.frontRecords.map((c) => c.recordId);
    expect(pushedIds).not.toContain(later.openFrontIssue.id);
    expect(pushedIds).not.toContain(gazaNote.addFrontContext.id);

    const issue = await mutate<{ openFrontIssue: { id: string } }>(
      'mutation { openFrontIssue(front: "lebanon", text: "Return of the displaced", opened: "2026-02-01") { id } }',
    );
    expect((await subscription.next(PROMPTLY_MS)).data!.briefingChanged).toMatchObject({
      frontRecords: [{ front: 'lebanon', recordId: issue.openFrontIssue.id, action: 'CREATED' }],
    });
    await mutate(`mutation { resolveFrontIssue(id: "${issue.openFrontIssue.id}", resolved: "2026-02-15") { id } }`);
    expect((await subscription.next(PROMPTLY_MS)).data!.briefingChanged).toMatchObject({
      frontRecords: [{ front: 'lebanon', recordId: issue.openFrontIssue.id, action: 'UPDATED' }],
    });
    expect(subscription.pending()).toEqual([]);
    subscription.unsubscribe();

    const listed = await frontChanges(DATE, ['lebanon'], since);
    const ids = listed.map((c) => `${c.recordId}|${c.action}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        `${period.setFrontStatus.id}|CREATED`,
        `${issue.openFrontIssue.id}|CREATED`,
        `${issue.openFrontIssue.id}|UPDATED`,
      ]),
    );
    expect(listed.map((c) => c.recordId)).not.toContain(later.openFrontIssue.id);
    expect(listed.map((c) => c.recordId)).not.toContain(gazaNote.addFrontContext.id);
    // The same rule for other briefings: the Gaza briefing of the date has its note; one before the new period
    // began does not have the period; one of every front has them all.
    expect((await frontChanges(DATE, ['gaza'], since)).map((c) => c.recordId)).toEqual([gazaNote.addFrontContext.id]);
    expect((await frontChanges('2026-02-05', ['lebanon'], since)).map((c) => c.recordId)).not.toContain(
      period.setFrontStatus.id,
    );
    const everyFront = await server.gql<{ briefing: { frontChangesSince: FrontRecordChange[] } }>(
      `query ($since: DateTime!) { briefing(date: "2026-02-26") { frontChangesSince(since: $since) { recordId } } }`,
      { since },
    );
    expect(everyFront.data!.briefing.frontChangesSince.map((c) => c.recordId)).toEqual(
      expect.arrayContaining([later.openFrontIssue.id, gazaNote.addFrontContext.id, period.setFrontStatus.id]),
    );
    // Nothing written since now.
    expect(await frontChanges(DATE, ['lebanon'], new Date().toISOString())).toEqual([]);
  }, 60_000);
});
