/**
 * The transaction notification (거래알림) PayWelcome sends when a link is
 * paid. PayWelcome publishes neither its field names nor its signature
 * formula: both are the assumption server/providers/paywelcome/README.md
 * states, which the emulator follows from that text, not from the adapter.
 */

import { randomInt } from 'node:crypto';
import { formatKst } from '../../../core/kst.js';
import { Notifier, type Delivery } from '../notifier.js';
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

export interface PaidLink {
  mid: string;
  oid: string;
  amount: number;
  goods: string;
}

export type NotificationFormat = 'json' | 'form';

export function approvalNotification(link: PaidLink, signKey: string, at: number, format: NotificationFormat = 'json'): Delivery {
  const kst = formatKst(at);
  const fields: Record<string, string> = {
    transType: '00',
    mid: link.mid,
    tid: `StdpayCARD${link.mid}${kst}${String(randomInt(1_000_000)).padStart(6, '0')}`,
    oid: link.oid,
    price: String(link.amount),
    payMethod: 'Card',
    goodName: link.goods,
    applDate: kst.slice(0, 8),
    applTime: kst.slice(8),
    applNum: String(randomInt(100_000_000)).padStart(8, '0'),
  };
  fields.Signature = notificationSignature({ mid: link.mid, signKey, oid: link.oid, price: fields.price!, transType: fields.transType! });
  return format === 'json'
    ? { body: JSON.stringify(fields), contentType: 'application/json; charset=utf-8' }
    : { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
}
