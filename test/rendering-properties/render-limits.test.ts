import path from 'node:path';
import type { Briefing } from '../../src/briefings/briefing';
import { ConfigError, loadConfig } from '../../src/config/config';
import { AppError } from '../../src/errors/app-errors';
import { renderTemplate, TemplateRegistry } from '../../src/output/templates';
import { eventInput } from '../api/fixtures';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { firstError, startTestServer, TestServer } from '../support/test-server';

/**
 * Render limits: a render past its time limit stops with UNAVAILABLE instead of holding the thread, and a briefing
 * over the configured number of events is refused with BAD_USER_INPUT before it is loaded or rendered.
 */

const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

/** The fixture with `copies` copies of every event of the day, each with its own id. */
function hugeBriefing(copies: number): Briefing {
  const b = briefing20251115();
  for (const section of b.sections) {
    const today = section.today;
    section.today = Array.from({ length: copies }, (_, i) => today.map((e) => ({ ...e, id: `${e.id}-${i}` }))).flat();
  }
  return b;
}

describe('render time limit', () => {
  const huge = hugeBriefing(400);

  it('a render past the limit stops with UNAVAILABLE, well before it would have finished', () => {
    const unlimited = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 60_000 });
    const start = performance.now();
    const full = renderTemplate(unlimited, huge, 'HTML');
    const fullMs = performance.now() - start;
    expect(full.body.length).toBeGreaterThan(100_000);

    const limited = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 5 });
    limited.preload(); // compile first, so the limit measures rendering only
    const stopped = performance.now();
    let error: unknown;
    try {
      renderTemplate(limited, huge, 'HTML');
    } catch (caught) {
      error = caught;
    }
    const stoppedMs = performance.now() - stopped;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('UNAVAILABLE');
    expect((error as AppError).message).toMatch(/longer than 5 ms to render/);
    expect(stoppedMs).toBeLessThan(Math.max(fullMs / 2, 50));
  });

  it.each(['MARKDOWN', 'TEXT', 'EMAIL'] as const)('applies to %s too', (format) => {
    const limited = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 1 });
    limited.preload();
    expect(() => renderTemplate(limited, huge, format)).toThrow(/longer than 1 ms/);
  });

  it('a stopped render leaves nothing behind: the next render of a normal briefing succeeds', () => {
    const limited = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false, renderTimeoutMs: 1 });
    limited.preload();
    expect(() => renderTemplate(limited, huge, 'HTML')).toThrow(AppError);
    const normal = new TemplateRegistry({ templatesDir: TEMPLATES, watch: false });
    expect(renderTemplate(normal, briefing20251115(), 'HTML').body).toContain('</html>');
  });

  it('SITREP_RENDER_TIMEOUT_MS is validated, with a default of 10 s', () => {
    expect(loadConfig({}).renderTimeoutMs).toBe(10_000);
    expect(loadConfig({ SITREP_RENDER_TIMEOUT_MS: '250' }).renderTimeoutMs).toBe(250);
    expect(() => loadConfig({ SITREP_RENDER_TIMEOUT_MS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ SITREP_RENDER_TIMEOUT_MS: 'soon' })).toThrow(/SITREP_RENDER_TIMEOUT_MS/);
  });
});

describe('briefing event limit (SITREP_BRIEFING_MAX_EVENTS)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { SITREP_BRIEFING_MAX_EVENTS: '2' });
    // The seed has one event on 2025-11-15; two more the day before put three in its window.
    for (const title of ['First extra event', 'Second extra event']) {
      const created = await server.gql(
        'mutation($input: EventCreateInput!) { createEvent(input: $input) { id } }',
        { input: eventInput({ date: '2025-11-14', title }) },
        server.editorKey,
      );
      expect(created.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a briefing over the limit is BAD_USER_INPUT on fronts, over GraphQL', async () => {
    const response = await server.gql('{ briefing(date: "2025-11-15") { title render(format: HTML) { body } } }');
    expect(response.status).toBe(200);
    expect(firstError(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fronts' });
    expect(firstError(response).message).toMatch(/more than 2 events/);
  });

  it('and 400 over HTTP, for every format', async () => {
    for (const ext of ['html', 'md', 'txt']) {
      const response = await fetch(`${server.url}/briefings/2025-11-15.${ext}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/more than 2 events/);
    }
  });

  it('a quiet day under the limit still renders', async () => {
    const response = await fetch(`${server.url}/briefings/2001-01-01.txt`);
    expect(response.status).toBe(200);
  });
});
