/**
 * Benchmark 1: the cached briefing against the limit. A bare node:http server returning the very bytes of the
 * 2025-11-15 HTML briefing is the floor; the real server's cached download (200, and 304 on If-None-Match) and the
 * cached briefing over GraphQL are reported as fractions of its requests per second, under the same load in
 * interleaved rounds. Each server runs in its own process; autocannon runs in this one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execute, parse } from 'graphql';
import type { Runtime } from '../../src/app/runtime';
import { createLoaders } from '../../src/graphql/context/loaders';
import { getSchema } from '../../src/graphql/schema';
import { BRIEFING_DATE, benchEnv, openBenchRuntime, sqliteUrl } from './fixtures';
import {
  BenchContext,
  BenchModule,
  BenchResult,
  BenchRow,
  HttpTarget,
  judged,
  loadInterleaved,
  timeInterleaved,
} from './harness';
import { ServerProcess, startServerProcess } from './server-process';

const GRAPHQL_QUERY = `query Briefing($date: Date!) { briefing(date: $date) { render(format: HTML) { body } } }`;

/** Statements and render-cache lookups per request of one target, from `n` sequential requests. */
async function perRequestWork(
  server: ServerProcess,
  target: HttpTarget,
  n: number,
): Promise<{ statements: number; cacheLookups: number }> {
  const before = await server.stats();
  for (let i = 0; i < n; i++) {
    const response = await fetch(target.url, {
      method: target.method ?? 'GET',
      headers: target.headers,
      body: target.body,
    });
    await response.arrayBuffer();
    if (response.status !== (target.expectStatus ?? 200)) throw new Error(`${target.name}: status ${response.status}`);
  }
  const after = await server.stats();
  return {
    statements: (after.statements - before.statements) / n,
    cacheLookups: (after.cacheHits + after.cacheMisses - before.cacheHits - before.cacheMisses) / n,
  };
}

