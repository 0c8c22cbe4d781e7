import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import type { Redis } from 'ioredis';
import type { Config } from '../../config/config';
import type { GraphQLContext } from '../context/context';
import { checkQueryCost, QueryLimitError, queryCostPlugin, queryLimitRules, queryParseOptions } from './query-limits';
import { RateLimits, rateLimitPlugin } from './rate-limits';

export { QUERY_LIMIT_CODES, QueryLimitError, queryLimitCode, tokenLimitMessage } from './query-limits';
export type { QueryLimitCode } from './query-limits';
export { RateLimits, RedisTokenBuckets, TokenBuckets } from './rate-limits';
export type { Budget } from './rate-limits';
export type { Caller } from './rate-limits';

// The one place for request limits. The body size (1 MB, 413) is Fastify's `bodyLimit` in create-app; the page
// size (1–100), import batch and briefing size are checked by the services. Everything here comes from
// `config.queryLimits` and `config.rateLimits`.

/** The rate limits (shared with the HTTP downloads) and what the ApolloServer options get. */
export interface RequestLimits {
  rateLimits: RateLimits;
  /** Spread into the ApolloServer options. */
  apollo: {
    validationRules: ValidationRule[];
    parseOptions: { maxTokens: number };
    plugins: ApolloServerPlugin<GraphQLContext>[];
  };
  /** The same limits for operations Apollo does not run (subscriptions over graphql-ws). */
  operations: {
    validationRules: ValidationRule[];
    parseOptions: { maxTokens: number };
    checkCost(
      schema: GraphQLSchema,
      document: DocumentNode,
      variables: Record<string, unknown>,
      operationName: string | undefined,
    ): QueryLimitError | null;
  };
}

/** With `redis`, the rate-limit budgets are kept there, shared by every process using it (config.redisPrefix). */
export function createRequestLimits(config: Config, redis?: Redis): RequestLimits {
  const rateLimits = new RateLimits(
    config.rateLimits,
    Date.now,
    redis === undefined ? undefined : { redis, prefix: config.redisPrefix },
  );
  const validationRules = queryLimitRules(config.queryLimits);
  const parseOptions = queryParseOptions(config.queryLimits);
  return {
    rateLimits,
    apollo: {
      validationRules,
      parseOptions,
      plugins: [queryCostPlugin(config.queryLimits), rateLimitPlugin(rateLimits)],
    },
    operations: {
      validationRules,
      parseOptions,
      checkCost: (schema, document, variables, operationName) =>
        checkQueryCost(config.queryLimits, schema, document, variables, operationName),
    },
  };
}
