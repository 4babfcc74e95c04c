/**
 * The notification KICC sends when a link is paid: JSON, every value a
 * string, `notiType` "10". The approval gets a pgCno of its own, not the
 * registration's — merchants match on `shopOrderNo`.
 */

import { randomInt } from 'node:crypto';
import { formatKst } from '../../../core/kst.js';
import { Notifier, type Delivery } from '../notifier.js';
import { ACCEPTED } from './document.js';
import type { KiccRegistration } from './index.js';

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

export function approvalNotification(registration: KiccRegistration, approvalPgCno: string, at: number): Delivery {
  const body = {
    resCd: ACCEPTED,
    resMsg: '정상처리',
    mallId: registration.mallId,
    notiType: '10',
    pgCno: approvalPgCno,
    shopOrderNo: registration.shopOrderNo,
    amount: String(registration.amount),
    approvalNo: digits(8),
    transactionDate: formatKst(at),
    payMethodTypeCode: '11',
    cardNo: `536181******${digits(4)}`,
    issuerCode: '016',
    issuerName: 'KB국민카드',
    acquirerCode: '016',
    acquirerName: 'KB국민카드',
    installmentMonth: '00',
    statusCode: 'TS03',
    statusMessage: '매입요청',
    ...(registration.customerName ? { customerName: registration.customerName } : {}),
  };
  return { body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' };
}
