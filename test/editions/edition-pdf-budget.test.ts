import { startTestServer, TestServer } from '../support/test-server';

/** The first print of an edition's PDF is a render from the caller's budget; its stored bytes are free after. */
describe('edition PDFs and the render budget', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', {
      SITREP_RATE_LIMIT_RENDERS: '1',
      SITREP_RATE_LIMIT_WINDOW_MS: '3600000',
    });
  });
  afterAll(() => server?.stop());

  const publish = async (fronts: string[]): Promise<string> => {
    const res = await server.gql<{ publishEdition: { id: string } }>(
      'mutation ($fronts: [String!]) { publishEdition(date: "2025-11-15", fronts: $fronts) { id } }',
      { fronts },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.publishEdition.id;
  };

  it('charges the first print only', async () => {
    const gaza = await publish(['gaza']);
    const iran = await publish(['iran']);
    // Stored formats never cost a render.
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${server.url}/editions/${gaza}.html`)).status).toBe(200);
    const printed = await fetch(`${server.url}/editions/${gaza}.pdf`);
    expect(printed.status).toBe(200);
    const stored = await fetch(`${server.url}/editions/${gaza}.pdf`);
    expect(stored.status).toBe(200);
    expect(Buffer.from(await stored.arrayBuffer())).toEqual(Buffer.from(await printed.arrayBuffer()));
    const refused = await fetch(`${server.url}/editions/${iran}.pdf`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).not.toBeNull();
  });
});
