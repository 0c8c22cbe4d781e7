import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Fastify types its default JSON parser as callback- or promise-style; it is the callback one (it calls `done`). */
type CallbackJsonParser = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, body?: unknown) => void,
) => void;

const bodyTexts = new WeakMap<FastifyRequest, string>();

/** The text of a request's JSON body as received, once parsed (for keys that must match the body exactly). */
export const jsonBodyText = (request: FastifyRequest): string | undefined => bodyTexts.get(request);

/**
 * JSON request bodies must be valid UTF-8. Fastify's own JSON parser decodes with replacement characters, so a
 * body with broken bytes would be accepted and U+FFFD stored in place of what the client meant; this parser
 * refuses it with 400 instead, then hands the text to Fastify's parser (which keeps its `__proto__` and
 * `constructor` poisoning checks).
 */
export function registerStrictJsonParser(http: FastifyInstance): void {
  const parseJson = http.getDefaultJsonParser('error', 'error') as CallbackJsonParser;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  http.removeContentTypeParser('application/json');
  http.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      const error = Object.assign(new Error('The request body is not valid UTF-8'), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_UTF8',
      });
      done(error, undefined);
      return;
    }
    bodyTexts.set(request, text);
    parseJson(request, text, done);
  });
}
