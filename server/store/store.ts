/**
 * Everything the server keeps, behind one interface so the embedded SQLite
 * store and a shared database can stand in for each other. Methods are async
 * for the shared case; each one is atomic.
 */

import type { LinkStatus } from '../../core/link.js';
import type { LinkEvent, LinkRecord, LinkState, StoredEvent } from '../links/record.js';
import type { ProviderId } from '../../core/providers.js';
import type { EmulatorRecords } from './emulator-records.js';

export type { LinkEvent, LinkRecord, LinkState, StoredEvent } from '../links/record.js';

/** What may change on a link; `provider` and `merchantId` only while it is `creating` (failover). */
export type LinkPatch = Partial<Omit<LinkRecord, 'id' | 'orderId' | 'createdAt' | 'shortToken' | 'owner' | 'customerErasedAt'>>;

/** When an update may apply: the link is in one of `states`, and its `unchanged` fields still hold these values (compare-and-set). */
export interface LinkGuard {
  states?: readonly LinkState[];
  unchanged?: Partial<LinkRecord>;
}

export interface LinkFilter {
  states: readonly LinkState[];
  /** Epoch ms. */
  updatedBefore?: number;
  /** Only links not yet flagged for attention. */
  unflagged?: boolean;
  /** Only links of this widget-token `sub`. */
  owner?: string;
  /** Only links with a refund whose outcome is not known yet. */
  pendingRefunds?: boolean;
  limit?: number;
}

/** One page of links, newest first: what `GET /api/links` and the day's summary read. */
export interface LinkPageQuery {
  /** Epoch ms: created at or after. */
  createdFrom: number;
  /** Epoch ms: created before; no bound when absent. */
  createdBefore?: number;
  /** Only links with one of these statuses as the API shows them at `now` (`expired` follows from the clock). */
  statuses?: readonly LinkStatus[];
  /** Epoch ms: the moment `statuses` are judged at. */
  now: number;
  /** Only links of this widget-token `sub`. */
  owner?: string;
  /** Only links after this one in the order (the keyset cursor): stable however many links are made meanwhile. */
  after?: { createdAt: number; id: string };
  limit: number;
}

