import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { buildProgram } from '../../src/cli/main';
import { MAX_MESSAGE_CHARS } from '../../src/errors/app-errors';
import { getSchema } from '../../src/graphql/schema';
import { eventInput } from '../api/fixtures';
import { liveClient } from '../support/subscriptions';
import { startTestServer, TestServer } from '../support/test-server';
import { ensureBuilt, runCli } from './cli-support';
import { dumpTables, HEALTH_BOUND_MS, rawRequest, RawRequest, RawResponse, withHealthSampling } from './support';

/**
 * A megabyte of one repeated character (spaces, letters, hyphens, tabs, angle brackets, digits, dots, no-break
 * spaces, hint words) through every string input: each GraphQL argument and input field that takes a string or a
 * string-like scalar, found by walking the schema (so a new input is covered without editing this file), the
 * downloads' and editions' paths and query parameters, the Authorization header, and the CLI's options (checked
 * against the program's own commands, so a new option without a case fails). Every answer is a client
 * error (or, for a lookup, an empty answer), never a 5xx or INTERNAL_SERVER_ERROR; no message echoes the input
 * whole; nothing is stored; and /healthz keeps answering throughout. Run in development and production, because
 * production formats errors differently.
 */

const MB = 1024 * 1024;
const PATTERNS = [' ', 'a', '-', '\t', '<', '0', '.', '\u00a0', 'Did you mean '];
/** `pattern` repeated to make a JSON body just under the 1 MB body limit (escapes and UTF-8 counted). */
const fill = (pattern: string): string =>
  pattern.repeat(Math.floor((MB - 16_384) / (Buffer.byteLength(JSON.stringify(pattern)) - 2)));
const CLIENT_CODES =
  /^(?:BAD_USER_INPUT|NOT_FOUND|UNAUTHENTICATED|FORBIDDEN|GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|BAD_REQUEST|TOO_MANY_TOKENS|QUERY_TOO_COMPLEX|CONFLICT)$/;

// ---- valid values for the arguments and fields a case does not aim at

const SCALAR_VALUES: Record<string, unknown> = {
  String: 'x',
  ID: '00000000-0000-0000-0000-000000000000',
  Int: 1,
  Float: 1,
  Boolean: false,
  Date: '2025-11-15',
  DateTime: '2025-11-15T10:00:00Z',
  PartialDate: '2025-11-15',
};
/** Whole inputs known to be valid, so that the long value is the only thing wrong with a request. */
const INPUT_VALUES: Record<string, () => Record<string, unknown>> = {
  EventCreateInput: () => eventInput({ externalId: 'megabyte-case' }),
};

function validValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return validValue(type.ofType);
  if (isListType(type)) return [validValue(type.ofType)];
  if (isScalarType(type)) {
    if (!(type.name in SCALAR_VALUES))
      throw new Error(`no valid value known for scalar ${type.name}: add one to SCALAR_VALUES`);
    return SCALAR_VALUES[type.name];
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const known = INPUT_VALUES[type.name]?.();
    if (known !== undefined) return known;
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields()))
      if (isNonNullType(field.type)) value[field.name] = validValue(field.type);
    return value;
  }
  throw new Error(`unexpected input type ${String(type)}`);
}

/** Scalars a client sends as a string (every scalar but the numbers and Boolean). */
const takesString = (type: GraphQLNamedType): boolean =>
  isScalarType(type) && !['Int', 'Float', 'Boolean'].includes(type.name);

/** Where a long string goes in an argument's value: the argument itself, or a path of input fields into it. */
function stringPaths(type: GraphQLInputType, seen: Set<string> = new Set()): string[][] {
  const named = getNamedType(type);
  if (takesString(named)) return [[]];
  // Numbers are sent a long string too: their coercion messages quote it.
  if (isScalarType(named) || isEnumType(named)) return [[]];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const paths: string[][] = [];
  for (const field of Object.values(named.getFields())) {
    for (const rest of stringPaths(field.type, new Set([...seen, named.name]))) paths.push([field.name, ...rest]);
  }
  return paths;
}

