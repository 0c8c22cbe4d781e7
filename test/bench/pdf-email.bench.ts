/**
 * Benchmark 4: PDFs and emails of a briefing (issue 4, the README's goals: "A warm PDF of the 2025-11-15 briefing:
 * at most 60 ms median; memory after 500 PDFs the same as after 50"). In this process, on a seeded SQLite file:
 *
 *   - speed, side by side in interleaved rounds: the PDF renderer called directly (`createPdfRenderer(loadConfig())`,
 *     `renderBriefing`: warm browser, NOT the render cache) for the 2025-11-15 briefing (seed data) and for a
 *     100-event day (the same date after importing 100 synthetic events of that day), and an email with the PDF
 *     attached; median ms of the single PDFs and PDFs per second (one in flight, and two in flight: the default
 *     concurrency cap, as the server prints under load);
 *   - memory: RSS of this Node process and of the whole Chromium process tree (browser pid and all its descendants,
 *     VmRSS from /proc) after 50 and after 500 PDFs (quick: 10 and 40), each reading after a forced GC in Node and
 *     in every Chromium page; the ratio 500/50 should stay about 1 (no growth);
 *   - emails composed per second (`composeBriefingEmail`, no PDF) for both briefings;
 *   - where a PDF's time goes: template render, document load with and without the @font-face rules (fonts served
 *     by the tab from memory and cached by Chromium),
 *     printing with and without tagged PDF + outline, pdf-lib metadata (a diagnostic replica of print-page.ts's
 *     options on a second, separate Chromium);
 *   - against GOALS' references, in those same rounds and Chromium: Sitrep's renderer over Chromium's own print of
 *     the loaded document (at most 1.25x) and over a plain puppeteer peer, a new page with `setContent` and
 *     `page.pdf()` of the same HTML (at most 0.5x);
 *   - for contrast, the CACHED download GET /briefings/2025-11-15.pdf from the real server (own process) against a
 *     bare node:http server returning the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { PDFDocument } from 'pdf-lib';
import type { Browser, PDFOptions } from 'puppeteer-core';
import type { Runtime } from '../../src/app/runtime';
import type { Briefing } from '../../src/briefings/briefing';
import { loadConfig } from '../../src/config/config';
import { composeBriefingEmail } from '../../src/output/email/compose-briefing-email';
import { createPdfRenderer, PdfRenderer, withFonts } from '../../src/output/pdf';
import { launchChromium, LaunchedChromium, removeProfile } from '../../src/output/pdf/chromium-launcher';
import { embeddedFonts } from '../../src/output/pdf/pdf-fonts';
import { applyPdfMetadata } from '../../src/output/pdf/pdf-metadata';
import { PrintTab } from '../../src/output/pdf/print-page';
import { defaultTemplateRegistry, renderTemplate } from '../../src/output/templates';
import { BRIEFING_DATE, benchEnv, briefingScenario, openBenchRuntime, sqliteUrl, take } from './fixtures';
import {
  BenchContext,
  BenchModule,
  BenchResult,
  BenchRow,
  HttpTarget,
  judged,
  loadInterleaved,
  median,
  timeInterleaved,
} from './harness';
import { ServerProcess, startServerProcess } from './server-process';

const mb = (bytes: number): number => bytes / 1024 / 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const countToday = (b: Briefing): number => new Set(b.sections.flatMap((s) => s.today.map((e) => e.id))).size;
const eventsOfDay = (b: Briefing): string => `${countToday(b)} event${countToday(b) === 1 ? '' : 's'} of the day`;

/** A full GC of this process: global.gc under --expose-gc, otherwise the flag is switched on at run time. */
function nodeGc(): { gc: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { gc: exposed, how: 'global.gc (node --expose-gc)' };
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    if (typeof gc === 'function')
      return { gc, how: 'gc via v8.setFlagsFromString("--expose-gc") (the runner is started without --expose-gc)' };
  } catch {
    // fall through
  }
  return { gc: () => undefined, how: 'NO forced GC available in Node (readings are after a 0.5 s settle only)' };
}

