import {
  ComposeEvent,
  ComposeFront,
  ComposeLeader,
  ComposeSource,
  composeBriefing,
} from '../../src/briefings/compose-briefing';
import { composeFrontOf } from '../support/compose-fronts';

/*
 * How much work composing takes, measured deterministically: every read of a field of an input event is counted
 * (the events are wrapped in a counting Proxy). Composition reads its input over and over when it compares every
 * event with every other; near-linear composition reads each a bounded number of times, plus the sorts' log factor.
 */

const NOW = new Date('2025-11-15T21:40:00Z');
const DATE = '2025-11-15';

const front = (i: number): ComposeFront =>
  composeFrontOf({ slug: `front-${i}`, name: `Front${i}`, briefingOrder: i, status: 'Tense' });

const leader: ComposeLeader = {
  type: 'leader',
  slug: 'putin',
  name: 'Vladimir Putin',
  office: 'President of Russia',
  tenureEnd: null,
};

function events(count: number, fronts: ComposeFront[], frontsPerEvent: number): ComposeEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const source: ComposeSource = {
      id: `s${i}`,
      publisher: 'Wire',
      title: `Report ${i}`,
      url: null,
      publishedOn: null,
    };
    const day = i % 3 === 0 ? DATE : `2025-11-${String(8 + (i % 7)).padStart(2, '0')}`;
    const mine = Array.from({ length: frontsPerEvent }, (_, k) => fronts[(i + k) % fronts.length]);
    return {
      id: `e${String(i).padStart(6, '0')}`,
      title: `Event ${i}`,
      summary: 'Summary.',
      kind: 'STATEMENT',
      significance: 1 + (i % 5),
      dateValue: day,
      datePrecision: 'DAY',
      occurredAt: null,
      frontSlugs: mine.map((f) => f.slug),
      leaders: [leader],
      actors: [],
      sources: [source],
      quotes: [
        { text: `${mine[0].name} said one thing.`, speaker: leader, sourceId: source.id },
        { text: 'A quote naming no front.', speaker: leader, sourceId: source.id },
      ],
    };
  });
}

/** Field reads of the input events while composing them. */
function readsComposing(input: ComposeEvent[], fronts: ComposeFront[]): number {
  let reads = 0;
  const counted = input.map(
    (e) =>
      new Proxy(e, {
        get(target, property, receiver) {
          reads += 1;
          return Reflect.get(target, property, receiver) as unknown;
        },
      }),
  );
  composeBriefing({ date: DATE, timezone: 'UTC', fronts, events: counted, now: NOW });
  return reads;
}

describe('the work of composing a briefing', () => {
  it('grows near-linearly with the events: four times the events is well under sixteen times the reads', () => {
    const fronts = Array.from({ length: 20 }, (_, i) => front(i));
    const small = readsComposing(events(250, fronts, 2), fronts);
    const large = readsComposing(events(1_000, fronts, 2), fronts);
    expect(large / small).toBeLessThan(6);
  });

  it('grows near-linearly with the fronts each event is on', () => {
    const few = Array.from({ length: 5 }, (_, i) => front(i));
    const many = Array.from({ length: 20 }, (_, i) => front(i));
    const small = readsComposing(events(200, few, few.length), few);
    const large = readsComposing(events(200, many, many.length), many);
    expect(large / small).toBeLessThan(6);
  });
});