/** `value` with `long` put at `at` (inside the first element of any list on the way). */
function placed(type: GraphQLInputType, value: unknown, at: string[], long: string): unknown {
  if (isNonNullType(type)) return placed(type.ofType, value, at, long);
  if (isListType(type)) return [placed(type.ofType, Array.isArray(value) ? value[0] : undefined, at, long)];
  if (at.length === 0) return long;
  const fields = isInputObjectType(type) ? type.getFields() : {};
  const base = (value ?? validValue(type)) as Record<string, unknown>;
  return { ...base, [at[0]]: placed(fields[at[0]].type, base[at[0]], at.slice(1), long) };
}

interface Target {
  name: string;
  /** The operation with `$v` where the long value goes, and the variables besides `$v`. */
  build(long: string): { query: string; variables: Record<string, unknown> };
  mutation: boolean;
}

const selectionOf = (field: GraphQLField<unknown, unknown>): string =>
  isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';

/** One target per string path of every argument of every root field, and of every field one level below. */
function targetsOf(schema: GraphQLSchema): Target[] {
  const targets: Target[] = [];
  const argumentsText = (
    args: readonly GraphQLArgument[],
    prefix: string,
    aimed?: GraphQLArgument,
  ): { text: string; decls: string[]; values: Record<string, unknown> } => {
    const parts: string[] = [];
    const decls: string[] = [];
    const values: Record<string, unknown> = {};
    for (const arg of args) {
      if (arg === aimed) {
        parts.push(`${arg.name}: $v`);
        decls.push(`$v: ${String(arg.type)}`);
      } else if (isNonNullType(arg.type)) {
        parts.push(`${arg.name}: $${prefix}${arg.name}`);
        decls.push(`$${prefix}${arg.name}: ${String(arg.type)}`);
        values[`${prefix}${arg.name}`] = validValue(arg.type);
      }
    }
    return { text: parts.length > 0 ? `(${parts.join(', ')})` : '', decls, values };
  };
  for (const [operation, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const aimAt = (arg: GraphQLArgument, inner?: GraphQLField<unknown, unknown>) => {
        for (const at of stringPaths(arg.type)) {
          const name = `${root.name}.${field.name}${inner ? `.${inner.name}` : ''}(${[arg.name, ...at].join('.')})`;
          targets.push({
            name,
            mutation: operation === 'mutation',
            build: (long) => {
              const outer = argumentsText(field.args, 'o', inner ? undefined : arg);
              const nested = inner ? argumentsText(inner.args, 'i', arg) : undefined;
              const selection = inner ? ` { ${inner.name}${nested!.text}${selectionOf(inner)} }` : selectionOf(field);
              const decls = [...outer.decls, ...(nested?.decls ?? [])];
              return {
                query: `${operation}${decls.length > 0 ? `(${decls.join(', ')})` : ''} { ${field.name}${outer.text}${selection} }`,
                variables: {
                  ...outer.values,
                  ...(nested?.values ?? {}),
                  v: placed(arg.type, validValue(arg.type), at, long),
                },
              };
            },
          });
        }
      };
      for (const arg of field.args) aimAt(arg);
      const returned = getNamedType(field.type);
      if (isObjectType(returned))
        for (const inner of Object.values(returned.getFields())) for (const arg of inner.args) aimAt(arg, inner);
    }
  }
  return targets;
}

