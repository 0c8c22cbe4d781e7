import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config/config';
import type { AnswerMark } from '../graphql/context/context';
import type { RateLimits } from '../graphql/limits';
import { CachedAnswer, GraphQLResponseCache, MAX_CACHED_REQUEST_CHARS } from '../graphql/response-cache';
import { encodedBytes } from '../graphql/stringify-result';
import type { Principal } from '../services/api-key-service';
import type { Services } from '../services/services';
import { requestOrigin } from './host-header';
import { requestPrincipal } from './request-principal';
import { jsonBodyText } from './strict-json';

/** What the GraphQL context of a POST takes from the cache's look at it. */
export interface PendingAnswer {
  /** Who asked, authenticated once for the request. */
  principal: Principal | null;
  /** Set when the answer may be kept: the key, and where Apollo marks it. */
  keep: { key: string; mark: AnswerMark } | null;
  /** The data revision already read for the request, which its operation then reads at. */
  revision?: number;
}

/**
 * On the GraphQL routes: answers a POST the cache holds for the current data revision before Apollo sees it, and
 * keeps the answers Apollo marks as worth keeping. Anything unusual (no JSON body, a long one, a key that does not
 * authenticate, an editor, a database that does not answer, a spent render budget) goes to Apollo, which answers it
 * as it always has, errors included. A request the cache holds nothing for costs no SQL here: the revision an
 * answer is kept under is read by the plugin, once Apollo has accepted the operation and before it runs, and only
 * for a query asked before.
 */
export function registerCachedAnswers(
  scope: FastifyInstance,
  config: Config,
  services: Services,
  rateLimits: RateLimits,
  cache: GraphQLResponseCache,
): (request: FastifyRequest) => PendingAnswer | undefined {
  const pending = new WeakMap<FastifyRequest, PendingAnswer>();
  scope.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const body = jsonBodyText(request);
    if (body === undefined || body.length > MAX_CACHED_REQUEST_CHARS) return;
    let principal: Principal | null;
    try {
      principal = await requestPrincipal(request.headers.authorization, config, services);
    } catch {
      return;
    }
    const state: PendingAnswer = { principal, keep: null };
    pending.set(request, state);
    if (principal?.role === 'editor') return;
    const key = cache.key({
      role: principal?.role ?? null,
      accept: request.headers.accept ?? '',
      publicUrl: config.publicUrl ?? requestOrigin(request),
      day: new Date().toISOString().slice(0, 10),
      body,
    });
    const keep = (): void => {
      state.keep = { key, mark: { keepWithRenders: null, revision: null } };
    };
    if (!cache.has(key)) {
      // Kept from its second asking on: a one-off query costs nothing extra (not even the revision read) and takes
      // no room.
      if (cache.askedBefore(key)) keep();
      return;
    }
    let hit: CachedAnswer | undefined;
    try {
      const revision = await services.briefings.revision();
      hit = cache.get(key, revision);
      if (hit === undefined) {
        // Kept for an older revision: answered afresh at this one, which the operation reads at too.
        state.revision = revision;
        keep();
        return;
      }
      if (hit.renders > 0) await rateLimits.takeRenders({ principal, ip: request.ip }, hit.renders);
    } catch {
      return;
    }
    return reply.code(200).type(hit.contentType).send(hit.body);
  });
  scope.addHook('onSend', async (request, reply, payload) => {
    const sent = typeof payload === 'string' ? (encodedBytes(payload) ?? payload) : payload;
    const keep = pending.get(request)?.keep;
    const { keepWithRenders: renders, revision } = keep?.mark ?? { keepWithRenders: null, revision: null };
    if (keep != null && renders !== null && revision !== null && reply.statusCode === 200) {
      const body = typeof sent === 'string' ? Buffer.from(sent, 'utf8') : Buffer.isBuffer(sent) ? sent : undefined;
      const contentType = reply.getHeader('content-type');
      if (body !== undefined && typeof contentType === 'string') {
        cache.set(keep.key, { revision, contentType, body, renders });
      }
    }
    return sent;
  });
  return (request) => pending.get(request);
}
