import { describeEachDatabase } from '../support/databases';
import { firstError, startTestServer, TestServer } from '../support/test-server';

const UPSERT_REGION =
  'mutation ($input: RegionUpsertInput!) { upsertRegion(input: $input) { id slug name kind isoCode parent { slug } } }';
const UPSERT_LEADER =
  'mutation ($input: LeaderUpsertInput!) { upsertLeader(input: $input) { slug name office tenureStart tenureEnd region { slug } } }';
const UPSERT_ACTOR =
  'mutation ($input: ActorUpsertInput!) { upsertActor(input: $input) { slug name kind description backedBy { slug } region { slug } } }';
const UPSERT_FRONT =
  'mutation ($input: FrontUpsertInput!) { upsertFront(input: $input) { slug name status { kind } briefingOrder regions { slug } } }';

describeEachDatabase('reference data upserts', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  it('creates a region, then updates the one with the same slug', async () => {
    const created = await server.gql<{ upsertRegion: { id: string } }>(
      UPSERT_REGION,
      { input: { slug: 'red-sea', name: 'Red Sea', kind: 'SEA', parent: 'middle-east' } },
      server.editorKey,
    );
    expect(created.data!.upsertRegion).toMatchObject({
      slug: 'red-sea',
      kind: 'SEA',
      isoCode: null,
      parent: { slug: 'middle-east' },
    });
    const updated = await server.gql<{ upsertRegion: { id: string } }>(
      UPSERT_REGION,
      { input: { slug: 'red-sea', name: 'The Red Sea', kind: 'SEA' } },
      server.editorKey,
    );
    expect(updated.data!.upsertRegion).toMatchObject({
      id: created.data!.upsertRegion.id,
      name: 'The Red Sea',
      parent: null,
    });
  });

  it('creates a leader with a tenure at month precision', async () => {
    const res = await server.gql(
      UPSERT_LEADER,
      {
        input: {
          slug: 'al-sharaa',
          name: 'Ahmed al-Sharaa',
          office: 'President of Syria (transitional)',
          region: 'syria',
          tenureStart: '2025-01',
        },
      },
      server.editorKey,
    );
    expect(res.data).toEqual({
      upsertLeader: {
        slug: 'al-sharaa',
        name: 'Ahmed al-Sharaa',
        office: 'President of Syria (transitional)',
        tenureStart: '2025-01',
        tenureEnd: null,
        region: { slug: 'syria' },
      },
    });
  });

  it('creates an actor backed by another', async () => {
    const res = await server.gql(
      UPSERT_ACTOR,
      {
        input: {
          slug: 'islamic-jihad',
          name: 'Palestinian Islamic Jihad',
          kind: 'ARMED_GROUP',
          backedBy: 'iran',
          region: 'gaza-strip',
        },
      },
      server.editorKey,
    );
    expect(res.data).toEqual({
      upsertActor: {
        slug: 'islamic-jihad',
        name: 'Palestinian Islamic Jihad',
        kind: 'ARMED_GROUP',
        description: null,
        backedBy: { slug: 'iran' },
        region: { slug: 'gaza-strip' },
      },
    });
    expect(
      (await server.gql<{ actor: { name: string } }>('{ actor(slug: "islamic-jihad") { name } }')).data!.actor.name,
    ).toBe('Palestinian Islamic Jihad');
  });

  it('creates a front that then appears in briefing order, and replaces its regions on update', async () => {
    const input = {
      slug: 'red-sea',
      name: 'Red Sea shipping',
      briefingOrder: 6,
      regions: ['yemen'],
    };
    const res = await server.gql(UPSERT_FRONT, { input }, server.editorKey);
    expect(res.data).toEqual({
      upsertFront: {
        slug: 'red-sea',
        name: 'Red Sea shipping',
        // A new front has no status until setFrontStatus gives it one.
        status: null,
        briefingOrder: 6,
        regions: [{ slug: 'yemen' }],
      },
    });
    const fronts = await server.gql<{ fronts: { slug: string }[] }>('{ fronts { slug } }');
    expect(fronts.data!.fronts.map((f) => f.slug)).toEqual(['gaza', 'iran', 'syria', 'lebanon', 'yemen', 'red-sea']);
    const updated = await server.gql<{ upsertFront: { regions: { slug: string }[] } }>(
      UPSERT_FRONT,
      { input: { ...input, regions: ['yemen', 'middle-east'] } },
      server.editorKey,
    );
    expect(updated.data!.upsertFront.regions.map((r) => r.slug)).toEqual(['middle-east', 'yemen']);
  });

  it.each([
    [UPSERT_REGION, { slug: 'x', name: 'X', kind: 'SEA', parent: 'atlantis' }, 'input.parent'],
    [UPSERT_REGION, { slug: 'Not A Slug', name: 'X', kind: 'SEA' }, 'input.slug'],
    [UPSERT_REGION, { slug: 'x', name: 'X', kind: 'COUNTRY', isoCode: 'israel' }, 'input.isoCode'],
    [UPSERT_REGION, { slug: 'x', name: 'X', kind: 'SEA', parent: 'x' }, 'input.parent'],
    [UPSERT_LEADER, { slug: 'x', name: 'X', office: 'Y', tenureStart: '2025-13' }, 'input.tenureStart'],
    [
      UPSERT_LEADER,
      { slug: 'x', name: 'X', office: 'Y', tenureStart: '2025-05', tenureEnd: '2024' },
      'input.tenureEnd',
    ],
    [UPSERT_LEADER, { slug: 'x', name: '', office: 'Y' }, 'input.name'],
    [UPSERT_ACTOR, { slug: 'x', name: 'X', kind: 'STATE', backedBy: 'nobody' }, 'input.backedBy'],
    [UPSERT_FRONT, { slug: 'x', name: 'X', briefingOrder: -1 }, 'input.briefingOrder'],
    [
      UPSERT_FRONT,
      {
        slug: 'x',
        name: 'X',
        briefingOrder: 1,
        regions: ['atlantis'],
      },
      'input.regions[0]',
    ],
    [UPSERT_FRONT, { slug: 'x', name: '', briefingOrder: 1 }, 'input.name'],
  ])('rejects bad input naming the field (%#)', async (mutation, input, field) => {
    const before = (await server.gql('{ regions { slug name } leaders { slug } actors { slug } fronts { slug } }'))
      .data;
    const res = await server.gql(mutation, { input }, server.editorKey);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(
      (await server.gql('{ regions { slug name } leaders { slug } actors { slug } fronts { slug } }')).data,
    ).toEqual(before);
  });
});
