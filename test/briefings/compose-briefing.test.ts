import type { Briefing } from '../../src/briefings/briefing';
import {
  ComposeActor,
  ComposeEvent,
  ComposeFront,
  ComposeLeader,
  ComposeSource,
  composeBriefing,
  statusLineFor,
} from '../../src/briefings/compose-briefing';
import { composeFrontOf, SimpleFront } from '../support/compose-fronts';

const NOW = new Date('2025-11-15T21:40:00Z');

const front = (slug: string, name: string, briefingOrder: number, extra: Partial<SimpleFront> = {}): ComposeFront =>
  composeFrontOf({
    slug,
    name,
    briefingOrder,
    statusKind: 'TENSION',
    status: `${name} status`,
    statusSince: null,
    background: `${name} background.`,
    openIssues: [],
    ...extra,
  });

const gaza = front('gaza', 'Gaza', 1, {
  statusKind: 'CEASEFIRE',
  status: 'Ceasefire in force',
  statusSince: '2025-10-10',
});
const iran = front('iran', 'Iran', 2);
const syria = front('syria', 'Syria', 3, {
  statusKind: 'POST_CONFLICT',
  status: 'Post-Assad transition',
  statusSince: '2024-12',
});
const lebanon = front('lebanon', 'Lebanon', 4);

const putin: ComposeLeader = {
  type: 'leader',
  slug: 'putin',
  name: 'Vladimir Putin',
  office: 'President of Russia',
  tenureEnd: null,
};
const assad: ComposeLeader = {
  type: 'leader',
  slug: 'assad',
  name: 'Bashar al-Assad',
  office: 'President of Syria',
  tenureEnd: '2024-12',
};
const kremlin: ComposeActor = {
  type: 'actor',
  slug: 'kremlin-press-service',
  name: 'Kremlin press service',
  kind: 'GOVERNMENT_OFFICE',
};

const source = (id: string): ComposeSource => ({
  id,
  publisher: `Publisher ${id}`,
  title: `Title ${id}`,
  url: `https://example.org/${id}`,
  publishedOn: null,
});

let counter = 0;
function event(fields: Partial<ComposeEvent> & Pick<ComposeEvent, 'dateValue'>): ComposeEvent {
  counter += 1;
  const precision = fields.dateValue.length === 10 ? 'DAY' : fields.dateValue.length === 7 ? 'MONTH' : 'YEAR';
  return {
    id: `e${counter}`,
    title: `Event ${counter}`,
    summary: 'Summary.',
    kind: 'STATEMENT',
    significance: 3,
    datePrecision: precision,
    occurredAt: null,
    frontSlugs: ['gaza'],
    leaders: [],
    actors: [],
    sources: [source('s1')],
    quotes: [],
    ...fields,
  };
}

const compose = (
  events: ComposeEvent[],
  opts: { date?: string; timezone?: string; fronts?: ComposeFront[] } = {},
): Briefing =>
  composeBriefing({
    date: opts.date ?? '2025-11-15',
    timezone: opts.timezone ?? 'UTC',
    fronts: opts.fronts ?? [gaza, iran, syria, lebanon],
    events,
    now: NOW,
  });

const section = (b: Briefing, slug: string) => b.sections.find((s) => s.front.slug === slug)!;

