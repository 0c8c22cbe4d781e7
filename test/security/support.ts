import type { TestServer } from '../support/test-server';

/** The service methods resolvers call; a request stopped by a limit must reach none of them. */
const RESOLVER_SERVICE_METHODS: Record<string, string[]> = {
  regions: ['list', 'bySlug', 'upsert'],
  leaders: ['list', 'bySlug', 'upsert'],
  actors: ['list', 'bySlug', 'upsert'],
  fronts: ['list', 'bySlug', 'upsert'],
  events: ['list', 'byId', 'create', 'update', 'delete', 'import'],
  briefings: ['compose', 'changesSince'],
  briefingRenders: ['templates', 'renderComposed', 'prepare', 'renderPrepared'],
  deliveries: ['send', 'list'],
};

/**
 * Runs `request` and tells how many resolver-facing service calls and SQL statements it caused. Both are 0 for a
 * request refused before execution. (Requests here carry no API key, so the context runs no SQL either.)
 */
export async function resolverActivity<T>(
  server: TestServer,
  request: () => Promise<T>,
): Promise<{ result: T; serviceCalls: number; statements: number }> {
  const services = server.services as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>;
  const spies: jest.SpyInstance[] = [];
  for (const [service, methods] of Object.entries(RESOLVER_SERVICE_METHODS)) {
    for (const method of methods) {
      if (typeof services[service]?.[method] === 'function') spies.push(jest.spyOn(services[service], method));
    }
  }
  const before = server.services.db.statementCount;
  try {
    const result = await request();
    return {
      result,
      serviceCalls: spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0),
      statements: server.services.db.statementCount - before,
    };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json(): RawBody;
}

/** A GraphQL-shaped JSON body, as far as the tests read it. */
export type RawBody = Record<string, unknown> & {
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  data?: unknown;
};

/** A raw HTTP request to the server, for what `gql()` cannot send (odd bodies, methods and headers). */
export async function raw(server: TestServer, path: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as RawBody };
}

/** POSTs a JSON GraphQL request with extra headers. */
export function postGraphQL(
  server: TestServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return raw(server, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
