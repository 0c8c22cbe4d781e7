import type { NormalizedBriefingRequest } from '../../briefings/briefing-service';
import { FORMAT_PROFILES, RenderFormat } from './formats';

/** `/briefings/2025-11-15.pdf?fronts=gaza,iran&tz=…`: the download of a render, for links handed to clients. */
export function downloadPath(
  request: NormalizedBriefingRequest,
  format: RenderFormat,
  choice: { template?: string | null; paper?: string | null },
): string {
  const query = new URLSearchParams();
  if (request.fronts !== null) query.set('fronts', request.fronts.join(','));
  if (request.timezone !== 'UTC') query.set('tz', request.timezone);
  if (request.asOf) query.set('asOf', request.asOf);
  if (choice.template) query.set('template', choice.template);
  if (format === 'PDF' && choice.paper) query.set('paper', choice.paper.toLowerCase());
  const search = query.toString();
  return `/briefings/${request.date}.${FORMAT_PROFILES[format].extension}${search === '' ? '' : `?${search.replace(/%2C/g, ',')}`}`;
}

/** `/editions/{id}.{ext}`: the stored bytes of one format of an edition. */
export function editionPath(id: string, format: RenderFormat): string {
  return `/editions/${id}.${FORMAT_PROFILES[format].extension}`;
}
