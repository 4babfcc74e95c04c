/**
 * A link's refunds as kept in its `refunds` column (JSON, oldest first), and
 * the arithmetic of what may still be given back. Kept with the link so a
 * refund, its status and the link's `refundedAmount` always change together
 * in one guarded update: two refunds racing for the last won cannot both win.
 */

import type { Refund, RefundStatus } from '../../core/link.js';
import type { LinkRecord } from '../store/store.js';

export interface StoredRefund {
  id: string;
  /** Integer won. */
  amount: number;
  status: RefundStatus;
  reason: string | null;
  /** Epoch ms. */
  createdAt: number;
  /** Asked for through our API, or seen in a gateway's notification (a refund made in its admin). */
  source: 'api' | 'gateway';
  /**
   * Our key for this refund at the gateway (KICC `shopTransactionId`), made
   * before the first call and sent again with every retry, so the gateway
   * can tell a retry from a second refund.
   */
  gatewayKey: string | null;
  /** The gateway's id for the refund once known (KICC `cancelPgCno`, PayWelcome `Tid` / `C_Tid`). */
  gatewayRef: string | null;
  /** The remaining amount the gateway was told would be left (a partial refund's `remainAmount` / `confirmPrice`). */
  remainingAfter: number;
  /** The whole payment at once: the gateway's full cancel rather than a partial one. */
  whole?: boolean;
  /** Why it failed or is pending, for the logs (never shown to clients). */
  problem?: string;
  /** The `Idempotency-Key` of the request that asked for it: a request repeated after a crash finds it here instead of refunding again. */
  requestKey?: string;
}

export function refundsOf(link: Pick<LinkRecord, 'refunds'>): StoredRefund[] {
  return link.refunds ? (JSON.parse(link.refunds) as StoredRefund[]) : [];
}

export const encodeRefunds = (refunds: readonly StoredRefund[]): string => JSON.stringify(refunds);

/** What may still be refunded: the amount less what succeeded and what is pending (it may yet succeed). */
export function refundableOf(link: Pick<LinkRecord, 'amount' | 'refunds'>): number {
  const taken = refundsOf(link)
    .filter((refund) => refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amount, 0);
  return Math.max(0, link.amount - taken);
}

/** The sum of the succeeded refunds: the link's `refundedAmount`. */
export const refundedOf = (refunds: readonly StoredRefund[]) =>
  refunds.filter((refund) => refund.status === 'succeeded').reduce((sum, refund) => sum + refund.amount, 0);

/** As the API shows them: no gateway keys, no problems. */
export const presentRefunds = (link: Pick<LinkRecord, 'refunds'>): Refund[] =>
  refundsOf(link).map(({ id, amount, status, reason, createdAt }) => ({ id, amount, status, reason, createdAt: new Date(createdAt).toISOString() }));
