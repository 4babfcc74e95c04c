/** The payment link as the HTTP API shows it: shared by the server, the widget and merchants' code. */

import type { ProviderId } from './providers.js';

export const LINK_STATUSES = ['active', 'paid', 'partially_refunded', 'refunded', 'expired', 'cancelled', 'failed', 'unknown'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/**
 * Statuses after which a link cannot be paid any more: the request is over
 * for the form that made it. A paid link may still be refunded later; the
 * list of the day's links follows that.
 */
export const FINAL_STATUSES: readonly LinkStatus[] = ['paid', 'partially_refunded', 'refunded', 'expired', 'cancelled', 'failed'];

export const REFUND_STATUSES = ['succeeded', 'pending', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** Money given back on a paid link, all at once or in parts. */
export interface Refund {
  id: string;
  /** Integer won. */
  amount: number;
  /** `pending` while the gateway's answer is not known; it is settled by asking again with the same gateway key, never by a second refund. */
  status: RefundStatus;
  reason: string | null;
  /** ISO 8601. */
  createdAt: string;
}

export type Delivery = 'provider-sms' | 'none';

/**
 * Why a person must look at a link: it was paid a second time by another
 * transaction (one payment is to be refunded), its outcome at the provider
 * is unknown, or a refund's outcome is unknown and the gateway cannot be
 * asked again (it has no key to recognise a retry by, or the key expired).
 */
export const LINK_ATTENTIONS = ['double_payment', 'unknown_outcome', 'refund_unknown'] as const;
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

/** How the customer paid, whichever gateway's code named it. */
export const PAYMENT_METHODS = ['card', 'bank_transfer', 'virtual_account', 'mobile', 'easy_pay', 'prepaid', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The payment as the gateway's notification reported it: what a counter reads back to the customer. */
export interface PaymentDetails {
  method: PaymentMethod;
  /** The card's issuer, e.g. `KB국민카드`, when the gateway names it. */
  cardIssuer?: string;
  /** The gateway's approval number (승인번호), when it gives one. */
  approvalNo?: string;
  /** ISO 8601: the gateway's approval time, or when the notification arrived. */
  paidAt: string;
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
  /** Integer won given back so far (succeeded refunds). */
  refundedAmount: number;
  /** Every refund asked for, oldest first, including those made at the gateway's own admin. */
  refunds: Refund[];
  /** Once paid: how, as the gateway's notification said. */
  payment?: PaymentDetails;
  /** The shop's name as customers know it (`MERCHANT_NAME`), when the server has one. */
  merchantName?: string;
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

/** `GET /api/links`: a page of links, newest first. */
export interface LinkPage {
  data: PaymentLink[];
  /** Pass as `cursor` for the next page; `null` on the last. */
  nextCursor: string | null;
}

/** A number of links and their sum in won. */
export interface Tally {
  count: number;
  amount: number;
}

/** What a day's links came to: made, paid, refunded, and what stays (paid − refunded). */
export interface DayTotals {
  made: Tally;
  paid: Tally;
  refunded: Tally;
  /** Won: paid − refunded. */
  net: number;
}

/** `GET /api/summary`: a Korea-time day's links, in total and per provider. */
export interface LinkSummary {
  /** `YYYY-MM-DD`, Korea time. */
  date: string;
  /** ISO 8601: the day's first instant, and the next day's. */
  from: string;
  to: string;
  currency: 'KRW';
  total: DayTotals;
  /** By provider id; only providers with links that day. */
  providers: Record<ProviderId, DayTotals>;
}

/** `POST /api/links/events/ticket`: what opens `GET /api/links/events?ticket=…` within the minute. */
export interface StreamTicket {
  ticket: string;
  /** ISO 8601. */
  expiresAt: string;
}
