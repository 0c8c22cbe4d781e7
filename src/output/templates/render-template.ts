import type { Briefing } from '../../briefings/briefing';
import { badInput } from '../../errors/app-errors';
import {
  FORMAT_PROFILES,
  RENDER_FORMATS,
  RenderFormat,
  RenderedOutput,
  briefingFilename,
  isRenderFormat,
} from '../formats/formats';
import { TemplateRegistry, checkRenderDeadline } from './template-registry';
import { enforceWidth } from './text-wrap';
import { tidyOutput } from './tidy-output';

/** A render of one template: text (HTML, Markdown, plain text, or the HTML that PDF and EMAIL start from). */
export interface RenderedBriefing extends RenderedOutput {
  body: string;
}

/**
 * The template stage of the output pipeline: the briefing through one template (the format's default when none is
 * named), tidied, and wrapped for TEXT, all within the registry's render time limit. Synchronous: templates are
 * compiled once and cached. Throws `badInput('template', …)` for an unknown template or one of another format.
 * `OutputRenderer.render` is the entry point for whole documents; the PDF engine and the email composer call this.
 */
export function renderTemplate(
  registry: TemplateRegistry,
  briefing: Briefing,
  format: RenderFormat,
  templateName?: string | null,
): RenderedBriefing {
  // Formats arrive from clients; a value outside the format table is refused plainly.
  if (!isRenderFormat(format)) throw badInput('format', `must be one of ${RENDER_FORMATS.join(', ')}`);
  const template = registry.resolve(format, templateName);
  const profile = FORMAT_PROFILES[format];
  // The time limit covers the whole render: a step after the template is as able to take long as the template.
  const body = registry.withinRenderLimit(() => {
    // Strict templates read `corrections.length`: a briefing composed on request has none.
    const raw = template.render(briefing.corrections === undefined ? { ...briefing, corrections: [] } : briefing);
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
