/**
 * The transaction notifications (거래알림) PayWelcome sends when a link is
 * paid and when a payment is cancelled, whole or in part. PayWelcome
 * publishes neither their field names nor their signature formula (only
 * `transType`): both are the assumption server/providers/paywelcome/README.md
 * states, which the emulator follows from that text, not from the adapter.
 */

import { randomInt } from 'node:crypto';
import { formatKst } from '../../../core/kst.js';
import { Notifier, type Delivery } from '../notifier.js';
import { PAY_METHOD_OF_TYPE, TRANS_TYPES } from './document.js';
import type { PaywelcomeCancel, PaywelcomePayment } from './refunds.js';
import { notificationSignature } from './signature.js';

/** PayWelcome resends up to 20 times until the merchant answers the bare text `OK`. */
export const PAYWELCOME_NOTIFY_SCHEDULE = { retries: 20, intervalMs: 10 * 60 * 1000 };

export function paywelcomeNotifier(url: () => string, intervalMs = PAYWELCOME_NOTIFY_SCHEDULE.intervalMs): Notifier {
  return new Notifier({
    url,
    retries: PAYWELCOME_NOTIFY_SCHEDULE.retries,
    intervalMs,
    accepted: (status, body) => status === 200 && body === 'OK',
  });
}

export type NotificationFormat = 'json' | 'form';

function signed(fields: Record<string, string>, signKey: string, format: NotificationFormat): Delivery {
  const all = { ...fields, Signature: notificationSignature({ mid: fields.mid!, signKey, oid: fields.oid!, price: fields.price!, transType: fields.transType! }) };
  return format === 'json'
    ? { body: JSON.stringify(all), contentType: 'application/json; charset=utf-8' }
    : { body: new URLSearchParams(all).toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
}

/** `transType` 00: the payment, under its `tid`, with the method paid with. */
export function approvalNotification(payment: PaywelcomePayment, signKey: string, format: NotificationFormat = 'json'): Delivery {
  const kst = formatKst(payment.paidAt);
  return signed(
    {
      transType: TRANS_TYPES.approval,
      mid: payment.mid,
      tid: payment.tid,
      oid: payment.oid,
      price: String(payment.amount),
      payMethod: PAY_METHOD_OF_TYPE[payment.payType],
      goodName: payment.goods,
      applDate: kst.slice(0, 8),
      applTime: kst.slice(8),
      applNum: String(randomInt(100_000_000)).padStart(8, '0'),
      P_CARD_PRTC_CODE: payment.partialRefundable ? '1' : '0',
    },
    signKey,
    format,
  );
}

/**
 * `transType` 01 (the whole payment) or 11 (a part): `price` is what the
 * cancel gave back, `tid` the id its answer named — the payment's for a whole
 * cancel (its `Tid`), the cancel's own for a partial one (its `C_Tid`).
 */
export function cancelNotification(payment: PaywelcomePayment, cancel: PaywelcomeCancel, signKey: string, format: NotificationFormat = 'json'): Delivery {
  const kst = formatKst(cancel.at);
  return signed(
    {
      transType: cancel.whole ? TRANS_TYPES.cancel : TRANS_TYPES.partialCancel,
      mid: payment.mid,
      tid: cancel.tid,
      oid: payment.oid,
      price: String(cancel.amount),
      payMethod: PAY_METHOD_OF_TYPE[payment.payType],
      goodName: payment.goods,
      cancelDate: kst.slice(0, 8),
      cancelTime: kst.slice(8),
    },
    signKey,
    format,
  );
}