function judge(response: RawResponse, mayAnswer: boolean): string | null {
  if (response.status >= 500) return `status ${response.status}: ${response.body.slice(0, 200)}`;
  if (response.body.length > 64 * 1024) return `an answer of ${response.body.length} characters (the input echoed?)`;
  const json = response.headers['content-type']?.includes('json') === true;
  if (!json)
    return response.status >= 400 || mayAnswer ? null : `status ${response.status}: ${response.body.slice(0, 200)}`;
  let parsed: { errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    parsed = JSON.parse(response.body) as typeof parsed;
  } catch {
    return `status ${response.status}, not JSON: ${response.body.slice(0, 200)}`;
  }
  const errors = parsed.errors ?? [];
  if (response.status >= 400 && !Array.isArray(parsed.errors)) return null; // Fastify's own refusals (431, 400)
  if (errors.length === 0) return mayAnswer ? null : `accepted: ${response.body.slice(0, 200)}`;
  for (const error of errors) {
    if (!CLIENT_CODES.test(String(error.extensions?.code)))
      return `code ${String(error.extensions?.code)}: ${error.message.slice(0, 200)}`;
    if (error.message.length > MAX_MESSAGE_CHARS) return `a message of ${error.message.length} characters`;
  }
  return null;
}

/** Sends every request in turn while /healthz is sampled; returns the problems found. */
async function sendAll(
  server: TestServer,
  requests: { name: string; request: RawRequest; mayAnswer: boolean }[],
): Promise<string[]> {
  const problems: string[] = [];
  const { worstHealthMs } = await withHealthSampling(server.url, async () => {
    for (const { name, request, mayAnswer } of requests) {
      const response = await rawRequest(server.url, request, 60_000).catch((error: Error) => error);
      if (response instanceof Error) {
        // Past Node's header size limit a request may be refused by closing the connection: a refusal too.
        if (!/socket hang up|ECONNRESET/.test(response.message)) problems.push(`${name}: ${response.message}`);
        continue;
      }
      const problem = judge(response, mayAnswer);
      if (problem !== null) problems.push(`${name}: ${problem}`);
    }
  });
  if (worstHealthMs >= HEALTH_BOUND_MS) problems.push(`/healthz once took ${Math.round(worstHealthMs)} ms`);
  return problems;
}

const gqlRequest = (body: unknown, key?: string): RawRequest => ({
  method: 'POST',
  path: '/graphql',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
});

