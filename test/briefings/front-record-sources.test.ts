import { pdfText } from '../pdf/pdf-read';
import { describeEachDatabase } from '../support/databases';
import { emailTexts, readableText } from '../support/dates-in-text';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * Every claim sourced: a status period, an open issue and a context note cite their sources in the briefing's one
 * numbered list, by document (a URL an event also cites gets one number), and every format prints the markers.
 */

const FORMATS = ['html', 'md', 'txt', 'eml', 'pdf'] as const;
const DATE = '2026-03-10';
const SHARED = 'https://example.org/shared-report';

const CREATE = 'mutation ($input: EventCreateInput!) { createEvent(input: $input) { id } }';
const BRIEFING = `query ($date: Date!) {
  briefing(date: $date, fronts: ["gaza"]) {
    sections {
      statusLine
      front {
        statusSourceNumbers backgroundSourceNumbers
        openIssueItems { text sourceNumbers } backgroundNotes { text sourceNumbers }
      }
      today { title sourceNumbers }
    }
    sources { number publisher title url }
  }
}`;

interface ApiBriefing {
  sections: {
    statusLine: string;
    front: {
      statusSourceNumbers: number[];
      backgroundSourceNumbers: number[];
      openIssueItems: { text: string; sourceNumbers: number[] }[];
      backgroundNotes: { text: string; sourceNumbers: number[] }[];
    };
    today: { title: string; sourceNumbers: number[] }[];
  }[];
  sources: { number: number; publisher: string; title: string; url: string | null }[];
}

describeEachDatabase('front records cite their sources', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(() => server?.stop());

  const mutate = async (query: string, variables: Record<string, unknown> = {}): Promise<void> => {
    const res = await server.gql(query, variables, server.editorKey);
    expect(res.errors).toBeUndefined();
  };

  /** What a reader of the download reads before its source list, whitespace dropped (wrapping differs by format). */
  const read = async (ext: (typeof FORMATS)[number]): Promise<string[]> => {
    const res = await fetch(`${server.url}/briefings/${DATE}.${ext}?fronts=gaza`);
    expect(res.status).toBe(200);
    let texts: string[];
    if (ext === 'pdf') texts = [readableText('PDF', pdfText(Buffer.from(await res.arrayBuffer())))];
    else if (ext === 'eml') texts = await emailTexts(await res.text());
    else texts = [readableText(ext === 'html' ? 'HTML' : 'TEXT', await res.text())];
    return texts.map((t) => t.replace(/\s+/g, ''));
  };

  it('numbers the status, issue and note sources once, shared with an event, and every format cites them', async () => {
    await mutate(
      `mutation {
        setFrontStatus(front: "gaza", kind: TENSION, text: "Talks stalled", since: "2026-03-09",
          sources: [{ publisher: "Shared Wire", title: "Talks stall", url: "${SHARED}", publishedOn: "2026-03-09" }]) { id }
      }`,
    );
    await mutate(CREATE, {
      input: {
        date: DATE,
        title: 'Negotiators leave Cairo',
        summary: 'The delegations left without a date for the next round.',
        kind: 'STATEMENT',
        significance: 3,
        fronts: ['gaza'],
        sources: [{ publisher: 'Shared Wire', title: 'Talks stall', url: SHARED, publishedOn: '2026-03-09' }],
      },
    });
    await mutate(
      `mutation {
        openFrontIssue(front: "gaza", text: "Date of the next round", opened: "2026-03-09",
          sources: [{ publisher: "Desk", title: "Round two", url: "https://example.org/round-two" }]) { id }
        addFrontContext(front: "gaza", text: "Talks resumed in March after a winter pause.", validFrom: "2026-03-01",
          sources: [{ publisher: "Archive", title: "Winter pause", url: "https://example.org/winter-pause" }]) { id }
      }`,
    );

    const res = await server.gql<{ briefing: ApiBriefing }>(BRIEFING, { date: DATE });
    expect(res.errors).toBeUndefined();
    const b = res.data!.briefing;
    const [gaza] = b.sections;
    const shared = b.sources.filter((s) => s.url === SHARED);
    expect(shared).toHaveLength(1);
    const n = shared[0].number;
    expect(gaza.statusLine).toBe('Talks stalled since 9 March 2026 — day 2');
    expect(gaza.front.statusSourceNumbers).toEqual([n]);
    expect(gaza.today.find((e) => e.title === 'Negotiators leave Cairo')?.sourceNumbers).toEqual([n]);
    const issue = gaza.front.openIssueItems.find((i) => i.text === 'Date of the next round')!;
    const note = gaza.front.backgroundNotes.find((i) => i.text === 'Talks resumed in March after a winter pause.')!;
    const numberOf = (url: string): number => b.sources.find((s) => s.url === url)!.number;
    expect(issue.sourceNumbers).toEqual([numberOf('https://example.org/round-two')]);
    expect(note.sourceNumbers).toEqual([numberOf('https://example.org/winter-pause')]);
    expect(gaza.front.backgroundSourceNumbers).toContain(note.sourceNumbers[0]);
    // Numbered in reading order: the status line comes first in the section.
    expect(n).toBe(1);

    const txt = await (await fetch(`${server.url}/briefings/${DATE}.txt?fronts=gaza`)).text();
    expect(txt.split(SHARED)).toHaveLength(2);

    for (const ext of FORMATS) {
      const ref = (k: number): string => (ext === 'md' ? `[^${k}]` : `[${k}]`);
      for (const text of await read(ext)) {
        expect([ext, text]).toEqual([ext, expect.stringContaining(`Talksstalledsince9March2026—day2${ref(n)}`)]);
        expect([ext, text]).toEqual([ext, expect.stringContaining(`Dateofthenextround${ref(issue.sourceNumbers[0])}`)]);
        expect([ext, text]).toEqual([ext, expect.stringContaining(`afterawinterpause.${ref(note.sourceNumbers[0])}`)]);
      }
    }
  }, 120_000);
});
