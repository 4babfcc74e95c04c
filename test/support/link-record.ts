/**
 * A link as the store keeps it, for tests that write one straight to the
 * store or hand one to an adapter: what identifies it is given, everything
 * else starts as "nothing yet". One place to add a new column's default.
 */

import type { LinkRecord } from '../../server/store/store.js';

type Given = Pick<LinkRecord, 'id' | 'provider' | 'merchantId' | 'orderId' | 'amount' | 'goodsName' | 'state' | 'shortToken' | 'createdAt'>;

export function linkRecord(fields: Given & Partial<LinkRecord>): LinkRecord {
  return {
    customerName: null,
    customerPhone: null,
    customerEmail: null,
    delivery: 'none',
    message: null,
    url: null,
    providerRef: null,
    expiresAt: null,
    updatedAt: fields.createdAt,
    openedAt: null,
    paidAt: null,
    cancelledAt: null,
    paymentRef: null,
    problem: null,
    owner: null,
    attentionAt: null,
    attempts: null,
    attention: null,
    customerErasedAt: null,
    refundedAmount: 0,
    refunds: null,
    paymentMethod: null,
    partialRefunds: null,
    paymentDetails: null,
    ...fields,
  };
}
