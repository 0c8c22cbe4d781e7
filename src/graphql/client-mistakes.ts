import type { ApolloServerPlugin } from '@apollo/server';
import {
  ASTNode,
  getNullableType,
  GraphQLError,
  isLeafType,
  Kind,
  OperationTypeNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';
import type { GraphQLContext } from './context/context';

// Requests that are the client's mistake but that Apollo or graphql-js answer without a code of ours, or without
// saying which argument is at fault. formatError (error-masking.ts) gives each its client code here.

export const SUBSCRIPTION_OVER_HTTP_MESSAGE =
  'Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP POST or GET.';

/** Apollo's persisted-query refusals carry no code; their exact messages are what tells them apart. */
const UNCODED_APOLLO_ERRORS: ReadonlyMap<string, { code: string; message: string }> = new Map([
  [
    'provided sha does not match query',
    {
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
      message: "The persisted query's sha256Hash is not the SHA-256 of the query sent with it.",
    },
  ],
  [
    'Unsupported persisted query version',
    {
      code: 'PERSISTED_QUERY_VERSION_UNSUPPORTED',
      message: 'Unsupported persisted query version: only version 1 is supported.',
    },
  ],
]);

/** Apollo's own refusal of a subscription over GET (405), reworded to point at the WebSocket endpoint. */
const SUBSCRIPTION_OVER_GET = 'GET requests only support query operations, not subscription operations';

export const CLIENT_MISTAKE_CODES: readonly string[] = [
  'PERSISTED_QUERY_HASH_MISMATCH',
  'PERSISTED_QUERY_VERSION_UNSUPPORTED',
];

/** The code and message a client should see for one of the mistakes above, or undefined for any other error. */
export function clientMistake(error: {
  message: string;
  path?: unknown;
  extensions?: Readonly<Record<string, unknown>>;
}): { code: string; message: string } | undefined {
  const code = error.extensions?.code;
  // Uncoded, or coded INTERNAL_SERVER_ERROR once Apollo has formatted it; never a resolver's error (with a path).
  if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && error.path === undefined)
    return UNCODED_APOLLO_ERRORS.get(error.message);
  if (code === 'BAD_REQUEST' && error.message === SUBSCRIPTION_OVER_GET)
    return { code: 'BAD_REQUEST', message: SUBSCRIPTION_OVER_HTTP_MESSAGE };
  return undefined;
}

/**
 * A subscription sent over HTTP POST would be executed like a query (graphql-js's `execute` runs the subscription
 * root's resolvers once) or fail inside the executor as a server fault; it is refused as the client's mistake.
 */
export function subscriptionOverHttpPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION)
            throw new GraphQLError(SUBSCRIPTION_OVER_HTTP_MESSAGE, {
              nodes: operation,
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
        },
      };
    },
  };
}

/**
 * The argument path of each scalar or enum literal in a document (`date`, `input.sources[0].url`), by AST node.
 * graphql-js reports a literal a scalar refuses with the literal's node only; formatError looks the node up here to
 * name the argument, as a refused variable names its variable. Weak: Apollo's document cache keeps the nodes alive
 * exactly as long as they matter.
 */
const literalPaths = new WeakMap<ASTNode, string>();

type Ancestor = ASTNode | readonly ASTNode[];

/** `ancestors` and `parent` as graphql-js's visitor passes them (the ancestors stop short of the parent). */
function pathOf(ancestors: readonly Ancestor[], parent: Ancestor | undefined, node: ValueNode): string | undefined {
  const parts: string[] = [];
  const chain: Ancestor[] = parent === undefined ? [...ancestors, node] : [...ancestors, parent, node];
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const item = chain[i];
    if (Array.isArray(item)) continue;
    const astNode = item as ASTNode;
    if (astNode.kind === Kind.ARGUMENT) {
      parts.unshift(astNode.name.value);
      return parts.join('');
    }
    if (astNode.kind === Kind.OBJECT_FIELD) parts.unshift(`.${astNode.name.value}`);
    const container = chain[i - 1];
    if (Array.isArray(container)) {
      const list = chain[i - 2] as ASTNode | undefined;
      if (list?.kind === Kind.LIST) parts.unshift(`[${container.indexOf(astNode)}]`);
    }
  }
  return undefined;
}

/** Records the argument path of every leaf literal; reports nothing itself (graphql-js's ValuesOfCorrectType does). */
export const literalPathRule: ValidationRule = (context: ValidationContext) => {
  const record = (node: ValueNode, parent: Ancestor | undefined, ancestors: readonly Ancestor[]): void => {
    const type = context.getInputType();
    // The literal itself stands for a scalar or enum (a list of them is not one: its items are).
    if (type === null || type === undefined || !isLeafType(getNullableType(type))) return;
    const path = pathOf(ancestors, parent, node);
    if (path !== undefined) literalPaths.set(node, path);
  };
  return {
    StringValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
    IntValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
    FloatValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
    BooleanValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
    EnumValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
    // A list or object literal where a scalar is expected is refused at its own node.
    ListValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
    ObjectValue: (node, _key, parent, _path, ancestors) => record(node, parent, ancestors),
  };
};

/** The argument path of a validation error about one leaf literal, or undefined for any other error. */
export function literalField(error: unknown): string | undefined {
  if (!(error instanceof GraphQLError) || error.nodes?.length !== 1) return undefined;
  return literalPaths.get(error.nodes[0]);
}
