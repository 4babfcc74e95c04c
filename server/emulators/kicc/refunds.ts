/**
 * The KICC emulator's refunds (결제취소, `POST /api/trades/revise`): the
 * approvals its checkout made, what was cancelled of each, and the answer
 * given to each `shopTransactionId`. All of it lives in the emulator's
 * records, so instances sharing one database give a payment back once.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatKst, parseKst } from '../../../core/kst.js';
import type { EmulatorRecords } from '../../store/emulator-records.js';
import type { Delivery, Notifier } from '../notifier.js';
import { StateTable } from '../state.js';
import { checkReviseBody, type ReviseRequest } from './checks.js';
import { KiccRefusal, refusalBody } from './codes.js';
import { ACCEPTED, CANCEL_STATUS, CARD_METHODS, PARTIAL_TYPE_OF_METHOD, REVISE_WHOLE, type RevisedReply, type ReviseType } from './document.js';
import { cancelNotification } from './notify.js';

export interface KiccCancel {
  /** The cancel's own id. */
  cancelPgCno: string;
  amount: number;
  /** What remained of the payment after it. */
  remainAmount: number;
  reviseTypeCode: ReviseType;
  statusCode: string;
  statusMessage: string;
  /** Epoch ms. */
  at: number;
  /** The API request's key; absent for a cancel made in KICC's admin. */
  shopTransactionId?: string;
}

/** A payment made on the emulator's checkout. */
export interface KiccApproval {
  /** The approval's own id: what its notification carries and a refund names, never the registration's. */
  pgCno: string;
  registrationPgCno: string;
  mallId: string;
  shopOrderNo: string;
  amount: number;
  payMethodTypeCode: string;
  /** Whether it may be cancelled in part (`partCancelUsed`). */
  partCancelUsed: boolean;
  /** Epoch ms. */
  approvedAt: number;
  /** Oldest first. */
  cancels: KiccCancel[];
}

/** One `shopTransactionId` of one day: the request it named and, once processed, KICC's answer as sent. */
interface Revision {
  request: string;
  answer: string | null;
}

export interface KiccRefundsOptions {
  records: EmulatorRecords;
  /** Each merchant's secret key, by `mallId`. */
  secretKeys: ReadonlyMap<string, string>;
  notifier: Notifier;
  /** Whether the merchant takes cancel notifications (KICC's admin lets it choose which events it gets); read on each cancel. */
  cancelNotifications: () => boolean;
  newPgCno: () => string;
  now: () => number;
  /** Records kept per table. */
  max: number;
}

export interface KiccRefunds {
  /** By the approval's `pgCno`. */
  approvals: StateTable<KiccApproval>;
  /** Records a payment of `registration`, under a `pgCno` of its own. */
  approve(registration: { pgCno: string; mallId: string; shopOrderNo: string; amount: number }, payMethodTypeCode: string, partCancelUsed: boolean): Promise<KiccApproval>;
  /** Handles a refund request's JSON body; answers KICC's reply as JSON text (a refusal thrown before the key is spent). */
  revise(body: Record<string, unknown>): Promise<string>;
  /** A cancel made in KICC's admin (all that remains unless `amount`): no API call, only the notification. */
  cancelInAdmin(pgCno: string, amount?: number): Promise<{ cancel: KiccCancel; notification: Delivery }>;
}

type CancelAsk = Pick<ReviseRequest, 'reviseTypeCode' | 'amount' | 'remainAmount'>;

const DAY_MS = 24 * 60 * 60 * 1000;

