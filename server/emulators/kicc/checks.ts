/**
 * What the KICC emulator checks in a request's shape, before it looks at its
 * own records: each rule refuses what the real API would, as the emulator
 * reads KICC's documents (document.ts).
 */

import { checkBytes } from '../../../core/bytes.js';
import { parseKst } from '../../../core/kst.js';
import { KiccRefusal } from './codes.js';
import {
  BLOCKED_CHARACTERS,
  CANCEL_BYTES,
  CANCEL_SUBTYPE,
  CANCEL_TYPE,
  DEFAULT_LIFETIME_MS,
  DIGIT_FIELDS,
  FREE_TEXT_FIELDS,
  KRW,
  NEW_REGISTRATION,
  ORDER_INFO_BYTES,
  PAY_CODES,
  REG_INFO_BYTES,
  RESEND,
  REVISE_BYTES,
  REVISE_TYPES,
  REVISE_WHOLE,
  SEND_SMS,
  URL_ONLY,
  type ReviseType,
} from './document.js';

type Json = Record<string, unknown>;

/** `directRegInfo` as checked: text fields as sent, `amount` a positive whole number. */
export interface RegInfo {
  mallId: string;
  regTxtype: typeof SEND_SMS | typeof URL_ONLY;
  regSubtype: typeof NEW_REGISTRATION | typeof RESEND;
  amount: number;
  currency: string;
  payCode: string;
  pgCno?: string;
  rcvMobileNo?: string;
  sndTelNo?: string;
  mallName?: string;
  dispMsg?: string;
  installmentMonth?: string;
  smsPayExpr?: string;
  certType?: string;
}

/** `directOrderInfo` as checked. */
export interface OrderInfo {
  shopOrderNo: string;
  goodsName: string;
  goodsAmount: number;
  customerId?: string;
  customerName?: string;
  customerMail?: string;
  customerContactNo?: string;
  value1?: string;
  value2?: string;
  value3?: string;
}

export interface CancelRequest {
  mallId: string;
  reviseTypeCode: string;
  reviseSubTypeCode: string;
  pgCno: string;
  clientId: string;
}

/** A refund (`/api/trades/revise`) as checked: text fields as sent, amounts whole won. */
export interface ReviseRequest {
  mallId: string;
  shopTransactionId: string;
  pgCno: string;
  reviseTypeCode: ReviseType;
  /** The partial cancel's amount; absent or the whole payment on a whole cancel. */
  amount?: number;
  /** What the merchant says remains after this cancel (optional, checked when sent). */
  remainAmount?: number;
  /** `yyyyMMdd`. */
  cancelReqDate: string;
  msgAuthValue: string;
  clientId?: string;
  reviseMessage?: string;
}

/** The body of an API request as JSON, refused unless it is a JSON object sent as UTF-8 JSON. */
export function readJsonBody(contentType: string | null, text: string): Json {
  const [mediaType, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8')) {
    throw new KiccRefusal('E109', 'Content-Type', contentType ?? '없음');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new KiccRefusal('E100', 'body', 'JSON 아님');
  }
  if (!isObject(body)) throw new KiccRefusal('E100', 'body', 'JSON 객체 아님');
  return body;
}

export interface CheckedRegistration {
  reg: RegInfo;
  order: OrderInfo;
  /** Epoch ms: `smsPayExpr`, or KICC's default of D+7. */
  expiresAt: number;
}

export function checkRegisterBody(body: Json, now: number): CheckedRegistration {
  const reg = section(body, 'directRegInfo', REG_INFO_BYTES);
  const order = section(body, 'directOrderInfo', ORDER_INFO_BYTES);

  const mallId = reg.required('mallId');
  const regTxtype = reg.required('regTxtype', [SEND_SMS, URL_ONLY]);
  const regSubtype = reg.required('regSubtype', [NEW_REGISTRATION, RESEND]);
  const sms = regTxtype === SEND_SMS;
  if (regSubtype === RESEND && !sms) throw new KiccRefusal('E103', 'regSubtype', '재전송은 regTxtype 51만 가능');
  const amount = reg.amount('amount');
  const installmentMonth = reg.optional('installmentMonth');
  if (installmentMonth !== undefined && !/^\d{2}$/.test(installmentMonth)) throw new KiccRefusal('E103', 'installmentMonth', '숫자 2자리');
  const smsPayExpr = reg.optional('smsPayExpr');
  const checkedReg: RegInfo = {
    mallId,
    regTxtype,
    regSubtype,
    amount,
    currency: reg.required('currency', [KRW]),
    payCode: reg.required('payCode', PAY_CODES),
    pgCno: regSubtype === RESEND ? reg.required('pgCno') : reg.optional('pgCno'),
    rcvMobileNo: sms ? reg.required('rcvMobileNo') : reg.optional('rcvMobileNo'),
    sndTelNo: sms ? reg.required('sndTelNo') : reg.optional('sndTelNo'),
    mallName: sms ? reg.required('mallName') : reg.optional('mallName'),
    dispMsg: reg.optional('dispMsg'),
    installmentMonth,
    smsPayExpr,
    certType: reg.optional('certType'),
  };

  const goodsAmount = order.amount('goodsAmount');
  if (goodsAmount !== amount) throw new KiccRefusal('E104', 'goodsAmount', `${goodsAmount} ≠ amount ${amount}`);
  const checkedOrder: OrderInfo = {
    shopOrderNo: order.required('shopOrderNo'),
    goodsName: order.required('goodsName'),
    goodsAmount,
    customerId: order.optional('customerId'),
    customerName: order.optional('customerName'),
    customerMail: order.optional('customerMail'),
    customerContactNo: order.optional('customerContactNo'),
    value1: order.optional('value1'),
    value2: order.optional('value2'),
    value3: order.optional('value3'),
  };
  return { reg: checkedReg, order: checkedOrder, expiresAt: expiryOf(smsPayExpr, now) };
}

