import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker';
import { ActorResolver } from './resolvers/actor-resolver';
import { BriefingResolver } from './resolvers/briefing-resolver';
import { DeliveryResolver } from './resolvers/delivery-resolver';
import { EventConnectionResolver, EventResolver } from './resolvers/event-resolver';
import { FrontResolver } from './resolvers/front-resolver';
import { LeaderResolver } from './resolvers/leader-resolver';
import { LiveResolver } from './resolvers/live-resolver';
import { QuoteResolver } from './resolvers/quote-resolver';
import { RegionResolver } from './resolvers/region-resolver';
import { SourceResolver } from './resolvers/source-resolver';

export const RESOLVERS = [
  RegionResolver,
  LeaderResolver,
  ActorResolver,
  FrontResolver,
  EventResolver,
  EventConnectionResolver,
  QuoteResolver,
  BriefingResolver,
  DeliveryResolver,
  SourceResolver,
  LiveResolver,
] as const;

let built: GraphQLSchema | undefined;

/** The executable schema, built once per process from the decorated classes. */
export async function getSchema(): Promise<GraphQLSchema> {
  built ??= await buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    authMode: 'error',
    // Inputs are checked by src/validation (one set of rules for GraphQL, the CLI and seeds), not class-validator.
    validate: false,
    emitSchemaFile: false,
    // type-graphql insists on a PubSub for topic-based subscriptions; every subscription here has its own
    // `subscribe` over the app's LiveUpdates (one per server, in memory or Redis), so this one carries nothing.
    pubSub: createPubSub(),
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so that reordering code does not churn it. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
