import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../src/errors/app-errors';
import { TemplateRegistry, renderTemplate } from '../../src/output/templates';
import { parseTemplateManifest } from '../../src/output/templates/template-manifest';
import { briefing20251115 } from '../fixtures/briefing-2025-11-15';
import { listTemplates, renderBriefing, templateRevision } from './support';

const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

const copies: string[] = [];

/** A copy of the templates folder that a test may change. */
function copyTemplates(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-templates-'));
  fs.cpSync(TEMPLATES, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

/** Rewrites a file with a modification time clearly after the old one, whatever the clock's resolution. */
function rewrite(file: string, content: string): void {
  const before = fs.statSync(file).mtimeMs;
  fs.writeFileSync(file, content);
  const later = new Date(before + 5000);
  fs.utimesSync(file, later, later);
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('template registry', () => {
  it('lists the manifest templates with format and description', () => {
    const list = listTemplates();
    expect(list.map((t) => [t.name, t.format])).toEqual([
      ['default-html', 'HTML'],
      ['compact-html', 'HTML'],
      ['default-markdown', 'MARKDOWN'],
      ['default-text', 'TEXT'],
      ['default-pdf', 'PDF'],
      ['default-email', 'EMAIL'],
    ]);
    for (const t of list) expect(t.description.length).toBeGreaterThan(10);
  });

  it('gives each template a stable revision', () => {
    const revisions = listTemplates().map((t) => templateRevision(t.name));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(templateRevision('default-html')).toBe(templateRevision('default-html'));
  });

  it('refuses an unknown template with BAD_USER_INPUT on field "template"', () => {
    const error = catchError(() => renderBriefing(briefing20251115(), 'HTML', 'no-such-template'));
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.extensions.code).toBe('BAD_USER_INPUT');
    expect(appError.extensions.field).toBe('template');
    expect(appError.message).toContain('unknown template "no-such-template"');
  });

  it('refuses a template of another format', () => {
    const error = catchError(() => renderBriefing(briefing20251115(), 'HTML', 'default-markdown')) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'template' });
    expect(error.message).toContain('renders MARKDOWN, not HTML');
  });

  it('refuses a format it does not know', () => {
    const error = catchError(() => renderBriefing(briefing20251115(), 'DOCX' as 'HTML')) as AppError;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'format' });
  });

  it('renders a named template of the right format', () => {
    const compact = renderBriefing(briefing20251115(), 'HTML', 'compact-html');
    expect(compact.template).toBe('compact-html');
    expect(compact.body).toContain('<li class="event"><p><strong>Assad regime overthrown</strong>');
  });

  it('picks up a changed template in development, by modification time', () => {
    const dir = copyTemplates();
    const registry = new TemplateRegistry({ templatesDir: dir, watch: true });
    const before = renderTemplate(registry, briefing20251115(), 'TEXT');
    const file = path.join(dir, 'text', 'partials', 'people.hbs');
    rewrite(
      file,
      fs
        .readFileSync(file, 'utf8')
        .replace('Leaders and actors\n------------------', 'Who is involved\n---------------'),
    );
    const after = renderTemplate(registry, briefing20251115(), 'TEXT');
    expect(before.body).toContain('Leaders and actors');
    expect(after.body).toContain('Who is involved');
    expect(after.templateRevision).not.toBe(before.templateRevision);
  });

  it('notices a front partial added in development', () => {
    const dir = copyTemplates();
    const registry = new TemplateRegistry({ templatesDir: dir, watch: true });
    const before = registry.revision('default-html');
    fs.writeFileSync(
      path.join(dir, 'shared', 'fronts', 'yemen.hbs'),
      '{{#> front-section}}<p>Yemen partial</p>{{/front-section}}\n',
    );
    const frontsDir = path.join(dir, 'shared', 'fronts');
    const later = new Date(fs.statSync(frontsDir).mtimeMs + 5000);
    fs.utimesSync(frontsDir, later, later);
    expect(registry.revision('default-html')).not.toBe(before);
  });

  it('reads files once in production', () => {
    const dir = copyTemplates();
    const registry = new TemplateRegistry({ templatesDir: dir, watch: false });
    const before = renderTemplate(registry, briefing20251115(), 'TEXT');
    const file = path.join(dir, 'text', 'partials', 'people.hbs');
    rewrite(file, 'changed\n');
    const after = renderTemplate(registry, briefing20251115(), 'TEXT');
    expect(after.body).toBe(before.body);
    expect(after.templateRevision).toBe(before.templateRevision);
  });

  it('compiles every template up front, and names the file of a broken one', () => {
    new TemplateRegistry({ templatesDir: TEMPLATES, watch: false }).preload();
    const dir = copyTemplates();
    fs.writeFileSync(path.join(dir, 'markdown', 'partials', 'event.hbs'), '{{unknownHelper title}}\n');
    expect(() => new TemplateRegistry({ templatesDir: dir, watch: false }).preload()).toThrow(
      /markdown\/partials\/event\.hbs: .*unknownHelper/,
    );
  });

  it('validates the manifest', () => {
    const entry = {
      name: 'a',
      format: 'HTML',
      description: 'd',
      layout: 'html/briefing.hbs',
      partials: ['html/partials'],
      default: true,
    };
    expect(parseTemplateManifest({ templates: [entry] }, 'm.json')).toHaveLength(1);
    expect(() => parseTemplateManifest({ templates: [entry, entry] }, 'm.json')).toThrow(/listed twice/);
    expect(() => parseTemplateManifest({ templates: [{ ...entry, layout: '../../etc/passwd' }] }, 'm.json')).toThrow(
      /inside the templates folder/,
    );
    expect(() => parseTemplateManifest({ templates: [{ ...entry, format: 'DOCX' }] }, 'm.json')).toThrow(
      /format must be one of/,
    );
    expect(() => parseTemplateManifest({ templates: [{ ...entry, default: false }] }, 'm.json')).toThrow(
      /no default HTML template/,
    );
    expect(() => parseTemplateManifest([], 'm.json')).toThrow(/"templates" list/);
  });
});
