import fc from 'fast-check';
import type { Briefing, BriefingEvent } from '../../src/briefings/briefing';
import {
  ComposeEvent,
  ComposeFront,
  ComposeSource,
  composeBriefing,
  knownOn,
  RECENT_DAYS,
} from '../../src/briefings/compose-briefing';
import { addDays } from '../../src/dates/partial-date';
import { composeFrontOf } from '../support/compose-fronts';

/*
 * Properties of every composed briefing over random event sets: the rule of time (nothing shown that is not known
 * by the date), nothing lost (every event of the window told exactly once), told once (each quote once), and
 * every source number used.
 */

const DATE = '2025-11-15';
const SLUGS = ['gaza', 'iran', 'syria', 'lebanon', 'yemen'];
const fronts: ComposeFront[] = SLUGS.map((slug, i) =>
  composeFrontOf({ slug, name: slug[0].toUpperCase() + slug.slice(1), briefingOrder: i + 1, status: 'Tension' }),
);

const day = (offset: number): string => addDays(DATE, offset);

const sourceArb = fc.record({
  id: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6'),
  published: fc.option(fc.integer({ min: -400, max: 60 }), { nil: null }),
});

const eventArb = fc.record({
  precision: fc.constantFrom('DAY', 'DAY', 'DAY', 'MONTH', 'YEAR'),
  offset: fc.integer({ min: -420, max: 30 }),
  significance: fc.integer({ min: 1, max: 5 }),
  fronts: fc.uniqueArray(fc.constantFrom(...SLUGS), { minLength: 1, maxLength: 3 }),
  sources: fc.uniqueArray(sourceArb, { minLength: 1, maxLength: 3, selector: (s) => s.id }),
  quotes: fc.integer({ min: 0, max: 3 }),
});

type RawEvent = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function toEvents(raw: RawEvent[]): ComposeEvent[] {
  return raw.map((r, i) => {
    const d = day(r.offset);
    const dateValue = r.precision === 'DAY' ? d : r.precision === 'MONTH' ? d.slice(0, 7) : d.slice(0, 4);
    const sources: ComposeSource[] = r.sources.map((s) => ({
      id: `${s.id}-${i % 4}`,
      publisher: `Publisher ${s.id}`,
      title: `Title ${s.id}`,
      url: null,
      publishedOn: s.published === null ? null : day(s.published),
    }));
    return {
      id: `e${String(i).padStart(4, '0')}`,
      title: `Event ${i}`,
      summary: `Summary ${i}.`,
      kind: 'STATEMENT',
      significance: r.significance,
      dateValue,
      datePrecision: r.precision,
      occurredAt: null,
      frontSlugs: SLUGS.filter((s) => r.fronts.includes(s)),
      leaders: [],
      actors: [],
      sources,
      quotes: Array.from({ length: r.quotes }, (_, k) => ({
        text: `quote ${i}.${k}`,
        speaker: { type: 'actor' as const, slug: 'a', name: 'A', kind: 'OTHER' },
        sourceId: sources[k % sources.length].id,
      })),
    };
  });
}

const told = (b: Briefing): BriefingEvent[] =>
  b.sections.flatMap((s) => [...s.today, ...s.recent, ...s.alsoReported, ...s.background]);

/** The day an event is known by: its day, or `knownOn` for a month or year event. */
const knownDay = (e: ComposeEvent): string => (e.datePrecision === 'DAY' ? e.dateValue : knownOn(e)!);

describe('composed briefings over random event sets', () => {
  const arb = fc.array(eventArb, { maxLength: 60 });
  const run = (property: (events: ComposeEvent[], b: Briefing) => void): void =>
    fc.assert(
      fc.property(arb, (raw) => {
        const events = toEvents(raw);
        property(events, composeBriefing({ date: DATE, timezone: 'UTC', fronts, events, now: new Date(0) }));
      }),
      { numRuns: 300 },
    );

  it('shows nothing not known by the date', () => {
    run((events, b) => {
      const byId = new Map(events.map((e) => [e.id, e]));
      for (const e of told(b)) expect(knownDay(byId.get(e.id)!) <= DATE).toBe(true);
      for (const s of b.sections)
        for (const r of s.alsoOnThisFront) expect(knownDay(byId.get(r.eventId)!) <= DATE).toBe(true);
    });
  });

  it('tells every event of the window exactly once, and points to it from its other fronts', () => {
    run((events, b) => {
      const counts = new Map<string, number>();
      for (const e of told(b)) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
      for (const e of events) {
        const known = knownDay(e);
        if (known > DATE || known < addDays(DATE, -RECENT_DAYS)) continue;
        expect(counts.get(e.id)).toBe(1);
        for (const slug of e.frontSlugs.slice(1)) {
          const refs = b.sections.find((s) => s.front.slug === slug)!.alsoOnThisFront;
          expect(refs.filter((r) => r.eventId === e.id)).toHaveLength(1);
        }
      }
      for (const n of counts.values()) expect(n).toBe(1);
    });
  });

  it("shows each quote once, every quote of the day's events", () => {
    run((events, b) => {
      const shown = b.sections.flatMap((s) => s.quotes.map((q) => q.text));
      expect(new Set(shown).size).toBe(shown.length);
      const expected = events.filter((e) => e.datePrecision === 'DAY' && e.dateValue === DATE).flatMap((e) => e.quotes);
      expect(shown.sort()).toEqual(expected.map((q) => q.text).sort());
    });
  });

  it('numbers the sources 1..n and cites every number', () => {
    run((_events, b) => {
      expect(b.sources.map((s) => s.number)).toEqual(b.sources.map((_, i) => i + 1));
      const cited = new Set<number>();
      for (const t of b.keyTakeaways) t.sourceNumbers.forEach((n) => cited.add(n));
      for (const e of told(b)) e.sourceNumbers.forEach((n) => cited.add(n));
      for (const s of b.sections) for (const q of s.quotes) q.sourceNumbers.forEach((n) => cited.add(n));
      for (const s of b.sections) {
        for (const n of [
          ...s.front.statusSourceNumbers,
          ...s.front.openIssueItems.flatMap((i) => i.sourceNumbers),
          ...s.front.backgroundNotes.flatMap((note) => note.sourceNumbers),
        ])
          cited.add(n);
      }
      expect([...cited].sort((x, y) => x - y)).toEqual(b.sources.map((s) => s.number));
    });
  });

  it('accounts for every older event of a front: told, referenced or counted as not shown', () => {
    run((events, b) => {
      const windowStart = addDays(DATE, -RECENT_DAYS);
      for (const s of b.sections) {
        const older = events.filter((e) => e.frontSlugs.includes(s.front.slug) && knownDay(e) < windowStart);
        const toldHere = s.background.length;
        const referenced = s.alsoOnThisFront.filter((r) => older.some((e) => e.id === r.eventId)).length;
        expect(toldHere + referenced + s.backgroundOmitted).toBe(older.length);
      }
    });
  });
});
