/**
 * Checks a `POST /smspay/makeUrl` or PAYAPI cancel form the way PayWelcome
 * does: every field in the order of its field table, then the merchant, then
 * the signature. Throws `PaywelcomeRefusal` on the first problem; keeps no
 * state (duplicate orders and what a payment allows are the caller's).
 */

import { checkBytes } from '../../../core/bytes.js';
import { parseKst } from '../../../core/kst.js';
import { PaywelcomeRefusal } from './codes.js';
import { CANCEL_FIELDS, CHARSETS, CURRENCIES, HPP_METHODS, MAKE_URL_FIELDS, NET_CANCEL, PAY_TYPES, REPAY_FIELDS, type PayType } from './document.js';
import { expectedCancelSignature, expectedMakeUrlSignature, sameSignature } from './signature.js';

/** What a valid request asks for. */
export interface MakeUrlOrder {
  mid: string;
  payType: PayType;
  oid: string;
  amount: number;
  goods: string;
  /** Where the customer's browser goes once the payment is done. */
  returnUrl: string;
}

export interface CheckContext {
  /** The merchant's hash key, or `undefined` for a merchant the emulator does not know. */
  mkeyOf(mid: string): string | undefined;
  /** Epoch ms of the emulator's clock. */
  now: number;
}

/** PayWelcome does not publish how far `timestamp` may be from its clock; ten minutes is our assumption. */
const TIMESTAMP_TOLERANCE_MS = 10 * 60 * 1000;

/** What a valid cancel asks for: the whole payment (`/cancel/cancel`) or part of it (`/cancel/repay`). */
export interface CancelAsk {
  mid: string;
  payType: PayType;
  tid: string;
  currency: string;
  /** `price`, or `cancelPrice`. */
  amount: number;
  /** `confirmPrice`: what the merchant says remains after a partial cancel. */
  remaining?: number;
}

/** A field-specific rule: a refusal for a value that fits its byte limit but not its meaning. */
type Rule = (value: string, form: URLSearchParams) => PaywelcomeRefusal | undefined;
type FieldTable = readonly { name: string; bytes: number; required: boolean }[];

const oneOf =
  (field: string, allowed: readonly string[]): Rule =>
  (value) =>
    allowed.includes(value) ? undefined : new PaywelcomeRefusal('V103', field, `${allowed.join('|')} 중 하나`);

const isHttpUrl = (value: string) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

const httpUrl =
  (field: string): Rule =>
  (value) =>
    isHttpUrl(value) ? undefined : new PaywelcomeRefusal('V103', field, 'http(s) URL 아님');

/** Won as digits, "콤마(,) 필히 제거": at least 1, or 0 where `zero` allows it. */
const won =
  (field: string, { zero = false } = {}): Rule =>
  (value) =>
    /^\d+$/.test(value) && (zero || Number(value) > 0) ? undefined : new PaywelcomeRefusal('V103', field, zero ? '0 이상의 숫자만' : '1 이상의 숫자만');

/** `timestamp`: Korea time, within the tolerance of the emulator's clock. */
const fresh =
  (now: number): Rule =>
  (value) => {
    const at = parseKst(value);
    if (!at) return new PaywelcomeRefusal('V105', 'timestamp', 'yyyyMMddHHmmss 한국 시각 아님');
    if (Math.abs(at.getTime() - now) > TIMESTAMP_TOLERANCE_MS) return new PaywelcomeRefusal('V105', 'timestamp', '허용 시간 ±10분 초과');
    return undefined;
  };

