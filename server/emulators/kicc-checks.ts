/**
 * What the KICC emulator checks in a request's shape, before it looks at its
 * own records: each rule refuses what the real API would (PROVIDERS.md).
 */

import { checkBytes } from '../../core/bytes.js';
import { parseKst } from '../../core/kst.js';
import { PROVIDERS } from '../../core/providers.js';
import {
  CANCEL_BYTES,
  ORDER_INFO_BYTES,
  REG_INFO_BYTES,
  type CancelBody,
  type DirectOrderInfo,
  type DirectRegInfo,
} from '../providers/kicc/wire.js';
import { KiccRefusal } from './kicc-codes.js';

type Json = Record<string, unknown>;

/** Fields KICC takes as digits only. */
const DIGIT_FIELDS = new Set(['rcvMobileNo', 'sndTelNo', 'customerContactNo']);
/** Free text that KICC screens for its blocked characters. */
const FREE_TEXT_FIELDS = new Set(['goodsName', 'dispMsg', 'mallName', 'customerName']);
/** All methods, card, bank transfer, virtual account, mobile phone. */
const PAY_CODES = ['00', '11', '21', '22', '31'] as const;
const DEFAULT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

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
  reg: DirectRegInfo;
  order: DirectOrderInfo;
  /** Epoch ms: `smsPayExpr`, or KICC's default of D+7. */
  expiresAt: number;
}

export function checkRegisterBody(body: Json, now: number): CheckedRegistration {
  const reg = section(body, 'directRegInfo', REG_INFO_BYTES);
  const order = section(body, 'directOrderInfo', ORDER_INFO_BYTES);

  const mallId = reg.required('mallId');
  const regTxtype = reg.required('regTxtype', ['51', '52']);
  const regSubtype = reg.required('regSubtype', ['10', '11']);
  const sms = regTxtype === '51';
  if (regSubtype === '11' && !sms) throw new KiccRefusal('E103', 'regSubtype', '재전송은 regTxtype 51만 가능');
  const amount = reg.amount('amount');
  const installmentMonth = reg.optional('installmentMonth');
  if (installmentMonth !== undefined && !/^\d{2}$/.test(installmentMonth)) throw new KiccRefusal('E103', 'installmentMonth', '숫자 2자리');
  const smsPayExpr = reg.optional('smsPayExpr');
  const checkedReg: DirectRegInfo = {
    mallId,
    regTxtype,
    regSubtype,
    amount,
    currency: reg.required('currency', ['00']),
    payCode: reg.required('payCode', PAY_CODES),
    pgCno: regSubtype === '11' ? reg.required('pgCno') : reg.optional('pgCno'),
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
  const checkedOrder: DirectOrderInfo = {
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

export function checkCancelBody(body: Json): CancelBody {
  const cancel = new Fields(body, CANCEL_BYTES);
  return {
    mallId: cancel.required('mallId'),
    reviseTypeCode: cancel.required('reviseTypeCode', ['10']),
    reviseSubTypeCode: cancel.required('reviseSubTypeCode', ['30']),
    pgCno: cancel.required('pgCno'),
    clientId: cancel.required('clientId'),
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
  ) {
    for (const [field, limit] of Object.entries(limits)) checkText(field, fields[field], limit);
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
    const value = this.fields[field];
    if (value === undefined) throw new KiccRefusal('E101', field);
    if (typeof value !== 'number') throw new KiccRefusal('E103', field, 'number 필요');
    if (!Number.isSafeInteger(value) || value <= 0) throw new KiccRefusal('E103', field, '양의 정수');
    return value;
  }
}

function checkText(field: string, value: unknown, limit: number) {
  if (value === undefined) return;
  if (typeof value !== 'string') throw new KiccRefusal('E103', field, 'string 필요');
  const check = checkBytes(value, limit);
  if (!check.ok && check.reason === 'unencodable') throw new KiccRefusal('E112', field, check.char);
  if (!check.ok) throw new KiccRefusal('E102', field, `${check.bytes} > ${check.limit} byte`);
  if (DIGIT_FIELDS.has(field) && !/^\d*$/.test(value)) throw new KiccRefusal('E103', field, '숫자만');
  const blocked = FREE_TEXT_FIELDS.has(field) ? [...value].find((char) => PROVIDERS.kicc.forbiddenChars.includes(char)) : undefined;
  if (blocked !== undefined) throw new KiccRefusal('E108', field, JSON.stringify(blocked));
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
