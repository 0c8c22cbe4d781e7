import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
} from 'graphql';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { RateLimitsConfig } from '../../config/config';
import { AppError, RateLimitedError } from '../../errors/app-errors';
import type { Principal } from '../../services/api-key-service';
import type { GraphQLContext } from '../context/context';

/** Who a request counts against: its API key when it has one, its client IP otherwise. */
export interface Caller {
  principal: Principal | null;
  ip: string;
}

export const callerKey = (caller: Caller): string =>
  caller.principal ? `key:${caller.principal.keyId}` : `ip:${caller.ip}`;

interface Bucket {
  tokens: number;
  at: number;
}

/** Callers remembered per budget; the least recently seen are forgotten first, which only refills their bucket. */
const MAX_CALLERS = 10_000;

/**
 * Token buckets, one per caller, in memory (one process): each holds up to `capacity` tokens and refills at
 * `capacity` per `windowMs`, so a caller may burst to the whole budget and then goes at the average rate.
 */
export class TokenBuckets {
  private readonly buckets = new LRUCache<string, Bucket>({ max: MAX_CALLERS });

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Takes `count` tokens from `key`'s bucket: 0 when they were there, else the seconds until they will be. */
  take(key: string, count = 1): number {
    if (!this.enabled || count <= 0) return 0;
    const now = this.now();
    const perMs = this.capacity / this.windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= count) {
      bucket.tokens -= count;
      return 0;
    }
    // More than the whole budget never fits; a full window is the honest wait for the budget to be whole again.
    const missing = count > this.capacity ? this.capacity : count - bucket.tokens;
    return Math.max(1, Math.ceil(missing / perMs / 1000));
  }
}

/** A budget's buckets, in this process (TokenBuckets) or shared by every process through Redis (RedisTokenBuckets). */
export interface Budget {
  readonly capacity: number;
  readonly windowMs: number;
  readonly enabled: boolean;
  /** As TokenBuckets.take: 0 when the tokens were there, else the seconds until they will be. */
  take(key: string, count?: number): number | Promise<number>;
}

