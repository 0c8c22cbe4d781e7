import { TokenBuckets } from '../../src/graphql/limits';
import { startTestServer, TestServer } from '../support/test-server';
import { postGraphQL, raw, RawResponse, resolverActivity } from './support';

describe('token buckets', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst of the whole budget, then refills at budget per window', () => {
    const buckets = new TokenBuckets(3, 60_000, clock);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(20);
    now += 19_000;
    expect(buckets.take('a')).toBe(1);
    now += 1_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(20);
  });

  it('keeps one bucket per caller', () => {
    const buckets = new TokenBuckets(1, 1_000, clock);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1);
    expect(buckets.take('b')).toBe(0);
  });

  it('takes several tokens at once, and never more than the budget', () => {
    const buckets = new TokenBuckets(3, 60_000, clock);
    expect(buckets.take('a', 2)).toBe(0);
    expect(buckets.take('a', 2)).toBe(20);
    expect(buckets.take('b', 4)).toBe(60);
    expect(buckets.take('b', 3)).toBe(0);
  });

  it('is off with a budget of 0', () => {
    const buckets = new TokenBuckets(0, 60_000, clock);
    for (let i = 0; i < 100; i++) expect(buckets.take('a')).toBe(0);
  });
});

describe('rate limits over HTTP (3 mutations and 2 renders per minute)', () => {
  let server: TestServer;
  let otherEditorKey: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      SITREP_RATE_LIMIT_MUTATIONS: '3',
      SITREP_RATE_LIMIT_RENDERS: '2',
      SITREP_RATE_LIMIT_WINDOW_MS: '60000',
      // X-Forwarded-For stands in for distinct client addresses.
      SITREP_TRUST_PROXY: 'true',
    });
    otherEditorKey = (await server.services.keys.create('second editor', 'editor')).secret;
  });
  afterAll(() => server?.stop());

  let ipCounter = 0;
  /** A fresh client address per test, so tests do not share budgets. */
  const freshIp = (): string => `203.0.113.${++ipCounter}`;

  const upsert = (slug: string): string =>
    `upsertRegion(input: { slug: "${slug}", name: "${slug}", kind: TERRITORY }) { slug }`;
  const mutate = (query: string, headers: Record<string, string>): Promise<RawResponse> =>
    postGraphQL(server, { query }, headers);
  const RENDER = '{ briefing(date: "2025-11-15") { render(format: MARKDOWN) { filename } } }';

  function expectLimited(res: RawResponse): void {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    if (res.headers.get('content-type')?.includes('json')) {
      const body = res.json();
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
      expect(body.errors?.[0].message).toMatch(/Rate limit/);
    } else {
      expect(res.text).toMatch(/Rate limit/);
    }
  }

  it('counts mutations per API key: the 4th in a minute is 429 with Retry-After and runs nothing', async () => {
    const headers = { authorization: `Bearer ${server.editorKey}`, 'x-forwarded-for': freshIp() };
    for (let i = 0; i < 3; i++) {
      const res = await mutate(`mutation { ${upsert(`rl-key-${i}`)} }`, headers);
      expect(res.status).toBe(200);
      expect(res.json().errors).toBeUndefined();
    }
    const { result, serviceCalls, statements } = await resolverActivity(server, () =>
      mutate(`mutation { ${upsert('rl-key-3')} }`, headers),
    );
    expectLimited(result);
    expect(serviceCalls).toBe(0);
    // Authenticating the key is the only SQL (the context runs before the limit).
    expect(statements).toBeLessThanOrEqual(2);
    expect(await server.services.regions.bySlug('rl-key-3')).toBeNull();
    // Another key from the very same address has its own budget.
    const other = await mutate(`mutation { ${upsert('rl-other-0')} }`, {
      authorization: `Bearer ${otherEditorKey}`,
      'x-forwarded-for': headers['x-forwarded-for'],
    });
    expect(other.status).toBe(200);
  });

  it('counts each root field of a mutation, and refuses more at once than the budget', async () => {
    const key = (await server.services.keys.create('batch editor', 'editor')).secret;
    const headers = { authorization: `Bearer ${key}` };
    expectLimited(
      await mutate(
        `mutation { a: ${upsert('rl-a')} b: ${upsert('rl-b')} c: ${upsert('rl-c')} d: ${upsert('rl-d')} }`,
        headers,
      ),
    );
    expect(await server.services.regions.bySlug('rl-a')).toBeNull();
    expect((await mutate(`mutation { a: ${upsert('rl-a')} b: ${upsert('rl-b')} }`, headers)).status).toBe(200);
    expect((await mutate(`mutation { ${upsert('rl-c')} }`, headers)).status).toBe(200);
    expectLimited(await mutate(`mutation { ${upsert('rl-d')} }`, headers));
  });

  it('counts mutations without a key per client address', async () => {
    const [first, second] = [freshIp(), freshIp()];
    for (let i = 0; i < 3; i++) {
      const res = await mutate(`mutation { ${upsert('rl-anon')} }`, { 'x-forwarded-for': first });
      expect(res.json().errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    expectLimited(await mutate(`mutation { ${upsert('rl-anon')} }`, { 'x-forwarded-for': first }));
    const elsewhere = await mutate(`mutation { ${upsert('rl-anon')} }`, { 'x-forwarded-for': second });
    expect(elsewhere.json().errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('does not limit queries that render nothing', async () => {
    const headers = { 'x-forwarded-for': freshIp() };
    for (let i = 0; i < 8; i++) {
      const res = await postGraphQL(
        server,
        { query: '{ briefing(date: "2025-11-15") { title } regions { slug } }' },
        headers,
      );
      expect(res.status).toBe(200);
    }
  });

  it('counts GraphQL renders and downloads against one budget', async () => {
    const headers = { 'x-forwarded-for': freshIp() };
    const download = await raw(server, '/briefings/2025-11-15.md', { headers });
    expect(download.status).toBe(200);
    // A revalidation that answers 304 renders nothing and costs nothing.
    const etag = download.headers.get('etag')!;
    expect(
      (await raw(server, '/briefings/2025-11-15.md', { headers: { ...headers, 'if-none-match': etag } })).status,
    ).toBe(304);
    const rendered = await postGraphQL(server, { query: RENDER }, headers);
    expect(rendered.status).toBe(200);
    expect(rendered.json().errors).toBeUndefined();
    const { result, serviceCalls } = await resolverActivity(server, () =>
      postGraphQL(server, { query: RENDER }, headers),
    );
    expectLimited(result);
    expect(serviceCalls).toBe(0);
    const refused = await raw(server, '/briefings/2025-11-15.html', { headers });
    expectLimited(refused);
    expect(refused.headers.get('content-type')).toMatch(/^text\/plain/); // A download the render cache already holds costs nothing, even with the budget spent.
    expect((await raw(server, '/briefings/2025-11-15.md', { headers })).status).toBe(200);
  });

  it('counts every render an operation selects, through aliases and fragments', async () => {
    const headers = { 'x-forwarded-for': freshIp() };
    const three = `{ briefing(date: "2025-11-15") { a: render(format: MARKDOWN) { filename } ...R } }
      fragment R on Briefing { b: render(format: TEXT) { filename } c: render(format: HTML) { filename } }`;
    expectLimited(await postGraphQL(server, { query: three }, headers));
    const two =
      '{ briefing(date: "2025-11-15") { a: render(format: MARKDOWN) { filename } b: render(format: TEXT) { filename } } }';
    expect((await postGraphQL(server, { query: two }, headers)).status).toBe(200);
    expectLimited(await postGraphQL(server, { query: RENDER }, headers));
  });

  it('counts a briefing composed afresh for a query that renders nothing as one render; a cached one costs nothing', async () => {
    const headers = { 'x-forwarded-for': freshIp() };
    const titles = (date: string, copies = 1): Promise<RawResponse> =>
      postGraphQL(
        server,
        {
          query: `{ ${Array.from({ length: copies }, (_, i) => `b${i}: briefing(date: "${date}") { title }`).join(' ')} }`,
        },
        headers,
      );
    // Fifteen aliases of one briefing compose it once.
    const fifteen = await titles('2025-10-01', 15);
    expect(fifteen.status).toBe(200);
    expect(fifteen.json().errors).toBeUndefined();
    expect((await titles('2025-10-02')).json().errors).toBeUndefined();
    const { result: refused, statements } = await resolverActivity(server, () => titles('2025-10-03'));
    // Refused while executing (whether a briefing is cached is known only then): 429, no data, the render budget's code.
    expect(refused.status).toBe(429);
    const body = refused.json();
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(refused.headers.get('retry-after')),
    });
    expect(body.errors?.[0].message).toMatch(/Rate limit of 2 briefing renders/);
    // Refused before loading anything: the revision read is all it cost.
    expect(statements).toBeLessThanOrEqual(2);
    // The same code and budget as renders: a render is refused too, a composed briefing still served.
    expectLimited(await postGraphQL(server, { query: RENDER }, headers));
    const cached = await titles('2025-10-01', 15);
    expect(cached.status).toBe(200);
    expect(cached.json().errors).toBeUndefined();
  });

  it('counts renders per API key when there is one', async () => {
    const ip = freshIp();
    for (let i = 0; i < 2; i++)
      expect((await postGraphQL(server, { query: RENDER }, { 'x-forwarded-for': ip })).status).toBe(200);
    expectLimited(await postGraphQL(server, { query: RENDER }, { 'x-forwarded-for': ip }));
    const keyed = await postGraphQL(
      server,
      { query: RENDER },
      { 'x-forwarded-for': ip, authorization: `Bearer ${server.readerKey}` },
    );
    expect(keyed.status).toBe(200);
  });
});