export type IdempotencyClaim =
  | { kind: 'claimed' }
  /** Claimed from a request that stopped (a crashed process) after recording link `linkId`: resolve it, do not create again. */
  | { kind: 'abandoned'; linkId: string }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export interface Store {
  /**
   * Writes a new link; throws `DuplicateOrderError` when the provider already has this order id from us.
   * `idempotencyKey`: the claimed key of the request making it, which then remembers the link.
   * `rateLimit`: hits taken as `takeRateLimit` takes them, in the same transaction: when a rule
   * refuses, nothing is written and `RateLimitedError` says which (one commit for both, not two).
   */
  insertLink(link: LinkRecord, event: LinkEvent, options?: { idempotencyKey?: string; rateLimit?: RateLimitTake }): Promise<void>;
  getLink(id: string): Promise<LinkRecord | undefined>;
  /** The links of `ids` that exist, in one query and no particular order (the link watcher reads every watched link at once). */
  getLinks(ids: readonly string[]): Promise<LinkRecord[]>;
  getLinkByShortToken(token: string): Promise<LinkRecord | undefined>;
  getLinkByOrder(provider: ProviderId, orderId: string): Promise<LinkRecord | undefined>;
  /**
   * Applies `patch` when the link is in one of `from` (all states when absent;
   * a `LinkGuard` can also demand field values) and appends `event` to the
   * audit trail, together. Returns the new record, or `undefined` when the
   * guard did not hold.
   */
  updateLink(
    id: string,
    patch: LinkPatch,
    event: LinkEvent,
    from?: readonly LinkState[] | LinkGuard,
    options?: UpdateOptions,
  ): Promise<LinkRecord | undefined>;
  /** Links matching `filter`, least recently changed first. */
  listLinks(filter: LinkFilter): Promise<LinkRecord[]>;
  /** Links matching `query`, newest first (by `createdAt`, then `id`), up to its `limit`. */
  pageLinks(query: LinkPageQuery): Promise<LinkRecord[]>;
  /**
   * Links that ended (see `endedAt` in customer-data.ts) before `endedBefore`
   * and whose customer's details are not yet erased, least recently changed first.
   */
  listCustomerDataToErase(endedBefore: number, limit?: number): Promise<LinkRecord[]>;
  /**
   * Erases the customer's details of a link that ended before `endedBefore`:
   * its name, phone and email, the client address its audit trail holds, and
   * all but the payment record in its notifications (customer-data.ts).
   * Amounts, order id and times stay. Appends `event`, stamped `at`. Returns
   * the new record, or `undefined` when the link had not ended by then or is
   * erased already.
   */
  eraseCustomerData(id: string, when: { endedBefore: number; at: number }, event: LinkEvent): Promise<LinkRecord | undefined>;
  events(linkId: string): Promise<StoredEvent[]>;

  /**
   * Takes an idempotency key for a request with body hash `requestHash`, or
   * says why not. Keys older than `ttlMs` are forgotten. A key claimed more
   * than `staleMs` ago and never completed belongs to a request that died: it
   * is claimed again, as `abandoned` when that request had recorded a link.
   */
  claimIdempotencyKey(key: string, requestHash: string, now: number, ttlMs: number, staleMs: number): Promise<IdempotencyClaim>;
  /** Stores the answer to replay for a claimed key. */
  completeIdempotencyKey(key: string, status: number, body: unknown): Promise<void>;
  /** Lets a claimed key be used again (the request changed nothing). */
  releaseIdempotencyKey(key: string): Promise<void>;

  /**
   * Records a notification with what `decide` makes of it, and applies the
   * link update that decision asks for, together. `decide` sees the link as
   * it is at that moment, locked against any other change, so two
   * notifications arriving together are decided one after the other. A
   * repeat (same provider, transaction and type) changes nothing and says so.
   */
  recordNotification(
    record: Omit<NotificationRecord, 'outcome'>,
    decide: (link: LinkRecord | undefined) => NotificationDecision,
  ): Promise<{ duplicate: true } | { duplicate: false; outcome: NotificationOutcome; link?: LinkRecord }>;

  /**
   * Counts one hit against every rule, or against none: when any rule's
   * `key` already had `limit` hits in the last `windowMs`, nothing is counted
   * and the answer says which rule and when it frees up. Atomic across
   * processes sharing the store.
   */
  takeRateLimit(rules: readonly RateLimitHit[], now: number): Promise<RateDecision>;

  /**
   * A random secret named `name`, made on first use and kept in the database,
   * so every process sharing it gets the same one.
   */
  secret(name: string): Promise<string>;

  /**
   * Tells `feed` the id of each link any process sharing this store changes,
   * soon after the change commits; returns the unsubscribe. Absent when the
   * store serves one process only (SQLite), whose changes LinkChanges
   * publishes as they are made.
   */
  watchLinkChanges?(feed: LinkChangeFeed): () => void;

  /**
   * A table for the built-in emulators (a separate entry, mounted as an
   * extension), so instances sharing one database serve the same
   * registrations. A store of the merchant's own may leave it out: the
   * emulators then keep theirs in memory.
   */
  emulatorRecords?: EmulatorRecords;

  /**
   * Deletes every link with its audit trail and notifications, the
   * idempotency keys, the rate limits' hits and the emulators' records, in
   * one transaction; the secrets stay. The demo's "start clean", served only
   * in emulated mode (routes/demo-reset.ts), where no link ever moved money.
   * A store of the merchant's own may leave it out.
   */
  clearDemoData?(): Promise<void>;

  close(): Promise<void>;
}

export interface LinkChangeFeed {
  /** Link `id` changed. */
  changed(id: string): void;
  /** The feed is listening again after a gap (or for the first time): changes in between were missed. */
  resumed(): void;
}

/** Hits to take together (see `takeRateLimit`), at `now`. */
export interface RateLimitTake {
  hits: readonly RateLimitHit[];
  now: number;
}

export interface UpdateOptions {
  /**
   * Completes a claimed idempotency key (`completeIdempotencyKey`) in the same
   * transaction as the update, with the answer made from the updated link; not
   * when the guard did not hold. One commit for both, not two.
   */
  completesKey?: { key: string; answer: (link: LinkRecord) => { status: number; body: unknown } };
}

export interface RateLimitHit {
  /** The rule's name; its window is part of it. */
  bucket: string;
  /** Who is counted: an address, a keyed hash of a phone number, `*` for everyone. */
  key: string;
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; bucket: string; retryAfterMs: number };

/** What became of a payment notification. */
export type NotificationOutcome = 'applied' | 'ignored' | 'mismatch' | 'unknown_link' | 'double_payment';

export interface NotificationRecord {
  provider: ProviderId;
  /** With `provider` and `type`, what makes a notification unique: repeats are recognised by it. */
  transactionId: string;
  type: string;
  linkId: string | null;
  outcome: NotificationOutcome;
  receivedAt: number;
  sourceIp: string;
  /** The provider's fields, without signatures. */
  fields: Record<string, string>;
}

/** What a notification comes to, and the change to its link that follows. */
export interface NotificationDecision {
  outcome: NotificationOutcome;
  update?: { patch: LinkPatch; event: LinkEvent };
}

export class DuplicateOrderError extends Error {
  override name = 'DuplicateOrderError';
}

/** A rate limit refused the hits `insertLink` was to take with the link: nothing was written. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(readonly decision: Extract<RateDecision, { allowed: false }>) {
    super(`rate limit ${decision.bucket} reached`);
  }
}
