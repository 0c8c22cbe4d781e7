import { Edition } from '../../src/entities/edition';
import { pdfText } from '../pdf/pdf-read';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * An edition frozen before front records cited their sources holds fronts without source numbers. It still reads
 * as published: over GraphQL its issues and background come as lines citing nothing, and its PDF (printed on the
 * first request, with today's templates) still lists its open issues and background.
 */

const PUBLISH = 'mutation { publishEdition(date: "2025-11-15", fronts: ["gaza"]) { id } }';
const FRONTS = `query ($id: ID!) {
  edition(id: $id) {
    briefing {
      sections {
        front { openIssues background statusSourceNumbers openIssueItems { text sourceNumbers } backgroundNotes { text sourceNumbers } }
      }
    }
  }
}`;

interface LegacyFront {
  openIssues: string[];
  background: string;
  statusSourceNumbers: number[];
  openIssueItems: { text: string; sourceNumbers: number[] }[];
  backgroundNotes: { text: string; sourceNumbers: number[] }[];
}

describeEachDatabase('an edition frozen before front records cited sources', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  it('still shows its open issues and background, citing nothing, in the API and the PDF', async () => {
    const published = await server.gql<{ publishEdition: { id: string } }>(PUBLISH, {}, server.editorKey);
    expect(published.errors).toBeUndefined();
    const id = published.data!.publishEdition.id;

    // Stored as an earlier release froze it: the fronts without the fields front citations added.
    const manager = server.services.db.dataSource.manager;
    const row = await manager.findOneByOrFail(Edition, { id });
    const briefing = JSON.parse(row.briefing) as { sections: { front: Record<string, unknown> }[] };
    for (const { front } of briefing.sections)
      for (const key of ['statusSourceNumbers', 'openIssueItems', 'backgroundNotes', 'backgroundSourceNumbers'])
        delete front[key];
    await manager.update(Edition, { id }, { briefing: JSON.stringify(briefing) });

    const res = await server.gql<{ edition: { briefing: { sections: { front: LegacyFront }[] } } }>(
      FRONTS,
      { id },
      server.editorKey,
    );
    expect(res.errors).toBeUndefined();
    const [{ front }] = res.data!.edition.briefing.sections;
    expect(front.openIssues.length).toBeGreaterThan(0);
    expect(front.background).not.toBe('');
    expect(front.statusSourceNumbers).toEqual([]);
    expect(front.openIssueItems).toEqual(front.openIssues.map((text) => ({ text, sourceNumbers: [] })));
    expect(front.backgroundNotes).toEqual([{ text: front.background, sourceNumbers: [] }]);

    if (kind === 'sqlite') {
      const pdf = await fetch(`${server.url}/editions/${id}.pdf`, {
        headers: { authorization: `Bearer ${server.editorKey}` },
      });
      expect(pdf.status).toBe(200);
      const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
      expect(text).toContain(front.openIssues[0]);
      expect(text).toContain(front.background.split('\n')[0].split(' ').slice(0, 6).join(' '));
    }
  }, 120_000);
});
