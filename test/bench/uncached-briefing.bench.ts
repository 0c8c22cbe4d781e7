/**
 * Benchmark 2: an uncached briefing among many stored events. A SQLite database (temp folder) gets the seed data
 * plus BENCH_EVENTS synthetic events (default 100,000) over ~3 years and 5 fronts, 100 of them on the briefing's
 * date, written through `services.events.import` in batches (which measures that path's import speed too).
 * At checkpoints (10,000 stored, 100,000, BENCH_EVENTS) it times, side by side:
 *   - uncached: the render cache cleared, then `briefingRenders.render(date, HTML)`: revision, load, compose, render;
 *   - floor: the same, already composed Briefing object rendered with the compiled template alone;
 * and the parts of the uncached path (DB load, pure composition), and counts its SQL statements.
 */
import { performance } from 'node:perf_hooks';
import type { Runtime } from '../../src/app/runtime';
import type { Briefing } from '../../src/briefings/briefing';
import { composeFronts, loadBriefingEvents, loadFrontHistory } from '../../src/briefings/briefing-data';
import { composeBriefing, ComposeEvent, DEFAULT_BACKGROUND_LIMIT } from '../../src/briefings/compose-briefing';
import { DEFAULTS } from '../../src/config/config';
import { Front } from '../../src/entities/front';
import { defaultTemplateRegistry, renderTemplate } from '../../src/output/templates';
import { MAX_IMPORT_BATCH } from '../../src/services/event-service';
import { BRIEFING_DATE, briefingScenario, openBenchRuntime, take } from './fixtures';
import { BenchContext, BenchModule, BenchResult, BenchRow, judged, timeInterleaved } from './harness';

interface Checkpoint {
  stored: number;
  statements: number;
  uncachedMs: number;
  floorMs: number;
  loadMs: number;
  composeMs: number;
  eventsShown: number;
  bytes: number;
}

const countEvents = (b: Briefing): number =>
  new Set(b.sections.flatMap((s) => [...s.today, ...s.recent, ...s.background].map((e) => e.id))).size;
const countToday = (b: Briefing): number => new Set(b.sections.flatMap((s) => s.today.map((e) => e.id))).size;

async function measure(runtime: Runtime, stored: number, quick: boolean): Promise<Checkpoint> {
  const { services } = runtime;
  const renders = services.briefingRenders;
  const registry = defaultTemplateRegistry();
  const request = { date: BRIEFING_DATE };

  // One uncached render, counting its statements.
  renders.cache.clear();
  services.briefings.clearComposed();
  const before = services.db.statementCount;
  const rendered = await renders.render(request, 'HTML');
  const statements = services.db.statementCount - before;

  const composed = await services.briefings.compose(request);
  const briefing = composed.briefing;

  const fronts = await services.db.manager.find(Front, { order: { briefingOrder: 'ASC', slug: 'ASC' } });
  const dataQuery = {
    date: BRIEFING_DATE,
    frontIds: fronts.map((f) => f.id),
    allFronts: true,
    frontSlugById: new Map(fronts.map((f) => [f.id, f.slug])),
    maxEvents: DEFAULTS.briefingMaxEvents,
    backgroundPerFront: DEFAULT_BACKGROUND_LIMIT,
  };
  const loaded: ComposeEvent[] = (await loadBriefingEvents(services.db.read.briefingReads, dataQuery)).events;
  const composeInput = {
    date: BRIEFING_DATE,
    timezone: 'UTC',
    now: new Date(),
    backgroundLimit: DEFAULT_BACKGROUND_LIMIT,
    events: loaded,
    fronts: composeFronts(fronts, await loadFrontHistory(services.db.read.frontHistory, null)),
  };

  const times = await timeInterleaved(
    [
      {
        name: 'uncached',
        fn: async () => {
          renders.cache.clear();
          services.briefings.clearComposed();
          await renders.render(request, 'HTML');
        },
      },
      { name: 'floor', fn: () => renderTemplate(registry, briefing, 'HTML') },
      { name: 'load', fn: () => loadBriefingEvents(services.db.read.briefingReads, dataQuery) },
      { name: 'compose', fn: () => composeBriefing(composeInput) },
    ],
    { rounds: quick ? 1 : 5, msPerRound: quick ? 150 : 1000, minOps: 3, warmupOps: quick ? 2 : 10 },
  );
  return {
    stored,
    statements,
    uncachedMs: times.get('uncached')!,
    floorMs: times.get('floor')!,
    loadMs: times.get('load')!,
    composeMs: times.get('compose')!,
    eventsShown: countEvents(briefing),
    bytes: Buffer.byteLength(rendered.body),
  };
}

