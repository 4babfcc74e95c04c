/** The payment link as the HTTP API shows it: shared by the server, the widget and merchants' code. */

import type { ProviderId } from './providers.js';

export const LINK_STATUSES = ['active', 'paid', 'expired', 'cancelled', 'failed', 'unknown'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Statuses a link never leaves. */
export const FINAL_STATUSES: readonly LinkStatus[] = ['paid', 'expired', 'cancelled', 'failed'];

export type Delivery = 'provider-sms' | 'none';

/**
 * Why a person must look at a link: it was paid a second time by another
 * transaction (one payment is to be refunded), or its outcome at the provider
 * is unknown.
 */
export const LINK_ATTENTIONS = ['double_payment', 'unknown_outcome'] as const;
export type LinkAttention = (typeof LINK_ATTENTIONS)[number];

/**
 * What became of one provider a link was tried with: `registered` (it made
 * the link), `unavailable` (it was down; the next was tried), `skipped` (its
 * circuit was open), `refused` (it refused the request), `unknown` (it may
 * hold the link; nothing else was tried).
 */
export const ATTEMPT_OUTCOMES = ['registered', 'unavailable', 'skipped', 'refused', 'unknown'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export interface ProviderAttempt {
  provider: ProviderId;
  outcome: AttemptOutcome;
}

export interface PaymentLink {
  id: string;
  provider: ProviderId;
  status: LinkStatus;
  /** Present while a person must look at the link. */
  attention?: LinkAttention;
  /** Integer won. */
  amount: number;
  currency: 'KRW';
  goodsName: string;
  orderId: string;
  /** The provider's payment page; `null` while the provider's answer is not known. */
  url: string | null;
  /** Our own stable short link to `url` (what the QR code holds). */
  shortUrl: string | null;
  /** ISO 8601. */
  expiresAt: string | null;
  delivery: Delivery;
  customer: { name?: string; phone?: string; email?: string };
  message?: string;
  createdAt: string;
  /** First time the customer opened the short link. */
  openedAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  /** The providers it was tried with, in order: more than one when it failed over. */
  attempts: ProviderAttempt[];
}

export interface CreateLinkRequest {
  provider?: ProviderId;
  amount: number;
  goodsName: string;
  orderId?: string;
  customer?: { name?: string; phone?: string; email?: string };
  delivery?: Delivery;
  message?: string;
  expiresAt?: string;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: FieldError[]; retryable?: boolean; linkId?: string };
}
