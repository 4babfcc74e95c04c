/** A stored link as the API shows it. */

import type { LinkAttention, LinkStatus, PaymentDetails, PaymentLink } from '../../core/link.js';
import { maskEmail, maskName } from '../../core/mask.js';
import { maskPhone } from '../../core/phone.js';
import { decodeAttempts } from './attempts.js';
import { presentRefunds } from './refunds.js';
import type { LinkRecord } from '../store/store.js';

/** The status a caller sees: `expired` is derived from the clock, `creating` is not yet known. */
export function linkStatus(link: LinkRecord, now: number): LinkStatus {
  if ((link.state === 'active' || link.state === 'unknown') && link.expiresAt !== null && link.expiresAt <= now) return 'expired';
  if (link.state === 'creating') return 'unknown';
  if (link.state === 'paid' && link.refundedAmount > 0) return link.refundedAmount >= link.amount ? 'refunded' : 'partially_refunded';
  return link.state;
}

export interface PresentOptions {
  now: number;
  publicBaseUrl: string;
  /** Only the caller who created the link sees the customer's name, number and email in full. */
  revealCustomer: boolean;
  /** The shop's name (`MERCHANT_NAME`), for the texts and pages that carry the link. */
  merchantName?: string;
}

/** The payment as the gateway reported it (stored by notifications/receive.ts), with its time. */
function paymentOf(link: LinkRecord): PaymentDetails | undefined {
  if (link.paidAt === null) return undefined;
  const reported = link.paymentDetails ? (JSON.parse(link.paymentDetails) as { method: PaymentDetails['method']; cardIssuer?: string; approvalNo?: string; approvedAt?: number }) : undefined;
  return {
    method: reported?.method ?? 'other',
    ...(reported?.cardIssuer && { cardIssuer: reported.cardIssuer }),
    ...(reported?.approvalNo && { approvalNo: reported.approvalNo }),
    paidAt: new Date(reported?.approvedAt ?? link.paidAt).toISOString(),
  };
}

/** Why a person must look at the link: what was recorded, or a flagged link whose outcome at the provider is still unknown. */
function attentionOf(link: LinkRecord): LinkAttention | undefined {
  if (link.attention) return link.attention;
  return link.state === 'unknown' && link.attentionAt !== null ? 'unknown_outcome' : undefined;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentLink(link: LinkRecord, { now, publicBaseUrl, revealCustomer, merchantName }: PresentOptions): PaymentLink {
  const customer: PaymentLink['customer'] = {};
  if (link.customerName) customer.name = revealCustomer ? link.customerName : maskName(link.customerName);
  if (link.customerPhone) customer.phone = revealCustomer ? link.customerPhone : maskPhone(link.customerPhone);
  if (link.customerEmail) customer.email = revealCustomer ? link.customerEmail : maskEmail(link.customerEmail);
  const attention = attentionOf(link);
  const payment = paymentOf(link);
  return {
    id: link.id,
    provider: link.provider,
    status: linkStatus(link, now),
    ...(attention ? { attention } : {}),
    amount: link.amount,
    currency: 'KRW',
    goodsName: link.goodsName,
    orderId: link.orderId,
    url: link.url,
    shortUrl: link.url ? `${publicBaseUrl}/p/${link.shortToken}` : null,
    expiresAt: iso(link.expiresAt),
    delivery: link.delivery,
    customer,
    ...(link.message ? { message: link.message } : {}),
    createdAt: iso(link.createdAt)!,
    openedAt: iso(link.openedAt),
    paidAt: iso(link.paidAt),
    cancelledAt: iso(link.cancelledAt),
    attempts: decodeAttempts(link.attempts),
    refundedAmount: link.refundedAmount,
    refunds: presentRefunds(link),
    ...(payment && { payment }),
    ...(merchantName && { merchantName }),
  };
}
