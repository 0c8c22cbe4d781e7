import { Field, Int, ObjectType } from 'type-graphql';
import { Event } from '../../entities/event';

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page (pass `endCursor` as `after` for them).' })
  hasNextPage: boolean;

  @Field({
    description:
      'Whether more items precede this page (pass `startCursor` as `before` for them, where paging backwards is offered).',
  })
  hasPreviousPage: boolean;

  @Field(() => String, {
    description: 'Cursor of the first item of the page; null when the page is empty.',
    nullable: true,
  })
  startCursor: string | null;

  @Field(() => String, {
    description: 'Cursor of the last item of the page; null when the page is empty.',
    nullable: true,
  })
  endCursor: string | null;
}

/** A page as a service answers it: its items in list order, whether pages follow or precede, a lazy count. */
export interface ServicePage<T> {
  items: readonly T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/** A Relay connection of a service's page: each item an edge with its cursor, and the page's information. */
export function toConnection<T>(
  page: ServicePage<T>,
  cursorOf: (item: T) => string,
): { edges: { node: T; cursor: string }[]; pageInfo: PageInfo; countAll: () => Promise<number> } {
  const edges = page.items.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    countAll: page.totalCount,
  };
}

@ObjectType({ description: 'An event in a page of events, with its cursor.' })
export class EventEdge {
  @Field({ description: 'Opaque position of this event in the list; pass it as `after` or `before`.' })
  cursor: string;

  @Field(() => Event, { description: 'The event.' })
  node: Event;
}

@ObjectType({ description: 'A page of events, newest first (ties by id), with cursors to the pages either side.' })
export class EventConnection {
  @Field(() => [EventEdge], { description: 'The events of this page, in list order.' })
  edges: EventEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether pages follow or precede.' })
  pageInfo: PageInfo;

  /** Counted only when a client selects `totalCount` (see EventConnectionResolver). */
  countAll: () => Promise<number>;
}

@ObjectType({ description: 'What an import did.' })
export class ImportEventsResult {
  @Field(() => Int, { description: 'Events that did not exist yet.' })
  created: number;

  @Field(() => Int, { description: 'Existing events (matched by externalId) that were changed.' })
  updated: number;

  @Field(() => Int, { description: 'Events whose stored version already matched the input.' })
  unchanged: number;
}
