/*
 * What callers hand the services: the GraphQL layer, the CLI importer and the seed loader all produce these
 * shapes. Related records are named by slug. Everything here is validated by `src/validation/` before use.
 */

import type { ActorKind } from '../entities/actor';
import type { EventKind } from '../entities/event-kind';
import type { RegionKind } from '../entities/region';
import type { Verification } from '../entities/verification';

export interface RegionInput {
  slug: string;
  name: string;
  kind: RegionKind;
  isoCode?: string | null;
  /** Slug of the enclosing region (the Gaza Strip sits in the Middle East). */
  parent?: string | null;
}

export interface LeaderInput {
  slug: string;
  name: string;
  office: string;
  /** Slug of the region the leader leads. */
  region?: string | null;
  /** Partial date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  tenureStart?: string | null;
  tenureEnd?: string | null;
}

export interface ActorInput {
  slug: string;
  name: string;
  kind: ActorKind;
  description?: string | null;
  region?: string | null;
  /** Slug of the actor that backs this one (Iran backs Hezbollah). */
  backedBy?: string | null;
}

export interface FrontInput {
  slug: string;
  name: string;
  briefingOrder: number;
  /** Slugs of the regions the front covers. */
  regions?: string[] | null;
}

export interface SourceInput {
  publisher: string;
  title: string;
  url?: string | null;
  /** `YYYY-MM-DD`. */
  publishedOn?: string | null;
}

export interface QuoteInput {
  text: string;
  /** Slug of the leader who said it; exactly one of leader and actor. */
  leader?: string | null;
  /** Slug of the actor that said it; exactly one of leader and actor. */
  actor?: string | null;
  /** Index in the event's `sources` of the source that carries the quote; 0 when omitted (and without sourceUrl). */
  source?: number | null;
  /** The URL of the event's source that carries the quote, instead of its index. */
  sourceUrl?: string | null;
  /** How well it is established that the words were said; REPORTED when omitted. */
  verification?: Verification | null;
}

export interface EventInput {
  externalId?: string | null;
  /** Partial date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date: string;
  /** Why the date is approximate, when it is (one line); briefings mark the event "approximate date". */
  dateNote?: string | null;
  /** ISO 8601 instant, when the time is known; the date must be its day in `timezone` (UTC when omitted). */
  occurredAt?: string | null;
  timezone?: string | null;
  title: string;
  summary: string;
  kind: EventKind;
  significance: number;
  /** How well the event is established; REPORTED when omitted. */
  verification?: Verification | null;
  /** Slug of the front a briefing tells the event in; one of `fronts`. The first in briefing order when omitted. */
  primaryFront?: string | null;
  fronts?: string[] | null;
  regions?: string[] | null;
  leaders?: string[] | null;
  actors?: string[] | null;
  sources: SourceInput[];
  quotes?: QuoteInput[] | null;
}

/** A partial edit: fields left out keep their value; a list given replaces the stored list. */
export type EventPatch = Partial<EventInput>;
