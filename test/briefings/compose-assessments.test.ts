import fc from 'fast-check';
import type { Briefing } from '../../src/briefings/briefing';
import { ComposeAssessment, ComposeEvent, ComposeFront, composeBriefing } from '../../src/briefings/compose-briefing';
import { addDays } from '../../src/dates/partial-date';
import { composeFrontOf } from '../support/compose-fronts';

const NOW = new Date('2025-11-15T21:40:00Z');

const front = (slug: string, name: string, briefingOrder: number): ComposeFront =>
  composeFrontOf({ slug, name, briefingOrder, statusKind: 'TENSION', status: `${name} status` });
const FRONTS = [front('gaza', 'Gaza', 1), front('iran', 'Iran', 2), front('lebanon', 'Lebanon', 3)];

const shared = { publisher: 'Wire', title: 'Shared report', url: 'https://example.org/shared', publishedOn: null };

const assessment = (
  fields: Partial<ComposeAssessment> & Pick<ComposeAssessment, 'id' | 'date'>,
): ComposeAssessment => ({
  confidence: 'LIKELY',
  text: `Judgement ${fields.id}.`,
  frontSlugs: ['gaza'],
  sources: [],
  ...fields,
});

const event = (fields: Partial<ComposeEvent> & Pick<ComposeEvent, 'id'>): ComposeEvent => ({
  title: `Event ${fields.id}`,
  summary: 'Summary.',
  kind: 'STATEMENT',
  significance: 3,
  dateValue: '2025-11-15',
  datePrecision: 'DAY',
  occurredAt: null,
  frontSlugs: ['gaza'],
  leaders: [],
  actors: [],
  sources: [{ id: 'stored-source', ...shared }],
  quotes: [],
  ...fields,
});

const compose = (assessments: ComposeAssessment[], events: ComposeEvent[] = [], fronts = FRONTS): Briefing =>
  composeBriefing({ date: '2025-11-15', timezone: 'UTC', fronts, events, assessments, now: NOW });

describe('assessments in the key takeaways', () => {
  it('lead the events, newest first, from the date back 7 days and never after it', () => {
    const b = compose(
      [
        assessment({ id: 'a-old', date: '2025-11-07' }),
        assessment({ id: 'a-edge', date: '2025-11-08', confidence: 'REMOTE' }),
        assessment({ id: 'a-today', date: '2025-11-15', confidence: 'ALMOST_CERTAIN' }),
        assessment({ id: 'a-later', date: '2025-11-16' }),
        assessment({ id: 'a-mid', date: '2025-11-12', confidence: 'ROUGHLY_EVEN' }),
      ],
      [event({ id: 'e1', significance: 5 })],
    );
    expect(b.keyTakeaways.map((t) => [t.kind, t.assessmentId ?? t.eventId, t.text])).toEqual([
      ['ASSESSMENT', 'a-today', 'Assessment (almost certainly): Judgement a-today.'],
      ['ASSESSMENT', 'a-mid', 'Assessment of 12 November 2025 (roughly even chance): Judgement a-mid.'],
      ['ASSESSMENT', 'a-edge', 'Assessment of 8 November 2025 (remote chance): Judgement a-edge.'],
      ['EVENT', 'e1', 'Event e1'],
    ]);
  });

  it('name all their fronts among the sections, in briefing order, and point to the first', () => {
    const b = compose([assessment({ id: 'a', date: '2025-11-15', frontSlugs: ['lebanon', 'gaza', 'yemen'] })]);
    expect(b.keyTakeaways[0]).toMatchObject({
      frontName: 'Gaza',
      frontNames: ['Gaza', 'Lebanon'],
      sectionAnchor: 'front-gaza',
    });
    const iranOnly = compose([assessment({ id: 'a', date: '2025-11-15', frontSlugs: ['gaza'] })], [], [FRONTS[1]]);
    expect(iranOnly.keyTakeaways).toEqual([]);
  });

  it('number their sources first, and share a number with an event citing the same URL', () => {
    const b = compose(
      [
        assessment({
          id: 'a',
          date: '2025-11-15',
          sources: [
            { id: 'assessment-source:1', publisher: 'Desk', title: 'Outlook', url: null, publishedOn: null },
            { id: 'assessment-source:2', ...shared },
          ],
        }),
      ],
      [event({ id: 'e1' })],
    );
    expect(b.keyTakeaways.map((t) => t.sourceNumbers)).toEqual([[1, 2], [2]]);
    expect(b.sources.map((s) => s.title)).toEqual(['Outlook', 'Shared report']);
  });

  it('are capped at the takeaway limit, and so are the events after them', () => {
    const many = Array.from({ length: 8 }, (_, i) => assessment({ id: `a${i}`, date: '2025-11-15' }));
    const events = Array.from({ length: 8 }, (_, i) => event({ id: `e${i}` }));
    const b = composeBriefing({
      date: '2025-11-15',
      timezone: 'UTC',
      fronts: FRONTS,
      events,
      assessments: many,
      now: NOW,
      takeawayLimit: 3,
    });
    expect(b.keyTakeaways.map((t) => t.kind)).toEqual([
      'ASSESSMENT',
      'ASSESSMENT',
      'ASSESSMENT',
      'EVENT',
      'EVENT',
      'EVENT',
    ]);
  });

  it('never lead with a judgement dated after the date, and leave none of its week out (property)', () => {
    const arb = fc.array(
      fc.record({
        offset: fc.integer({ min: -12, max: 4 }),
        fronts: fc.subarray(['gaza', 'iran', 'lebanon', 'yemen'], { minLength: 1 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const assessments = raw.map((r, i) =>
          assessment({
            id: `a${String(i).padStart(2, '0')}`,
            date: addDays('2025-11-15', r.offset),
            frontSlugs: r.fronts,
          }),
        );
        const b = composeBriefing({
          date: '2025-11-15',
          timezone: 'UTC',
          fronts: FRONTS,
          events: [],
          assessments,
          now: NOW,
          takeawayLimit: 100,
        });
        const shown = new Set(b.keyTakeaways.map((t) => t.assessmentId));
        for (const a of assessments) {
          const inWeek = a.date <= '2025-11-15' && a.date >= '2025-11-08';
          const onSection = a.frontSlugs.some((slug) => slug !== 'yemen');
          expect(shown.has(a.id)).toBe(inWeek && onSection);
        }
        const dates = b.keyTakeaways.map((t) => assessments.find((a) => a.id === t.assessmentId)!.date);
        expect(dates).toEqual([...dates].sort().reverse());
      }),
    );
  });
});
