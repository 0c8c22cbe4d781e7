import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

describeEachDatabase('edition numbers', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  it('are 1, 2, 3, 4 for four publications of one series sent at once', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const res = await server.gql<{ publishEdition: { number: number } }>(
          'mutation { publishEdition(date: "2025-11-15", fronts: ["syria"]) { number } }',
          {},
          server.editorKey,
        );
        expect(res.errors).toBeUndefined();
        return res.data!.publishEdition.number;
      }),
    );
    expect(numbers.sort()).toEqual([1, 2, 3, 4]);
  });
});