/** Every process of the tree rooted at `root`, from the parent ids in /proc/<pid>/stat. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // A process that ended while we looked.
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** A "VmRSS:  1234 kB" style field of /proc/<pid>/<file>, in bytes; 0 when the process is gone or the field missing. */
function procKb(pid: number | 'self', file: string, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return m === null ? 0 : Number(m[1]) * 1024;
  } catch {
    return 0;
  }
}

interface MemoryReading {
  pdfs: number;
  nodeRss: number;
  nodeHeapUsed: number;
  nodeExternal: number;
  /** Peak RSS of this process so far (VmHWM). */
  nodePeakRss: number;
  chromiumRss: number;
  /** Proportional set size of the tree (shared pages counted once in total); 0 when smaps_rollup is unreadable. */
  chromiumPss: number;
  /** Sum of the tree's processes' own peaks (VmHWM). */
  chromiumPeakRss: number;
  chromiumProcesses: number;
  chromiumPages: number | null;
}

/**
 * The renderer's browser, for a forced GC in its pages. The renderer keeps it private (it exposes only the pid);
 * reading the field is a benchmark's licence, and a renamed field only means "no Chromium GC" in the notes.
 */
function rendererBrowser(renderer: PdfRenderer): Browser | undefined {
  return (renderer as unknown as { current?: { browser?: Browser } }).current?.browser;
}

async function chromiumGc(renderer: PdfRenderer): Promise<number | null> {
  const browser = rendererBrowser(renderer);
  if (browser === undefined) return null;
  const pages = await browser.pages();
  for (const page of pages) {
    try {
      const session = await page.createCDPSession();
      await session.send('HeapProfiler.collectGarbage');
      await session.detach();
    } catch {
      // A page that closed meanwhile.
    }
  }
  return pages.length;
}

async function readMemory(renderer: PdfRenderer, pdfs: number, gc: () => void): Promise<MemoryReading> {
  const pid = renderer.browserProcessId();
  if (pid === null) throw new Error('no Chromium running at a memory reading');
  gc();
  const chromiumPages = await chromiumGc(renderer);
  await sleep(500);
  gc();
  const tree = processTree(pid);
  const usage = process.memoryUsage();
  return {
    pdfs,
    nodeRss: usage.rss,
    nodeHeapUsed: usage.heapUsed,
    nodeExternal: usage.external,
    nodePeakRss: procKb('self', 'status', 'VmHWM'),
    chromiumRss: tree.reduce((sum, p) => sum + procKb(p, 'status', 'VmRSS'), 0),
    chromiumPss: tree.reduce((sum, p) => sum + procKb(p, 'smaps_rollup', 'Pss'), 0),
    chromiumPeakRss: tree.reduce((sum, p) => sum + procKb(p, 'status', 'VmHWM'), 0),
    chromiumProcesses: tree.length,
    chromiumPages,
  };
}

/** Per-operation times of each case, in interleaved rounds (A×n, B×m, … then the reverse order). */
async function timeEach(
  cases: { name: string; perRound: number; fn: () => Promise<unknown> }[],
  rounds: number,
): Promise<Map<string, number[]>> {
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of round % 2 === 0 ? cases : [...cases].reverse()) {
      for (let i = 0; i < c.perRound; i++) {
        const start = performance.now();
        await c.fn();
        times.get(c.name)!.push(performance.now() - start);
      }
    }
  }
  return times;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const p90 = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.9))];