// TokenBuckets.take as one atomic Redis script, on Redis's clock (TIME), so that every process spends one bucket.
// A bucket left alone for two windows is full again, and its key expires.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local count = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local perMs = capacity / windowMs
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or capacity
local at = tonumber(stored[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local wait = 0
if tokens >= count then
  tokens = tokens - count
else
  local missing = count - tokens
  if count > capacity then missing = capacity end
  wait = math.max(1, math.ceil(missing / perMs / 1000))
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%d', now))
redis.call('PEXPIRE', KEYS[1], windowMs * 2)
return wait
`;

/** The same token buckets, kept in Redis under `prefix`: every process using the Redis spends the same budget. */
export class RedisTokenBuckets implements Budget {
  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  async take(key: string, count = 1): Promise<number> {
    if (!this.enabled || count <= 0) return 0;
    let wait: unknown;
    try {
      wait = await this.redis.eval(TAKE_SCRIPT, 1, `${this.prefix}${key}`, this.capacity, this.windowMs, count);
    } catch (error) {
      // Refused rather than let through: the budget cannot be checked, and a retry shortly may find Redis back.
      throw new AppError(
        'UNAVAILABLE',
        'The rate-limit store is unreachable at the moment; nothing was done. Try again shortly.',
        undefined,
        { detail: error instanceof Error ? error.message : String(error) },
      );
    }
    return Number(wait);
  }
}

/**
 * The budgets: mutation fields, and briefing renders (GraphQL `Briefing.render` and GET /briefings/* share one,
 * and so do briefings composed for queries that render nothing).
 */
export class RateLimits {
  readonly mutations: Budget;
  readonly renders: Budget;

  /**
   * In this process's memory, or with `shared` in Redis under its prefix. Each take answers at once in memory; over
   * Redis it returns a promise (so callers await what they are given).
   */
  constructor(config: RateLimitsConfig, now: () => number = Date.now, shared?: { redis: Redis; prefix: string }) {
    if (shared === undefined) {
      this.mutations = new TokenBuckets(config.mutations, config.windowMs, now);
      this.renders = new TokenBuckets(config.renders, config.windowMs, now);
    } else {
      const prefix = `${shared.prefix}rate:`;
      this.mutations = new RedisTokenBuckets(config.mutations, config.windowMs, shared.redis, `${prefix}mutations:`);
      this.renders = new RedisTokenBuckets(config.renders, config.windowMs, shared.redis, `${prefix}renders:`);
    }
  }

  /** Throws RATE_LIMITED (429, Retry-After) when the caller has fewer than `count` mutations left. */
  takeMutations(caller: Caller, count: number): void | Promise<void> {
    return take(this.mutations, caller, count, 'mutations');
  }

  /** Throws RATE_LIMITED (429, Retry-After) when the caller has fewer than `count` renders left. */
  takeRenders(caller: Caller, count: number): void | Promise<void> {
    return take(this.renders, caller, count, 'briefing renders');
  }

  /**
   * A briefing composed afresh for a query that renders nothing costs one render: composing is most of a render's
   * work. Throws RATE_LIMITED (429, Retry-After) when the caller has none left.
   */
  takeComposition(caller: Caller): void | Promise<void> {
    return take(this.renders, caller, 1, 'briefing renders (composing a briefing counts as one)');
  }
}

function take(buckets: Budget, caller: Caller, count: number, what: string): void | Promise<void> {
  const retryAfter = buckets.take(callerKey(caller), count);
  if (typeof retryAfter === 'number') return refuseIfWaiting(buckets, caller, count, what, retryAfter);
  return retryAfter.then((wait) => refuseIfWaiting(buckets, caller, count, what, wait));
}

function refuseIfWaiting(buckets: Budget, caller: Caller, count: number, what: string, retryAfter: number): void {
  if (retryAfter === 0) return;
  const per = `${buckets.capacity} ${what} per ${Math.round(buckets.windowMs / 1000)} s`;
  const message =
    count > buckets.capacity
      ? `Rate limit: this operation asks for ${count} ${what} at once, more than the ${per} allowed`
      : `Rate limit of ${per} reached${caller.principal ? ' for this API key' : ' for this address'}: retry in ${retryAfter} s`;
  throw new RateLimitedError(message, retryAfter);
}

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

/** An operation document's fragments by name. */
export const fragmentsOf = (document: DocumentNode): Fragments =>
  new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );

/** How many briefing renders an operation asks for: each `Briefing.render` it selects (aliases count). */
export function renderSelections(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): number {
  return fieldSelections(schema, operation, fragmentsOf(document), 'Briefing', 'render');
}

/** Root fields of an operation, fragments expanded (`__typename` is free). */
function rootFieldCount(set: SelectionSetNode, fragments: Fragments, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += rootFieldCount(selection.selectionSet, fragments, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, fragments, seen);
    }
  }
  return count;
}

/** How many times an operation selects `Type.field` (each alias counts), fragments expanded once per place. */
function fieldSelections(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  typeName: string,
  fieldName: string,
): number {
  const memo = new Map<string, number>();
  const typeOf = (parent: GraphQLNamedType | undefined | null, field: string): GraphQLNamedType | undefined => {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return undefined;
    const definition = parent.getFields()[field];
    return definition ? getNamedType(definition.type) : undefined;
  };
  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined | null, active: Set<string>): number => {
    let count = 0;
    const spread = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (parent?.name === typeName && selection.name.value === fieldName) count += 1;
        if (selection.selectionSet) count += walk(selection.selectionSet, typeOf(parent, selection.name.value), active);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += walk(
          selection.selectionSet,
          selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent,
          active,
        );
      } else {
        const name = selection.name.value;
        if (spread.has(name) || active.has(name)) continue;
        spread.add(name);
        if (!memo.has(name)) {
          const fragment = fragments.get(name);
          active.add(name);
          memo.set(
            name,
            fragment ? walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), active) : 0,
          );
          active.delete(name);
        }
        count += memo.get(name)!;
      }
    }
    return count;
  };
  const root =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return walk(operation.selectionSet, root, new Set());
}

/**
 * Counts mutations (one per root field) and briefing renders (one per `Briefing.render` selected) against the
 * caller's budgets once the operation is known and before anything runs; over budget is RATE_LIMITED with 429 and
 * Retry-After. Queries without `render` are not limited here.
 */
export function rateLimitPlugin(limits: RateLimits): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (operation === undefined) return;
          const caller: Caller = { principal: contextValue.principal, ip: contextValue.clientIp };
          if (operation.operation === OperationTypeNode.MUTATION && limits.mutations.enabled) {
            await limits.takeMutations(caller, rootFieldCount(operation.selectionSet, fragmentsOf(document)));
          }
          if (limits.renders.enabled) {
            const renders = renderSelections(schema, document, operation);
            if (renders > 0) await limits.takeRenders(caller, renders);
          }
        },
      };
    },
  };
}
