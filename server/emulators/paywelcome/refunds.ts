/**
 * The PayWelcome emulator's refunds (PAYAPI `/cancel/cancel` and
 * `/cancel/repay`): the payments its checkout made and what was cancelled of
 * each, in the emulator's records so instances sharing one database give a
 * payment back once. PAYAPI has no idempotency key: a repeated partial
 * cancel is another cancel, as PayWelcome's would be.
 */

import { randomInt } from 'node:crypto';
import { formatKst } from '../../../core/kst.js';
import type { EmulatorRecords } from '../../store/emulator-records.js';
import type { Delivery } from '../notifier.js';
import { StateTable } from '../state.js';
import { checkCancel, type CancelAsk } from './check.js';
import { PaywelcomeRefusal } from './codes.js';
import { ACCEPTED, type CancelReply, type PayType } from './document.js';
import { cancelNotification, type NotificationFormat } from './notify.js';

/** A payment made on the emulator's checkout. */
export interface PaywelcomePayment {
  /** The payment's transaction id, which its notification carries and a cancel names. */
  tid: string;
  mid: string;
  oid: string;
  payType: PayType;
  amount: number;
  goods: string;
  /** `P_CARD_PRTC_CODE`: whether it may be cancelled in part. */
  partialRefundable: boolean;
  /** Epoch ms. */
  paidAt: number;
  /** Oldest first. */
  cancels: PaywelcomeCancel[];
}

export interface PaywelcomeCancel {
  /** The id the cancel's answer names: the payment's `tid` for a whole cancel, its own `C_Tid` for a partial one. */
  tid: string;
  amount: number;
  /** What remained of the payment after it. */
  remaining: number;
  whole: boolean;
  /** Epoch ms. */
  at: number;
}

export interface PaywelcomeRefundsOptions {
  records: EmulatorRecords;
  mkeyOf: (mid: string) => string | undefined;
  /** Signs notifications; a merchant without one gets none. */
  signKeyOf: (mid: string) => string | undefined;
  /** Delivers a notification as PayWelcome does (index.ts: twice). */
  notify: (delivery: Delivery) => void;
  /** Whether the merchant takes cancel notifications ("취소거래 수신여부" in PayWelcome's admin); read on each cancel. */
  cancelNotifications: () => boolean;
  format?: NotificationFormat;
  now: () => number;
  /** Records kept. */
  max: number;
}

export interface PaywelcomeRefunds {
  /** By `tid`. */
  payments: StateTable<PaywelcomePayment>;
  /** Records a payment of `link`, with a `tid` of its own. */
  pay(link: { mid: string; oid: string; payType: PayType; amount: number; goods: string }, partialRefundable: boolean): Promise<PaywelcomePayment>;
  /** Handles a `/cancel/cancel` (`whole`) or `/cancel/repay` form; throws PayWelcome's refusal. */
  cancel(form: URLSearchParams, whole: boolean): Promise<CancelReply>;
  /** A cancel made in PayWelcome's admin (all that remains unless `amount`): no API call, only the notification. */
  cancelInAdmin(tid: string, amount?: number): Promise<{ cancel: PaywelcomeCancel; notification: Delivery | undefined }>;
}

type Ask = Pick<CancelAsk, 'mid' | 'payType' | 'currency' | 'amount' | 'remaining'> & { whole: boolean };

/** The `tid` of a payment: `Stdpay`, the method, the merchant, Korea time and 6 digits — 40 bytes at most. */
const TID_METHOD: Readonly<Record<PayType, string>> = { card: 'CARD', hpp: 'HPP_', bank: 'BANK', vbank: 'VBNK' };
const sixDigits = () => String(randomInt(1_000_000)).padStart(6, '0');

