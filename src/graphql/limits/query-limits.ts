import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { DocumentNode, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import { ComplexityEstimatorArgs, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { QueryLimitsConfig } from '../../config/config';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../services/event-service';
import { LEADER_EVENTS_LIMIT } from '../context/loaders';

// Limits on one GraphQL operation. Each is checked before any resolver runs and answers 400 with its own code:
//
// | limit      | code                 | where                                                        |
// | ---------- | -------------------- | ------------------------------------------------------------ |
// | depth      | QUERY_TOO_DEEP       | validation rule (GraphQL Armor), fragments do not add depth  |
// | aliases    | TOO_MANY_ALIASES     | validation rule (GraphQL Armor)                              |
// | directives | TOO_MANY_DIRECTIVES  | validation rule (GraphQL Armor)                              |
// | tokens     | TOO_MANY_TOKENS      | the parser (Apollo's `parseOptions.maxTokens`)               |
// | cost       | QUERY_TOO_COMPLEX    | plugin, after validation, with the request's variables       |

export type QueryLimitCode =
  'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_DIRECTIVES' | 'TOO_MANY_TOKENS' | 'QUERY_TOO_COMPLEX';

export const QUERY_LIMIT_CODES: readonly QueryLimitCode[] = [
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COMPLEX',
];

/** A request over one of the limits. Apollo files validation errors under its generic code; this one's code wins. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly code: QueryLimitCode,
    message: string,
  ) {
    super(message, { extensions: { code, http: { status: 400 } } });
    this.name = 'QueryLimitError';
  }
}

/** Armor's messages start with "Syntax Error: " although they are not; ours say what to change. */
const plainMessage = (error: GraphQLError): string => error.message.replace(/^Syntax Error:\s*/, '');

/** Makes an Armor rule report a QueryLimitError (with our code) instead of throwing out of validate(). */
const onReject = (code: QueryLimitCode) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new QueryLimitError(code, plainMessage(error))),
  ],
});

/** Depth, aliases and directives, for Apollo's `validationRules`. */
export function queryLimitRules(limits: QueryLimitsConfig): ValidationRule[] {
  return [
    // Introspection's own nesting is bounded by graphql-js (MaxIntrospectionDepthRule); fragments add no depth.
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...onReject('QUERY_TOO_DEEP'),
    }),
    // __typename may be aliased freely (Armor's default allow list).
    maxAliasesRule({ n: limits.maxAliases, ...onReject('TOO_MANY_ALIASES') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...onReject('TOO_MANY_DIRECTIVES') }),
  ];
}

/** For Apollo's `parseOptions`: graphql-js stops lexing past this many tokens, which Apollo answers with 400. */
export const queryParseOptions = (limits: QueryLimitsConfig): { maxTokens: number } => ({
  maxTokens: limits.maxTokens,
});

// graphql-js 16 says "more that N tokens"; accept the corrected spelling too.
const TOKENS_RE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * The limit code of an error as Apollo hands it to formatError, or undefined when it is not about a limit:
 * a QueryLimitError anywhere in its chain, or graphql-js's token-limit syntax error.
 */
export function queryLimitCode(error: unknown): QueryLimitCode | undefined {
  for (
    let current = error, hops = 0;
    current instanceof Error && hops < 5;
    current = (current as GraphQLError).originalError, hops++
  ) {
    if (current instanceof QueryLimitError) return current.code;
    if (current instanceof GraphQLError && TOKENS_RE.test(current.message)) return 'TOO_MANY_TOKENS';
  }
  return undefined;
}

/** The message for a token-limit error, without "Syntax Error:" (it is not one). */
export function tokenLimitMessage(message: string): string {
  const match = TOKENS_RE.exec(message);
  return match ? `Token limit of ${match[1]} exceeded: the document is too long` : message;
}

/** Lists whose length is bounded by the server, not by a `first:` argument, and how long they can be. */
const BOUNDED_LISTS: Readonly<Record<string, number>> = {
  'Leader.events': LEADER_EVENTS_LIMIT,
};

/** The page size of a paged field: the larger of `first` and `last` (clamped to 1–100), else the default 20. */
function pageSize(field: ComplexityEstimatorArgs['field'], args: ComplexityEstimatorArgs['args']): number | undefined {
  const sizes = [args.first, args.last].filter((n): n is number => typeof n === 'number');
  if (sizes.length > 0) return Math.min(Math.max(Math.trunc(Math.max(...sizes)), 1), MAX_PAGE_SIZE);
  return field.args.some((arg) => arg.name === 'first') ? DEFAULT_PAGE_SIZE : undefined;
}