describe('composeBriefing', () => {
  it('gives one section per front in briefing order, whatever order the fronts come in', () => {
    const b = compose([], { fronts: [lebanon, gaza, syria, iran] });
    expect(b.sections.map((s) => s.anchor)).toEqual(['front-gaza', 'front-iran', 'front-syria', 'front-lebanon']);
    expect(b.title).toBe('Daily briefing — 15 November 2025');
    expect(b.generatedAt).toBe('2025-11-15T21:40:00.000Z');
  });

  describe('status lines and day counts', () => {
    it('counts the start day as day 1: 10 October → 15 November is day 37', () => {
      expect(statusLineFor(gaza.statusPeriods[0], '2025-11-15')).toEqual({
        statusLine: 'Ceasefire in force since 10 October 2025 — day 37',
        statusDay: 37,
      });
      expect(statusLineFor(gaza.statusPeriods[0], '2025-10-10')).toEqual({
        statusLine: 'Ceasefire in force since 10 October 2025 — day 1',
        statusDay: 1,
      });
    });

    it('counts calendar days of the briefing date, the same in every timezone', () => {
      for (const timezone of ['UTC', 'Asia/Jerusalem', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
        expect(section(compose([], { timezone }), 'gaza')).toMatchObject({
          statusDay: 37,
          statusLine: 'Ceasefire in force since 10 October 2025 — day 37',
        });
      }
    });

    it('gives no day count for a month-precision start, and words it as a month', () => {
      expect(section(compose([]), 'syria')).toMatchObject({
        statusLine: 'Post-Assad transition since December 2024',
        statusDay: null,
      });
    });

    it('says plainly when the status has no known start or begins after the date', () => {
      expect(section(compose([]), 'iran')).toMatchObject({ statusLine: 'Iran status', statusDay: null });
      expect(statusLineFor(gaza.statusPeriods[0], '2025-10-01')).toEqual({
        statusLine: 'Ceasefire in force from 10 October 2025',
        statusDay: null,
      });
    });
  });

  describe('front state as history', () => {
    const article = [{ ...source('article'), publishedOn: '2025-11-15' }];
    const dated: ComposeFront = {
      slug: 'gaza',
      name: 'Gaza',
      briefingOrder: 1,
      statusPeriods: [
        {
          kind: 'CEASEFIRE',
          text: 'Ceasefire in force',
          since: '2025-10-10',
          until: null,
          sources: [],
          recordedOn: '2026-01-01',
        },
        {
          kind: 'ACTIVE_CONFLICT',
          text: 'War',
          since: '2023-10',
          until: '2025-10-10',
          sources: article,
          recordedOn: '2026-01-01',
        },
      ],
      issues: [
        { text: 'Hostages', opened: '2023-10-07', resolved: '2025-10-13', sources: [], recordedOn: '2026-01-01' },
        { text: 'Withdrawal', opened: '2025-10', resolved: null, sources: article, recordedOn: '2026-01-01' },
      ],
      context: [
        { text: 'Old note.', validFrom: '2023-10', retired: '2025-10-10', sources: [], recordedOn: '2026-01-01' },
        { text: 'New note.', validFrom: '2025-10-10', retired: null, sources: [], recordedOn: '2026-01-01' },
      ],
    };
    const on = (date: string) => section(compose([], { date, fronts: [dated] }), 'gaza');

    it('says "No status recorded" before any period, never borrowing a later one', () => {
      // A month-precision start holds once the month is over (the source was published later still).
      expect(on('2023-10-20')).toMatchObject({
        statusLine: 'No status recorded',
        statusDay: null,
        front: { statusKind: null, status: null, statusSince: null, background: '', openIssues: ['Hostages'] },
      });
    });

    it('uses the period, issues and notes that hold on the date, the day count from that period', () => {
      expect(on('2025-06-01')).toMatchObject({
        statusLine: 'War since October 2023',
        statusDay: null,
        front: { statusKind: 'ACTIVE_CONFLICT', background: 'Old note.', openIssues: ['Hostages'] },
      });
      expect(on('2025-10-12')).toMatchObject({
        statusLine: 'Ceasefire in force since 10 October 2025 — day 3',
        statusDay: 3,
        front: { statusKind: 'CEASEFIRE', background: 'New note.', openIssues: ['Hostages'] },
      });
      // The resolved issue no longer holds; the month-precision one only once October is over.
      expect(on('2025-10-13').front.openIssues).toEqual([]);
      expect(on('2025-11-15')).toMatchObject({
        statusLine: 'Ceasefire in force since 10 October 2025 — day 37',
        front: { openIssues: ['Withdrawal'] },
      });
    });
  });

  describe('honest dates', () => {
    it('puts an event at 2025-11-14T23:30Z on 15 November in Asia/Jerusalem, and on 14 November in UTC', () => {
      const late = event({ dateValue: '2025-11-14', occurredAt: '2025-11-14T23:30:00.000Z', title: 'Late event' });
      const jerusalem = section(compose([late], { timezone: 'Asia/Jerusalem' }), 'gaza');
      expect(jerusalem.today.map((e) => e.title)).toEqual(['Late event']);
      expect(jerusalem.today[0]).toMatchObject({
        date: '2025-11-15',
        dateText: 'on 15 November 2025',
        localTime: '01:30',
      });
      const utc = section(compose([late], { timezone: 'UTC' }), 'gaza');
      expect(utc.today).toEqual([]);
      expect(utc.recent[0]).toMatchObject({
        title: 'Late event',
        date: '2025-11-14',
        dateText: 'on 14 November 2025',
        localTime: '23:30',
      });
    });

    it('words a month-precision event "in December 2024, day not reported" and never makes it an event of the day', () => {
      const fall = event({
        dateValue: '2024-12',
        frontSlugs: ['syria'],
        significance: 5,
        kind: 'REGIME_CHANGE',
        leaders: [assad],
      });
      const b = compose([fall]);
      const s = section(b, 'syria');
      expect(s.today).toEqual([]);
      expect(s.background[0]).toMatchObject({
        date: '2024-12',
        datePrecision: 'MONTH',
        dateText: 'in December 2024, day not reported',
        kindLabel: 'Regime change',
      });
      expect(s.leaders).toEqual([
        { slug: 'assad', name: 'Bashar al-Assad', type: 'leader', role: 'former President of Syria' },
      ]);
    });

    it('shows a month or year event only once it is known to have happened by the date', () => {
      // The period contains the date, but nothing says the event had happened by then.
      const thisMonth = event({ dateValue: '2025-11', significance: 5, title: 'Sometime in November' });
      const thisYear = event({ dateValue: '2025', significance: 3, frontSlugs: ['iran'], title: 'Sometime in 2025' });
      const quiet = compose([thisMonth, thisYear]);
      for (const s of quiet.sections) {
        expect([...s.today, ...s.recent, ...s.alsoReported, ...s.background]).toEqual([]);
        expect(s.hasNews).toBe(false);
      }
      expect(quiet.sources).toEqual([]);
      // Known once a source reporting it is published, and shown as what became known then.
      const reported = { ...thisMonth, sources: [{ ...source('s9'), publishedOn: '2025-11-12' }] };
      const b = compose([reported, thisYear]);
      expect(section(b, 'gaza').recent.map((e) => [e.title, e.dateText])).toEqual([
        ['Sometime in November', 'in November 2025, day not reported'],
      ]);
      expect(section(b, 'gaza').today).toEqual([]);
      expect(b.keyTakeaways).toEqual([]);
      // Known once its period is over: the year event in the first week of 2026, then as background.
      expect(section(compose([thisYear], { date: '2026-01-03' }), 'iran').recent.map((e) => e.title)).toEqual([
        'Sometime in 2025',
      ]);
      const later = section(compose([thisYear], { date: '2026-03-01' }), 'iran');
      expect(later.recent).toEqual([]);
      expect(later.backgroundOmittedText).toBe('1 earlier event not shown');
    });
  });

  describe('what goes where', () => {
    it('orders today by significance, recent newest first, and keeps only significant older events as background', () => {
      const minor = event({ dateValue: '2025-11-15', significance: 2, title: 'Minor' });
      const major = event({ dateValue: '2025-11-15', significance: 5, title: 'Major' });
      const recentOld = event({ dateValue: '2025-11-08', title: 'Seven days ago' });
      const recentNew = event({ dateValue: '2025-11-14', title: 'Yesterday' });
      const tooOld = event({ dateValue: '2025-11-07', significance: 3, title: 'Eight days ago, minor' });
      const oldMajor = event({ dateValue: '2025-10-10', significance: 5, title: 'Ceasefire' });
      const future = event({ dateValue: '2025-11-16', significance: 5, title: 'Tomorrow' });
      const s = section(compose([minor, recentOld, future, major, tooOld, recentNew, oldMajor]), 'gaza');
      expect(s.today.map((e) => e.title)).toEqual(['Major', 'Minor']);
      expect(s.recent.map((e) => e.title)).toEqual(['Yesterday', 'Seven days ago']);
      expect(s.background.map((e) => e.title)).toEqual(['Ceasefire']);
      expect(s.backgroundOmitted).toBe(1);
      expect(s.backgroundOmittedText).toBe('1 earlier event not shown');
      expect(s.hasNews).toBe(true);
    });

    it('shows every event of the window whatever its significance, the minor ones in one line each', () => {
      const minor = event({ dateValue: '2025-11-10', significance: 1, title: 'Minor' });
      const small = event({ dateValue: '2025-11-12', significance: 2, title: 'Small' });
      const notable = event({ dateValue: '2025-11-11', significance: 3, title: 'Notable' });
      const s = section(compose([minor, small, notable]), 'gaza');
      expect(s.recent.map((e) => e.title)).toEqual(['Notable']);
      expect(s.alsoReported.map((e) => e.title)).toEqual(['Small', 'Minor']);
    });

    it('tells an event on several fronts once, in the first front in briefing order, and points to it from the others', () => {
      const call = event({ dateValue: '2025-11-15', frontSlugs: ['syria', 'gaza', 'iran'], title: 'Call' });
      const old = event({ dateValue: '2024-12-08', frontSlugs: ['syria', 'iran'], significance: 5, title: 'Fall' });
      const b = compose([call, old]);
      expect(section(b, 'gaza').today.map((e) => e.title)).toEqual(['Call']);
      expect(section(b, 'iran').today).toEqual([]);
      expect(section(b, 'iran').hasNews).toBe(true);
      expect(section(b, 'iran').alsoOnThisFront).toEqual(
        [
          {
            eventId: call.id,
            title: 'Call',
            dateText: 'on 15 November 2025',
            sectionAnchor: 'front-gaza',
            frontName: 'Gaza',
          },
          {
            eventId: old.id,
            title: 'Fall',
            dateText: 'on 8 December 2024',
            sectionAnchor: 'front-iran',
            frontName: 'Iran',
          },
        ].filter((r) => r.frontName === 'Gaza'),
      );
      expect(section(b, 'iran').background.map((e) => e.title)).toEqual(['Fall']);
      expect(section(b, 'syria').alsoOnThisFront.map((r) => [r.title, r.frontName])).toEqual([
        ['Call', 'Gaza'],
        ['Fall', 'Iran'],
      ]);
      expect(section(b, 'syria').backgroundOmitted).toBe(0);
    });

    it('a quiet date has hasNews false in every section, keeps status and background, and has no takeaways', () => {
      const oldMajor = event({ dateValue: '2025-10-10', significance: 5, title: 'Ceasefire' });
      const b = compose([oldMajor], { date: '2025-12-25' });
      expect(b.sections.every((s) => !s.hasNews && s.today.length === 0 && s.recent.length === 0)).toBe(true);
      expect(b.keyTakeaways).toEqual([]);
      expect(section(b, 'gaza')).toMatchObject({
        statusLine: 'Ceasefire in force since 10 October 2025 — day 77',
        front: { background: 'Gaza background.' },
      });
      expect(section(b, 'gaza').background.map((e) => e.title)).toEqual(['Ceasefire']);
    });

    it("takes the day's most significant events across fronts as takeaways, pointing to their first section", () => {
      const call = event({ dateValue: '2025-11-15', frontSlugs: ['iran', 'syria'], significance: 3, title: 'Call' });
      const strike = event({ dateValue: '2025-11-15', frontSlugs: ['lebanon'], significance: 4, title: 'Strike' });
      const b = compose([call, strike]);
      expect(b.keyTakeaways.map((t) => [t.text, t.sectionAnchor, t.frontName, t.frontNames])).toEqual([
        ['Strike', 'front-lebanon', 'Lebanon', ['Lebanon']],
        ['Call', 'front-iran', 'Iran', ['Iran', 'Syria']],
      ]);
    });

    it('gives each quote to the first section whose front it names, else to the section telling its event', () => {
      const call = event({
        dateValue: '2025-11-15',
        frontSlugs: ['gaza', 'iran', 'syria'],
        leaders: [putin],
        actors: [kremlin],
        quotes: [
          { text: 'deployments in the Gaza Strip', speaker: kremlin, sourceId: 's1' },
          { text: 'the Iranian nuclear program and stabilization in Syria', speaker: kremlin, sourceId: 's1' },
          { text: 'on the initiative of President Putin', speaker: putin, sourceId: 's1' },
        ],
      });
      const b = compose([call]);
      expect(section(b, 'gaza').quotes.map((q) => q.text)).toEqual([
        'deployments in the Gaza Strip',
        'on the initiative of President Putin',
      ]);
      expect(section(b, 'iran').quotes.map((q) => q.text)).toEqual([
        'the Iranian nuclear program and stabilization in Syria',
      ]);
      // Each quote once: it names Syria too, but Iran comes first.
      expect(section(b, 'syria').quotes).toEqual([]);
      expect(section(b, 'gaza').quotes[0].speaker).toEqual({
        slug: 'kremlin-press-service',
        name: 'Kremlin press service',
        type: 'actor',
        role: 'government office',
      });
      expect(section(b, 'gaza').actors.map((a) => a.slug)).toEqual(['kremlin-press-service']);
    });
  });

  describe('sources', () => {
    it('numbers sources once, in order of first citation, and uses every number', () => {
      const today = event({
        dateValue: '2025-11-15',
        frontSlugs: ['iran'],
        significance: 4,
        sources: [source('b'), source('a')],
        quotes: [{ text: 'q', speaker: kremlin, sourceId: 'a' }],
      });
      const gazaRecent = event({ dateValue: '2025-11-12', sources: [source('c'), source('b')] });
      const gazaOld = event({ dateValue: '2024-11-21', significance: 4, sources: [source('d')] });
      const b = compose([gazaOld, gazaRecent, today]);
      expect(b.sources.map((s) => [s.number, s.publisher])).toEqual([
        [1, 'Publisher b'],
        [2, 'Publisher a'],
        [3, 'Publisher c'],
        [4, 'Publisher d'],
      ]);
      expect(b.keyTakeaways[0].sourceNumbers).toEqual([1, 2]);
      expect(section(b, 'gaza').recent[0].sourceNumbers).toEqual([1, 3]);
      expect(section(b, 'gaza').background[0].sourceNumbers).toEqual([4]);
      expect(section(b, 'iran').quotes[0].sourceNumbers).toEqual([2]);
      const cited = new Set<number>();
      for (const t of b.keyTakeaways) t.sourceNumbers.forEach((n) => cited.add(n));
      for (const s of b.sections) {
        for (const e of [...s.today, ...s.recent, ...s.background]) e.sourceNumbers.forEach((n) => cited.add(n));
        for (const q of s.quotes) q.sourceNumbers.forEach((n) => cited.add(n));
      }
      expect([...cited].sort()).toEqual(b.sources.map((s) => s.number));
    });

    it('lists no source that nothing shown cites', () => {
      const hidden = event({ dateValue: '2025-11-01', significance: 2, sources: [source('hidden')] });
      expect(compose([hidden]).sources).toEqual([]);
    });
  });
});
