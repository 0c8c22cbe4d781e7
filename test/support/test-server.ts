import { openRuntime, Runtime } from '../../src/app/runtime';
import { RunningServer, serve } from '../../src/app/serve';
import { loadConfig } from '../../src/config/config';
import type { Services } from '../../src/services/services';
import { createTestDatabase, DatabaseKind, TestDatabase } from './databases';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [k: string]: unknown } }[];
}

export interface TestServer {
  kind: DatabaseKind;
  url: string;
  services: Services;
  runtime: Runtime;
  editorKey: string;
  readerKey: string;
  /** POSTs a GraphQL operation over real HTTP. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    key?: string | null,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** Starts the real server on a fresh database (migrated and seeded) on a random loopback port. */
export async function startTestServer(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestServer> {
  const database: TestDatabase = await createTestDatabase(kind);
  // Rate limits are off unless a test sets them (test/security does): suites send many mutations and renders quickly.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url,
    SITREP_RATE_LIMIT_MUTATIONS: '0',
    SITREP_RATE_LIMIT_RENDERS: '0',
    ...env,
  });
  const runtime = await openRuntime(config);
  let server: RunningServer;
  try {
    server = await serve(runtime, { seedIfEmpty: true });
  } catch (error) {
    await runtime.close();
    await database.drop();
    throw error;
  }
  const editorKey = (await runtime.services.keys.create('test editor', 'editor')).secret;
  const readerKey = (await runtime.services.keys.create('test reader', 'reader')).secret;
  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    key: string | null = null,
  ): Promise<GraphQLResponse<T>> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  };
  return {
    kind,
    url: server.url,
    services: runtime.services,
    runtime,
    editorKey,
    readerKey,
    gql,
    stop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

/** The first error's code and field, for compact assertions. */
export function firstError(response: GraphQLResponse): { code?: string; field?: string; message?: string } {
  const error = response.errors?.[0];
  return {
    code: error?.extensions?.code,
    field: error?.extensions?.field,
    message: error?.message,
  };
}
