/** The rendering layer's public surface: plain `Briefing` in, HTML, Markdown or text out. */
export { FORMAT_PROFILES, RENDER_FORMATS, isRenderFormat } from './formats';
export type { FormatProfile, RenderFormat } from './formats';
export { renderBriefing, renderBriefingWith } from './render-briefing';
export type { RenderedBriefing } from './render-briefing';
export { TemplateRegistry, checkRenderDeadline, defaultTemplateRegistry, listTemplates, templateRevision } from './template-registry';
export type { CompiledBriefingTemplate, TemplateInfo, TemplateRegistryOptions } from './template-registry';
