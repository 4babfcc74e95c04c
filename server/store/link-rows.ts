/** What both stores share about the links table: its columns, and when a guarded update may apply. */

import type { LinkGuard, LinkRecord, LinkState } from './store.js';

/** LinkRecord field → column, in one place. */
export const COLUMNS: Record<keyof LinkRecord, string> = {
  id: 'id',
  provider: 'provider',
  merchantId: 'merchant_id',
  orderId: 'order_id',
  amount: 'amount',
  goodsName: 'goods_name',
  customerName: 'customer_name',
  customerPhone: 'customer_phone',
  customerEmail: 'customer_email',
  delivery: 'delivery',
  message: 'message',
  state: 'state',
  url: 'url',
  providerRef: 'provider_ref',
  shortToken: 'short_token',
  expiresAt: 'expires_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  openedAt: 'opened_at',
  paidAt: 'paid_at',
  cancelledAt: 'cancelled_at',
  paymentRef: 'payment_ref',
  problem: 'problem',
  owner: 'owner',
  attentionAt: 'attention_at',
  attempts: 'attempts',
  refundedAmount: 'refunded_amount',
  refunds: 'refunds',
  paymentMethod: 'payment_method',
  partialRefunds: 'partial_refunds',
  paymentDetails: 'payment_details',
  attention: 'attention',
  customerErasedAt: 'customer_erased_at',
};
export const FIELDS = Object.keys(COLUMNS) as (keyof LinkRecord)[];

/** Links with a refund whose outcome is not known yet (the refunds column is JSON: links/refunds.ts); partly indexed in both schemas. */
export const PENDING_REFUNDS_SQL = `refunds LIKE '%"status":"pending"%'`;

export function guardOf(from: readonly LinkState[] | LinkGuard | undefined): LinkGuard {
  if (from === undefined) return {};
  return isStateList(from) ? { states: from } : from;
}

const isStateList = (from: readonly LinkState[] | LinkGuard): from is readonly LinkState[] => Array.isArray(from);

export function holds({ states, unchanged = {} }: LinkGuard, link: LinkRecord): boolean {
  if (states && !states.includes(link.state)) return false;
  return Object.entries(unchanged).every(([field, value]) => link[field as keyof LinkRecord] === value);
}

/** The fields whose value differs between two versions of a link. */
export const changedFields = (before: LinkRecord, after: LinkRecord) => FIELDS.filter((field) => after[field] !== before[field]);
