import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, PubSub, Repeater, SlidingBuffer } from '@graphql-yoga/subscription';
import type { Database } from '../db/database';
import type { CommittedWrite, LoggedChange } from '../db/repositories';
import type { Delivery } from '../entities/delivery';
import type { Logger } from '../logging/logger';
import { closeRedis, openRedis } from '../redis/redis';

/** The change-log entries of one committed write, with the data's revision read after it committed. */
export interface ChangeBatch {
  /** The data's revision (highest change_log id) once the write had committed: this write's or a later one. */
  revision: number;
  changes: LoggedChange[];
}

type Topics = {
  changes: [ChangeBatch];
  deliveries: [Delivery];
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
  return {
    pubSub: createPubSub<Topics>({
      eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
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
 * recorded, read back as stored. Subscribers on other processes hear it when the channel is Redis.
 */
export class LiveUpdates {
  private detach: (() => void) | undefined;
  private readonly pending = new Set<Promise<void>>();
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
    this.detach ??= this.db.onCommit((write) => {
      const publishing = this.publish(write);
      this.pending.add(publishing);
      void publishing.finally(() => this.pending.delete(publishing));
    });
  }

  /** Stops publishing, once what was committed so far has been published, and closes the channel. */
  async stop(): Promise<void> {
    this.detach?.();
    this.detach = undefined;
    await Promise.all([...this.pending]);
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

  private topic<T extends keyof Topics>(name: T): T {
    // The prefix is part of the channel name on Redis; the typed topic stays the short name.
    return `${this.prefix}${name}` as T;
  }

  private async publish(write: CommittedWrite): Promise<void> {
    try {
      if (write.changes.length > 0) {
        const revision = await this.db.read.changeLog.revision();
        this.pubSub.publish(this.topic('changes'), { revision, changes: [...write.changes] });
      }
      for (const id of write.deliveryIds) {
        const delivery = await this.db.read.deliveries.byId(id);
        if (delivery !== null) this.pubSub.publish(this.topic('deliveries'), delivery);
      }
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
