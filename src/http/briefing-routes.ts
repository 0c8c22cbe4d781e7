import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config';
import { AppError, ERROR_CODES, isAppError, RateLimitedError } from '../errors/app-errors';
import { assertRole } from '../graphql/context/auth-checker';
import type { RateLimits } from '../graphql/limits';
import type { Logger } from '../logging/logger';
import { DOWNLOAD_EXTENSION_LIST, DOWNLOAD_EXTENSIONS, RenderFormat } from '../output/formats/formats';
import type { Services } from '../services/services';
import { frontList } from '../validation/front-list';
import { requestPrincipal } from './request-principal';

interface DownloadQuery {
  fronts?: string | string[];
  tz?: string | string[];
  asOf?: string | string[];
  template?: string | string[];
  paper?: string | string[];
  download?: string | string[];
}

const FILE_RE = /^(.*)\.([^.]*)$/;

export const single = (value: string | string[] | undefined, name: string): string | undefined => {
  if (Array.isArray(value)) {
    if (value.length > 1) throw new AppError('BAD_USER_INPUT', `${name}: give it once`, name);
    return value[0];
  }
  return value;
};

/** `2025-11-15.html`: the name before the extension and the format the extension serves. */
export function parseDownloadFile(file: string, example: string): { name: string; format: RenderFormat } {
  const match = FILE_RE.exec(file);
  if (match === null)
    throw new AppError('BAD_USER_INPUT', `The address must end in ${DOWNLOAD_EXTENSION_LIST}, e.g. ${example}`, 'ext');
  const format = DOWNLOAD_EXTENSIONS[match[2].toLowerCase()];
  if (format === undefined)
    throw new AppError('BAD_USER_INPUT', `Unknown extension ".${match[2]}": use ${DOWNLOAD_EXTENSION_LIST}`, 'ext');
  return { name: match[1], format };
}

/** With read keys required, the answer depends on the caller's key; appended, since CORS has set `Vary: Origin`. */
export function varyOnAuthorization(reply: FastifyReply, config: Config): void {
  if (!config.readKeysRequired) return;
  const vary = reply.getHeader('Vary');
  reply.header('Vary', vary === undefined ? 'Authorization' : `${String(vary)}, Authorization`);
}

/** The header's quoted file name cannot be broken out of: quotes, backslashes and line breaks become `_`. */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string): string {
  return `${disposition}; filename="${filename.replace(/["\\\r\n]/g, '_')}"`;
}

/** Does `If-None-Match` name this ETag (weak comparison, as RFC 9110 asks for GET)? */
export function matchesEtag(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined || value.trim() === '') return false;
  if (value.trim() === '*') return true;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * `GET /briefings/2025-11-15.html` (also `.md`, `.txt`) with `fronts=gaza,iran`, `tz=Asia/Jerusalem` and
 * `template=<name>` (and `asOf=<instant>`): the rendered briefing as a download, through the same services and cache as GraphQL.
 * Errors are plain-text messages with their status (400 for bad parameters); a matching `If-None-Match` is a 304.
 */
export function registerBriefingRoutes(
  http: FastifyInstance,
  config: Config,
  services: Services,
  log: Logger,
  rateLimits?: RateLimits,
): void {
  http.get<{ Params: { file: string }; Querystring: DownloadQuery }>('/briefings/:file', async (request, reply) => {
    try {
      const principal = await requestPrincipal(request.headers.authorization, config, services);
      const { name: date, format } = parseDownloadFile(request.params.file, '/briefings/2025-11-15.html');
      const query = request.query;
      const asOf = single(query.asOf, 'asOf') ?? null;
      // As for briefing(asOf:): the data of an earlier instant is for editors.
      if (asOf !== null) assertRole(principal, ['editor']);
      const prepared = await services.briefingRenders.prepare(
        {
          date,
          fronts: frontList(query.fronts),
          timezone: single(query.tz, 'tz') ?? 'UTC',
          asOf,
        },
        format,
        { template: single(query.template, 'template') ?? null, paper: single(query.paper, 'paper') ?? null },
      );
      reply.header('ETag', prepared.etag);
      reply.header('Cache-Control', config.readKeysRequired ? 'private, no-cache' : 'no-cache');
      varyOnAuthorization(reply, config);
      if (matchesEtag(request.headers['if-none-match'], prepared.etag)) return reply.code(304).send();
      // A render counts against the caller's budget (shared with GraphQL's Briefing.render); a 304 or a download
      // served from the render cache costs next to nothing and does not.
      if (!services.briefingRenders.cache.has(prepared.key))
        await rateLimits?.takeRenders({ principal, ip: request.ip }, 1);
      const rendered = await services.briefingRenders.renderPrepared(prepared);
      const disposition = query.download === undefined ? 'inline' : 'attachment';
      return reply
        .code(200)
        .header('Content-Type', rendered.contentType)
        .header('Content-Disposition', contentDisposition(disposition, rendered.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .send(rendered.bytes);
    } catch (error) {
      return sendError(reply, error, request, log);
    }
  });
}

export function sendError(reply: FastifyReply, error: unknown, request: FastifyRequest, log: Logger): FastifyReply {
  reply.removeHeader('ETag');
  reply.header('Content-Type', 'text/plain; charset=utf-8');
  reply.header('Cache-Control', 'no-store');
  if (isAppError(error) && ERROR_CODES[error.code].client) {
    if (error.code === 'UNAUTHENTICATED') reply.header('WWW-Authenticate', 'Bearer');
    if (error instanceof RateLimitedError) reply.header('Retry-After', String(error.retryAfterSeconds));
    if (error.detail !== undefined)
      log[error.logLevel](error.message, { requestId: request.id, url: request.url, detail: error.detail });
    return reply.code(error.httpStatus).send(`${error.message}\n`);
  }
  // Anything else is ours: log the detail, tell the client only the request id.
  log.error('unexpected error', {
    requestId: request.id,
    url: request.url,
    message: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return reply.code(500).send(`Internal server error (request ${request.id})\n`);
}
