import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../config/config';
import { requestOrigin } from './host-header';

// The GraphQL explorer: GraphiQL 3 and React 18 from their npm packages' prebuilt browser files, served by Sitrep
// itself so that it works on a machine without internet. GET /graphql from a browser (Accept: text/html, no
// `query` parameter) gets the page; API clients still get GraphQL. Only when introspection is on: the explorer
// needs the schema.

/** Where the explorer's files are served from. */
export const EXPLORER_ASSETS_PATH = '/graphql-explorer';

const OPERATIONS_DIR = path.join(PROJECT_ROOT, 'schema', 'operations');
// The page's own script: plain browser JavaScript, served as it is (tsc compiles only the server).
const OWN_FILES_DIR = path.join(PROJECT_ROOT, 'src', 'http', 'explorer-page');

/** The package's own folder: their `exports` hide the prebuilt files, not package.json. */
const packageDir = (name: string): string => path.dirname(require.resolve(`${name}/package.json`));

/** name -> where it is read from and its type; read once, on first request. */
const ASSETS: Readonly<Record<string, { file: () => string; type: string }>> = {
  'react.production.min.js': {
    file: () => path.join(packageDir('react'), 'umd', 'react.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'react-dom.production.min.js': {
    file: () => path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphql-ws.min.js': {
    file: () => path.join(packageDir('graphql-ws'), 'umd', 'graphql-ws.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.js': {
    file: () => path.join(packageDir('graphiql'), 'graphiql.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'graphiql.min.css': {
    file: () => path.join(packageDir('graphiql'), 'graphiql.min.css'),
    type: 'text/css; charset=utf-8',
  },
  'explorer.js': { file: () => path.join(OWN_FILES_DIR, 'explorer.js'), type: 'text/javascript; charset=utf-8' },
  'explorer.css': { file: () => path.join(OWN_FILES_DIR, 'explorer.css'), type: 'text/css; charset=utf-8' },
};

/** Scripts in load order: React first, GraphiQL's UMD build expects the globals React and ReactDOM. */
const SCRIPTS = ['react.production.min.js', 'react-dom.production.min.js', 'graphql-ws.min.js', 'graphiql.min.js'];

export interface ExplorerTab {
  query: string;
}

/** One saved tab per file of example operations, in file-name order; none when the folder is missing. */
export function exampleTabs(dir: string = OPERATIONS_DIR): ExplorerTab[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.graphql'));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ query: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

/** JSON that is safe inside a <script> data block: no `<` can close it or open a comment. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const escapeAttribute = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function page(tabs: readonly ExplorerTab[]): string {
  const asset = (name: string): string => escapeAttribute(`${EXPLORER_ASSETS_PATH}/${name}`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Sitrep GraphQL explorer</title>',
    `<link rel="stylesheet" href="${asset('graphiql.min.css')}">`,
    `<link rel="stylesheet" href="${asset('explorer.css')}">`,
    '</head>',
    '<body>',
    '<div id="graphiql">Loading the explorer…</div>',
    `<script type="application/json" id="sitrep-explorer-config">${scriptJson({ endpoint: '/graphql', tabs })}</script>`,
    ...SCRIPTS.map((name) => `<script src="${asset(name)}"></script>`),
    `<script src="${asset('explorer.js')}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Scripts only from Sitrep itself (no inline script, no eval; the data block is not executed), fonts and icons from
 * the stylesheet's data: URLs, requests only to this server, over HTTP and the WebSocket for subscriptions. Styles
 * may be inline: GraphiQL's dialogs (react-remove-scroll) write a <style> element whose text depends on the
 * browser's scrollbar width, so no hash can name it; the page shows no content a client could inject into.
 */
export function explorerContentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Does the client want a page (a browser) rather than a GraphQL answer? */
function wantsPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const accept = request.headers.accept;
  if (typeof accept !== 'string' || !accept.toLowerCase().includes('text/html')) return false;
  // A GET carrying an operation is GraphQL, whatever the Accept header says.
  const query = request.query as Record<string, unknown> | undefined;
  return query?.query === undefined && query?.extensions === undefined;
}

function sendPage(request: FastifyRequest, reply: FastifyReply, html: string): FastifyReply {
  return reply
    .code(200)
    .header('Content-Type', 'text/html; charset=utf-8')
    .header('Content-Security-Policy', explorerContentSecurityPolicy(requestOrigin(request)))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('Cache-Control', 'no-cache')
    .header('Vary', 'Accept')
    .send(html);
}

/** Registers the explorer's page (ahead of GraphQL on GET /graphql) and its files. */
export function registerExplorer(http: FastifyInstance): void {
  const html = page(exampleTabs());
  http.addHook('onRequest', async (request, reply) => {
    if (request.url !== '/graphql' && !request.url.startsWith('/graphql?')) return;
    if (wantsPage(request)) return sendPage(request, reply, html);
  });
  const loaded = new Map<string, Buffer>();
  http.get<{ Params: { name: string } }>(`${EXPLORER_ASSETS_PATH}/:name`, async (request, reply) => {
    const asset = Object.hasOwn(ASSETS, request.params.name) ? ASSETS[request.params.name] : undefined;
    if (asset === undefined)
      return reply.code(404).header('Content-Type', 'text/plain; charset=utf-8').send('Not found\n');
    let bytes = loaded.get(request.params.name);
    if (bytes === undefined) {
      bytes = await fs.promises.readFile(asset.file());
      loaded.set(request.params.name, bytes);
    }
    return reply
      .code(200)
      .header('Content-Type', asset.type)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'public, max-age=3600')
      .send(bytes);
  });
}
