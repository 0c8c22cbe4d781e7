import type { Principal } from '../../services/api-key-service';
import type { LiveUpdates } from '../../services/live-updates';
import type { Services } from '../../services/services';
import type { Loaders } from './loaders';

/** What every resolver receives: who is asking, the services, and this request's loaders. */
export interface GraphQLContext {
  principal: Principal | null;
  services: Services;
  loaders: Loaders;
  requestId: string;
  /** The client's address (behind a proxy, as SITREP_TRUST_PROXY allows); rate limits count by it without a key. */
  clientIp: string;
  /**
   * Charges this caller one briefing composition against the render budget; throws RATE_LIMITED when it is spent.
   * Called only when a briefing is composed afresh (a cached or running composition costs nothing).
   */
  takeComposition: () => void | Promise<void>;
  /**
   * The data revision this operation reads at: read once, before the first read that needs it, and shared by every
   * briefing and render of the operation (and by the answer the response cache keeps). Read afresh each time in a
   * subscription, whose operation runs again for every event.
   */
  dataRevision: () => Promise<number>;
  /** Base of the download links handed to clients (SITREP_PUBLIC_URL). */
  publicUrl: string;
  /** What subscriptions listen to: committed writes, of this process and (over Redis) the others. */
  live: LiveUpdates;
  /** Where a query answer worth keeping is marked (GraphQL over HTTP POST only; see response-cache.ts). */
  answer?: AnswerMark;
}

/** What the response-cache plugin leaves on a request's context for an answer worth keeping. */
export interface AnswerMark {
  /** The briefing renders the operation selects; null while the answer is not one to keep. */
  keepWithRenders: number | null;
  /** Read before the operation ran, so an answer is never kept under a revision newer than what it shows. */
  revision: number | null;
}
