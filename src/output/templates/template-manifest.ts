import path from 'node:path';
import { RENDER_FORMATS, RenderFormat, isRenderFormat } from '../formats/formats';

/**
 * `templates/templates.json`: the templates a client may choose. Each names its layout and its partial folders
 * (later folders override earlier ones, so a variant such as compact-html only carries the partials it changes).
 */
export interface TemplateManifestEntry {
  name: string;
  format: RenderFormat;
  description: string;
  /** Path of the layout, relative to the templates folder. */
  layout: string;
  /** Partial folders, relative to the templates folder. */
  partials: string[];
  /** The template used for its format when the client names none. */
  default: boolean;
}

export class TemplateManifestError extends Error {
  constructor(file: string, message: string) {
    super(`Template manifest ${file}: ${message}`);
    this.name = 'TemplateManifestError';
  }
}

const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

function relativePath(file: string, where: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TemplateManifestError(file, `${where} must be a path`);
  const normalised = path.posix.normalize(value.replace(/\\/g, '/'));
  // Templates are read from the templates folder only; a manifest cannot point the server at other files.
  if (path.posix.isAbsolute(normalised) || normalised === '..' || normalised.startsWith('../')) {
    throw new TemplateManifestError(file, `${where} must stay inside the templates folder, got "${value}"`);
  }
  return normalised;
}

function parseEntry(file: string, raw: unknown, index: number): TemplateManifestEntry {
  const where = `templates[${index}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new TemplateManifestError(file, `${where} must be an object`);
  const entry = raw as Record<string, unknown>;
  const { name, format, description } = entry;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new TemplateManifestError(file, `${where}.name must be lower-case letters, digits and hyphens`);
  }
  if (!isRenderFormat(format)) {
    throw new TemplateManifestError(file, `${where}.format must be one of ${RENDER_FORMATS.join(', ')}`);
  }
  if (typeof description !== 'string' || description.trim() === '') {
    throw new TemplateManifestError(file, `${where}.description must be a non-empty string`);
  }
  const partials = entry.partials ?? [];
  if (!Array.isArray(partials)) throw new TemplateManifestError(file, `${where}.partials must be a list of folders`);
  if (entry.default !== undefined && typeof entry.default !== 'boolean') {
    throw new TemplateManifestError(file, `${where}.default must be true or false`);
  }
  return {
    name,
    format,
    description: description.trim(),
    layout: relativePath(file, `${where}.layout`, entry.layout),
    partials: partials.map((p, i) => relativePath(file, `${where}.partials[${i}]`, p)),
    default: entry.default === true,
  };
}

/** Checks the parsed JSON of a manifest; throws with the file and the offending entry. */
export function parseTemplateManifest(json: unknown, file: string): TemplateManifestEntry[] {
  const list: unknown =
    typeof json === 'object' && json !== null ? (json as { templates?: unknown }).templates : undefined;
  if (!Array.isArray(list)) throw new TemplateManifestError(file, 'must be an object with a "templates" list');
  const entries = list.map((raw, i) => parseEntry(file, raw, i));
  const names = new Set<string>();
  const defaults = new Set<RenderFormat>();
  for (const entry of entries) {
    if (names.has(entry.name)) throw new TemplateManifestError(file, `template "${entry.name}" is listed twice`);
    names.add(entry.name);
    if (entry.default) {
      if (defaults.has(entry.format))
        throw new TemplateManifestError(file, `more than one default ${entry.format} template`);
      defaults.add(entry.format);
    }
  }
  for (const entry of entries) {
    if (!defaults.has(entry.format)) throw new TemplateManifestError(file, `no default ${entry.format} template`);
  }
  return entries;
}
