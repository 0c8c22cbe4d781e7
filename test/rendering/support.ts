import MarkdownIt from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { Briefing, BriefingEvent } from '../../src/briefings/briefing';
import type { RenderFormat } from '../../src/output/formats/formats';
import { RenderedBriefing, TemplateInfo, defaultTemplateRegistry, renderTemplate } from '../../src/output/templates';
import { markdownHeadingId } from '../../src/output/templates/helpers/markdown-helpers';

/** Shared helpers of the rendering tests. */

/** A render with the shipped templates and default settings. */
export function renderBriefing(
  briefing: Briefing,
  format: RenderFormat,
  templateName?: string | null,
): RenderedBriefing {
  return renderTemplate(defaultTemplateRegistry(), briefing, format, templateName);
}

export function listTemplates(): TemplateInfo[] {
  return defaultTemplateRegistry().listTemplates();
}

export function templateRevision(name: string): string {
  return defaultTemplateRegistry().revision(name);
}

export function renderAll(briefing: Briefing): Record<'HTML' | 'MARKDOWN' | 'TEXT', RenderedBriefing> {
  return {
    HTML: renderBriefing(briefing, 'HTML'),
    MARKDOWN: renderBriefing(briefing, 'MARKDOWN'),
    TEXT: renderBriefing(briefing, 'TEXT'),
  };
}

/** The HTML of one front's `<section>`, found by its id. */
export function htmlSection(html: string, id: string): string {
  const start = html.indexOf(`<section class="front`, html.indexOf(`id="${id}"`) - 200);
  const open = html.indexOf(`id="${id}"`);
  if (open < 0 || start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', open));
}

/**
 * The Markdown of one front, from its heading to the next level-2 heading. `id` is the section's anchor
 * ("front-gaza"); the Markdown heading carries no id of its own, so it is found by its text's heading id ("gaza").
 */
export function markdownSection(md: string, id: string): string {
  const wanted = id.replace(/^front-/, '');
  let start = -1;
  for (let at = md.indexOf('\n## '); at >= 0 && start < 0; at = md.indexOf('\n## ', at + 1)) {
    const line = md.slice(at + 4, md.indexOf('\n', at + 1));
    if (markdownHeadingId(line.replace(/\\/g, '')) === wanted) start = at + 1;
  }
  if (start < 0) throw new Error(`no section ${id}`);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
}

/** The text of one front, from its upper-case heading to the next heading underlined with "=". */
export function textSection(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line, i) => line === name.toUpperCase() && /^=+$/.test(lines[i + 1] ?? ''));
  if (start < 0) throw new Error(`no section ${name}`);
  const end = lines.findIndex(
    (line, i) =>
      i > start + 1 && /^(?:=+|-{3,})$/.test(lines[i + 1] ?? '') && line === line.toUpperCase() && line !== '',
  );
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

export function markdownParser(): MarkdownIt.MarkdownIt {
  // html: true so that any raw HTML leaking from data would come through, and the escaping tests mean something.
  return new MarkdownIt({ html: true }).use(footnote);
}

/** Replaces the first event of today in the named section (and everywhere the same event object appears). */
export function withTodayEvent(briefing: Briefing, slug: string, change: Partial<BriefingEvent>): Briefing {
  const section = briefing.sections.find((s) => s.front.slug === slug);
  if (section === undefined || section.today.length === 0) throw new Error(`no event today in ${slug}`);
  section.today[0] = { ...section.today[0], ...change };
  return briefing;
}

/** The text a reader sees in rendered HTML: tags dropped, the entities Handlebars and markdown-it emit decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, '')
    .replace(
      /&(quot|#x27|#39|lt|gt|#x60|#x3D|amp);/g,
      (_, name: string) =>
        ({ quot: '"', '#x27': "'", '#39': "'", lt: '<', gt: '>', '#x60': '`', '#x3D': '=', amp: '&' })[name] ?? '',
    )
    .replace(/\s+/g, ' ');
}