export function checkCancelBody(body: Json): CancelRequest {
  const cancel = new Fields(body, CANCEL_BYTES);
  return {
    mallId: cancel.required('mallId'),
    reviseTypeCode: cancel.required('reviseTypeCode', [CANCEL_TYPE]),
    reviseSubTypeCode: cancel.required('reviseSubTypeCode', [CANCEL_SUBTYPE]),
    pgCno: cancel.required('pgCno'),
    clientId: cancel.required('clientId'),
  };
}

export function checkReviseBody(body: Json): ReviseRequest {
  // KICC's blocked characters are refused in any parameter: here every text field is free of them.
  const revise = new Fields(body, REVISE_BYTES, new Set(Object.keys(REVISE_BYTES)));
  const mallId = revise.required('mallId');
  const shopTransactionId = revise.required('shopTransactionId');
  const pgCno = revise.required('pgCno');
  const reviseTypeCode = revise.required('reviseTypeCode', REVISE_TYPES);
  // "부분취소 시 필수": the amount of a partial cancel; a whole cancel may leave it out.
  const amount = reviseTypeCode === REVISE_WHOLE ? revise.optionalAmount('amount') : revise.amount('amount');
  const remainAmount = revise.optionalAmount('remainAmount', { zero: true });
  const cancelReqDate = revise.required('cancelReqDate');
  if (!/^\d{8}$/.test(cancelReqDate)) throw new KiccRefusal('E103', 'cancelReqDate', 'yyyyMMdd');
  return {
    mallId,
    shopTransactionId,
    pgCno,
    reviseTypeCode,
    amount,
    remainAmount,
    cancelReqDate,
    msgAuthValue: revise.required('msgAuthValue'),
    clientId: revise.optional('clientId'),
    reviseMessage: revise.optional('reviseMessage'),
  };
}

function expiryOf(smsPayExpr: string | undefined, now: number): number {
  if (smsPayExpr === undefined) return now + DEFAULT_LIFETIME_MS;
  const at = parseKst(smsPayExpr);
  if (!at) throw new KiccRefusal('E106', 'smsPayExpr', 'yyyyMMddHHmmss 아님');
  if (at.getTime() <= now) throw new KiccRefusal('E106', 'smsPayExpr', '이미 지난 시각');
  return at.getTime();
}

/** The object `name` of the body. */
function section(body: Json, name: string, limits: Readonly<Record<string, number>>): Fields {
  const value = body[name];
  if (value === undefined) throw new KiccRefusal('E101', name);
  if (!isObject(value)) throw new KiccRefusal('E103', name, 'object 필요');
  return new Fields(value, limits);
}

/**
 * The fields of one JSON object. Every text field KICC defines is checked for
 * type, encoding, bytes and characters up front; the reads then add what each
 * field needs (presence, a known code).
 */
class Fields {
  constructor(
    private readonly fields: Json,
    limits: Readonly<Record<string, number>>,
    /** The fields screened for KICC's blocked characters. */
    screened: ReadonlySet<string> = FREE_TEXT_FIELDS,
  ) {
    for (const [field, limit] of Object.entries(limits)) checkText(field, fields[field], limit, screened);
  }

  optional(field: string): string | undefined {
    return this.fields[field] as string | undefined;
  }

  /** A text field that must be there and not be empty; one of `codes` when given. */
  required<Code extends string = string>(field: string, codes?: readonly Code[]): Code {
    const value = this.optional(field);
    if (value === undefined || value === '') throw new KiccRefusal('E101', field);
    if (codes && !(codes as readonly string[]).includes(value)) throw new KiccRefusal('E103', field, `${codes.join(', ')} 중 하나`);
    return value as Code;
  }

  /** Won, as a JSON number: a positive whole number. */
  amount(field: string): number {
    const value = this.optionalAmount(field);
    if (value === undefined) throw new KiccRefusal('E101', field);
    return value;
  }

  /** Won when sent: a positive whole number (or zero, where `zero` allows it). */
  optionalAmount(field: string, { zero = false } = {}): number | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'number') throw new KiccRefusal('E103', field, 'number 필요');
    if (!Number.isSafeInteger(value) || value < 0 || (value === 0 && !zero)) throw new KiccRefusal('E103', field, zero ? '0 이상의 정수' : '양의 정수');
    return value;
  }
}

function checkText(field: string, value: unknown, limit: number, screened: ReadonlySet<string>) {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new KiccRefusal('E103', field, 'string 필요');
  const check = checkBytes(value, limit);
  if (!check.ok && check.reason === 'unencodable') throw new KiccRefusal('E112', field, check.char);
  if (!check.ok) throw new KiccRefusal('E102', field, `${check.bytes} > ${check.limit} byte`);
  if (DIGIT_FIELDS.has(field) && !/^\d*$/.test(value)) throw new KiccRefusal('E103', field, '숫자만');
  const blocked = screened.has(field) ? [...value].find((char) => BLOCKED_CHARACTERS.includes(char)) : undefined;
  if (blocked !== undefined) throw new KiccRefusal('E108', field, JSON.stringify(blocked));
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
