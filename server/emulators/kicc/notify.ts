/**
 * The notifications KICC sends: JSON, every value a string; `notiType` "10"
 * when a link is paid, "20" when a payment is cancelled in whole or in part
 * (through the API or in KICC's admin). The approval has a pgCno of its own,
 * not the registration's — merchants match on `shopOrderNo` — and a cancel
 * carries the approval's `pgCno` and its own `cancelPgCno`.
 */

import { randomInt } from 'node:crypto';
import { formatKst } from '../../../core/kst.js';
import { Notifier, type Delivery } from '../notifier.js';
import { ACCEPTED, CARD_METHODS } from './document.js';
import type { KiccRegistration } from './index.js';
import type { KiccApproval, KiccCancel } from './refunds.js';

/** KICC resends every 3 minutes, up to 10 times, until it reads `{"resCd":"0000"}`. */
export const KICC_NOTIFY_SCHEDULE = { retries: 10, intervalMs: 3 * 60 * 1000 };

export function kiccNotifier(url: () => string, intervalMs = KICC_NOTIFY_SCHEDULE.intervalMs): Notifier {
  return new Notifier({
    url,
    retries: KICC_NOTIFY_SCHEDULE.retries,
    intervalMs,
    accepted: (status, body) => {
      try {
        return status === 200 && (JSON.parse(body) as { resCd?: unknown }).resCd === ACCEPTED;
      } catch {
        return false;
      }
    },
  });
}

const digits = (count: number) => Array.from({ length: count }, () => randomInt(10)).join('');

const json = (body: Record<string, string>): Delivery => ({ body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' });

export function approvalNotification(registration: KiccRegistration, approval: KiccApproval): Delivery {
  const card = CARD_METHODS.has(approval.payMethodTypeCode);
  return json({
    resCd: ACCEPTED,
    resMsg: '정상처리',
    mallId: registration.mallId,
    notiType: '10',
    pgCno: approval.pgCno,
    shopOrderNo: registration.shopOrderNo,
    amount: String(registration.amount),
    approvalNo: digits(8),
    transactionDate: formatKst(approval.approvedAt),
    payMethodTypeCode: approval.payMethodTypeCode,
    partCancelUsed: approval.partCancelUsed ? 'Y' : 'N',
    ...(card && {
      cardNo: `536181******${digits(4)}`,
      issuerCode: '016',
      issuerName: 'KB국민카드',
      acquirerCode: '016',
      acquirerName: 'KB국민카드',
      installmentMonth: '00',
    }),
    statusCode: 'TS03',
    statusMessage: '매입요청',
    ...(registration.customerName ? { customerName: registration.customerName } : {}),
  });
}

/** `notiType` 20: `amount` is the payment's total, `cancelAmount` what this cancel gave back, `cancelRemainAmount` what remains. */
export function cancelNotification(approval: KiccApproval, cancel: KiccCancel): Delivery {
  return json({
    resCd: ACCEPTED,
    resMsg: '정상취소',
    mallId: approval.mallId,
    notiType: '20',
    pgCno: approval.pgCno,
    shopOrderNo: approval.shopOrderNo,
    amount: String(approval.amount),
    cancelPgCno: cancel.cancelPgCno,
    cancelAmount: String(cancel.amount),
    ...(CARD_METHODS.has(approval.payMethodTypeCode) && { cancelCardAmount: String(cancel.amount) }),
    cancelRemainAmount: String(cancel.remainAmount),
    cancelDate: formatKst(cancel.at),
    statusCode: cancel.statusCode,
    statusMessage: cancel.statusMessage,
    payMethodTypeCode: approval.payMethodTypeCode,
    partCancelUsed: approval.partCancelUsed ? 'Y' : 'N',
  });
}
