import fs from 'node:fs';
import path from 'node:path';
import {
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  Lexer,
  OperationDefinitionNode,
  parse,
  Source,
  TokenKind,
  typeFromAST,
  validate,
} from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { loadConfig } from '../../src/config/config';
import { costEstimator, queryLimitRules } from '../../src/graphql/limits/query-limits';
import { getSchema } from '../../src/graphql/schema';
import { startTestServer, TestServer } from '../support/test-server';
import { postGraphQL, RawResponse, resolverActivity } from './support';

/**
 * Each GraphQL limit at its edge, with the defaults (depth 8, aliases 15, directives 10, tokens 2000, cost 5000):
 * at the limit the query runs; one over, it is refused with 400 and the limit's own code, and no resolver runs.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('sqlite');
});
afterAll(() => server?.stop());

interface Outcome {
  response: RawResponse;
  serviceCalls: number;
  statements: number;
}

const send = async (query: string, variables?: Record<string, unknown>): Promise<Outcome> => {
  const { result, serviceCalls, statements } = await resolverActivity(server, () =>
    postGraphQL(server, { query, variables }),
  );
  return { response: result, serviceCalls, statements };
};

function expectPasses(outcome: Outcome): void {
  const body = outcome.response.json();
  expect(body.errors).toBeUndefined();
  expect(outcome.response.status).toBe(200);
  expect(body.data).toBeTruthy();
}

function expectRefused(outcome: Outcome, code: string, message: RegExp): void {
  expect(outcome.response.status).toBe(400);
  const body = outcome.response.json();
  expect(body.data).toBeUndefined();
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0].extensions?.code).toBe(code);
  expect(body.errors![0].message).toMatch(message);
  expect(body.errors![0].message).not.toMatch(/Syntax Error/);
  // Refused before execution: no resolver reached a service, no SQL ran.
  expect(outcome.serviceCalls).toBe(0);
  expect(outcome.statements).toBe(0);
}

/** Tokens as graphql-js counts them for `maxTokens` (every lexical token but the end of the document). */
function tokenCount(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

describe('depth (8)', () => {
  /** regions (1) + `parents` nested parents + slug (1). */
  const nested = (parents: number): string =>
    `{ regions { ${'parent { '.repeat(parents)}slug${' }'.repeat(parents)} } }`;

  it('runs a query 8 deep', async () => {
    expectPasses(await send(nested(6)));
  });

  it('refuses a query 9 deep with QUERY_TOO_DEEP', async () => {
    expectRefused(await send(nested(7)), 'QUERY_TOO_DEEP', /depth limit of 8 exceeded, found 9/);
  });

  it('counts depth through fragments, which add none of their own', async () => {
    const viaFragments = (parents: number): string => `query { ...Root }
      fragment Root on Query { regions { ...Deep } }
      fragment Deep on Region { ${'parent { '.repeat(parents)}slug${' }'.repeat(parents)} }`;
    expectPasses(await send(viaFragments(6)));
    expectRefused(await send(viaFragments(7)), 'QUERY_TOO_DEEP', /found 9/);
  });
});

describe('aliases (15)', () => {
  const aliased = (n: number): string =>
    `{ ${Array.from({ length: n }, (_, i) => `r${i}: regions { slug }`).join(' ')} }`;

  it('runs a query with 15 aliases', async () => {
    expectPasses(await send(aliased(15)));
  });

  it('refuses 16 aliases with TOO_MANY_ALIASES', async () => {
    expectRefused(await send(aliased(16)), 'TOO_MANY_ALIASES', /Aliases limit of 15 exceeded, found 16/);
  });

  it('counts aliases inside fragments', async () => {
    const query = `{ a: regions { slug } ...F } fragment F on Query { ${Array.from({ length: 15 }, (_, i) => `f${i}: fronts { slug }`).join(' ')} }`;
    expectRefused(await send(query), 'TOO_MANY_ALIASES', /found 16/);
  });
});

describe('directives (10)', () => {
  const directed = (n: number): string =>
    `{ regions { ${Array.from({ length: n }, () => 'slug @include(if: true)').join(' ')} } }`;

  it('runs a query with 10 directives', async () => {
    expectPasses(await send(directed(10)));
  });

  it('refuses 11 directives with TOO_MANY_DIRECTIVES', async () => {
    expectRefused(await send(directed(11)), 'TOO_MANY_DIRECTIVES', /Directives limit of 10 exceeded, found 11/);
  });
});

describe('tokens (2000)', () => {
  /** `{ t0: __typename … }`: 2 braces + 3 tokens per alias (aliases of __typename are free), plus `extra` plain ones. */
  const tokens = (aliases: number, extra: number): string =>
    `{ ${Array.from({ length: aliases }, (_, i) => `t${i}: __typename`).join(' ')} ${'__typename '.repeat(extra)}}`;

  it('runs a document of exactly 2000 tokens', async () => {
    const query = tokens(666, 0);
    expect(tokenCount(query)).toBe(2000);
    expectPasses(await send(query));
  });

  it('refuses 2001 tokens with 400 (not 500) and TOO_MANY_TOKENS', async () => {
    const query = tokens(666, 1);
    expect(tokenCount(query)).toBe(2001);
    expectRefused(await send(query), 'TOO_MANY_TOKENS', /Token limit of 2000 exceeded/);
  });

  it('refuses a huge document quickly, without parsing it whole', async () => {
    const started = Date.now();
    expectRefused(await send(`{ ${'__typename '.repeat(90_000)}}`), 'TOO_MANY_TOKENS', /Token limit/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('cost (10000; a field costs 1 plus its children, `first: N` multiplies that by N)', () => {
  /** 47 leaf-cost units under each event. */
  const NODE_47 = `
    id title summary date datePrecision startDate endDate kind significance occurredAt timezone externalId createdAt updatedAt
    fronts { id slug name briefingOrder status { kind text since until } }
    regions { id slug name kind isoCode parent { id slug name } }
    leaders { id slug name office tenureStart tenureEnd }
    actors { id slug name kind description }`;
  /** first × (1 + edges (1 + node (1 + 47 + extra))): 50 per event. */
  const page = (alias: string, nodeExtra = ''): string =>
    `${alias}: events(first: $first) { edges { node { ${NODE_47} ${nodeExtra} } } }`;
  const twoPages = (rootExtra = '', nodeExtra = ''): string =>
    `query ($first: Int!) { ${page('a', nodeExtra)} ${page('b', nodeExtra)} ${rootExtra} }`;

  it('runs a query that costs exactly 10000 (two pages of first: 100 × 50), taking `first` from the variables', async () => {
    expectPasses(await send(twoPages(), { first: 100 }));
  });

  it('refuses cost 10001 with QUERY_TOO_COMPLEX', async () => {
    expectRefused(
      await send(twoPages('__typename'), { first: 100 }),
      'QUERY_TOO_COMPLEX',
      /cost limit of 10000 exceeded, found 10001/,
    );
  });

  it('grows in proportion to first: quotes under pages of 10 pass, under pages of 100 do not', async () => {
    const withQuotes = twoPages('', 'quotes { text speaker { ... on Leader { slug } ... on Actor { slug } } }');
    expectPasses(await send(withQuotes, { first: 10 }));
    // 2 × 100 × (1 + 1 + 1 + 47 + (1 + 1 + (1 + 1))) = 10800: ten times the pages of 10.
    expectRefused(await send(withQuotes, { first: 100 }), 'QUERY_TOO_COMPLEX', /found 10800/);
  });

  it('counts the lists the server bounds: Leader.events as 50', async () => {
    // leaders (1 + events 50 × (1 + 47)) = 2401: four of them (as aliases) cost 9604, five 12005.
    const leaders = (n: number): string =>
      `{ ${Array.from({ length: n }, (_, i) => `l${i}: leaders { events { ${NODE_47} } }`).join(' ')} }`;
    expectPasses(await send(leaders(4)));
    expectRefused(await send(leaders(5)), 'QUERY_TOO_COMPLEX', /found 12005/);
  });

  it('costs `last: N` like `first: N`, and a page with neither as the default 20', async () => {
    const backwards = (n: number): string =>
      `{ ${Array.from({ length: n }, (_, i) => `p${i}: events(last: 100) { edges { node { ${NODE_47} } } }`).join(' ')} }`;
    expectPasses(await send(backwards(2)));
    expectRefused(await send(`${backwards(2).slice(0, -2)} __typename }`), 'QUERY_TOO_COMPLEX', /found 10001/);
    // 20 × 50 = 1000 a page: ten pages pass, eleven do not.
    const defaults = (n: number): string =>
      `{ ${Array.from({ length: n }, (_, i) => `p${i}: events { edges { node { ${NODE_47} } } }`).join(' ')} }`;
    expectPasses(await send(defaults(10)));
    expectRefused(await send(defaults(11)), 'QUERY_TOO_COMPLEX', /found 11000/);
  });

  it('leaves a bad page size to the resolver (first is costed as at most 100)', async () => {
    const res = await send('{ events(first: 1000000) { edges { node { id } } } }');
    const body = res.response.json();
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0].extensions?.field).toBe('first');
  });
});

describe('the operations a frontend uses (schema/operations)', () => {
  /** A value of the variable's type, so the cost can be computed; `first` is always the largest page. */
  function sample(type: GraphQLInputType): unknown {
    if (isNonNullType(type)) return sample(type.ofType);
    if (isListType(type)) return [sample(type.ofType)];
    if (isEnumType(type)) return type.getValues()[0].value;
    if (isInputObjectType(type)) {
      return Object.fromEntries(
        Object.values(type.getFields())
          .filter((f) => isNonNullType(f.type))
          .map((f) => [f.name, sample(f.type)]),
      );
    }
    return (
      (
        {
          Int: 1,
          Float: 1,
          Boolean: true,
          Date: '2025-11-15',
          PartialDate: '2025-11-15',
          DateTime: '2025-11-15T10:00:00Z',
        } as Record<string, unknown>
      )[String(type)] ?? 'x'
    );
  }

  it('stay within every limit with a page size of 100', async () => {
    const schema = await getSchema();
    const limits = loadConfig({}).queryLimits;
    const dir = path.join(__dirname, '..', '..', 'schema', 'operations');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(tokenCount(text)).toBeLessThanOrEqual(limits.maxTokens);
      const document = parse(text);
      expect(validate(schema, document, queryLimitRules(limits))).toEqual([]);
      for (const operation of document.definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      )) {
        const variables = Object.fromEntries(
          (operation.variableDefinitions ?? []).map((v) => {
            const type = typeFromAST(schema, v.type) as GraphQLInputType;
            return [v.variable.name.value, v.variable.name.value === 'first' ? 100 : sample(type)];
          }),
        );
        const cost = getComplexity({
          schema,
          query: document,
          operationName: operation.name?.value,
          variables,
          estimators: [costEstimator],
        });
        expect({ file, operation: operation.name?.value, withinCost: cost <= limits.maxCost / 2 }).toEqual({
          file,
          operation: operation.name?.value,
          withinCost: true,
        });
      }
    }
  });
});
