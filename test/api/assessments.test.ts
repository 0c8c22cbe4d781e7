import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const FIELDS = `id date confidence confidenceTerm text revision fronts { slug } sources { publisher title url publishedOn }`;
const REVISION = `id assessmentId revision by reason deleted state { date confidence text fronts sources { url } }`;
const RECORD = `mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: AssessmentInput!, $reason: String) {
  updateAssessment(id: $id, input: $input, reason: $reason) { ${FIELDS} revisions { ${REVISION} } }
}`;
const DELETE = 'mutation ($id: ID!, $reason: String) { deleteAssessment(id: $id, reason: $reason) }';
const LIST = `query ($filter: AssessmentFilterInput, $first: Int, $after: String) {
  assessments(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id date text fronts { slug } } } pageInfo { hasNextPage endCursor }
  }
}`;
const HISTORY = `query ($id: ID!) { assessmentRevisions(id: $id) { ${REVISION} } }`;
const REVISIONS_FIELD = `query ($id: ID!) { assessment(id: $id) { id revisions { revision } } }`;

interface AssessmentData {
  id: string;
  date: string;
  confidence: string;
  confidenceTerm: string;
  text: string;
  revision: number;
  fronts: { slug: string }[];
  sources: { publisher: string; title: string; url: string | null; publishedOn: string | null }[];
}

const input = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  date: '2025-11-15',
  confidence: 'LIKELY',
  text: 'The ceasefire will hold through the end of November.',
  fronts: ['gaza', 'lebanon'],
  sources: [{ publisher: 'Test Wire', title: 'Ceasefire outlook', url: 'https://example.org/outlook' }],
  ...overrides,
});

