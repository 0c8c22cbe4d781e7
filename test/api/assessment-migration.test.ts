import { Assessments1766000000006 } from '../../src/db/migrations/1766000000006-assessments';
import { describeEachDatabase } from '../support/databases';
import { undoAndRedo } from '../support/migrations';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * Assessments keep their revisions in `editorial_revisions` beside the front records': undoing the assessments
 * migration drops them and their revisions, never a front record's, and redoing it leaves assessments revisioned
 * as before.
 */

const RECORD = `mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }`;
const UPDATE = `mutation ($id: ID!, $input: AssessmentInput!) {
  updateAssessment(id: $id, input: $input, reason: "correction: wrong front") { id }
}`;
const DELETE = 'mutation ($id: ID!) { deleteAssessment(id: $id, reason: "withdrawn") }';
const HISTORY = `query ($id: ID!) { assessmentRevisions(id: $id) { revision reason deleted state { fronts } } }`;
const GAZA_HISTORY = '{ front(slug: "gaza") { statusHistory { id revisions { revision reason } } } }';

const input = (fronts: string[]): Record<string, unknown> => ({
  date: '2025-11-15',
  confidence: 'UNLIKELY',
  text: 'The crossing will reopen this week.',
  fronts,
});

describeEachDatabase('the assessments migration', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await server.gql<T>(query, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const history = async (id: string): Promise<unknown[]> =>
    (await gql<{ assessmentRevisions: unknown[] }>(HISTORY, { id })).assessmentRevisions;

  it('drops assessments with their revisions and keeps the front records’ revisions, down and up again', async () => {
    const gazaBefore = await gql<unknown>(GAZA_HISTORY);
    const kept = (await gql<{ recordAssessment: { id: string } }>(RECORD, { input: input(['gaza']) })).recordAssessment
      .id;
    await gql(UPDATE, { id: kept, input: input(['iran']) });
    const deleted = (await gql<{ recordAssessment: { id: string } }>(RECORD, { input: input(['lebanon']) }))
      .recordAssessment.id;
    await gql(DELETE, { id: deleted });
    expect(await history(kept)).toEqual([
      { revision: 1, reason: null, deleted: false, state: { fronts: ['gaza'] } },
      { revision: 2, reason: 'correction: wrong front', deleted: false, state: { fronts: ['iran'] } },
    ]);
    expect(await history(deleted)).toEqual([
      { revision: 1, reason: null, deleted: false, state: { fronts: ['lebanon'] } },
      { revision: 2, reason: 'withdrawn', deleted: true, state: null },
    ]);

    await undoAndRedo(server, new Assessments1766000000006());
    expect(await history(kept)).toEqual([]);
    expect(await history(deleted)).toEqual([]);
    expect(await gql<unknown>(GAZA_HISTORY)).toEqual(gazaBefore);

    const again = (await gql<{ recordAssessment: { id: string } }>(RECORD, { input: input(['syria']) }))
      .recordAssessment.id;
    expect(await history(again)).toEqual([{ revision: 1, reason: null, deleted: false, state: { fronts: ['syria'] } }]);
  });
});
