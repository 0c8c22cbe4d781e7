import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Delivery } from '../../entities/delivery';
import { deliveryCursor } from '../../mail/delivery-service';
import type { GraphQLContext } from '../context/context';
import { DateScalar } from '../scalars/date-scalar';
import { DeliveryConnection } from '../types/delivery-connection';
import { toConnection } from '../types/event-connection';

@Resolver(() => Delivery)
export class DeliveryResolver {
  @Authorized('editor')
  @Mutation(() => Delivery, {
    description:
      'Emails the briefing of a date (multipart text + HTML, optionally with the PDF attached) to each address in `to`, ' +
      'through SMTP_URL or, when none is configured, into the outbox folder. Each recipient must be exactly one plain address ' +
      '(BAD_USER_INPUT on `to[i]` otherwise). Temporary SMTP failures are retried; a permanent or persistent failure is recorded ' +
      'as a FAILED delivery and returned as an error carrying `deliveryId`: DELIVERY_REFUSED when the mail server refused ' +
      'the message for good (retrying will not help), UNAVAILABLE when it could not be reached. Repeating a send with the same ' +
      '`idempotencyKey` delivers once and returns the recorded delivery. Editor only.',
  })
  sendBriefing(
    @Arg('date', () => DateScalar, { description: 'The day of the briefing to send.' }) date: string,
    @Arg('to', () => [String], { description: 'Recipient addresses, one per item.' }) to: string[],
    @Ctx() ctx: GraphQLContext,
    @Arg('fronts', () => [String], { nullable: true, description: 'Front slugs; all fronts when omitted.' })
    fronts?: string[] | null,
    @Arg('timezone', () => String, { description: 'IANA timezone the briefing is composed in.', defaultValue: 'UTC' })
    timezone?: string,
    @Arg('attachPdf', () => Boolean, { description: 'Attach the briefing as a PDF.', defaultValue: false })
    attachPdf?: boolean,
    @Arg('idempotencyKey', () => String, {
      nullable: true,
      description: 'Any unique string (a UUID); the same key never sends twice.',
    })
    idempotencyKey?: string | null,
  ): Promise<Delivery> {
    return ctx.services.deliveries.send({ date, fronts, timezone, to, attachPdf, idempotencyKey });
  }

  @Authorized('editor')
  @Query(() => DeliveryConnection, {
    description:
      'Recorded email sends, newest first, a page at a time. Editor only: recipient addresses are personal data.',
  })
  async deliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many, from 1 to 100.' }) first?: number,
    @Arg('after', () => String, {
      description: 'A cursor (`pageInfo.endCursor`): the page starts after that delivery.',
      nullable: true,
    })
    after?: string | null,
  ): Promise<DeliveryConnection> {
    const page = await ctx.services.deliveries.list(first, after);
    return toConnection({ ...page, items: page.deliveries }, deliveryCursor);
  }
}

@Resolver(() => DeliveryConnection)
export class DeliveryConnectionResolver {
  @FieldResolver(() => Int, { description: 'Recorded sends, across all pages.' })
  totalCount(@Root() connection: DeliveryConnection): Promise<number> {
    return connection.countAll();
  }
}
