import path from 'node:path';
import fc from 'fast-check';
import { simpleParser } from 'mailparser';
import { AppError } from '../../src/errors/app-errors';
import { composeBriefingEmail } from '../../src/output/email/compose-briefing-email';
import { renderTemplate, TemplateRegistry } from '../../src/output/templates';
import { tidyOutput } from '../../src/output/templates/tidy-output';
import { eventInput } from '../api/fixtures';
import { HEALTH_BOUND_MS, withHealthSampling } from '../faults/support';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TestServer } from '../support/test-server';

/**
 * The steps after the template (tidying, wrapping, CSS inlining) are linear in the output, and the render time
 * limit covers them too: a render is the template and everything done to its output.
 */

const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

/** Time the steps after the template appear to take: each call of a wrapped step moves the clock on by this. */
let stepCostMs = 0;
const realNow = performance.now.bind(performance);
let clockOffset = 0;
const tick = (): void => {
  clockOffset += stepCostMs;
};

jest.mock('../../src/output/templates/tidy-output', () => {
  const actual = jest.requireActual<typeof import('../../src/output/templates/tidy-output')>(
    '../../src/output/templates/tidy-output',
  );
  return { tidyOutput: (text: string) => (tick(), actual.tidyOutput(text)) };
});
jest.mock('juice', () => {
  const actual = jest.requireActual<(html: string, options?: unknown) => string>('juice');
  return (html: string, options?: unknown) => (tick(), actual(html, options));
});

beforeEach(() => {
  stepCostMs = 0;
  jest.spyOn(performance, 'now').mockImplementation(() => realNow() + clockOffset);
});
afterEach(() => jest.restoreAllMocks());

/** The former regular-expression version, as the reference on short inputs (where it is fast). */
function referenceTidy(text: string): string {
  return `${text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line regexp/no-super-linear-move -- the reference only ever sees the short strings fast-check generates
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd()}\n`;
}

describe('tidyOutput', () => {
  // U+2028 and U+2029 are left out: the regular expression's `$` took them for line ends, which no output format
  // does (Markdown and text break lines at LF, CR and CRLF only), so tidying now leaves the spaces before them.
  it('gives what the regular-expression version gave, on any mix of lines, blanks, tabs, CR and other spaces', () => {
    const piece = fc.constantFrom('a', 'b c', ' ', '  ', '\t', '\n', '\r', '\r\n', '\u00a0', '\f', '\v', '#');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(tidyOutput(text)).toBe(referenceTidy(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps a long run of spaces or tabs inside a line, and drops one that ends a line', () => {
    const run = ' \t'.repeat(500_000);
    expect(tidyOutput(`a${run}b\nc${run}\n\n\n\nd`)).toBe(`a${run}b\nc\n\nd\n`);
  });
});

describe('the render time limit covers the steps after the template', () => {
  it.each(['HTML', 'MARKDOWN', 'TEXT'] as const)(
    '%s: tidying past the limit stops the render with UNAVAILABLE',
    (format) => {
      const registry = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 1_000 });
      registry.preload();
      stepCostMs = 5_000;
      let error: unknown;
      try {
        renderTemplate(registry, briefing20251115(), format);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('UNAVAILABLE');
      expect((error as AppError).message).toMatch(/longer than 1000 ms to render/);
    },
  );

  it('EMAIL: CSS inlining past the limit stops the composition with UNAVAILABLE', async () => {
    const registry = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 1_000 });
    registry.preload();
    // Tidying is quick here; only juice takes long.
    await expect(composeBriefingEmail(briefing20251115(), { registry: () => registry })).resolves.toBeDefined();
    stepCostMs = 400; // tidying runs twice (text and HTML), juice once: 3 × 400 ms is past 1000 ms only with juice
    await expect(composeBriefingEmail(briefing20251115(), { registry: () => registry })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });

  it('a render within the limit is unaffected', () => {
    const registry = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 1_000 });
    stepCostMs = 100;
    expect(renderTemplate(registry, briefing20251115(), 'HTML').body).toContain('</html>');
  });
});

describeEachDatabase('stored text with long runs of spaces and tabs, downloaded', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
    const runs = [' '.repeat(19_000), '\t'.repeat(19_000), ' \t'.repeat(9_500), '\u00a0 '.repeat(9_500)];
    for (const [i, run] of runs.entries()) {
      const created = await server.gql(
        'mutation($input: EventCreateInput!) { createEvent(input: $input) { id } }',
        {
          input: eventInput({ date: '2025-11-15', title: `Spaced event ${i}`, summary: `Start${run}end.` }),
        },
        server.editorKey,
      );
      expect(created.errors).toBeUndefined();
    }
  }, 60_000);
  afterAll(() => server?.stop());

  it.each(['html', 'md', 'txt', 'eml'])('.%s answers 200 while /healthz keeps answering', async (ext) => {
    const { result, worstHealthMs } = await withHealthSampling(server.url, async () => {
      const res = await fetch(`${server.url}/briefings/2025-11-15.${ext}`);
      const body = Buffer.from(await res.arrayBuffer());
      return {
        status: res.status,
        text: ext === 'eml' ? String((await simpleParser(body)).text) : body.toString('utf8'),
      };
    });
    expect(result.status).toBe(200);
    expect(result.text).toMatch(/Spaced event 3/);
    expect({ ext, healthWithinBound: worstHealthMs < HEALTH_BOUND_MS }).toEqual({ ext, healthWithinBound: true });
  });
});