export const uncachedBriefingBench: BenchModule = {
  name: 'uncached',
  description: 'Uncached compose+render of one date among many stored events vs rendering the composed object alone',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const total = ctx.quick ? 2_000 : Number(process.env.BENCH_EVENTS ?? 100_000);
    if (!Number.isInteger(total) || total < 200)
      throw new Error(`BENCH_EVENTS must be a whole number of at least 200, got ${process.env.BENCH_EVENTS}`);
    const checkpoints = [
      ...new Set((ctx.quick ? [500, total] : [10_000, 100_000, total]).filter((n) => n <= total)),
    ].sort((a, b) => a - b);
    const dir = ctx.tmpDir('uncached');
    const runtime = await openBenchRuntime(dir);
    try {
      const events = briefingScenario(total);
      const results: Checkpoint[] = [];
      let stored = 0;
      let importMs = 0;
      let briefingToday = 0;
      for (const checkpoint of checkpoints) {
        while (stored < checkpoint) {
          const batch = take(events, Math.min(MAX_IMPORT_BATCH, checkpoint - stored));
          const start = performance.now();
          const result = await runtime.services.events.import(batch);
          importMs += performance.now() - start;
          if (result.created !== batch.length) throw new Error(`import created ${result.created} of ${batch.length}`);
          stored += batch.length;
        }
        ctx.log(
          `uncached: ${stored.toLocaleString('en-US')} events stored (${Math.round((stored / importMs) * 1000)} events/s so far); measuring`,
        );
        results.push(await measure(runtime, stored, ctx.quick));
        if (briefingToday === 0)
          briefingToday = countToday((await runtime.services.briefings.compose({ date: BRIEFING_DATE })).briefing);
      }
      const first = results[0];
      const rows: BenchRow[] = [];
      for (const r of results) {
        const at = `@${r.stored.toLocaleString('en-US')}`;
        rows.push({
          name: `floor: render composed Briefing ${at}`,
          value: r.floorMs,
          unit: 'ms',
          ratio: 1,
          ratioOf: 'floor',
          note: `${r.eventsShown} events shown, ${r.bytes.toLocaleString('en-US')} bytes`,
        });
        rows.push(
          judged(
            {
              name: `uncached compose+render ${at}`,
              value: r.uncachedMs,
              unit: 'ms',
              ratio: r.uncachedMs / r.floorMs,
              ratioOf: 'floor',
              goal: '<= 2',
              note: `= DB load ${r.loadMs.toFixed(2)} ms + compose ${r.composeMs.toFixed(2)} ms + render/revision`,
            },
            ctx.quick,
          ),
        );
        rows.push(
          judged(
            {
              name: `SQL statements per uncached briefing ${at}`,
              value: r.statements,
              unit: 'stmts',
              ratio: r.statements / first.statements,
              ratioOf: `@${first.stored.toLocaleString('en-US')}`,
              goal: '<= 1',
            },
            ctx.quick,
          ),
        );
      }
      const last = results[results.length - 1];
      rows.push({
        name: `uncached cost growth ${first.stored.toLocaleString('en-US')} → ${last.stored.toLocaleString('en-US')}`,
        value: last.uncachedMs / first.uncachedMs,
        unit: 'x',
        note: `DB load ${first.loadMs.toFixed(1)} → ${last.loadMs.toFixed(1)} ms`,
      });
      rows.push({
        name: 'import via services.events.import (10k batches)',
        value: (stored / importMs) * 1000,
        unit: 'events/s',
        note: `${stored.toLocaleString('en-US')} events in ${(importMs / 1000).toFixed(1)} s`,
      });
      return {
        title: `2. Uncached HTML briefing of ${BRIEFING_DATE} (${briefingToday} events of the day) among N stored events — ratio to the floor`,
        rows,
        notes: [
          `Events: the seed data plus ${total.toLocaleString('en-US')} synthetic, 2023-01-01..2025-12-31, 5 fronts, ~20% of significance 4-5; the 12 days before and 3 after ${BRIEFING_DATE} hold only its 100 events (so the briefing stays a ~100-event one).`,
          'Median of interleaved rounds; "uncached" clears the render cache before each render (revision + fronts + 2 event queries + 5 link queries + compose + render).',
        ],
      };
    } finally {
      await runtime.close();
    }
  },
};
