import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, PubSub, PubSubEvent, Repeater, SlidingBuffer } from '@graphql-yoga/subscription';
import type { Database } from '../db/database';
import type { CommittedWrite, LoggedChange } from '../db/repositories';
import type { Delivery } from '../entities/delivery';
import { ALL_FRONTS_KEY } from '../entities/edition';
import type { Logger } from '../logging/logger';
import { closeRedis, openRedis, withCaughtCommands } from '../redis/redis';

/** The change-log entries of one committed write, with the data's revision as the write left it. */
export interface ChangeBatch {
  /** The data's revision (highest change_log id) the write saw last: its own newest entry's, or a later one's. */
  revision: number;
  changes: LoggedChange[];
}

/** A published edition, as small as subscribers need to filter it (they read the edition itself by id). */
export interface EditionNotice {
  editionId: string;
  /** Its front slugs; null for every front. */
  fronts: string[] | null;
}

type Topics = {
  changes: [ChangeBatch];
  deliveries: [Delivery];
  editions: [EditionNotice];
};

/** Messages a subscriber may fall behind by; past that the oldest are dropped (changesSince can fill the gap). */
const SUBSCRIBER_BUFFER = 256;

/** The publish/subscribe channel: over Redis pub/sub when there is a Redis (every process hears it), else in memory. */
function openPubSub(redisUrl: string | null, log: Logger): { pubSub: PubSub<Topics>; close: () => Promise<void> } {
  const repeaterBuffer = new SlidingBuffer(SUBSCRIBER_BUFFER);
  if (redisUrl === null) return { pubSub: createPubSub<Topics>({ repeaterBuffer }), close: async () => undefined };
  // A connection that subscribes can do nothing else, so publishing needs its own.
  const publishClient = openRedis(redisUrl, 'sitrep-publish', log);
  const subscribeClient = openRedis(redisUrl, 'sitrep-subscribe', log);
  // The event target fires these and forgets them: unreachable Redis must cost the messages, not the process.
  const lost = (error: unknown): void =>
    log.warn('a live update was not passed on through Redis', {
      error: error instanceof Error ? error.message : String(error),
    });
  const eventTarget = createRedisEventTarget<PubSubEvent<Topics, keyof Topics>>({
    publishClient: withCaughtCommands(publishClient, ['publish'], lost),
    subscribeClient: withCaughtCommands(subscribeClient, ['subscribe', 'unsubscribe'], lost),
  });
  return {
    pubSub: createPubSub<Topics>({
      eventTarget,
      repeaterBuffer,
    }),
    close: async () => {
      await Promise.all([closeRedis(publishClient), closeRedis(subscribeClient)]);
    },
  };
}

/**
 * What subscriptions listen to. Every write transaction that commits (Database.onCommit; never one that rolls
 * back) is published here after its commit: its change-log entries with the new revision, and the deliveries it
 * recorded, as stored. Subscribers on other processes hear it when the channel is Redis.
 */
export class LiveUpdates {
  private detach: (() => void) | undefined;
  private readonly pubSub: PubSub<Topics>;
  private readonly closePubSub: () => Promise<void>;

  constructor(
    private readonly db: Database,
    options: { redisUrl: string | null; redisPrefix: string },
    private readonly log: Logger,
  ) {
    this.prefix = options.redisPrefix;
    ({ pubSub: this.pubSub, close: this.closePubSub } = openPubSub(options.redisUrl, log));
  }

  /** Topic names carry it: on Redis they are the channel names. */
  private readonly prefix: string;

  /** Starts publishing this process's commits. */
  start(): void {
    this.detach ??= this.db.onCommit((write) => this.publish(write));
  }

  /** Stops publishing and closes the channel. */
  async stop(): Promise<void> {
    this.detach?.();
    this.detach = undefined;
    await this.closePubSub();
  }

  /** Every committed batch of changes, from now on. */
  changes(): Repeater<ChangeBatch> {
    return this.pubSub.subscribe(this.topic('changes'));
  }

  /** Every delivery recorded or updated, as stored, from now on. */
  deliveries(): Repeater<Delivery> {
    return this.pubSub.subscribe(this.topic('deliveries'));
  }

  /** Every edition published, from now on. */
  editions(): Repeater<EditionNotice> {
    return this.pubSub.subscribe(this.topic('editions'));
  }

  private topic<T extends keyof Topics>(name: T): T {
    // The prefix is part of the channel name on Redis; the typed topic stays the short name.
    return `${this.prefix}${name}` as T;
  }

  private publish(write: CommittedWrite): void {
    try {
      if (write.changes.length > 0)
        this.pubSub.publish(this.topic('changes'), { revision: write.revision, changes: [...write.changes] });
      for (const delivery of write.deliveries) this.pubSub.publish(this.topic('deliveries'), delivery);
      for (const edition of write.editions)
        this.pubSub.publish(this.topic('editions'), {
          editionId: edition.id,
          fronts: edition.frontsKey === ALL_FRONTS_KEY ? null : edition.frontsKey.split(','),
        });
    } catch (error) {
      // The write stands; subscribers miss this one, and changesSince still has it.
      this.log.warn('could not publish a committed write to subscribers', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Each value of `source` turned into zero or more values, ending (and ending `source`) when the consumer does. */
export function flatMap<T, U>(source: AsyncIterable<T>, each: (value: T) => Iterable<U>): Repeater<U> {
  return new Repeater<U>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    void stop.then(() => iterator.return?.());
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      for (const value of each(next.value)) await push(value);
    }
    stop();
  });
}
