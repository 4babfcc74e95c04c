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