/** The parts of one PDF on a separate browser: same document, same print options as print-page.ts. */
async function pdfParts(
  browser: Browser | undefined,
  renderer: PdfRenderer,
  browserDir: string,
  briefing: Briefing,
  rounds: number,
): Promise<Map<string, number>> {
  const registry = defaultTemplateRegistry();
  const rendered = renderTemplate(registry, briefing, 'PDF', null);
  const withEmbedded = withFonts(rendered.body);
  // The peer's document: the same HTML with the same faces, as data: URLs (a plain page has no one to serve them).
  const fonts = embeddedFonts();
  let dataCss = fonts.css;
  for (const [url, bytes] of fonts.files)
    dataCss = dataCss.split(`url(${url})`).join(`url(data:font/woff2;base64,${bytes.toString('base64')})`);
  const peerHtml = withFonts(rendered.body, dataCss);
  let launched: LaunchedChromium | undefined;
  let tab: PrintTab | undefined;
  try {
    if (browser === undefined) launched = await launchChromium(await renderer.chromium(), browserDir);
    // The renderer's own tab class, so loading is measured exactly as print-page.ts does it.
    tab = await PrintTab.open(browser ?? launched!.browser);
    const page = tab.page;
    const printOptions = (taggedAndOutline: boolean): PDFOptions => ({
      format: 'a4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8pt;text-align:center">page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      margin: { top: '16mm', bottom: '20mm', left: '16mm', right: '16mm' },
      tagged: taggedAndOutline,
      outline: taggedAndOutline,
      waitForFonts: true,
    });
    const loadedTab = tab;
    const load = (html: string): Promise<void> => loadedTab.load(html, 30_000);
    await load(withEmbedded);
    const printed = await page.pdf(printOptions(true));
    const times = new Map<string, number[]>();
    const add = (name: string, ms: number): void => {
      times.set(name, [...(times.get(name) ?? []), ms]);
    };
    const timed = async (name: string, fn: () => unknown): Promise<void> => {
      const start = performance.now();
      await fn();
      add(name, performance.now() - start);
    };
    for (let round = 0; round < rounds + 1; round++) {
      const keep = round > 0; // the first round warms up
      const t = keep
        ? timed
        : async (_: string, fn: () => unknown) => {
            await fn();
          };
      await t('template', () => renderTemplate(registry, briefing, 'PDF', null));
      await t('load-fonts', () => load(withEmbedded));
      // Both prints of the same loaded document, in alternating order, so neither always goes first.
      const prints: [string, boolean][] = [
        ['print-tagged', true],
        ['print-plain', false],
      ];
      for (const [name, tagged] of round % 2 === 0 ? prints : [...prints].reverse())
        await t(name, () => page.pdf(printOptions(tagged)));
      await t('load-nofonts', () => load(rendered.body));
      // Side by side in the same rounds and the same Chromium: Sitrep's renderer, and a plain puppeteer peer
      // (new page, setContent, page.pdf) printing the same document with the same options.
      await t('sitrep', () => renderer.renderBriefing(briefing));
      await t('peer', async () => {
        const peer = await (browser ?? launched!.browser).newPage();
        try {
          await peer.setContent(peerHtml, { waitUntil: 'load' });
          await peer.pdf(printOptions(true));
        } finally {
          await peer.close();
        }
      });
      await t('metadata', () =>
        applyPdfMetadata(printed, {
          title: briefing.title,
          subject: 'bench',
          keywords: ['Sitrep'],
          createdAt: briefing.generatedAt,
          language: 'en',
        }),
      );
    }
    const result = new Map([...times].map(([name, values]) => [name, median(values)]));
    result.set('fontCssBytes', Buffer.byteLength(withEmbedded) - Buffer.byteLength(rendered.body));
    result.set('htmlBytes', Buffer.byteLength(rendered.body));
    return result;
  } finally {
    await tab?.close();
    if (launched !== undefined) {
      await launched.browser.close().catch(() => launched!.browser.process()?.kill('SIGKILL'));
      removeProfile(launched.userDataDir);
    }
  }
}