export function createKiccRefunds(options: KiccRefundsOptions): KiccRefunds {
  const { records, now, max } = options;
  const approvals = new StateTable<KiccApproval>(
    records,
    { emulator: 'kicc', kind: 'approvals' },
    { max, now, endsAt: (approval) => (cancelledOf(approval) >= approval.amount ? 0 : null) },
  );
  // KICC keeps a key "until midnight" of the day it was used (Korea time).
  const revisions = new StateTable<Revision>(records, { emulator: 'kicc', kind: 'revisions' }, { max, now, endsAt: () => parseKst(`${formatKst(now()).slice(0, 8)}000000`)!.getTime() + DAY_MS });

  async function approve(registration: { pgCno: string; mallId: string; shopOrderNo: string; amount: number }, payMethodTypeCode: string, partCancelUsed: boolean) {
    for (;;) {
      const pgCno = options.newPgCno();
      if (pgCno === registration.pgCno) continue;
      const approval: KiccApproval = {
        pgCno,
        registrationPgCno: registration.pgCno,
        mallId: registration.mallId,
        shopOrderNo: registration.shopOrderNo,
        amount: registration.amount,
        payMethodTypeCode,
        partCancelUsed,
        approvedAt: now(),
        cancels: [],
      };
      if (await approvals.add(pgCno, approval)) return approval;
    }
  }

  /** Cancels `ask` of approval `pgCno` of `mallId` once, however many instances are asked at the same moment, and notifies it. */
  async function cancel(mallId: string, pgCno: string, ask: CancelAsk, shopTransactionId?: string): Promise<{ approval: KiccApproval; cancel: KiccCancel; notification: Delivery }> {
    const base = { cancelPgCno: options.newPgCno(), at: now(), ...(shopTransactionId !== undefined && { shopTransactionId }) };
    let refusal: KiccRefusal | undefined;
    let made: KiccCancel | undefined;
    const updated = await approvals.update(pgCno, (approval) => {
      refusal = undefined;
      try {
        if (approval.mallId !== mallId) throw new KiccRefusal('E117', 'pgCno', pgCno);
        made = { ...nextCancel(approval, ask), ...base };
        return { ...approval, cancels: [...approval.cancels, made] };
      } catch (error) {
        if (!(error instanceof KiccRefusal)) throw error;
        refusal = error;
        return undefined;
      }
    });
    if (!updated) throw new KiccRefusal('E117', 'pgCno', pgCno);
    if (refusal || !made) throw refusal ?? new KiccRefusal('E117', 'pgCno', pgCno);
    const notification = cancelNotification(updated.value, made);
    if (options.cancelNotifications()) void options.notifier.deliver(notification);
    return { approval: updated.value, cancel: made, notification };
  }

  async function revise(body: Record<string, unknown>): Promise<string> {
    const request = checkReviseBody(body);
    const secretKey = options.secretKeys.get(request.mallId);
    if (secretKey === undefined) throw new KiccRefusal('E107', 'mallId', request.mallId);
    if (!sameText(request.msgAuthValue, msgAuthValueOf(secretKey, request))) throw new KiccRefusal('E116', 'msgAuthValue');
    const today = formatKst(now()).slice(0, 8);
    if (request.cancelReqDate !== today) throw new KiccRefusal('E115', 'cancelReqDate', `오늘(${today})이 아님`);

    // The same key the same day is the same refund: its first answer again, never a second payback.
    const key = [request.mallId, today, request.shopTransactionId].join('\n');
    const asked = JSON.stringify([request.pgCno, request.reviseTypeCode, request.amount ?? null, request.remainAmount ?? null]);
    if (!(await revisions.add(key, { request: asked, answer: null }))) {
      const first = await revisions.get(key);
      if (first?.request === asked && first.answer !== null) return first.answer;
      throw new KiccRefusal('E123', 'shopTransactionId', first?.request === asked ? '처리 중' : '다른 요청에 사용됨');
    }
    let answer: string;
    try {
      const { approval, cancel: made } = await cancel(request.mallId, request.pgCno, request, request.shopTransactionId);
      const reply: RevisedReply = {
        resCd: ACCEPTED,
        resMsg: '정상취소',
        mallId: approval.mallId,
        shopTransactionId: request.shopTransactionId,
        pgCno: approval.pgCno,
        cancelPgCno: made.cancelPgCno,
        cancelAmount: made.amount,
        remainAmount: made.remainAmount,
        cancelDate: formatKst(made.at),
        statusCode: made.statusCode,
        statusMessage: made.statusMessage,
      };
      answer = JSON.stringify(reply);
    } catch (error) {
      if (!(error instanceof KiccRefusal)) {
        await revisions.delete(key);
        throw error;
      }
      answer = JSON.stringify(refusalBody(error));
    }
    await revisions.update(key, (revision) => ({ ...revision, answer }));
    return answer;
  }

  async function cancelInAdmin(pgCno: string, amount?: number) {
    const approval = await approvals.get(pgCno);
    if (!approval) throw new KiccRefusal('E117', 'pgCno', pgCno);
    const remaining = approval.amount - cancelledOf(approval);
    const asked = amount ?? remaining;
    const whole = asked === approval.amount && approval.cancels.length === 0;
    const ask: CancelAsk = whole ? { reviseTypeCode: REVISE_WHOLE } : { reviseTypeCode: PARTIAL_TYPE_OF_METHOD[approval.payMethodTypeCode] ?? '32', amount: asked };
    const { cancel: made, notification } = await cancel(approval.mallId, pgCno, ask);
    return { cancel: made, notification };
  }

  return { approvals, approve, revise, cancelInAdmin };
}