export function createPaywelcomeRefunds(options: PaywelcomeRefundsOptions): PaywelcomeRefunds {
  const { now } = options;
  const payments = new StateTable<PaywelcomePayment>(
    options.records,
    { emulator: 'paywelcome', kind: 'payments' },
    { max: options.max, now, endsAt: (payment) => (cancelledOf(payment) >= payment.amount ? 0 : null) },
  );

  async function pay(link: { mid: string; oid: string; payType: PayType; amount: number; goods: string }, partialRefundable: boolean) {
    for (;;) {
      const paidAt = now();
      const payment: PaywelcomePayment = {
        tid: `Stdpay${TID_METHOD[link.payType]}${link.mid}${formatKst(paidAt)}${sixDigits()}`,
        mid: link.mid,
        oid: link.oid,
        payType: link.payType,
        amount: link.amount,
        goods: link.goods,
        partialRefundable,
        paidAt,
        cancels: [],
      };
      if (await payments.add(payment.tid, payment)) return payment;
    }
  }

  /** Cancels `ask` of payment `tid` once, however many instances are asked at the same moment, and notifies it. */
  async function apply(tid: string, ask: Ask): Promise<{ payment: PaywelcomePayment; cancel: PaywelcomeCancel; notification: Delivery | undefined }> {
    const at = now();
    // "C_Tid 취소거래ID", 22 bytes: `C`, Korea time, 7 digits.
    const partialTid = `C${formatKst(at)}${String(randomInt(10_000_000)).padStart(7, '0')}`;
    let refusal: PaywelcomeRefusal | undefined;
    let made: PaywelcomeCancel | undefined;
    const updated = await payments.update(tid, (payment) => {
      refusal = undefined;
      try {
        made = { ...nextCancel(payment, ask), tid: ask.whole ? payment.tid : partialTid, at };
        return { ...payment, cancels: [...payment.cancels, made] };
      } catch (error) {
        if (!(error instanceof PaywelcomeRefusal)) throw error;
        refusal = error;
        return undefined;
      }
    });
    if (!updated || refusal || !made) throw refusal ?? new PaywelcomeRefusal('V111', 'tid', tid);
    const signKey = options.signKeyOf(updated.value.mid);
    const notification = signKey ? cancelNotification(updated.value, made, signKey, options.format) : undefined;
    if (notification && options.cancelNotifications()) options.notify(notification);
    return { payment: updated.value, cancel: made, notification };
  }

  async function cancel(form: URLSearchParams, whole: boolean): Promise<CancelReply> {
    const ask = checkCancel(form, whole, { mkeyOf: options.mkeyOf, now: now() });
    const { payment, cancel: made } = await apply(ask.tid, { ...ask, whole });
    const kst = formatKst(made.at);
    const common = { ResultCode: ACCEPTED, ResultMsg: '정상처리', Mid: payment.mid, Tid: payment.tid };
    const when = { CancelDate: kst.slice(0, 8), CancelTime: kst.slice(8) };
    return whole
      ? { ...common, Moid: payment.oid, Price: String(made.amount), ...when }
      : { ...common, C_Tid: made.tid, Price: String(made.amount), RmainPrice: String(made.remaining), ...when };
  }

  async function cancelInAdmin(tid: string, amount?: number) {
    const payment = await payments.get(tid);
    if (!payment) throw new PaywelcomeRefusal('V111', 'tid', tid);
    const remaining = payment.amount - cancelledOf(payment);
    const asked = amount ?? remaining;
    const whole = asked === payment.amount && payment.cancels.length === 0;
    const { cancel: made, notification } = await apply(tid, {
      mid: payment.mid,
      payType: payment.payType,
      currency: 'WON',
      amount: asked,
      remaining: whole ? undefined : remaining - asked,
      whole,
    });
    return { cancel: made, notification };
  }

  return { payments, pay, cancel, cancelInAdmin };
}

/** What has been cancelled of `payment`. */
export const cancelledOf = (payment: Pick<PaywelcomePayment, 'cancels'>) => payment.cancels.reduce((sum, cancel) => sum + cancel.amount, 0);

/** The next cancel of `payment` as `ask` describes it, or PayWelcome's refusal of it. */
function nextCancel(payment: PaywelcomePayment, ask: Ask): Omit<PaywelcomeCancel, 'tid' | 'at'> {
  if (payment.mid !== ask.mid) throw new PaywelcomeRefusal('V111', 'tid', payment.tid);
  if (payment.payType !== ask.payType) throw new PaywelcomeRefusal('V117', 'payType', `${payment.payType} 결제`);
  if (ask.currency !== 'WON') throw new PaywelcomeRefusal('V117', 'currency', 'WON 결제');
  const remaining = payment.amount - cancelledOf(payment);
  if (remaining <= 0) throw new PaywelcomeRefusal('V112', 'tid', payment.tid);
  if (ask.whole) {
    if (payment.cancels.length) throw new PaywelcomeRefusal('V116', 'tid', `잔액 ${remaining}원은 /cancel/repay로`);
    if (ask.amount !== payment.amount) throw new PaywelcomeRefusal('V113', 'price', `${ask.amount} ≠ 결제금액 ${payment.amount}`);
    return { amount: payment.amount, remaining: 0, whole: true };
  }
  if (!payment.partialRefundable) throw new PaywelcomeRefusal('V115', 'tid', 'P_CARD_PRTC_CODE 0');
  if (ask.amount > remaining) throw new PaywelcomeRefusal('V113', 'cancelPrice', `${ask.amount} > 잔액 ${remaining}`);
  if (ask.remaining !== remaining - ask.amount) throw new PaywelcomeRefusal('V114', 'confirmPrice', `${ask.remaining} ≠ ${remaining - ask.amount}`);
  return { amount: ask.amount, remaining: remaining - ask.amount, whole: false };
}