/**
 * Every field costs 1 plus its children; a paged field (`first: N` or `last: N`, clamped to 1–100, the page sizes
 * the resolvers accept; 20 when neither is given) costs N times that, as does a list the server bounds
 * (Leader.events, 50). So `events(first: 100) { edges { node { id } } }` costs 100 × (1 + (1 + (1 + 1))) = 400.
 */
export function costEstimator({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const multiplier = pageSize(field, args) ?? BOUNDED_LISTS[`${type.name}.${field.name}`] ?? 1;
  return multiplier * (1 + childComplexity);
}

/** Nodes graphql-query-complexity will walk before giving up; a bigger operation is too complex whatever it costs. */
const MAX_COST_NODES = 10_000;

/** What the cost walk found: a cost, too many nodes to count, or variables it could not read (execution reports those). */
type CostOutcome = number | 'too-many-nodes' | 'bad-variables';

/** Outcomes remembered per operation and variables (at most this many per document, for variables this short). */
const COSTS_PER_DOCUMENT = 32;
const MAX_REMEMBERED_VARIABLES_LENGTH = 2_048;

/** The variables as a memo key; null when they are too long, or too deeply nested to serialise at all. */
function rememberableKey(variables: Record<string, unknown>): string | null {
  try {
    const key = JSON.stringify(variables);
    return key.length > MAX_REMEMBERED_VARIABLES_LENGTH ? null : key;
  } catch {
    return null;
  }
}

function measureCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): CostOutcome {
  try {
    return getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [fieldExtensionsEstimator(), costEstimator],
      maxQueryNodes: MAX_COST_NODES,
    });
  } catch (error) {
    return error instanceof Error && /maximum allowed number of nodes/.test(error.message)
      ? 'too-many-nodes'
      : 'bad-variables';
  }
}

/** The cost limit's verdict on an outcome: the error to refuse the operation with, or null. */
function costLimitError(limits: QueryLimitsConfig, cost: CostOutcome): QueryLimitError | null {
  if (cost === 'too-many-nodes') {
    return new QueryLimitError(
      'QUERY_TOO_COMPLEX',
      `Query cost limit of ${limits.maxCost} exceeded: the operation has too many fields`,
    );
  }
  // Bad variables: execution reports them (as BAD_USER_INPUT) before any resolver runs.
  if (cost === 'bad-variables' || cost <= limits.maxCost) return null;
  return new QueryLimitError(
    'QUERY_TOO_COMPLEX',
    `Query cost limit of ${limits.maxCost} exceeded, found ${cost}: ask for fewer fields or smaller pages (first:)`,
  );
}

/** The cost check of queryCostPlugin, for operations that do not go through Apollo (subscriptions over graphql-ws). */
export function checkQueryCost(
  limits: QueryLimitsConfig,
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): QueryLimitError | null {
  return costLimitError(limits, measureCost(schema, document, variables, operationName));
}

/**
 * Checks the cost with the request's variables, after validation and before execution. Apollo hands the same
 * parsed document to every request with the same query text, so the outcome is remembered per document,
 * operation and variables: the walk was a visible part of a cached briefing request's cost.
 */
export function queryCostPlugin(limits: QueryLimitsConfig): ApolloServerPlugin {
  const remembered = new WeakMap<DocumentNode, LRUCache<string, CostOutcome>>();
  const costOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Record<string, unknown>,
    operationName: string | undefined,
  ): CostOutcome => {
    const variablesKey = rememberableKey(variables);
    if (variablesKey === null) return measureCost(schema, document, variables, operationName);
    const key = `${operationName ?? ''}\n${variablesKey}`;
    let outcomes = remembered.get(document);
    const known = outcomes?.get(key);
    if (known !== undefined) return known;
    const outcome = measureCost(schema, document, variables, operationName);
    if (outcomes === undefined) remembered.set(document, (outcomes = new LRUCache({ max: COSTS_PER_DOCUMENT })));
    outcomes.set(key, outcome);
    return outcome;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          const error = costLimitError(
            limits,
            costOf(schema, document, request.variables ?? {}, operation?.name?.value),
          );
          if (error !== null) throw error;
        },
      };
    },
  };
}
