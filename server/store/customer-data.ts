/**
 * What counts as a customer's personal data outside the link's own customer
 * columns, and when a link ends — the rules both stores erase by
 * (`Store.eraseCustomerData`). What proves a payment stays: amounts, order
 * and transaction ids, approval numbers, method and times.
 */

import type { ProviderId } from '../../core/providers.js';
import type { LinkRecord } from './store.js';

/** Keys of an audit event's `detail` that name or locate a person: `create_requested` carries the caller's `ip`. */
export const PERSONAL_DETAIL_KEYS = ['ip', 'name', 'phone', 'email'] as const;

/**
 * The notification fields an erased link keeps, per provider. A list of what
 * stays rather than of what goes: the gateways may add customer fields
 * (KICC `customerName`, `customerMail`, `customerContactNo`; INICIS-style
 * `buyerName`, `buyerTel`, `buyerEmail`, `P_UNAME`) and a masked card number,
 * and whatever is not named here goes with them.
 */
export const NOTIFICATION_RECORD_FIELDS: Readonly<Record<ProviderId, readonly string[]>> = {
  kicc: [
    'resCd', 'resMsg', 'mallId', 'notiType', 'pgCno', 'cancelPgCno', 'shopOrderNo', 'amount', 'cancelAmount', 'cancelRemainAmount',
    'approvalNo', 'transactionDate', 'payMethodTypeCode', 'installmentMonth', 'statusCode', 'statusMessage',
    'issuerCode', 'issuerName', 'acquirerCode', 'acquirerName',
    // The older form format.
    'res_cd', 'res_msg', 'memb_id', 'noti_type', 'cno', 'order_no', 'auth_no', 'tran_date', 'pay_type', 'stat_cd',
  ],
  paywelcome: [
    'transType', 'mid', 'tid', 'oid', 'price', 'payMethod', 'goodName', 'applDate', 'applTime', 'applNum',
    // The mobile `P_NOTI_URL` names.
    'P_STATUS', 'P_TID', 'P_TYPE', 'P_AUTH_DT', 'P_MID', 'P_OID', 'P_AMT', 'P_AUTH_NO',
  ],
};

/** An audit event's detail without what names or locates a person; `null` when nothing else is left. */
export function impersonalDetail(detail: Record<string, unknown>): Record<string, unknown> | null {
  const kept = Object.entries(detail).filter(([key]) => !(PERSONAL_DETAIL_KEYS as readonly string[]).includes(key));
  return kept.length ? Object.fromEntries(kept) : null;
}

/** The fields of a notification that outlive the customer's details. */
export function recordFieldsOnly(provider: ProviderId, fields: Record<string, string>): Record<string, string> {
  // A provider not listed keeps nothing but its row: every field it sent may be personal.
  const kept = NOTIFICATION_RECORD_FIELDS[provider] ?? [];
  return Object.fromEntries(Object.entries(fields).filter(([key]) => kept.includes(key)));
}

/**
 * When a link ended, or `null` while it can still be paid: paid (a refund
 * later does not need the customer's details), cancelled, failed, or past its
 * expiry. `listCustomerDataToErase` says the same in SQL.
 */
export function endedAt(link: LinkRecord): number | null {
  if (link.paidAt !== null) return link.paidAt;
  switch (link.state) {
    case 'cancelled':
      return link.cancelledAt;
    case 'failed':
      return link.updatedAt;
    case 'paid':
      return null;
    default:
      return link.expiresAt;
  }
}

/** Whether the link's customer details are still there and it ended before `endedBefore`. */
export function isDueForErasure(link: LinkRecord, endedBefore: number): boolean {
  const ended = endedAt(link);
  return link.customerErasedAt === null && ended !== null && ended < endedBefore;
}

/** `isDueForErasure` in SQL, with `before` naming its parameter. */
export const dueForErasureSql = (before: string) => `customer_erased_at IS NULL AND (
  (paid_at IS NOT NULL AND paid_at < ${before}) OR
  (paid_at IS NULL AND (
    (state = 'cancelled' AND cancelled_at < ${before}) OR
    (state = 'failed' AND updated_at < ${before}) OR
    (state IN ('creating', 'active', 'unknown') AND expires_at < ${before})
  ))
)`;
