/**
 * A gateway's word that money went back on a paid link: a refund we asked
 * for (it settles the pending one, or confirms a succeeded one) or one made
 * in the gateway's own admin (recorded as a new refund). Either way the link
 * changes once: a notification naming a refund already on it changes nothing.
 */

import type { LinkRecord, NotificationDecision } from '../store/store.js';
import { encodeRefunds, refundedOf, refundsOf, type StoredRefund } from './refunds.js';
import { newRefundId } from './ids.js';

export function refundDecision(
  link: LinkRecord,
  { transactionId, amount, actor, now }: { transactionId: string; amount: number; actor: string; now: number },
): NotificationDecision {
  const refunds = refundsOf(link);
  if (refunds.some((refund) => refund.gatewayRef === transactionId)) return { outcome: 'ignored' };
  // Our own refund, told back to us (KICC notifies every cancel, the API's too): the oldest pending one of that amount.
  const pending = refunds.find((refund) => refund.status === 'pending' && refund.amount === amount);
  const settled: StoredRefund[] = pending
    ? refunds.map((refund) => (refund === pending ? { ...refund, status: 'succeeded', gatewayRef: transactionId } : refund))
    : [
        ...refunds,
        {
          id: newRefundId(),
          amount,
          status: 'succeeded',
          reason: null,
          createdAt: now,
          source: 'gateway',
          gatewayKey: null,
          gatewayRef: transactionId,
          remainingAfter: Math.max(0, link.amount - refundedOf(refunds) - amount),
        },
      ];
  // A refund flagged as unknown is known now: the flag goes once none is left pending.
  const known = link.attention === 'refund_unknown' && !settled.some((refund) => refund.status === 'pending');
  return {
    outcome: 'applied',
    update: {
      patch: { refunds: encodeRefunds(settled), refundedAmount: refundedOf(settled), updatedAt: now, ...(known && { attention: null }) },
      event: { type: 'refunded', actor, detail: { transactionId, amount, refundId: pending?.id ?? settled.at(-1)!.id, source: pending ? 'api' : 'gateway' } },
    },
  };
}
