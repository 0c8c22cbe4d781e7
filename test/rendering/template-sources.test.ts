import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { MARKDOWN_SAFE_HELPERS } from '../../src/output/templates/helpers/markdown-helpers';

/**
 * Rules on the template sources themselves: Markdown and text compile without HTML escaping, so a Markdown
 * template must print data only through its escaping helpers, and no template may use the triple-stash.
 */
const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

function hbsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return hbsFiles(full);
    return entry.name.endsWith('.hbs') ? [full] : [];
  });
}

interface Mustache {
  type: 'MustacheStatement';
  path: { original: unknown };
  params: unknown[];
  escaped: boolean;
  loc: { start: { line: number } };
}

/** Every output statement `{{…}}` in a parsed template, however deeply nested in blocks. */
function mustaches(node: unknown, into: Mustache[] = []): Mustache[] {
  if (Array.isArray(node)) {
    for (const child of node) mustaches(child, into);
  } else if (typeof node === 'object' && node !== null) {
    if ((node as { type?: unknown }).type === 'MustacheStatement') into.push(node as Mustache);
    for (const value of Object.values(node)) mustaches(value, into);
  }
  return into;
}

describe('template sources', () => {
  const all = hbsFiles(TEMPLATES);

  it('exist for each format, with partials for gaza, iran, syria, lebanon and a generic one', () => {
    for (const file of ['html/briefing.hbs', 'markdown/briefing.hbs', 'text/briefing.hbs'])
      expect(fs.existsSync(path.join(TEMPLATES, file))).toBe(true);
    for (const front of ['gaza', 'iran', 'syria', 'lebanon', 'generic'])
      expect(fs.existsSync(path.join(TEMPLATES, 'shared', 'fronts', `${front}.hbs`))).toBe(true);
  });

  it.each(all.map((f) => [path.relative(TEMPLATES, f)]))('%s uses no triple-stash', (file) => {
    const ast = Handlebars.parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8'));
    expect(mustaches(ast).filter((m) => !m.escaped)).toEqual([]);
  });

  const markdown = all.filter(
    (f) => f.includes(`${path.sep}markdown${path.sep}`) || f.includes(`${path.sep}shared${path.sep}`),
  );
  it.each(markdown.map((f) => [path.relative(TEMPLATES, f)]))(
    '%s prints data only through Markdown-escaping helpers',
    (file) => {
      const ast = Handlebars.parse(fs.readFileSync(path.join(TEMPLATES, file), 'utf8'));
      const raw = mustaches(ast)
        .filter(
          (m) =>
            !(typeof m.path.original === 'string' && MARKDOWN_SAFE_HELPERS.has(m.path.original) && m.params.length > 0),
        )
        .map((m) => `line ${m.loc.start.line}: {{${String(m.path.original)}}}`);
      expect(raw).toEqual([]);
    },
  );
});
