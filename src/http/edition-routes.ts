import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config';
import type { RateLimits } from '../graphql/limits';
import type { Logger } from '../logging/logger';
import { editionPath } from '../output/formats/download-path';
import type { Services } from '../services/services';
import { frontList } from '../validation/front-list';
import {
  contentDisposition,
  matchesEtag,
  parseDownloadFile,
  sendError,
  single,
  varyOnAuthorization,
} from './briefing-routes';
import { requestPrincipal } from './request-principal';

/** A year: an edition's bytes never change, so caches may keep them as long as they like. */
const IMMUTABLE = 'max-age=31536000, immutable';

/**
 * `GET /editions/{id}.{html,md,txt,eml,pdf}`: an edition's stored bytes, cacheable for good, with a strong ETag
 * from their SHA-256. `GET /editions/latest/2025-11-15.html` (with `fronts` and `tz` as for /briefings) redirects
 * to the newest edition of that date. Errors are plain text, as for /briefings.
 */
export function registerEditionRoutes(
  http: FastifyInstance,
  config: Config,
  services: Services,
  log: Logger,
  rateLimits?: RateLimits,
): void {
  const privacy = config.readKeysRequired ? 'private' : 'public';

  http.get<{ Params: { file: string }; Querystring: { fronts?: string | string[]; tz?: string | string[] } }>(
    '/editions/latest/:file',
    async (request, reply) => {
      try {
        await requestPrincipal(request.headers.authorization, config, services);
        const { name, format } = parseDownloadFile(request.params.file, '/editions/latest/2025-11-15.html');
        const edition = await services.editions.latest({
          date: name,
          fronts: frontList(request.query.fronts),
          timezone: single(request.query.tz, 'tz') ?? 'UTC',
        });
        // The newest edition changes with the next publication: never cached.
        return reply.code(302).header('Cache-Control', 'no-cache').redirect(editionPath(edition.id, format), 302);
      } catch (error) {
        return sendError(reply, error, request, log);
      }
    },
  );

  http.get<{ Params: { file: string } }>('/editions/:file', async (request, reply) => {
    try {
      const principal = await requestPrincipal(request.headers.authorization, config, services);
      const { name, format } = parseDownloadFile(request.params.file, '/editions/3f2c1a9e-….html');
      // Stored bytes cost nothing; the first print of the PDF costs a render, as a /briefings download does.
      const doc = await services.editions.download(name, format, () =>
        rateLimits?.takeRenders({ principal, ip: request.ip }, 1),
      );
      const etag = `"${doc.sha256}"`;
      reply.header('ETag', etag);
      reply.header('Cache-Control', `${privacy}, ${IMMUTABLE}`);
      varyOnAuthorization(reply, config);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply
        .code(200)
        .header('Content-Type', doc.contentType)
        .header('Content-Disposition', contentDisposition('inline', doc.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .send(doc.bytes);
    } catch (error) {
      return sendError(reply, error, request, log);
    }
  });
}
