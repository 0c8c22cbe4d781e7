import { EntityManager, In } from 'typeorm';
import { Actor } from '../../entities/actor';
import { Event } from '../../entities/event';
import { EventKind } from '../../entities/event-kind';
import { EventActor, EventFront, EventLeader, EventRegion, EventSource } from '../../entities/event-links';
import { EventRevisionRow } from '../../entities/event-revision';
import { Front } from '../../entities/front';
import { Leader } from '../../entities/leader';
import { Quote } from '../../entities/quote';
import { Region } from '../../entities/region';
import { Source } from '../../entities/source';
import { chunkRows } from '../chunks';
import { Dialect, escapeLike } from '../dialect';
import { ChangeSink, ignoreChanges } from './change-log-repository';
import { EventWrite, EventWriter, SlugIds } from './event-writer';
import { keyBeyond, PageWindow } from './paging';
import type { ReferenceKind } from './reference-repository';

/** A checked event filter, its slugs already turned into ids. */
export interface EventQuery {
  /** Events whose period ends on or after this day. */
  from: string | null;
  /** Events whose period starts on or before this day. */
  to: string | null;
  /** Per kind, the ids an event must be linked to one of (an empty or missing list: no condition). */
  linkedTo: Partial<Record<ReferenceKind, readonly string[]>>;
  kinds: readonly EventKind[];
  /** Events of any of these verifications (empty: any). */
  verification: readonly string[];
  minSignificance: number | null;
  /** Folded like the stored search text; matched literally as a substring. */
  text: string | null;
}

export interface EventRows {
  events: Event[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/** The stored parts of an event that its input holds beyond its own columns. */
export interface StoredEventParts {
  slugs: Record<ReferenceKind, string[]>;
  sources: Source[];
  quotes: Quote[];
  /** The primary front's slug, when one was given. */
  primaryFront: string | null;
  /** Slug of each quoted leader and actor, by id. */
  leaderSlugs: Map<string, string>;
  actorSlugs: Map<string, string>;
}

const LINKS: Record<
  ReferenceKind,
  {
    table: typeof EventFront | typeof EventRegion | typeof EventLeader | typeof EventActor;
    column: string;
    entity: typeof Front | typeof Region | typeof Leader | typeof Actor;
  }
> = {
  front: { table: EventFront, column: 'front_id', entity: Front },
  region: { table: EventRegion, column: 'region_id', entity: Region },
  leader: { table: EventLeader, column: 'leader_id', entity: Leader },
  actor: { table: EventActor, column: 'actor_id', entity: Actor },
};

/** The columns of the list order's key (see PageKey). */
const EVENT_ORDER = ['e.date_start', 'e.id'] as const;

export class EventRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
    private readonly logged: ChangeSink = ignoreChanges,
  ) {}

  byId(id: string): Promise<Event | null> {
    return this.manager.findOne(Event, { where: { id } });
  }

  byIds(ids: readonly string[]): Promise<Event[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.manager.find(Event, { where: { id: In([...ids]) } });
  }

  count(): Promise<number> {
    return this.manager.count(Event);
  }

