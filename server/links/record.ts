/**
 * A payment link as the server keeps it: its record, its states and the
 * events of its audit trail. The links module's types — the store keeps
 * them, providers read them, neither owns them.
 */

import type { Delivery, LinkAttention } from '../../core/link.js';
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
  /** The `sub` of the widget token that created the link: the one caller who sees its customer's details in full. */
  owner: string | null;
  /** When the link was last flagged for a person to look at (its outcome at the provider is unknown, or it was paid twice). */
  attentionAt: number | null;
  /** The providers it was tried with, in order (links/attempts.ts); `null` before any was. */
  attempts: string | null;
  /** Integer won given back so far: the sum of the succeeded refunds. */
  refundedAmount: number;
  /** The refunds asked for, as JSON (links/refunds.ts); `null` before the first. */
  refunds: string | null;
  /** How the customer paid, in the gateway's words (KICC `payMethodTypeCode`, PayWelcome `P_TYPE`); decides what a refund may be. */
  paymentMethod: string | null;
  /** Whether the payment may be refunded in part: `Y` / `N` as its notification said, `null` when it did not say. */
  partialRefunds: 'Y' | 'N' | null;
  /** The payment as the gateway's notification reported it (method, card issuer, approval number and time), as JSON; `null` before it is paid. */
  paymentDetails: string | null;
  /** Why a person must look at it, when it is more than an unknown outcome (`attentionAt` on an `unknown` link says that). */
  attention: LinkAttention | null;
  /** When the customer's details were erased from the link, its audit trail and its notifications. */
  customerErasedAt: number | null;
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