export function checkMakeUrl(form: URLSearchParams, { mkeyOf, now }: CheckContext): MakeUrlOrder {
  const rules: Record<string, Rule> = {
    payType: oneOf('payType', PAY_TYPES),
    timestamp: fresh(now),
    P_AMT: won('P_AMT'),
    P_HPP_METHOD: (value, all) =>
      all.get('payType') === 'hpp' ? oneOf('P_HPP_METHOD', HPP_METHODS)(value, all) : new PaywelcomeRefusal('V103', 'P_HPP_METHOD', 'payType=hpp 전용'),
    // Installment months, two digits each, colon-separated: `01:02:03`.
    P_QUOTABASE: (value) => (/^\d{2}(:\d{2})*$/.test(value) ? undefined : new PaywelcomeRefusal('V103', 'P_QUOTABASE', '01:02:03 형식')),
    P_NOTI_URL: httpUrl('P_NOTI_URL'),
    P_RETURN_URL: httpUrl('P_RETURN_URL'),
    P_NEXT_URL: httpUrl('P_NEXT_URL'),
    P_CHARSET: oneOf('P_CHARSET', CHARSETS),
  };
  checkFieldTable(form, MAKE_URL_FIELDS, rules);

  // Every required field is present now.
  const field = (name: string) => form.get(name)!;
  const mid = field('mid');
  const mkey = mkeyOf(mid);
  if (mkey === undefined) throw new PaywelcomeRefusal('V107', 'mid');
  if (!sameSignature(field('signature'), expectedMakeUrlSignature(form, mkey))) throw new PaywelcomeRefusal('V104', 'signature');

  return { mid, payType: field('payType') as PayType, oid: field('P_OID'), amount: Number(field('P_AMT')), goods: field('P_GOODS'), returnUrl: field('P_RETURN_URL') };
}

/** A `/cancel/cancel` (`whole`) or `/cancel/repay` form. */
export function checkCancel(form: URLSearchParams, whole: boolean, { mkeyOf, now }: CheckContext): CancelAsk {
  const rules: Record<string, Rule> = {
    payType: oneOf('payType', PAY_TYPES),
    price: won('price'),
    cancelPrice: won('cancelPrice'),
    confirmPrice: won('confirmPrice', { zero: true }),
    currency: oneOf('currency', CURRENCIES),
    tax: won('tax', { zero: true }),
    taxfree: won('taxfree', { zero: true }),
    timestamp: fresh(now),
    // A net cancel undoes a payment while it is being made; a refund is never one.
    cancelType: (value) => new PaywelcomeRefusal('V103', 'cancelType', value === NET_CANCEL ? '망취소는 결제 중에만' : `${NET_CANCEL}만 정의됨`),
  };
  checkFieldTable(form, whole ? CANCEL_FIELDS : REPAY_FIELDS, rules);

  const field = (name: string) => form.get(name)!;
  const mid = field('mid');
  const mkey = mkeyOf(mid);
  if (mkey === undefined) throw new PaywelcomeRefusal('V107', 'mid');
  if (!sameSignature(field('signature'), expectedCancelSignature(form, mkey))) throw new PaywelcomeRefusal('V104', 'signature');

  return {
    mid,
    payType: field('payType') as PayType,
    tid: field('tid'),
    currency: field('currency'),
    amount: Number(whole ? field('price') : field('cancelPrice')),
    ...(!whole && { remaining: Number(field('confirmPrice')) }),
  };
}

/** Every field of `table` in its order, which is also the order problems are reported in. */
function checkFieldTable(form: URLSearchParams, table: FieldTable, rules: Readonly<Record<string, Rule>>) {
  for (const { name: field, bytes: limit, required } of table) {
    const values = form.getAll(field);
    if (values.length > 1) throw new PaywelcomeRefusal('V103', field, `${values.length}번 전송됨`);
    const value = values[0];
    if (value === undefined || value === '') {
      if (required) throw new PaywelcomeRefusal('V101', field);
      continue;
    }
    const bytes = checkBytes(value, limit);
    if (!bytes.ok && bytes.reason === 'unencodable') throw new PaywelcomeRefusal('V103', field, `인코딩할 수 없는 문자 ${JSON.stringify(bytes.char)}`);
    if (!bytes.ok) throw new PaywelcomeRefusal('V102', field, `${bytes.bytes} > ${limit} byte`);
    const refusal = rules[field]?.(value, form);
    if (refusal) throw refusal;
  }
}