describe.each(['development', 'production'] as const)(
  'a megabyte of one character in every input (NODE_ENV=%s)',
  (env) => {
    let server: TestServer;
    let targets: Target[];
    beforeAll(async () => {
      server = await startTestServer('sqlite', { NODE_ENV: env });
      targets = targetsOf(await getSchema());
    }, 60_000);
    afterAll(() => server?.stop());

    it('finds the string inputs by walking the schema', () => {
      const names = targets.map((t) => t.name);
      // A few that must be there; the walk finds the rest.
      for (const expected of [
        'Query.briefing(timezone)',
        'Query.briefing.render(template)',
        'Query.events(filter.text)',
        'Query.events(after)',
        'Mutation.createEvent(input.summary)',
        'Mutation.createEvent(input.sources.url)',
        'Mutation.upsertFront(input.slug)',
        'Mutation.sendBriefing(to)',
        'Mutation.recordAssessment(input.text)',
        'Mutation.updateAssessment(expectedRevision)',
        'Mutation.addFrontContext(text)',
        'Mutation.setFrontStatus(since)',
        'Mutation.publishEdition(timezone)',
        'Query.briefing.frontChangesSince(since)',
        'Query.briefing.assessmentChangesSince(since)',
        'Query.editionDiff(from)',
      ]) {
        expect(names).toContain(expected);
      }
      expect(targets.length).toBeGreaterThan(40);
      process.stdout.write(`[${env}] ${targets.length} string inputs found in the schema\n`);
    });

    it('every GraphQL argument and input field: a client error, a bounded message, /healthz answering, nothing stored', async () => {
      const before = await dumpTables(server.services.db);
      // Spaces go through every input; the other patterns in turn, half of them per input in production (where
      // messages are treated differently: hints stripped) and a quarter in development, to keep the run short.
      const others = PATTERNS.slice(1);
      const patternsFor = (i: number): string[] => [
        ' ',
        ...(env === 'production' ? [0, 2, 4, 6] : [0, 4]).map((k) => others[(i + k) % others.length]),
      ];
      const requests = targets.flatMap((target, i) =>
        patternsFor(i).map((pattern) => {
          const { query, variables } = target.build(fill(pattern));
          // An editor's key, so that mutations get past authorisation to their input checks.
          return {
            name: `${target.name} ×${JSON.stringify(pattern)}`,
            request: gqlRequest({ query, variables }, server.editorKey),
            mayAnswer: !target.mutation,
          };
        }),
      );
      const problems = await sendAll(server, requests);
      expect(problems).toEqual([]);
      expect(await dumpTables(server.services.db)).toBe(before);
    }, 120_000);

    it('string literals in the document and the Authorization header', async () => {
      // Half the length: the literal's escapes are escaped once more in the JSON body.
      const literal = (pattern: string): string =>
        JSON.stringify(fill(pattern).slice(0, Math.floor(fill(pattern).length / 2)));
      const requests = PATTERNS.flatMap((pattern) => [
        {
          name: `Int literal ×${JSON.stringify(pattern)}`,
          request: gqlRequest({ query: `{ events(first: ${literal(pattern)}) { totalCount } }` }),
          mayAnswer: false,
        },
        {
          name: `Date literal ×${JSON.stringify(pattern)}`,
          request: gqlRequest({ query: `{ briefing(date: ${literal(pattern)}) { title } }` }),
          mayAnswer: false,
        },
        {
          name: `enum literal ×${JSON.stringify(pattern)}`,
          request: gqlRequest({
            query: `{ events(first: 1, filter: { kinds: [${literal(pattern)}] }) { totalCount } }`,
          }),
          mayAnswer: false,
        },
        {
          name: `Authorization 12 kB ×${JSON.stringify(pattern)}`,
          request: {
            ...gqlRequest({ query: '{ fronts { slug } }' }),
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${encodeURI(pattern).repeat(4000).slice(0, 12_000)}`,
            },
          },
          mayAnswer: false,
        },
      ]);
      requests.push({
        name: 'Authorization of 1 MB',
        request: {
          ...gqlRequest({ query: '{ fronts { slug } }' }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${'a'.repeat(MB)}` },
        },
        mayAnswer: false,
      });
      expect(await sendAll(server, requests)).toEqual([]);
    }, 120_000);

    it('downloads and editions: the path and every query parameter, at 12 kB (under the header limit) and 1 MB', async () => {
      const requests: { name: string; request: RawRequest; mayAnswer: boolean }[] = [];
      for (const pattern of PATTERNS) {
        for (const size of [12_000, MB]) {
          const long = encodeURIComponent(pattern)
            .repeat(Math.ceil(size / encodeURIComponent(pattern).length))
            .slice(0, size);
          const label = `×${JSON.stringify(pattern)} ${size === MB ? '1 MB' : '12 kB'}`;
          requests.push({
            name: `path ${label}`,
            request: { method: 'GET', path: `/briefings/${long}.html` },
            mayAnswer: false,
          });
          // Editions: an id, a date and the latest one's fronts and tz (no edition is published: never a document).
          for (const at of [`/editions/${long}.html`, `/editions/latest/${long}.html`, `/editions/${long}`])
            requests.push({
              name: `${at.split(long)[0]}… ${label}`,
              request: { method: 'GET', path: at },
              mayAnswer: false,
            });
          for (const param of ['fronts', 'tz'])
            requests.push({
              name: `/editions/latest?${param} ${label}`,
              request: { method: 'GET', path: `/editions/latest/2025-11-15.html?${param}=${long}` },
              mayAnswer: false,
            });
          for (const ext of ['html', 'md', 'txt', 'eml']) {
            for (const param of ['fronts', 'tz', 'template', 'paper']) {
              // Fronts of nothing but spaces name no front, which asks for all of them (as `?fronts=` does).
              const mayAnswer = param === 'fronts' && pattern.trim() === '';
              requests.push({
                name: `.${ext}?${param} ${label}`,
                request: { method: 'GET', path: `/briefings/2025-11-15.${ext}?${param}=${long}` },
                mayAnswer,
              });
            }
          }
        }
      }
      expect(await sendAll(server, requests)).toEqual([]);
    }, 120_000);
  },
);