/** What has been cancelled of `approval`. */
export const cancelledOf = (approval: Pick<KiccApproval, 'cancels'>) => approval.cancels.reduce((sum, cancel) => sum + cancel.amount, 0);

/** The next cancel of `approval` as `ask` describes it, or KICC's refusal of it. */
function nextCancel(approval: KiccApproval, ask: CancelAsk): Omit<KiccCancel, 'cancelPgCno' | 'at' | 'shopTransactionId'> {
  const remaining = approval.amount - cancelledOf(approval);
  if (remaining <= 0) throw new KiccRefusal('E118', 'pgCno', approval.pgCno);
  if (ask.reviseTypeCode === REVISE_WHOLE) {
    if (approval.cancels.length) throw new KiccRefusal('E122', 'reviseTypeCode', `부분취소된 거래: 잔액 ${remaining}원은 부분취소로`);
    if (ask.amount !== undefined && ask.amount !== approval.amount) throw new KiccRefusal('E119', 'amount', `전체취소 금액은 ${approval.amount}`);
    if (ask.remainAmount !== undefined && ask.remainAmount !== 0) throw new KiccRefusal('E120', 'remainAmount', `${ask.remainAmount} ≠ 0`);
    const status = CARD_METHODS.has(approval.payMethodTypeCode) ? CANCEL_STATUS.captureCancelled : CANCEL_STATUS.approvalCancelled;
    return { amount: approval.amount, remainAmount: 0, reviseTypeCode: REVISE_WHOLE, statusCode: status.code, statusMessage: status.message };
  }
  const partialType = PARTIAL_TYPE_OF_METHOD[approval.payMethodTypeCode];
  if (!approval.partCancelUsed || partialType === undefined) throw new KiccRefusal('E121', 'pgCno', '부분취소를 쓰지 않는 거래');
  if (ask.reviseTypeCode !== partialType) throw new KiccRefusal('E121', 'reviseTypeCode', `payMethodTypeCode ${approval.payMethodTypeCode}의 부분취소는 ${partialType}`);
  const amount = ask.amount!;
  if (amount > remaining) throw new KiccRefusal('E119', 'amount', `${amount} > ${remaining}`);
  if (ask.remainAmount !== undefined && ask.remainAmount !== remaining - amount) throw new KiccRefusal('E120', 'remainAmount', `${ask.remainAmount} ≠ ${remaining - amount}`);
  const status = CANCEL_STATUS.partlyCancelled;
  return { amount, remainAmount: remaining - amount, reviseTypeCode: partialType, statusCode: status.code, statusMessage: status.message };
}

/** KICC's `msgAuthValue`: HMAC-SHA256 keyed with the merchant's secret key over `pgCno|shopTransactionId`, lowercase hex. */
function msgAuthValueOf(secretKey: string, request: Pick<ReviseRequest, 'pgCno' | 'shopTransactionId'>): string {
  return createHmac('sha256', secretKey).update(`${request.pgCno}|${request.shopTransactionId}`, 'utf8').digest('hex');
}

/** Compares in constant time, as a gateway would. */
function sameText(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