describeEachDatabase('assessments', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const record = async (overrides: Record<string, unknown> = {}): Promise<AssessmentData> => {
    const res = await server.gql<{ recordAssessment: AssessmentData }>(
      RECORD,
      { input: input(overrides) },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.recordAssessment;
  };
  const count = async (): Promise<number> => {
    const res = await server.gql<{ assessments: { totalCount: number } }>(LIST, {});
    return res.data!.assessments.totalCount;
  };

  it('records an assessment with its confidence, estimative term, fronts in order and sources', async () => {
    const a = await record();
    expect(a).toMatchObject({
      date: '2025-11-15',
      confidence: 'LIKELY',
      confidenceTerm: 'likely',
      text: 'The ceasefire will hold through the end of November.',
      revision: 1,
      fronts: [{ slug: 'gaza' }, { slug: 'lebanon' }],
      sources: [
        { publisher: 'Test Wire', title: 'Ceasefire outlook', url: 'https://example.org/outlook', publishedOn: null },
      ],
    });
  });

  it('is a Node: node(id:) finds it by its id alone', async () => {
    const a = await record({ text: 'Found as a node.' });
    const res = await server.gql<{ node: { __typename: string; id: string; text: string } }>(
      'query ($id: ID!) { node(id: $id) { __typename id ... on Assessment { text } } }',
      { id: a.id },
    );
    expect(res.data!.node).toEqual({ __typename: 'Assessment', id: a.id, text: 'Found as a node.' });
  });

  it('records an update and a deletion as revisions with reasons and the key name, a tombstone last', async () => {
    const a = await record({ text: 'First judgement.' });
    const updated = await server.gql<{
      updateAssessment: AssessmentData & { revisions: { revision: number; reason: string | null; by: string }[] };
    }>(
      UPDATE,
      { id: a.id, input: input({ text: 'Revised judgement.', confidence: 'UNLIKELY' }), reason: 'new reporting' },
      server.editorKey,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateAssessment).toMatchObject({
      text: 'Revised judgement.',
      confidence: 'UNLIKELY',
      confidenceTerm: 'unlikely',
      revision: 2,
    });
    expect(updated.data!.updateAssessment.revisions.map((r) => [r.revision, r.reason, r.by])).toEqual([
      [1, null, 'test editor'],
      [2, 'new reporting', 'test editor'],
    ]);
    const deleted = await server.gql(DELETE, { id: a.id, reason: 'withdrawn' }, server.editorKey);
    expect(deleted.data).toEqual({ deleteAssessment: true });
    const history = await server.gql<{
      assessmentRevisions: { revision: number; deleted: boolean; reason: string | null; state: unknown }[];
    }>(HISTORY, { id: a.id }, server.editorKey);
    expect(history.data!.assessmentRevisions.map((r) => [r.revision, r.deleted, r.reason])).toEqual([
      [1, false, null],
      [2, false, 'new reporting'],
      [3, true, 'withdrawn'],
    ]);
    expect(history.data!.assessmentRevisions[0].state).toMatchObject({
      text: 'First judgement.',
      confidence: 'LIKELY',
      fronts: ['gaza', 'lebanon'],
    });
    expect(history.data!.assessmentRevisions[2].state).toBeNull();
    const gone = await server.gql<{ assessment: unknown }>('query ($id: ID!) { assessment(id: $id) { id } }', {
      id: a.id,
    });
    expect(gone.data).toEqual({ assessment: null });
  });

  it('shows revisions to editors only, and refuses writes without an editor key', async () => {
    const a = await record();
    const anonymous = await server.gql(REVISIONS_FIELD, { id: a.id });
    expect(firstError(anonymous).code).toBe('UNAUTHENTICATED');
    const reader = await server.gql(REVISIONS_FIELD, { id: a.id }, server.readerKey);
    expect(firstError(reader).code).toBe('FORBIDDEN');
    const before = await count();
    const refused = await server.gql(RECORD, { input: input() }, server.readerKey);
    expect(firstError(refused).code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it.each([
    ['an unknown confidence', { confidence: 'PROBABLY' }, 'input.confidence'],
    ['an empty text', { text: '   ' }, 'input.text'],
    ['a text too long', { text: 'x'.repeat(2001) }, 'input.text'],
    ['no fronts', { fronts: [] }, 'input.fronts'],
    ['an unknown front', { fronts: ['gaza', 'atlantis'] }, 'input.fronts[1]'],
    ['a bad source URL', { sources: [{ publisher: 'P', title: 'T', url: 'ftp://x' }] }, 'input.sources[0].url'],
  ])('refuses %s as BAD_USER_INPUT naming the field, storing nothing', async (_what, overrides, field) => {
    const before = await count();
    const res = await server.gql(RECORD, { input: input(overrides) }, server.editorKey);
    const error = firstError(res);
    // An enum value GraphQL itself rejects is a variable error; the field is named in the message.
    if (field === 'input.confidence') {
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('confidence');
    } else {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await count()).toBe(before);
  });

  it('refuses a bad update without changing the stored assessment', async () => {
    const a = await record({ text: 'Stays as it is.' });
    const res = await server.gql(UPDATE, { id: a.id, input: input({ fronts: ['nowhere'] }) }, server.editorKey);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.fronts[0]' });
    const after = await server.gql<{ assessment: { text: string; revision: number } }>(
      'query ($id: ID!) { assessment(id: $id) { text revision } }',
      { id: a.id },
    );
    expect(after.data!.assessment).toEqual({ text: 'Stays as it is.', revision: 1 });
  });

  it('lists assessments newest first, filtered by date and front, a page at a time', async () => {
    await record({ date: '2024-03-01', text: 'Oldest.', fronts: ['iran'] });
    await record({ date: '2024-03-03', text: 'Newest.', fronts: ['iran', 'syria'] });
    await record({ date: '2024-03-02', text: 'Middle.', fronts: ['syria'] });
    const filter = { from: '2024-03-01', to: '2024-03-31' };
    const first = await server.gql<{
      assessments: {
        totalCount: number;
        edges: { node: { text: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(LIST, { filter, first: 2 });
    expect(first.data!.assessments.totalCount).toBe(3);
    expect(first.data!.assessments.edges.map((e) => e.node.text)).toEqual(['Newest.', 'Middle.']);
    expect(first.data!.assessments.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql<{ assessments: { edges: { node: { text: string } }[] } }>(LIST, {
      filter,
      first: 2,
      after: first.data!.assessments.pageInfo.endCursor,
    });
    expect(next.data!.assessments.edges.map((e) => e.node.text)).toEqual(['Oldest.']);
    const iran = await server.gql<{ assessments: { edges: { node: { text: string } }[] } }>(LIST, {
      filter: { ...filter, fronts: ['iran'] },
    });
    expect(iran.data!.assessments.edges.map((e) => e.node.text)).toEqual(['Newest.', 'Oldest.']);
    const unknown = await server.gql(LIST, { filter: { fronts: ['atlantis'] } });
    expect(firstError(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.fronts[0]' });
  });
});