describe('a long run of one character in every subscription argument (NODE_ENV=production)', () => {
  // A WebSocket message may be at most SITREP_WS_MAX_MESSAGE_BYTES (64 kB by default; a larger one closes the
  // connection, see subscription-limits): the longest value that fits, rather than a megabyte.
  const LONG_BYTES = 60_000;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { NODE_ENV: 'production' });
  }, 60_000);
  afterAll(() => server?.stop());

  it('answers each with a client error and a bounded message when it starts, /healthz answering', async () => {
    const schema = await getSchema();
    const root = schema.getSubscriptionType()!;
    const cases: { name: string; query: string; variables: Record<string, unknown> }[] = [];
    for (const field of Object.values(root.getFields()))
      for (const arg of field.args)
        for (const at of stringPaths(arg.type))
          PATTERNS.forEach((pattern, i) => {
            if (i % 3 !== cases.length % 3 && pattern !== ' ') return;
            const long = pattern.repeat(Math.floor(LONG_BYTES / Buffer.byteLength(JSON.stringify(pattern))));
            const others = field.args.filter((a) => a !== arg && isNonNullType(a.type));
            const decls = [`$v: ${String(arg.type)}`, ...others.map((a) => `$${a.name}: ${String(a.type)}`)];
            const passed = [`${arg.name}: $v`, ...others.map((a) => `${a.name}: $${a.name}`)];
            cases.push({
              name: `Subscription.${field.name}(${[arg.name, ...at].join('.')}) ×${JSON.stringify(pattern)}`,
              query: `subscription(${decls.join(', ')}) { ${field.name}(${passed.join(', ')})${selectionOf(field)} }`,
              variables: {
                ...Object.fromEntries(others.map((a) => [a.name, validValue(a.type)])),
                v: placed(arg.type, validValue(arg.type), at, long),
              },
            });
          });
    expect(cases.length).toBeGreaterThan(5);
    const live = liveClient(server.url, server.editorKey);
    const problems: string[] = [];
    try {
      const { worstHealthMs } = await withHealthSampling(server.url, async () => {
        for (const c of cases) {
          const subscription = live.subscribe(c.query, c.variables);
          const message = await subscription.next(10_000).catch((error: Error) => error);
          subscription.unsubscribe();
          if (message instanceof Error) {
            problems.push(`${c.name}: ${message.message}`);
            continue;
          }
          const errors = message.errors ?? [];
          if (errors.length === 0) problems.push(`${c.name}: accepted`);
          for (const error of errors) {
            if (!CLIENT_CODES.test(String(error.extensions?.code)))
              problems.push(`${c.name}: code ${String(error.extensions?.code)}: ${error.message.slice(0, 200)}`);
            if (error.message.length > MAX_MESSAGE_CHARS)
              problems.push(`${c.name}: a message of ${error.message.length} characters`);
          }
        }
      });
      if (worstHealthMs >= HEALTH_BOUND_MS) problems.push(`/healthz once took ${Math.round(worstHealthMs)} ms`);
    } finally {
      await live.dispose();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('a long run of one character in every CLI option', () => {
  // One argument may hold at most 128 kB on Linux (MAX_ARG_STRLEN), so 100 kB (in UTF-8) rather than a megabyte.
  const LONG = 100_000;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-long-cli-'));
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${path.join(dir, 'cli.sqlite')}`,
      SITREP_OUTBOX_DIR: path.join(dir, 'outbox'),
    };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    expect((await runCli(['seed'], env)).code).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const runs: [string, (long: string) => string[]][] = [
    ['render --date', (l) => ['render', '--date', l]],
    ['render --format', (l) => ['render', '--date', '2025-11-15', '--format', l]],
    ['render --fronts', (l) => ['render', '--date', '2025-11-15', '--fronts', l]],
    ['render --tz', (l) => ['render', '--date', '2025-11-15', '--tz', l]],
    ['render --template', (l) => ['render', '--date', '2025-11-15', '--template', l]],
    ['render --paper', (l) => ['render', '--date', '2025-11-15', '--format', 'pdf', '--paper', l]],
    ['render --out', (l) => ['render', '--date', '2025-11-15', '--out', l]],
    ['publish --date', (l) => ['publish', '--date', l]],
    ['publish --fronts', (l) => ['publish', '--date', '2025-11-15', '--fronts', l]],
    ['publish --tz', (l) => ['publish', '--date', '2025-11-15', '--tz', l]],
    ['publish --cutoff', (l) => ['publish', '--date', '2025-11-15', '--cutoff', l]],
    ['email --date', (l) => ['email', '--date', l, '--to', 'a@example.org']],
    ['email --to', (l) => ['email', '--date', '2025-11-15', '--to', l]],
    ['email --fronts', (l) => ['email', '--date', '2025-11-15', '--to', 'a@example.org', '--fronts', l]],
    ['email --tz', (l) => ['email', '--date', '2025-11-15', '--to', 'a@example.org', '--tz', l]],
    [
      'email --idempotency-key',
      (l) => ['email', '--date', '2025-11-15', '--to', 'a@example.org', '--idempotency-key', l],
    ],
    ['import <file>', (l) => ['import', l]],
    ['keys create --role', (l) => ['keys', 'create', '--name', 'x', '--role', l]],
    ['keys create --name', (l) => ['keys', 'create', '--name', l, '--role', 'nobody']],
    ['keys revoke <key>', (l) => ['keys', 'revoke', l]],
  ];

  it('has a case for every option and argument that takes a value, of every command the CLI has', () => {
    const taking = (command: Command, prefix: string): string[] => {
      const name = prefix === '' ? command.name() : `${prefix} ${command.name()}`;
      const own = [
        ...command.options.filter((o) => (o.required || o.optional) && o.long !== undefined).map((o) => o.long!),
        ...command.registeredArguments.map((a) => `<${a.name()}>`),
      ].map((what) => `${name} ${what}`);
      return [...own, ...command.commands.flatMap((sub) => taking(sub, name))];
    };
    const program = buildProgram();
    const options = program.commands.flatMap((command) => taking(command, ''));
    expect(options.length).toBeGreaterThan(10);
    expect(runs.map(([name]) => name).sort()).toEqual([...new Set(options)].sort());
  });

  it('exits non-zero with a short message, never an unexpected error, for each option (patterns taken in turn)', async () => {
    const problems: string[] = [];
    // Two at a time: each run is mostly the start of a Node process.
    const queue = [...runs.entries()];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await check(...next);
    };
    const check = async (i: number, [name, args]: (typeof runs)[number]): Promise<void> => {
      const pattern = PATTERNS[i % PATTERNS.length];
      const result = await runCli(args(pattern.repeat(Math.floor(LONG / Buffer.byteLength(pattern)))), env);
      const label = `${name} ×${JSON.stringify(pattern)}`;
      // Fronts of nothing but spaces name no front, which asks for all of them, as leaving --fronts out does.
      const mayAnswer = name.endsWith('--fronts') && pattern.trim() === '';
      if (result.code === 0 && !mayAnswer) problems.push(`${label}: exit 0`);
      if (/unexpected error|\n[ \t]+at /.test(result.stderr)) problems.push(`${label}: ${result.stderr.slice(0, 300)}`);
      if (result.stderr.length > 4 * MAX_MESSAGE_CHARS)
        problems.push(`${label}: ${result.stderr.length} characters on stderr`);
    };
    await Promise.all([worker(), worker()]);
    expect(problems).toEqual([]);
  }, 120_000);
});
