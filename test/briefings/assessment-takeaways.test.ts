import { simpleParser } from 'mailparser';
import { pdfText } from '../pdf/pdf-read';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

const RECORD = 'mutation ($input: AssessmentInput!) { recordAssessment(input: $input) { id } }';
const DELETE = 'mutation ($id: ID!) { deleteAssessment(id: $id) }';
const TAKEAWAYS = `query ($date: Date!, $fronts: [String!]) {
  briefing(date: $date, fronts: $fronts) {
    keyTakeaways { kind text eventId assessmentId confidence confidenceTerm significance sectionAnchor frontName frontNames sourceNumbers }
    sources { number publisher title url }
  }
}`;
const RENDER = `query ($date: Date!, $format: BriefingFormat!) {
  briefing(date: $date) { render(format: $format) { encoding body } }
}`;

interface Takeaway {
  kind: string;
  text: string;
  eventId: string | null;
  assessmentId: string | null;
  confidence: string | null;
  confidenceTerm: string | null;
  significance: number | null;
  sectionAnchor: string;
  frontName: string;
  frontNames: string[];
  sourceNumbers: number[];
}
interface Briefing {
  keyTakeaways: Takeaway[];
  sources: { number: number; publisher: string; title: string; url: string | null }[];
}

describeEachDatabase('key takeaways with assessments', (kind) => {
  let server: TestServer;
  let sameDay: string;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const record = async (input: Record<string, unknown>): Promise<string> => {
      const res = await server.gql<{ recordAssessment: { id: string } }>(RECORD, { input }, server.editorKey);
      expect(res.errors).toBeUndefined();
      return res.data!.recordAssessment.id;
    };
    // Fronts given out of briefing order: the takeaway lists them in briefing order (Gaza before Iran).
    sameDay = await record({
      date: '2025-11-15',
      confidence: 'ALMOST_CERTAIN',
      text: 'Moscow will keep talking to both sides.',
      fronts: ['iran', 'gaza'],
      sources: [{ publisher: 'Analysis Desk', title: 'Weekly outlook', url: 'https://example.org/outlook' }],
    });
    await record({
      date: '2025-11-12',
      confidence: 'UNLIKELY',
      text: 'The second stage will be agreed before December.',
      fronts: ['gaza'],
    });
    await record({ date: '2025-11-16', confidence: 'LIKELY', text: 'Written the day after.', fronts: ['gaza'] });
    await record({ date: '2025-11-07', confidence: 'REMOTE', text: 'More than a week old.', fronts: ['gaza'] });
  });
  afterAll(() => server?.stop());

  const briefing = async (date: string, fronts?: string[]): Promise<Briefing> => {
    const res = await server.gql<{ briefing: Briefing }>(TAKEAWAYS, { date, fronts });
    expect(res.errors).toBeUndefined();
    return res.data!.briefing;
  };

  it("leads with the assessments of the date and the week before, newest first, then the day's events", async () => {
    const b = await briefing('2025-11-15');
    const [first, second, ...events] = b.keyTakeaways;
    expect(first).toEqual({
      kind: 'ASSESSMENT',
      text: 'Assessment (almost certainly): Moscow will keep talking to both sides.',
      eventId: null,
      assessmentId: sameDay,
      confidence: 'ALMOST_CERTAIN',
      confidenceTerm: 'almost certainly',
      significance: null,
      sectionAnchor: 'front-gaza',
      frontName: 'Gaza',
      frontNames: ['Gaza', 'Iran'],
      sourceNumbers: [1],
    });
    expect(b.sources[0]).toMatchObject({ number: 1, publisher: 'Analysis Desk', url: 'https://example.org/outlook' });
    expect(second).toMatchObject({
      kind: 'ASSESSMENT',
      text: 'Assessment of 12 November 2025 (unlikely): The second stage will be agreed before December.',
      confidenceTerm: 'unlikely',
      frontNames: ['Gaza'],
      sourceNumbers: [],
    });
    // Then the seed's events of the day, each with its significance and every one of its fronts.
    expect(events.length).toBeGreaterThan(0);
    for (const t of events) {
      expect(t).toMatchObject({ kind: 'EVENT', assessmentId: null, confidence: null });
      expect(t.significance).toBeGreaterThanOrEqual(1);
    }
    expect(events[0].frontNames).toEqual(['Gaza', 'Iran', 'Syria']);
    // Nothing dated after the briefing, nothing older than its week.
    const texts = b.keyTakeaways.map((t) => t.text).join('\n');
    expect(texts).not.toContain('Written the day after.');
    expect(texts).not.toContain('More than a week old.');
  });

  it('shows an assessment only in briefings of its fronts, and only from its day', async () => {
    const iran = await briefing('2025-11-15', ['iran']);
    expect(iran.keyTakeaways.filter((t) => t.kind === 'ASSESSMENT').map((t) => [t.text, t.frontNames])).toEqual([
      ['Assessment (almost certainly): Moscow will keep talking to both sides.', ['Iran']],
    ]);
    // The day before: neither the assessment of the 15th nor the one of the 16th; the 7th is within its week.
    const dayBefore = await briefing('2025-11-14');
    expect(dayBefore.keyTakeaways.filter((t) => t.kind === 'ASSESSMENT').map((t) => t.text)).toEqual([
      'Assessment of 12 November 2025 (unlikely): The second stage will be agreed before December.',
      'Assessment of 7 November 2025 (remote chance): More than a week old.',
    ]);
  });

  it.each(['HTML', 'MARKDOWN', 'TEXT', 'EMAIL', 'PDF'])(
    'words the assessment with its estimative term in %s, ahead of the events',
    async (format) => {
      const res = await server.gql<{ briefing: { render: { encoding: string; body: string } } }>(RENDER, {
        date: '2025-11-15',
        format,
      });
      expect(res.errors).toBeUndefined();
      const { body } = res.data!.briefing.render;
      let text: string;
      if (format === 'PDF') text = pdfText(Buffer.from(body, 'base64'));
      else if (format === 'EMAIL') {
        const mail = await simpleParser(body);
        text = `${String(mail.html)}\n${mail.text ?? ''}`;
      } else text = body;
      const flat = text.replace(/\s+/g, ' ');
      const at = flat.indexOf('Assessment (almost certainly): Moscow will keep talking to both sides.');
      expect(at).toBeGreaterThan(0);
      expect(flat.indexOf('Assessment of 12 November 2025 (unlikely)')).toBeGreaterThan(at);
      expect(flat).not.toContain('Written the day after.');
    },
  );

  it('is gone from the briefing once deleted', async () => {
    const res = await server.gql(DELETE, { id: sameDay }, server.editorKey);
    expect(res.errors).toBeUndefined();
    const b = await briefing('2025-11-15');
    expect(b.keyTakeaways.map((t) => t.assessmentId)).not.toContain(sameDay);
    expect(b.sources.map((s) => s.publisher)).not.toContain('Analysis Desk');
  });
});
