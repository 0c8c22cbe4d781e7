import fs from 'node:fs';
import path from 'node:path';
import type { Briefing } from '../../src/briefings/briefing';
import { addDays, parsePartialDate } from '../../src/dates/partial-date';
import { Confidence, CONFIDENCE_WORDING } from '../../src/entities/confidence';
import { pdfText } from '../pdf/pdf-read';
import { describeEachDatabase } from '../support/databases';
import { datesAfter, emailTexts, readableText } from '../support/dates-in-text';
import { startTestServer, TestServer } from '../support/test-server';

/*
 * Every briefing from 2023-01-01 to 2026-01-31 over the seed data plus generated events and assessments, composed
 * from the real database: nothing shown that is not known by its date, every event of its window told exactly
 * once, each quote once, every source number used, the assessments of its week (up to the takeaway limit) led with
 * once each and none made after it; and, read as text in every format (outside the source list), no date after its
 * own (no later event, status, issue, context or judgement) and each assessment of its week worded once with its
 * estimative term. The PDF, slow to print, is read on the days the seed history turns.
 */

interface InputEvent {
  title: string;
  date: string;
  fronts: string[];
  sources: { publishedOn?: string | null }[];
}

const FIRST = '2023-01-01';
const LAST = '2026-01-31';
const FRONTS = ['gaza', 'iran', 'syria', 'lebanon', 'yemen'];
/** Days around the turns of the seed history (periods and notes starting, month and year dates becoming known). */
const PDF_DAYS = ['2023-10-31', '2023-11-01', '2025-01-01', '2025-06-01', '2025-10-09', '2025-10-10', '2025-11-15'];

/** Deterministic generated events: day, month and year precision, on one to three fronts, any significance. */
function generated(): (InputEvent & Record<string, unknown>)[] {
  let seed = 12;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: 150 }, (_, i) => {
    const day = addDays(FIRST, next(1126));
    const precision = next(6);
    const date = precision === 0 ? day.slice(0, 7) : precision === 1 ? day.slice(0, 4) : day;
    const fronts = [...new Set([FRONTS[next(5)], FRONTS[next(5)], FRONTS[next(5)]].slice(0, 1 + next(3)))];
    const published = next(3) === 0 ? addDays(day, next(40) - 10) : null;
    return {
      externalId: `sweep:${i}`,
      date,
      title: `Sweep event ${i}`,
      summary: `Generated event ${i}.`,
      kind: 'STATEMENT',
      significance: 1 + next(5),
      fronts,
      sources: [
        { publisher: 'Sweep Wire', title: `Report ${i}`, ...(published === null ? {} : { publishedOn: published }) },
      ],
    };
  });
}

interface InputAssessment {
  date: string;
  confidence: Confidence;
  text: string;
  fronts: string[];
  sources: { publisher: string; title: string; url?: string }[];
}

const CONFIDENCES = Object.keys(CONFIDENCE_WORDING) as Confidence[];
/** A week holding more assessments than the takeaways lead with (DEFAULT_TAKEAWAY_LIMIT, 5). */
const CROWDED_WEEK = '2025-03-10';
const TAKEAWAY_LIMIT = 5;
const ASSESSMENT_DAYS = 7;
const JUDGEMENT = /Sweep judgement (\d+) holds\./g;

/** Deterministic generated assessments over the whole sweep, one crowded week among them. */
function generatedAssessments(): InputAssessment[] {
  let seed = 34;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: 130 }, (_, i) => ({
    date: i < 8 ? addDays(CROWDED_WEEK, next(8)) : addDays(FIRST, next(1126)),
    confidence: CONFIDENCES[next(CONFIDENCES.length)],
    text: `Sweep judgement ${i} holds.`,
    fronts: [...new Set([FRONTS[next(5)], FRONTS[next(5)]].slice(0, 1 + next(2)))],
    sources: Array.from({ length: next(3) }, (_, k) => ({
      publisher: 'Sweep Desk',
      title: `Outlook ${i}.${k}`,
      ...(k === 0 ? { url: `https://example.org/outlook-${next(20)}` } : {}),
    })),
  }));
}

/** The numbers of the assessments the briefing of `date` leads with: its week's, newest first (ties by id). */
function expectedJudgements(assessments: readonly (InputAssessment & { id: string })[], date: string): number[] {
  return assessments
    .filter((a) => a.date <= date && a.date >= addDays(date, -ASSESSMENT_DAYS))
    .sort((x, y) => y.date.localeCompare(x.date) || x.id.localeCompare(y.id))
    .slice(0, TAKEAWAY_LIMIT)
    .map((a) => Number(/\d+/.exec(a.text)![0]));
}

/** The numbers of the assessments a text words, each with the estimative term it is worded with. */
function judgementsIn(text: string): { n: number; term: string }[] {
  const flat = text.replace(/\s+/g, ' ');
  return [...flat.matchAll(JUDGEMENT)].map((m) => ({
    n: Number(m[1]),
    term: flat.slice(Math.max(0, m.index - 40), m.index),
  }));
}