/** The cached PDF download from the real server vs a bare server with the same bytes; null plus why when it fails. */
async function cachedDownload(ctx: BenchContext): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const dir = ctx.tmpDir('pdf-http');
  const servers: ServerProcess[] = [];
  try {
    const sitrep = await startServerProcess(['sitrep'], benchEnv(sqliteUrl(dir)));
    servers.push(sitrep);
    const url = `${sitrep.url}/briefings/${BRIEFING_DATE}.pdf`;
    const started = performance.now();
    const first = await fetch(url);
    const body = Buffer.from(await first.arrayBuffer());
    const firstMs = performance.now() - started;
    if (first.status !== 200 || !body.subarray(0, 5).equals(Buffer.from('%PDF-')))
      throw new Error(`GET ${url}: status ${first.status}, ${body.length} bytes, not a PDF`);
    const bodyFile = path.join(dir, 'briefing.pdf');
    fs.writeFileSync(bodyFile, body);
    const bare = await startServerProcess(['bare', bodyFile, 'application/pdf'], {});
    servers.push(bare);
    const targets: HttpTarget[] = [
      { name: 'bare', url: `${bare.url}/briefings/${BRIEFING_DATE}.pdf` },
      { name: 'pdf', url },
    ];
    const figures = await loadInterleaved(targets, {
      rounds: ctx.quick ? 1 : 2,
      seconds: ctx.quick ? 1 : 3,
      connections: 10,
      warmupSeconds: ctx.quick ? 0 : 1,
      log: ctx.log,
    });
    const bareRps = figures.get('bare')!.requestsPerSecond;
    const row = (name: string, label: string, note = ''): BenchRow => {
      const f = figures.get(name)!;
      const problems = f.unexpected + f.errors > 0 ? `; ${f.unexpected} unexpected status, ${f.errors} errors!` : '';
      return {
        name: label,
        value: f.requestsPerSecond,
        unit: 'req/s',
        ratio: f.requestsPerSecond / bareRps,
        ratioOf: 'bare',
        note: `${note}p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms${problems}`,
      };
    };
    return {
      rows: [
        row('bare', 'bare node:http, same PDF bytes'),
        row(
          'pdf',
          'CACHED GET /briefings/…pdf (render cache, 200)',
          'contrast only, no goal of its own (HTML download goal: >= 0.70 of bare); ',
        ),
      ],
      notes: [
        `Cached download: the server's first GET (cold browser + print) took ${Math.round(firstMs)} ms for ${body.length.toLocaleString('en-US')} bytes; ` +
          `autocannon 10 connections, ${ctx.quick ? '1 round of 1 s' : '2 interleaved rounds of 3 s'} per target. This is the render cache, not the PDF engine.`,
      ],
    };
  } catch (error) {
    return {
      rows: [],
      notes: [
        `Cached HTTP download NOT measured: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      ],
    };
  } finally {
    for (const s of servers) await s.stop().catch(() => undefined);
  }
}

export const pdfEmailBench: BenchModule = {
  name: 'pdf-email',
  description:
    'Warm uncached PDFs (2025-11-15 and a 100-event day), memory after 50 vs 500 PDFs, emails composed per second',
  async run(ctx: BenchContext): Promise<BenchResult> {
    const quick = ctx.quick;
    const [firstReadingAt, lastReadingAt] = quick ? [10, 40] : [50, 500];
    const dir = ctx.tmpDir('pdf');
    let runtime: Runtime | undefined;
    let renderer: PdfRenderer | undefined;
    const phaseSeconds: string[] = [];
    let phaseStart = performance.now();
    const phase = (name: string): void => {
      phaseSeconds.push(`${name} ${((performance.now() - phaseStart) / 1000).toFixed(0)} s`);
      phaseStart = performance.now();
    };
    try {
      // The 2025-11-15 briefing of the seed data, then the same day with 100 synthetic events of that day added.
      runtime = await openBenchRuntime(dir);
      const seedBriefing = (await runtime.services.briefings.compose({ date: BRIEFING_DATE })).briefing;
      const imported = await runtime.services.events.import(take(briefingScenario(100, 100, 'pdfbench'), 100));
      if (imported.created !== 100) throw new Error(`import created ${imported.created} of 100`);
      const bigBriefing = (await runtime.services.briefings.compose({ date: BRIEFING_DATE })).briefing;
      await runtime.close();
      runtime = undefined;

      const config = loadConfig({ ...process.env, ...benchEnv(sqliteUrl(dir)) });
      renderer = createPdfRenderer(config);
      const r = renderer;
      const chromiumUsed = (await r.chromium()).description;
      let pdfs = 0;
      const pdfOf = async (b: Briefing): Promise<Buffer> => {
        const pdf = await r.renderBriefing(b);
        pdfs += 1;
        return pdf;
      };
      const emailWithPdf = (): Promise<unknown> => composeBriefingEmail(seedBriefing, { attachPdf: true, pdf: pdfOf });

      ctx.log('pdf-email: starting Chromium, warming up');
      const launchStart = performance.now();
      const seedPdf = await pdfOf(seedBriefing);
      const coldMs = performance.now() - launchStart;
      const bigPdf = await pdfOf(bigBriefing);
      for (let i = 0; i < (quick ? 0 : 2); i++) {
        await pdfOf(seedBriefing);
        await pdfOf(bigBriefing);
      }
      await emailWithPdf();
      const pages = async (pdf: Buffer): Promise<number> =>
        (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
      const seedPages = await pages(seedPdf);
      const bigPages = await pages(bigPdf);
      phase('launch+warm-up');

      ctx.log('pdf-email: PDFs one at a time, interleaved rounds');
      const pdfTimes = await timeEach(
        [
          { name: 'seed', perRound: quick ? 2 : 5, fn: () => pdfOf(seedBriefing) },
          { name: 'big', perRound: quick ? 1 : 2, fn: () => pdfOf(bigBriefing) },
          { name: 'email+pdf', perRound: quick ? 1 : 2, fn: emailWithPdf },
        ],
        quick ? 1 : 3,
      );
      phase('PDF timing');

      ctx.log('pdf-email: emails without PDF');
      const emailTimes = await timeInterleaved(
        [
          { name: 'email-seed', fn: () => composeBriefingEmail(seedBriefing) },
          { name: 'email-big', fn: () => composeBriefingEmail(bigBriefing) },
        ],
        { rounds: quick ? 1 : 3, msPerRound: quick ? 150 : 1000, minOps: 2, warmupOps: quick ? 1 : 3 },
      );
      const emailBytes = (await composeBriefingEmail(seedBriefing)).raw.length;
      phase('email timing');

      // Memory: PDFs of the 2025-11-15 briefing, two in flight (the renderer's default cap), up to each reading.
      ctx.log(`pdf-email: memory, PDFs up to ${firstReadingAt} then ${lastReadingAt} (${pdfs} so far)`);
      const { gc, how: gcHow } = nodeGc();
      const inFlight = Math.max(1, config.pdfConcurrency);
      let loopPdfs = 0;
      let loopMs = 0;
      const renderUpTo = async (target: number): Promise<void> => {
        const start = performance.now();
        const before = pdfs;
        let next = pdfs;
        await Promise.all(
          Array.from({ length: inFlight }, async () => {
            while (next < target) {
              next += 1;
              await pdfOf(seedBriefing);
              if (pdfs % 50 === 0) ctx.log(`pdf-email: ${pdfs} PDFs`);
            }
          }),
        );
        loopPdfs += pdfs - before;
        loopMs += performance.now() - start;
      };
      await renderUpTo(firstReadingAt);
      const atFirst = await readMemory(r, pdfs, gc);
      await renderUpTo(lastReadingAt);
      const atLast = await readMemory(r, pdfs, gc);
      phase(`memory loop (${loopPdfs} PDFs)`);

      // After the memory readings, so its page does not count: a tab of its own in the renderer's browser.
      ctx.log('pdf-email: parts of one PDF (own tab)');
      const partsBrowser = rendererBrowser(r);
      const parts = await pdfParts(partsBrowser, r, config.chromiumDir, seedBriefing, quick ? 1 : 5);
      phase('parts');
      await renderer.close();
      renderer = undefined;
      phase('browser close');

      // Skipped in quick mode: the server's own cold Chromium and print alone take ~6 s there.
      ctx.log(
        quick
          ? 'pdf-email: cached PDF download skipped (quick)'
          : 'pdf-email: cached PDF download over HTTP (contrast)',
      );
      const http = quick
        ? { rows: [], notes: ['Cached HTTP download: not measured in quick mode.'] }
        : await cachedDownload(ctx);
      phase('cached HTTP');

      const seedMs = median(pdfTimes.get('seed')!);
      const bigMs = median(pdfTimes.get('big')!);
      const emailPdfMs = median(pdfTimes.get('email+pdf')!);
      const perSecond = (ms: number): number => 1000 / ms;
      const spread = (name: string): string => {
        const v = pdfTimes.get(name)!;
        return `n=${v.length}, mean ${mean(v).toFixed(0)} ms, p90 ${p90(v).toFixed(0)} ms, min ${Math.min(...v).toFixed(0)} ms`;
      };
      const seedLabel = `2025-11-15 briefing (${eventsOfDay(seedBriefing)})`;
      const bigLabel = `100-event day (${eventsOfDay(bigBriefing)})`;
      const growth = (a: number, b: number): number => b / a;
      const memoryRow = (
        name: string,
        first: number,
        last: number,
        goal: string | undefined,
        note: string,
      ): BenchRow[] => [
        { name: `${name} after ${atFirst.pdfs} PDFs`, value: mb(first), unit: 'MB' },
        judged(
          {
            name: `${name} after ${atLast.pdfs} PDFs`,
            value: mb(last),
            unit: 'MB',
            ratio: growth(first, last),
            ratioOf: `@${atFirst.pdfs}`,
            goal,
            note,
          },
          quick,
        ),
      ];
      const partRow = (name: string, key: string, note: string): BenchRow => ({
        name,
        value: parts.get(key)!,
        unit: 'ms',
        ratio: parts.get(key)! / seedMs,
        ratioOf: 'PDF',
        note,
      });
      const rows: BenchRow[] = [
        judged(
          {
            name: `PDF median, ${seedLabel}`,
            value: seedMs,
            unit: 'ms',
            ratio: 1,
            ratioOf: 'PDF',
            goal: '<= 60',
            note: `${spread('seed')}; ${seedPages} pages, ${seedPdf.length.toLocaleString('en-US')} bytes`,
          },
          quick,
          'value',
        ),
        {
          name: `PDFs/s one at a time, ${seedLabel}`,
          value: perSecond(mean(pdfTimes.get('seed')!)),
          unit: 'PDF/s',
          note: 'from the mean',
        },
        {
          name: `PDF median, ${bigLabel}`,
          value: bigMs,
          unit: 'ms',
          ratio: bigMs / seedMs,
          ratioOf: 'PDF',
          note: `${spread('big')}; ${bigPages} pages, ${bigPdf.length.toLocaleString('en-US')} bytes`,
        },
        {
          name: `PDFs/s one at a time, ${bigLabel}`,
          value: perSecond(mean(pdfTimes.get('big')!)),
          unit: 'PDF/s',
          note: 'from the mean',
        },
        {
          name: `PDFs/s ${inFlight} in flight, 2025-11-15 (memory loop)`,
          value: (loopPdfs / loopMs) * 1000,
          unit: 'PDF/s',
          note: `${loopPdfs} PDFs in ${(loopMs / 1000).toFixed(1)} s`,
        },
        ...memoryRow(
          'Node RSS',
          atFirst.nodeRss,
          atLast.nodeRss,
          '<= 1.1',
          `heap used ${mb(atFirst.nodeHeapUsed).toFixed(1)} -> ${mb(atLast.nodeHeapUsed).toFixed(1)} MB, external ${mb(atFirst.nodeExternal).toFixed(1)} -> ${mb(atLast.nodeExternal).toFixed(1)} MB, peak (VmHWM) ${mb(atFirst.nodePeakRss).toFixed(0)} -> ${mb(atLast.nodePeakRss).toFixed(0)} MB`,
        ),
        ...memoryRow(
          'Chromium tree RSS',
          atFirst.chromiumRss,
          atLast.chromiumRss,
          '<= 1.1',
          `${atFirst.chromiumProcesses} -> ${atLast.chromiumProcesses} processes, ${atFirst.chromiumPages ?? '?'} -> ${atLast.chromiumPages ?? '?'} pages; PSS ${mb(atFirst.chromiumPss).toFixed(0)} -> ${mb(atLast.chromiumPss).toFixed(0)} MB; sum of peaks ${mb(atFirst.chromiumPeakRss).toFixed(0)} -> ${mb(atLast.chromiumPeakRss).toFixed(0)} MB`,
        ),
        {
          name: 'emails/s, no PDF, 2025-11-15 briefing',
          value: perSecond(emailTimes.get('email-seed')!),
          unit: 'email/s',
          ratio: emailTimes.get('email-seed')! / seedMs,
          ratioOf: 'PDF',
          note: `${emailTimes.get('email-seed')!.toFixed(2)} ms each, ${emailBytes.toLocaleString('en-US')} bytes`,
        },
        {
          name: 'emails/s, no PDF, 100-event day',
          value: perSecond(emailTimes.get('email-big')!),
          unit: 'email/s',
          ratio: emailTimes.get('email-big')! / bigMs,
          ratioOf: 'its PDF',
          note: `${emailTimes.get('email-big')!.toFixed(2)} ms each; ratio to the 100-event PDF`,
        },
        {
          name: 'emails/s, PDF attached, 2025-11-15',
          value: perSecond(emailPdfMs),
          unit: 'email/s',
          ratio: emailPdfMs / seedMs,
          ratioOf: 'PDF',
          note: `median ${emailPdfMs.toFixed(0)} ms (${spread('email+pdf')}); ratio is its time over the PDF alone`,
        },
        partRow(
          'part: template render (PDF layout)',
          'template',
          `${parts.get('htmlBytes')!.toLocaleString('en-US')} bytes of HTML`,
        ),
        partRow(
          'part: document load, with embedded fonts',
          'load-fonts',
          `+${parts.get('fontCssBytes')!.toLocaleString('en-US')} bytes of @font-face CSS; woff2 files served by the tab, cached by Chromium`,
        ),
        partRow(
          'part: document load, without the font CSS',
          'load-nofonts',
          'diagnostic only (would print in fallback fonts)',
        ),
        partRow('part: print, tagged PDF + outline', 'print-tagged', 'as print-page.ts prints'),
        partRow('part: print, untagged, no outline', 'print-plain', 'diagnostic only (no bookmarks)'),
        partRow('part: pdf-lib metadata (load + save)', 'metadata', 'applyPdfMetadata'),
        {
          name: 'peer: plain puppeteer (new page, setContent, page.pdf), same HTML',
          value: parts.get('peer')!,
          unit: 'ms',
          note: 'fonts as data: URLs; same Chromium, print options and rounds as the row below',
        },
        judged(
          {
            name: 'Sitrep PDF vs the plain puppeteer peer',
            value: parts.get('sitrep')!,
            unit: 'ms',
            ratio: parts.get('sitrep')! / parts.get('peer')!,
            ratioOf: 'peer',
            goal: '<= 0.5',
            note: "createPdfRenderer's renderBriefing, in the parts rounds",
          },
          quick,
        ),
        judged(
          {
            name: "Sitrep PDF vs Chromium's own print of the loaded document",
            value: parts.get('sitrep')!,
            unit: 'ms',
            ratio: parts.get('sitrep')! / parts.get('print-tagged')!,
            ratioOf: 'print',
            goal: '<= 1.25',
            note: 'the print part above (tagged, outline) is the reference',
          },
          quick,
        ),
        ...http.rows,
      ];
      return {
        title: `4. PDF and email of the ${BRIEFING_DATE} briefing: warm uncached PDFs (renderBriefing, no render cache), memory after ${firstReadingAt} vs ${lastReadingAt} PDFs, emails/s`,
        rows,
        notes: [
          `Renderer: createPdfRenderer(loadConfig()) with ${chromiumUsed}, concurrency ${config.pdfConcurrency}; first PDF (Chromium launch + cold print) ${Math.round(coldMs)} ms, not counted. PDF timings: ${quick ? '1 round' : '3 interleaved rounds'} of seed ×${quick ? 2 : 5}, 100-event ×${quick ? 1 : 2}, email+PDF ×${quick ? 1 : 2}, one at a time; PDF ratios are to the 2025-11-15 PDF median.`,
          `Memory readings count every PDF this browser printed (warm-up and timing included); the loop prints the 2025-11-15 briefing ${inFlight} at a time. Before each reading: ${gcHow}, then HeapProfiler.collectGarbage in every Chromium page, 0.5 s settle, GC again. Chromium tree = browser pid ${'+'} all descendants (/proc/*/stat ppid), VmRSS summed (shared pages counted per process; PSS in the note counts them once).`,
          `Parts: ${partsBrowser === undefined ? 'a second Chromium' : "an extra tab in the renderer's browser (after the memory readings)"} with the same document and print-page.ts's print options (a replica), one at a time, medians of ${quick ? '1 round' : '5 rounds'} after one warm-up; ratios to the 2025-11-15 PDF median. Load and print overlap with what the renderer does, so they need not add up exactly.`,
          ...http.notes,
          `Phases: ${phaseSeconds.join(', ')}.`,
        ],
      };
    } finally {
      await renderer?.close();
      await runtime?.close();
    }
  },
};
