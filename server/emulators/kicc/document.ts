/**
 * KICC EasyPay's SMS-link API as this emulator reads KICC's documents (listed
 * in server/providers/kicc/README.md). Written apart from the adapter's
 * wire.ts on purpose: the emulator checks the adapter, so a misreading they
 * shared would pass every test.
 */

export const KICC_API = {
  register: '/directapi/trades/directSmsUrlPayReg',
  cancel: '/directapi/trades/directSmsUrlPayCancel',
  /** Where a registration's `authPageUrl` leads: KICC hosts its own, the emulator serves this one. */
  payPage: '/pay',
} as const;

/** `resCd` of a request KICC accepted. */
export const ACCEPTED = '0000';

/** `regTxtype`: 51 KICC texts the link, 52 only makes it. */
export const SEND_SMS = '51';
export const URL_ONLY = '52';
/** `regSubtype`: 10 a new registration, 11 text an existing one again (with its `pgCno`). */
export const NEW_REGISTRATION = '10';
export const RESEND = '11';
/** `currency`: won. */
export const KRW = '00';
/** `payCode`: all methods, card, bank transfer, virtual account, mobile phone. */
export const PAY_CODES = ['00', '11', '21', '22', '31'] as const;
/** The cancel of an unregistered link: `reviseTypeCode` 10, `reviseSubTypeCode` 30. */
export const CANCEL_TYPE = '10';
export const CANCEL_SUBTYPE = '30';

/** Without `smsPayExpr` a link is payable for 7 days ("Default: D+7 if not set"). */
export const DEFAULT_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** The text fields of `directRegInfo` and their CP949 byte lengths; `amount` is a JSON number. */
export const REG_INFO_BYTES = {
  mallId: 8,
  regTxtype: 2,
  regSubtype: 2,
  currency: 2,
  payCode: 2,
  pgCno: 20,
  rcvMobileNo: 11,
  sndTelNo: 11,
  mallName: 14,
  dispMsg: 200,
  installmentMonth: 2,
  smsPayExpr: 14,
  certType: 1,
} as const;

/** The text fields of `directOrderInfo`; `goodsAmount` is a JSON number equal to `amount`. */
export const ORDER_INFO_BYTES = {
  shopOrderNo: 40,
  goodsName: 50,
  customerId: 20,
  customerName: 20,
  customerMail: 50,
  customerContactNo: 11,
  value1: 200,
  value2: 200,
  value3: 200,
} as const;

/** The cancel's fields, all text. */
export const CANCEL_BYTES = { mallId: 8, reviseTypeCode: 2, reviseSubTypeCode: 2, pgCno: 20, clientId: 32 } as const;

/** "Numbers only". */
export const DIGIT_FIELDS: ReadonlySet<string> = new Set(['rcvMobileNo', 'sndTelNo', 'customerContactNo']);
/** Free text, screened for the characters KICC refuses in any input. */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set(['goodsName', 'dispMsg', 'mallName', 'customerName']);
/** KICC's special-character page: quotes, angle brackets, backslash, `;`, `|`, `&`, line breaks. */
export const BLOCKED_CHARACTERS = `'"<>\\;|&\r\n`;

/** What a registration answers. `mallId`, `shopOrderNo` and `amount` return the request's values. */
export interface RegisteredReply {
  resCd: string;
  resMsg: string;
  mallId: string;
  shopOrderNo: string;
  pgCno: string;
  amount: number;
  /** `yyyyMMddHHmmss`, Korea time. */
  expiryDate: string;
  authPageUrl: string;
}

export interface CancelledReply {
  resCd: string;
  resMsg: string;
  pgCno: string;
}
