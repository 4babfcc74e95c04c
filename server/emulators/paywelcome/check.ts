/**
 * Checks a `POST /smspay/makeUrl` form the way PayWelcome does: every field
 * in the order of its field table, then the merchant, then the signature.
 * Throws `PaywelcomeRefusal` on the first problem; keeps no state (the
 * duplicate-order check is the caller's).
 */

import { checkBytes } from '../../../core/bytes.js';
import { parseKst } from '../../../core/kst.js';
import { PaywelcomeRefusal } from './codes.js';
import { CHARSETS, HPP_METHODS, MAKE_URL_FIELDS, PAY_TYPES, type MakeUrlField, type PayType } from './document.js';
import { expectedMakeUrlSignature, sameSignature } from './signature.js';

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

/** A field-specific rule: a refusal for a value that fits its byte limit but not its meaning. */
type Rule = (value: string, form: URLSearchParams) => PaywelcomeRefusal | undefined;

const oneOf =
  (field: MakeUrlField, allowed: readonly string[]): Rule =>
  (value) =>
    allowed.includes(value) ? undefined : new PaywelcomeRefusal('V103', field, `${allowed.join('|')} 중 하나`);

const isHttpUrl = (value: string) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

const httpUrl =
  (field: MakeUrlField): Rule =>
  (value) =>
    isHttpUrl(value) ? undefined : new PaywelcomeRefusal('V103', field, 'http(s) URL 아님');

export function checkMakeUrl(form: URLSearchParams, { mkeyOf, now }: CheckContext): MakeUrlOrder {
  const rules: Partial<Record<MakeUrlField, Rule>> = {
    payType: oneOf('payType', PAY_TYPES),
    timestamp: (value) => {
      const at = parseKst(value);
      if (!at) return new PaywelcomeRefusal('V105', 'timestamp', 'yyyyMMddHHmmss 한국 시각 아님');
      if (Math.abs(at.getTime() - now) > TIMESTAMP_TOLERANCE_MS) return new PaywelcomeRefusal('V105', 'timestamp', '허용 시간 ±10분 초과');
      return undefined;
    },
    P_AMT: (value) => (/^\d+$/.test(value) && Number(value) > 0 ? undefined : new PaywelcomeRefusal('V103', 'P_AMT', '1 이상의 숫자만')),
    P_HPP_METHOD: (value, all) =>
      all.get('payType') === 'hpp' ? oneOf('P_HPP_METHOD', HPP_METHODS)(value, all) : new PaywelcomeRefusal('V103', 'P_HPP_METHOD', 'payType=hpp 전용'),
    // Installment months, two digits each, colon-separated: `01:02:03`.
    P_QUOTABASE: (value) => (/^\d{2}(:\d{2})*$/.test(value) ? undefined : new PaywelcomeRefusal('V103', 'P_QUOTABASE', '01:02:03 형식')),
    P_NOTI_URL: httpUrl('P_NOTI_URL'),
    P_RETURN_URL: httpUrl('P_RETURN_URL'),
    P_NEXT_URL: httpUrl('P_NEXT_URL'),
    P_CHARSET: oneOf('P_CHARSET', CHARSETS),
  };

  // In the order of the field table, which is also the order problems are reported in.
  for (const { name: field, bytes: limit, required } of MAKE_URL_FIELDS) {
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

  // Every required field is present now.
  const field = (name: MakeUrlField) => form.get(name)!;
  const mid = field('mid');
  const mkey = mkeyOf(mid);
  if (mkey === undefined) throw new PaywelcomeRefusal('V107', 'mid');
  if (!sameSignature(field('signature'), expectedMakeUrlSignature(form, mkey))) throw new PaywelcomeRefusal('V104', 'signature');

  return { mid, payType: field('payType') as PayType, oid: field('P_OID'), amount: Number(field('P_AMT')), goods: field('P_GOODS'), returnUrl: field('P_RETURN_URL') };
}