export const cachedPathBench: BenchModule = {
  name: 'cached',
  description: 'Cached briefing (download, 304, GraphQL) vs a bare node:http server returning the same bytes',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const dir = ctx.tmpDir('cached');
    const profileDir = process.env.BENCH_CPU_PROF;
    const servers: ServerProcess[] = [];
    let runtime: Runtime | undefined;
    try {
      ctx.log('cached: starting the Sitrep server on a fresh seeded SQLite database');
      const sitrep = await startServerProcess(
        ['sitrep'],
        benchEnv(sqliteUrl(dir)),
        profileDir
          ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=sitrep-cached-server.cpuprofile']
          : [],
      );
      servers.push(sitrep);
      const downloadUrl = `${sitrep.url}/briefings/${BRIEFING_DATE}.html`;
      const first = await fetch(downloadUrl);
      const body = Buffer.from(await first.arrayBuffer());
      const etag = first.headers.get('etag');
      const contentType = first.headers.get('content-type') ?? 'text/html; charset=utf-8';
      if (first.status !== 200 || etag === null)
        throw new Error(`GET ${downloadUrl}: status ${first.status}, ETag ${etag}`);
      const bodyFile = path.join(dir, 'briefing.html');
      fs.writeFileSync(bodyFile, body);

      const bare = await startServerProcess(['bare', bodyFile, contentType], {});
      servers.push(bare);

      // An edition of the same date, published on the server's database from this process: its download is
      // bytes that never change.
      runtime = await openBenchRuntime(dir, false);
      const edition = await runtime.services.editions.publish({ date: BRIEFING_DATE }, null);
      const editionUrl = `${sitrep.url}/editions/${edition.id}.html`;
      const editionCheck = await fetch(editionUrl);
      await editionCheck.arrayBuffer();
      if (editionCheck.status !== 200) throw new Error(`GET ${editionUrl}: status ${editionCheck.status}`);

      const graphqlBody = JSON.stringify({ query: GRAPHQL_QUERY, variables: { date: BRIEFING_DATE } });
      const gqlCheck = (await (
        await fetch(`${sitrep.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: graphqlBody,
        })
      ).json()) as {
        data?: { briefing: { render: { body: string } } };
        errors?: unknown;
      };
      const gqlBytes = gqlCheck.data?.briefing.render.body;
      if (gqlBytes === undefined) throw new Error(`GraphQL briefing failed: ${JSON.stringify(gqlCheck.errors)}`);

      const targets: HttpTarget[] = [
        { name: 'bare', url: `${bare.url}/briefings/${BRIEFING_DATE}.html` },
        { name: 'download', url: downloadUrl },
        { name: 'etag304', url: downloadUrl, headers: { 'if-none-match': etag }, expectStatus: 304 },
        { name: 'edition', url: editionUrl },
        {
          name: 'graphql',
          url: `${sitrep.url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: graphqlBody,
        },
      ];

      // Work per request on the server: SQL statements and render-cache lookups (the cache is warm by now).
      const work = new Map<string, { statements: number; cacheLookups: number }>();
      for (const t of targets.slice(1)) work.set(t.name, await perRequestWork(sitrep, t, ctx.quick ? 20 : 200));

      ctx.log('cached: load test (interleaved rounds)');
      const figures = await loadInterleaved(targets, {
        rounds: ctx.quick ? 1 : 3,
        seconds: ctx.quick ? 1 : 5,
        connections: 10,
        warmupSeconds: ctx.quick ? 0 : 2,
        log: ctx.log,
        counter: async (t) => (t.name === 'bare' ? null : (await sitrep.stats()).statements),
      });
      const bareRps = figures.get('bare')!.requestsPerSecond;

      // References in this process: graphql-js executing the same operation on the real schema (no HTTP, no
      // Apollo), and the service call alone (prepare + cache hit), each as a fraction of bare HTTP's rate.
      ctx.log('cached: in-process references');
      const services = runtime.services;
      const schema = await getSchema();
      const document = parse(GRAPHQL_QUERY);
      const contextValue = () => ({
        principal: null,
        services,
        loaders: createLoaders(services.db),
        requestId: 'bench',
        clientIp: '127.0.0.1',
        takeComposition: () => undefined,
        dataRevision: () => services.briefings.revision(),
        publicUrl: 'http://127.0.0.1',
      });
      const executeOnce = async (): Promise<void> => {
        const result = await execute({
          schema,
          document,
          contextValue: contextValue(),
          variableValues: { date: BRIEFING_DATE },
        });
        if (result.errors) throw result.errors[0];
      };
      const serviceOnce = async (): Promise<void> => {
        await services.briefingRenders.render({ date: BRIEFING_DATE }, 'HTML');
      };
      const composeOnce = async (): Promise<void> => {
        await services.briefings.compose({ date: BRIEFING_DATE });
      };
      const statementsBefore = services.db.statementCount;
      await executeOnce();
      const executeStatements = services.db.statementCount - statementsBefore;
      const times = await timeInterleaved(
        [
          { name: 'execute', fn: executeOnce },
          { name: 'service', fn: serviceOnce },
          { name: 'compose', fn: composeOnce },
        ],
        { rounds: ctx.quick ? 1 : 3, msPerRound: ctx.quick ? 200 : 1500, warmupOps: ctx.quick ? 2 : 20 },
      );

      const row = (name: string, label: string, goal?: string, note?: string): BenchRow => {
        const f = figures.get(name)!;
        const problems = f.unexpected + f.errors > 0 ? ` ${f.unexpected} unexpected status, ${f.errors} errors!` : '';
        return judged(
          {
            name: label,
            value: f.requestsPerSecond,
            unit: 'req/s',
            ratio: f.requestsPerSecond / bareRps,
            ratioOf: 'bare',
            goal,
            note: `${note ?? ''}p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms${problems}`.trim(),
          },
          ctx.quick,
        );
      };
      const perSecond = (ms: number): number => 1000 / ms;
      const w = (name: string): string => {
        const x = work.get(name)!;
        const loaded = figures.get(name)!.counterPerRequest;
        return `SQL/request ${x.statements.toFixed(2)} alone, ${loaded === null ? '?' : loaded.toFixed(2)} under load; ${x.cacheLookups.toFixed(2)} cache lookups/request; `;
      };
      const rows: BenchRow[] = [
        row('bare', 'bare node:http, same bytes (the limit)', undefined),
        row('download', 'GET /briefings/…html, cached (200)', '>= 0.70', w('download')),
        row('etag304', 'GET with If-None-Match (304)', '>= 1.00', w('etag304')),
        row('graphql', 'POST /graphql briefing{render(HTML){body}}', '>= 0.40', w('graphql')),
        row('edition', 'GET /editions/{id}.html (immutable bytes)', '>= 0.80', w('edition')),
        {
          name: 'ref: graphql-js execute, same op, in-process',
          value: perSecond(times.get('execute')!),
          unit: 'ops/s',
          ratio: perSecond(times.get('execute')!) / bareRps,
          ratioOf: 'bare',
          note: `${executeStatements} SQL per execution; no HTTP, no Apollo`,
        },
        {
          name: 'ref: compose briefing only (DB + compose)',
          value: perSecond(times.get('compose')!),
          unit: 'ops/s',
          ratio: perSecond(times.get('compose')!) / bareRps,
          ratioOf: 'bare',
          note: 'what every GraphQL briefing request pays before render',
        },
        {
          name: 'ref: briefingRenders.render, cache hit',
          value: perSecond(times.get('service')!),
          unit: 'ops/s',
          ratio: perSecond(times.get('service')!) / bareRps,
          ratioOf: 'bare',
          note: 'prepare (1 SQL) + cache lookup, no HTTP',
        },
      ];
      return {
        title: `1. Cached briefing ${BRIEFING_DATE} (HTML, ${body.length.toLocaleString('en-US')} bytes) vs bare HTTP — ratios of bare req/s`,
        rows,
        notes: [
          `Load: autocannon, 10 connections, ${ctx.quick ? '1 round of 1 s' : '3 interleaved rounds of 5 s'} per target (median round); servers in their own processes, NODE_ENV=production, rate limits off.`,
          `GraphQL body equals the download: ${gqlBytes === body.toString('utf8') ? 'yes' : 'NO (differs only in generatedAt?)'}.`,
        ],
      };
    } finally {
      await runtime?.close();
      for (const s of servers) await s.stop();
    }
  },
};
