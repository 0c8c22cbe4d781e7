import { Field, Int, ObjectType } from 'type-graphql';
import { Event } from '../../entities/event';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field({ description: 'Always false: pages are fetched forwards with `after`.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class EventEdge {
  @Field()
  cursor: string;

  @Field(() => Event)
  node: Event;
}

@ObjectType({ description: 'A page of events, newest first (ties by id), with a cursor for the next page.' })
export class EventConnection {
  @Field(() => [EventEdge])
  edges: EventEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Counted only when a client selects `totalCount` (see EventConnectionResolver). */
  countAll: () => Promise<number>;
}

@ObjectType({ description: 'What an import did.' })
export class ImportEventsResult {
  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int, { description: 'Events whose stored version already matched the input.' })
  unchanged: number;
}