/** The day an event is known by: its day, or for a month or year the day after it ends or its first source. */
function knownDay(e: InputEvent): string {
  if (e.date.length === 10) return e.date;
  const period = parsePartialDate(e.date)!;
  let known = addDays(period.end, 1);
  for (const s of e.sources) {
    if (s.publishedOn == null) continue;
    const published = s.publishedOn < period.start ? period.start : s.publishedOn;
    if (published < known) known = published;
  }
  return known;
}

describeEachDatabase('the briefing of every day from 2023 to January 2026', (kind) => {
  let server: TestServer;
  let inputs: InputEvent[];
  let assessments: (InputAssessment & { id: string })[];
  beforeAll(async () => {
    server = await startTestServer(kind);
    const extra = generated();
    await server.services.events.import(extra);
    assessments = [];
    for (const a of generatedAssessments())
      assessments.push({ ...a, id: (await server.services.assessments.record(a)).id });
    const seed = JSON.parse(fs.readFileSync(path.join(__dirname, '../../seeds/events.json'), 'utf8')) as InputEvent[];
    inputs = [...seed.filter((e) => e.fronts.length > 0), ...extra];
  }, 60_000);
  afterAll(() => server?.stop());

  it("tells every event of each window exactly once, nothing not yet known, each quote once, every source used, the week's assessments first", async () => {
    const byTitle = new Map(inputs.map((e) => [e.title, e]));
    let windowEvents = 0;
    let ledAssessments = 0;
    for (let date = FIRST; date <= LAST; date = addDays(date, 1)) {
      const b: Briefing = (await server.services.briefings.compose({ date })).briefing;
      const told = b.sections.flatMap((s) => [...s.today, ...s.recent, ...s.alsoReported, ...s.background]);
      const titles = told.map((e) => e.title);
      for (const title of titles)
        expect([date, title, knownDay(byTitle.get(title)!) <= date]).toEqual([date, title, true]);
      const windowStart = addDays(date, -7);
      for (const e of inputs) {
        const known = knownDay(e);
        if (known > date || known < windowStart) continue;
        windowEvents += 1;
        expect([date, e.title, titles.filter((t) => t === e.title).length]).toEqual([date, e.title, 1]);
      }
      const quotes = b.sections.flatMap((s) => s.quotes.map((q) => `${q.eventId}|${q.text}`));
      expect(new Set(quotes).size).toBe(quotes.length);
      const cited = new Set<number>();
      for (const t of b.keyTakeaways) t.sourceNumbers.forEach((n) => cited.add(n));
      for (const e of told) e.sourceNumbers.forEach((n) => cited.add(n));
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
      const led = b.keyTakeaways.filter((t) => t.kind === 'ASSESSMENT');
      expect([date, led.map((t) => judgementsIn(t.text)[0]?.n)]).toEqual([date, expectedJudgements(assessments, date)]);
      for (const t of led) {
        const a = assessments.find((x) => x.id === t.assessmentId)!;
        expect([date, t.text]).toEqual([date, expect.stringContaining(`(${CONFIDENCE_WORDING[a.confidence].term}): `)]);
      }
      ledAssessments += led.length;
    }
    expect(windowEvents).toBeGreaterThan(500);
    expect(ledAssessments).toBeGreaterThan(500);
  }, 300_000);

  it("states no date after its own in any format, outside the source list, and words the week's assessments", async () => {
    const renders = server.services.briefingRenders;
    const late: string[] = [];
    const check = (date: string, format: string, text: string): void => {
      for (const words of datesAfter(text, date)) late.push(`${date} ${format}: ${words}`);
      // Each assessment of the week once, worded with its term; none other.
      const worded = judgementsIn(text);
      const expected = expectedJudgements(assessments, date);
      if (worded.length !== expected.length || worded.some((w) => !expected.includes(w.n)))
        late.push(`${date} ${format}: assessments ${worded.map((w) => w.n).join(',')}, not ${expected.join(',')}`);
      for (const w of worded) {
        const term = CONFIDENCE_WORDING[assessments[w.n].confidence].term;
        if (!w.term.endsWith(`(${term}): `)) late.push(`${date} ${format}: assessment ${w.n} without "${term}"`);
      }
    };
    for (let date = FIRST; date <= LAST; date = addDays(date, 1)) {
      for (const format of ['HTML', 'MARKDOWN', 'TEXT'])
        check(date, format, readableText(format, String((await renders.render({ date }, format)).body)));
      const email = String((await renders.render({ date }, 'EMAIL')).body);
      for (const text of await emailTexts(email)) check(date, 'EMAIL', text);
    }
    for (const date of PDF_DAYS) {
      const pdf = (await renders.render({ date }, 'PDF')).body as Buffer;
      check(date, 'PDF', readableText('PDF', pdfText(pdf)));
    }
    expect(late).toEqual([]);
  }, 600_000);
});
