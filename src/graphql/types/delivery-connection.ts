import { Field, ObjectType } from 'type-graphql';
import { Delivery } from '../../entities/delivery';
import { PageInfo } from './event-connection';

@ObjectType({ description: 'A recorded send in a page of deliveries, with its cursor.' })
export class DeliveryEdge {
  @Field({ description: 'Opaque position of this delivery in the list; pass it as `after`.' })
  cursor: string;

  @Field(() => Delivery, { description: 'The delivery.' })
  node: Delivery;
}

@ObjectType({ description: 'A page of recorded sends, newest first (ties by id), with a cursor for the next page.' })
export class DeliveryConnection {
  @Field(() => [DeliveryEdge], { description: 'The deliveries of this page, newest first.' })
  edges: DeliveryEdge[];

  @Field(() => PageInfo, { description: 'Cursors and whether pages follow or precede.' })
  pageInfo: PageInfo;

  /** Counted only when a client selects `totalCount` (see DeliveryConnectionResolver). */
  countAll: () => Promise<number>;
}
