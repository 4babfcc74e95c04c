/**
 * Everything the server keeps, behind one interface so the embedded SQLite
 * store and a shared database can stand in for each other. Methods are async
 * for the shared case; each one is atomic.
 */

import type { Delivery } from '../../core/link.js';
import type { ProviderId } from '../../core/providers.js';

/**
 * Where a link is in its life. `creating` is the intent written before the
 * provider is called; `expired` is never stored — it is derived from `expiresAt`.
 */
export type LinkState = 'creating' | 'active' | 'paid' | 'cancelled' | 'failed' | 'unknown';

export interface LinkRecord {
  id: string;
  provider: ProviderId;
  merchantId: string;
  orderId: string;
  amount: number;
  goodsName: string;
  customerName: string | null;
  customerPhone: string | null;
  customerEmail: string | null;
  delivery: Delivery;
  message: string | null;
  state: LinkState;
  /** The provider's payment page. */
  url: string | null;
  /** The provider's id for the registration (KICC `pgCno`). */
  providerRef: string | null;
  /** The token of our short link `/p/{token}`. */
  shortToken: string;
  /** Epoch ms. */
  expiresAt: number | null;
  createdAt: number;
  updatedAt: number;
  openedAt: number | null;
  paidAt: number | null;
  cancelledAt: number | null;
  /** The provider's transaction id of the payment. */
  paymentRef: string | null;
  /** Why the link failed or is unknown, for the logs (never shown to clients). */
  problem: string | null;
}

/** One line of the audit trail: who changed what, when. */
export interface LinkEvent {
  type: string;
  /** `api`, `webhook:kicc`, `reconciler`, `customer`… */
  actor: string;
  detail?: Record<string, unknown>;
}

export interface StoredEvent extends LinkEvent {
  linkId: string;
  at: number;
  fromState: LinkState | null;
  toState: LinkState | null;
}

export type LinkPatch = Partial<Omit<LinkRecord, 'id' | 'provider' | 'merchantId' | 'orderId' | 'createdAt' | 'shortToken'>>;

export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

export interface Store {
  /** Writes a new link; throws `DuplicateOrderError` when the provider already has this order id from us. */
  insertLink(link: LinkRecord, event: LinkEvent): Promise<void>;
  getLink(id: string): Promise<LinkRecord | undefined>;
  getLinkByShortToken(token: string): Promise<LinkRecord | undefined>;
  getLinkByOrder(provider: ProviderId, orderId: string): Promise<LinkRecord | undefined>;
  /**
   * Applies `patch` when the link is in one of `from` (all states when absent)
   * and appends `event` to the audit trail, together. Returns the new record,
   * or `undefined` when the link was not in an allowed state.
   */
  updateLink(id: string, patch: LinkPatch, event: LinkEvent, from?: readonly LinkState[]): Promise<LinkRecord | undefined>;
  /** Links in `states` last changed before `updatedBefore` (epoch ms), oldest first. */
  listLinks(filter: { states: readonly LinkState[]; updatedBefore?: number; limit?: number }): Promise<LinkRecord[]>;
  events(linkId: string): Promise<StoredEvent[]>;

  /**
   * Takes an idempotency key for a request with body hash `requestHash`, or
   * says why not. Keys older than `ttlMs` are forgotten.
   */
  claimIdempotencyKey(key: string, requestHash: string, now: number, ttlMs: number): Promise<IdempotencyClaim>;
  /** Stores the answer to replay for a claimed key. */
  completeIdempotencyKey(key: string, status: number, body: unknown): Promise<void>;
  /** Lets a claimed key be used again (the request changed nothing). */
  releaseIdempotencyKey(key: string): Promise<void>;

  /**
   * Records a notification and applies its link update, together. A repeat
   * (same provider, transaction and type) changes nothing and says so.
   */
  recordNotification(record: NotificationRecord, update?: LinkUpdate): Promise<{ duplicate: boolean; link?: LinkRecord }>;

  close(): Promise<void>;
}

/** What became of a payment notification. */
export type NotificationOutcome = 'applied' | 'ignored' | 'mismatch' | 'unknown_link';

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

/** A change to a link that a notification causes, applied only when the link is in one of `from`. */
export interface LinkUpdate {
  id: string;
  patch: LinkPatch;
  event: LinkEvent;
  from?: readonly LinkState[];
}

export class DuplicateOrderError extends Error {
  override name = 'DuplicateOrderError';
}
