import type { Briefing } from '../../briefings/briefing';
import { badInput } from '../../errors/app-errors';
import { FORMAT_PROFILES, RENDER_FORMATS, RenderFormat, briefingFilename, isRenderFormat } from '../formats/formats';
import { TemplateRegistry, checkRenderDeadline, defaultTemplateRegistry } from './template-registry';
import { enforceWidth } from './text-wrap';
import { tidyOutput } from './tidy-output';

export interface RenderedBriefing {
  format: RenderFormat;
  /** e.g. "text/html; charset=utf-8". */
  contentType: string;
  /** e.g. "sitrep-briefing-2025-11-15.html". */
  filename: string;
  body: string;
  /** The template used (the format's default when none was asked for). */
  template: string;
  /** The template's revision, for ETags together with the briefing's own version. */
  templateRevision: string;
}

/**
 * Renders a briefing with the configured templates. Synchronous: templates are compiled once and cached.
 * Throws `badInput('template', …)` for an unknown template or one of another format.
 */
export function renderBriefing(briefing: Briefing, format: RenderFormat, templateName?: string | null): RenderedBriefing {
  return renderBriefingWith(defaultTemplateRegistry(), briefing, format, templateName);
}

/** The same with an explicit registry (another templates folder, or tests). */
export function renderBriefingWith(
  registry: TemplateRegistry,
  briefing: Briefing,
  format: RenderFormat,
  templateName?: string | null,
): RenderedBriefing {
  // Formats arrive from clients; a value this renderer does not know yet (EMAIL, PDF) is refused plainly.
  if (!isRenderFormat(format)) throw badInput('format', `must be one of ${RENDER_FORMATS.join(', ')}`);
  const template = registry.resolve(format, templateName);
  const profile = FORMAT_PROFILES[format];
  // The time limit covers the whole render: a step after the template is as able to take long as the template.
  const body = registry.withinRenderLimit(() => {
    const raw = template.render(briefing);
    checkRenderDeadline();
    const tidy = tidyOutput(raw);
    checkRenderDeadline();
    if (format !== 'TEXT') return tidy;
    const wrapped = enforceWidth(tidy);
    checkRenderDeadline();
    return wrapped;
  });
  return {
    format,
    contentType: profile.contentType,
    filename: briefingFilename(briefing.date, format),
    body,
    template: template.info.name,
    templateRevision: template.revision,
  };
}
