import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLSchema, isAbstractType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './context/auth-checker';
import { ActorResolver } from './resolvers/actor-resolver';
import { AssessmentConnectionResolver, AssessmentResolver } from './resolvers/assessment-resolver';
import { BriefingResolver } from './resolvers/briefing-resolver';
import { DeliveryConnectionResolver, DeliveryResolver } from './resolvers/delivery-resolver';
import { EditionConnectionResolver, EditionResolver } from './resolvers/edition-resolver';
import { EventConnectionResolver, EventResolver } from './resolvers/event-resolver';
import {
  FrontContextNoteResolver,
  FrontIssueResolver,
  FrontStatusPeriodResolver,
} from './resolvers/front-history-resolver';
import { FrontResolver } from './resolvers/front-resolver';
import { LeaderResolver } from './resolvers/leader-resolver';
import { LiveResolver } from './resolvers/live-resolver';
import { NodeResolver } from './resolvers/node-resolver';
import { QuoteResolver } from './resolvers/quote-resolver';
import { RegionResolver } from './resolvers/region-resolver';
import { SourceResolver } from './resolvers/source-resolver';

export const RESOLVERS = [
  RegionResolver,
  LeaderResolver,
  ActorResolver,
  FrontResolver,
  FrontStatusPeriodResolver,
  FrontIssueResolver,
  FrontContextNoteResolver,
  EventResolver,
  EventConnectionResolver,
  AssessmentResolver,
  AssessmentConnectionResolver,
  QuoteResolver,
  BriefingResolver,
  DeliveryResolver,
  DeliveryConnectionResolver,
  SourceResolver,
  LiveResolver,
  NodeResolver,
  EditionResolver,
  EditionConnectionResolver,
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
  // type-graphql has no option to describe the root types; their config objects are plain and printed as they are.
  built.getQueryType()!.description = 'Reads. Reference data and events are public; deliveries need an editor key.';
  built.getMutationType()!.description = 'Writes. Every mutation needs an editor key.';
  const subscriptions = built.getSubscriptionType();
  if (subscriptions)
    subscriptions.description = 'Live updates over graphql-ws on /graphql; the API key goes in connectionParams.';
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so that reordering code does not churn it. */
export async function printSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

/**
 * schema/possible-types.json as committed: each union and interface with its member types, sorted, in the shape
 * Apollo Client's `possibleTypes` option takes, so its cache can match fragments on `Speaker` members.
 */
export async function printPossibleTypes(): Promise<string> {
  const schema = await getSchema();
  const possibleTypes = Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .filter((type) => !type.name.startsWith('__'))
      .map(
        (type) =>
          [
            type.name,
            schema
              .getPossibleTypes(type)
              .map((member) => member.name)
              .sort(),
          ] as const,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return `${JSON.stringify(possibleTypes, null, 2)}\n`;
}
