// The rendering layer's public surface: plain `Briefing` in, HTML, Markdown or text out.

export { FORMAT_PROFILES, RENDER_FORMATS, isRenderFormat } from '../formats/formats';
export type { FormatProfile, RenderFormat } from '../formats/formats';
export { renderTemplate } from './render-template';
export type { RenderedBriefing } from './render-template';
export { TemplateRegistry, checkRenderDeadline, defaultTemplateRegistry } from './template-registry';
export type { CompiledBriefingTemplate, TemplateInfo, TemplateRegistryOptions } from './template-registry';
