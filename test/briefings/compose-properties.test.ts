import path from 'node:path';
import fc from 'fast-check';
import type { Briefing, BriefingEvent } from '../../src/briefings/briefing';
import {
  ASSESSMENT_DAYS,
  ComposeAssessment,
  ComposeEvent,
  ComposeFront,
  ComposeSource,
  composeBriefing,
  DEFAULT_TAKEAWAY_LIMIT,
  knownOn,
  RECENT_DAYS,
} from '../../src/briefings/compose-briefing';
import { addDays } from '../../src/dates/partial-date';
import { Confidence, CONFIDENCE_WORDING } from '../../src/entities/confidence';
import { composeBriefingEmail } from '../../src/output/email/compose-briefing-email';
import { renderTemplate, TemplateRegistry } from '../../src/output/templates';
import { composeFrontOf } from '../support/compose-fronts';
import { datesAfter, emailTexts, readableText } from '../support/dates-in-text';

/*
 * Properties of every composed briefing over random event and assessment sets: the rule of time (nothing shown
 * that is not known by the date, no judgement made after it), nothing lost (every event of the window told exactly
 * once, every assessment of its week led with once, up to the takeaway limit), told once (each quote once), every
 * source number used, and each assessment worded with its estimative term in every format.
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

const CONFIDENCES = Object.keys(CONFIDENCE_WORDING) as Confidence[];

/** Assessments from before their week to after the date, on one to three fronts (yemen-only ones too). */
const assessmentArb = fc.record({
  offset: fc.integer({ min: -ASSESSMENT_DAYS - 4, max: 4 }),
  confidence: fc.constantFrom(...CONFIDENCES),
  fronts: fc.uniqueArray(fc.constantFrom(...SLUGS), { minLength: 1, maxLength: 3 }),
  // Sources shared between assessments, some with a URL and some without.
  sources: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
});

const termOf = (a: ComposeAssessment): string => CONFIDENCE_WORDING[a.confidence as Confidence].term;

type RawAssessment = typeof assessmentArb extends fc.Arbitrary<infer T> ? T : never;

function toAssessments(raw: RawAssessment[]): ComposeAssessment[] {
  return raw.map((r, i) => ({
    id: `a${String(i).padStart(3, '0')}`,
    date: day(r.offset),
    confidence: r.confidence,
    text: `Judgement a${String(i).padStart(3, '0')} holds.`,
    frontSlugs: r.fronts,
    sources: r.sources.map((k) => ({
      id: `assessment-source:${k}`,
      publisher: `Desk ${k}`,
      title: `Outlook ${k}`,
      url: k % 2 === 0 ? `https://example.org/outlook-${k}` : null,
      publishedOn: null,
    })),
  }));
}

/**
 * The assessments the briefing leads with: dated on the date or in the ASSESSMENT_DAYS before, on a front it has,
 * newest first (ties by id), as many as the takeaway limit.
 */
function expectedAssessments(assessments: readonly ComposeAssessment[], sectionSlugs: readonly string[]): string[] {
  return assessments
    .filter((a) => a.date <= DATE && a.date >= addDays(DATE, -ASSESSMENT_DAYS))
    .filter((a) => a.frontSlugs.some((slug) => sectionSlugs.includes(slug)))
    .sort((x, y) => y.date.localeCompare(x.date) || x.id.localeCompare(y.id))
    .slice(0, DEFAULT_TAKEAWAY_LIMIT)
    .map((a) => a.id);
}

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

describe('composed briefings over random event and assessment sets', () => {
  // Most runs have few assessments, some more than the takeaway limit holds.
  const arb = fc.tuple(fc.array(eventArb, { maxLength: 60 }), fc.array(assessmentArb, { maxLength: 10 }));
  const compose = (events: ComposeEvent[], assessments: ComposeAssessment[]): Briefing =>
    composeBriefing({ date: DATE, timezone: 'UTC', fronts, events, assessments, now: new Date(0) });
  const run = (property: (events: ComposeEvent[], b: Briefing, assessments: ComposeAssessment[]) => void): void =>
    fc.assert(
      fc.property(arb, ([rawEvents, rawAssessments]) => {
        const events = toEvents(rawEvents);
        const assessments = toAssessments(rawAssessments);
        property(events, compose(events, assessments), assessments);
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

  it("leads with the assessments of the date's week on its fronts, newest first, each once, none made after it", () => {
    run((_events, b, assessments) => {
      const byId = new Map(assessments.map((a) => [a.id, a]));
      const led = b.keyTakeaways.filter((t) => t.kind === 'ASSESSMENT');
      expect(b.keyTakeaways.slice(0, led.length)).toEqual(led);
      expect(led.map((t) => t.assessmentId)).toEqual(expectedAssessments(assessments, SLUGS));
      for (const t of led) {
        const a = byId.get(t.assessmentId!)!;
        expect(a.date <= DATE).toBe(true);
        expect(t.text).toContain(`(${termOf(a)}): ${a.text}`);
        expect(new Set(t.sourceNumbers).size).toBe(a.sources.length);
      }
    });
  });

  it('words each assessment it leads with, with its estimative term, once in every format, and no later one', async () => {
    const registry = new TemplateRegistry({
      templatesDir: path.resolve(__dirname, '..', '..', 'templates'),
      watch: false,
      renderTimeoutMs: 10_000,
    });
    registry.preload();
    const flat = (text: string): string => text.replace(/\s+/g, ' ');
    const count = (text: string, part: string): number => text.split(part).length - 1;
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.array(eventArb, { maxLength: 12 }), fc.array(assessmentArb, { maxLength: 8 })),
        async ([rawEvents, rawAssessments]) => {
          const events = toEvents(rawEvents);
          const assessments = toAssessments(rawAssessments);
          const b = compose(events, assessments);
          const texts: [string, string][] = (['HTML', 'MARKDOWN', 'TEXT'] as const).map((format) => [
            format,
            flat(readableText(format, String(renderTemplate(registry, b, format).body))),
          ]);
          const email = await composeBriefingEmail(b, { registry: () => registry });
          for (const text of await emailTexts(email.raw.toString('utf8'))) texts.push(['EMAIL', flat(text)]);
          const led = new Set(expectedAssessments(assessments, SLUGS));
          for (const [format, text] of texts) {
            expect([format, datesAfter(text, DATE)]).toEqual([format, []]);
            for (const a of assessments) {
              const worded = `${termOf(a)}): ${a.text}`;
              expect([format, a.id, count(text, a.text), count(text, worded)]).toEqual(
                led.has(a.id) ? [format, a.id, 1, 1] : [format, a.id, 0, 0],
              );
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

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