  /** Titles of the events that still exist, by id. */
  async titles(ids: readonly string[]): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    for (const chunk of chunkRows(ids, 1, this.dialect.maxParameters - 10)) {
      const rows = await this.manager
        .createQueryBuilder(Event, 'e')
        .select('e.id', 'id')
        .addSelect('e.title', 'title')
        .where('e.id IN (:...chunk)', { chunk })
        .getRawMany<{ id: string; title: string }>();
      for (const row of rows) titles.set(row.id, row.title);
    }
    return titles;
  }

  /**
   * One page of the matching events in list order (newest first, ties by id, descending), between the cursors'
   * (date, id) keys. Forwards it takes the first `size` after `after`; backwards the last `size` before `before`.
   * Whether more events lie beyond each end of the page is read from one extra row on the paging side and one
   * row past the cursor on the other.
   */
  async page(query: EventQuery, window: PageWindow): Promise<EventRows> {
    const base = this.manager.createQueryBuilder(Event, 'e');
    if (query.from !== null) base.andWhere('e.date_end >= :from', { from: query.from });
    if (query.to !== null) base.andWhere('e.date_start <= :to', { to: query.to });
    for (const kind of Object.keys(LINKS) as ReferenceKind[]) {
      const ids = query.linkedTo[kind];
      if (ids === undefined || ids.length === 0) continue;
      const { table, column } = LINKS[kind];
      const param = `${kind}Ids`;
      const sub = base
        .subQuery()
        .select('l.event_id')
        .from(table, 'l')
        .where(`l.${column} IN (:...${param})`)
        .getQuery();
      base.andWhere(`e.id IN ${sub}`, { [param]: [...ids] });
    }
    if (query.kinds.length > 0) base.andWhere('e.kind IN (:...kinds)', { kinds: [...query.kinds] });
    if (query.verification.length > 0)
      base.andWhere('e.verification IN (:...verification)', { verification: [...query.verification] });
    if (query.minSignificance !== null)
      base.andWhere('e.significance >= :minSignificance', { minSignificance: query.minSignificance });
    if (query.text !== null) {
      base.andWhere("e.search_text LIKE :textPattern ESCAPE '\\'", { textPattern: `%${escapeLike(query.text)}%` });
    }
    const { size, backward, after, before } = window;
    const page = base.clone();
    if (after !== null) page.andWhere(keyBeyond('<', after, EVENT_ORDER, 'a'));
    if (before !== null) page.andWhere(keyBeyond('>', before, EVENT_ORDER, 'b'));
    const order = backward ? 'ASC' : 'DESC';
    const rows = await page
      .orderBy('e.date_start', order)
      .addOrderBy('e.id', order)
      .limit(size + 1)
      .getMany();
    const more = rows.length > size;
    const events = rows.slice(0, size);
    if (backward) events.reverse();
    // The far side of the cursor the page was read from: the cursor's own event counts (it is not on the page).
    const farCursor = backward ? before : after;
    const beyondFar =
      farCursor !== null &&
      (await base
        .clone()
        .andWhere(keyBeyond(backward ? '<=' : '>=', farCursor, EVENT_ORDER, 'f'))
        .select('e.id')
        .limit(1)
        .getRawOne()) !== undefined;
    return {
      events,
      hasNextPage: backward ? beyondFar : more,
      hasPreviousPage: backward ? more : beyondFar,
      totalCount: () => base.getCount(),
    };
  }

  /** The stored event, its row locked for the rest of the write transaction. */
  lock(id: string): Promise<Event | null> {
    return this.dialect.lockForWrite(this.manager.createQueryBuilder(Event, 'e').where('e.id = :id', { id })).getOne();
  }

  /** id and content hash of the stored events with these externalIds, by externalId; their rows locked. */
  async lockByExternalIds(externalIds: readonly string[]): Promise<Map<string, { id: string; contentHash: string }>> {
    const existing = new Map<string, { id: string; contentHash: string }>();
    for (const chunk of chunkRows(externalIds, 1, this.dialect.maxParameters)) {
      const rows = await this.dialect
        .lockForWrite(
          this.manager
            .createQueryBuilder(Event, 'e')
            .select(['e.id', 'e.externalId', 'e.contentHash'])
            .where('e.external_id IN (:...keys)', { keys: chunk }),
        )
        .getMany();
      for (const row of rows) existing.set(row.externalId!, row);
    }
    return existing;
  }

  /** The id of the event holding this externalId, if any. */
  async idWithExternalId(externalId: string): Promise<string | null> {
    const holder = await this.manager.findOne(Event, { select: { id: true }, where: { externalId } });
    return holder?.id ?? null;
  }

  /** The event's links, sources (in order) and quotes (in order), as its input names them. */
  async storedParts(eventId: string): Promise<StoredEventParts> {
    const slugsOf = async (kind: ReferenceKind): Promise<string[]> => {
      const { entity, table, column } = LINKS[kind];
      const rows: { slug: string }[] = await this.manager
        .createQueryBuilder(entity, 'x')
        .innerJoin(table, 'l', `l.${column} = x.id`)
        .select('x.slug', 'slug')
        .where('l.event_id = :id', { id: eventId })
        .orderBy('x.slug')
        .getRawMany();
      return rows.map((r) => r.slug);
    };
    const sources = await this.manager
      .createQueryBuilder(Source, 's')
      .innerJoin(EventSource, 'es', 'es.source_id = s.id')
      .where('es.event_id = :id', { id: eventId })
      .orderBy('es.position')
      .getMany();
    const quotes = await this.manager.find(Quote, { where: { eventId }, order: { position: 'ASC' } });
    const event = await this.manager.findOne(Event, {
      select: { id: true, primaryFrontId: true },
      where: { id: eventId },
    });
    const primary =
      event?.primaryFrontId == null
        ? null
        : await this.manager.findOne(Front, { select: { id: true, slug: true }, where: { id: event.primaryFrontId } });
    const leaders = await this.manager.find(Leader, {
      select: { id: true, slug: true },
      where: { id: In(quotes.map((q) => q.speakerLeaderId).filter((x): x is string => x !== null)) },
    });
    const actors = await this.manager.find(Actor, {
      select: { id: true, slug: true },
      where: { id: In(quotes.map((q) => q.speakerActorId).filter((x): x is string => x !== null)) },
    });
    return {
      slugs: {
        front: await slugsOf('front'),
        region: await slugsOf('region'),
        leader: await slugsOf('leader'),
        actor: await slugsOf('actor'),
      },
      sources,
      quotes,
      primaryFront: primary?.slug ?? null,
      leaderSlugs: new Map(leaders.map((p) => [p.id, p.slug])),
      actorSlugs: new Map(actors.map((p) => [p.id, p.slug])),
    };
  }

  /** Writes validated events (see EventWriter); returns their ids in input order. `by`: the API key's name. */
  write(items: readonly EventWrite[], slugs: SlugIds, by: string | null = null): Promise<string[]> {
    return new EventWriter(this.manager, this.dialect, this.logged).write(items, slugs, by);
  }

  /** Deletes events with their links and quotes, logging each deletion and recording it as a tombstone revision. */
  delete(ids: readonly string[], by: string | null = null, reason: string | null = null): Promise<void> {
    return new EventWriter(this.manager, this.dialect, this.logged).delete(ids, by, reason);
  }

  /** The revisions of each event (deleted ones too), oldest first: one statement per chunk of ids. */
  async revisions(eventIds: readonly string[]): Promise<Map<string, EventRevisionRow[]>> {
    const byEvent = new Map<string, EventRevisionRow[]>(eventIds.map((id) => [id, []]));
    for (const chunk of chunkRows([...new Set(eventIds)], 1, this.dialect.maxParameters)) {
      const rows = await this.manager.find(EventRevisionRow, {
        where: { eventId: In(chunk) },
        order: { eventId: 'ASC', revision: 'ASC' },
      });
      for (const row of rows) byEvent.get(row.eventId)?.push(row);
    }
    return byEvent;
  }
}
