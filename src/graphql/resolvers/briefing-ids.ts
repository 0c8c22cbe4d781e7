import type { NormalizedBriefingRequest } from '../../briefings/briefing-service';

/*
 * Ids of the objects a briefing is made of. Their content depends on the whole request (a date and time in the
 * briefing's timezone, source numbers of its front selection), so a normalising client cache must never see two
 * briefings' objects under one id. Each id is an opaque base64url of a small versioned JSON tuple; a later field of
 * the request (asOf) is appended to the tuple under a new version, so ids of today's requests do not change.
 */

const VERSION = 1;
/** Briefings as of an instant: the tuple of version 1 with `asOf` appended. */
const VERSION_AS_OF = 2;

function encode(tuple: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
}

/** The briefing's own id: its date, fronts (sorted by normalisation, or "all") and canonical timezone. */
export function briefingId(request: NormalizedBriefingRequest): string {
  const tuple = [request.date, request.fronts ?? 'all', request.timezone];
  if (request.asOf) return encode(['Briefing', VERSION_AS_OF, ...tuple, request.asOf]);
  return encode(['Briefing', VERSION, ...tuple]);
}

/** One front's section of a briefing. */
export function briefingSectionId(briefing: string, frontSlug: string): string {
  return encode(['BriefingSection', VERSION, briefing, frontSlug]);
}

/** One event as a briefing tells it. */
export function briefingEventId(briefing: string, eventId: string): string {
  return encode(['BriefingEvent', VERSION, briefing, eventId]);
}

/** The frozen briefing of an edition: its content is the edition's alone (its cutoff, its corrections). */
export function editionBriefingId(editionId: string): string {
  return encode(['EditionBriefing', VERSION, editionId]);
}
