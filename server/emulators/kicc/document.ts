/**
 * KICC EasyPay's SMS-link API as this emulator reads KICC's documents (listed
 * in server/providers/kicc/README.md). Written apart from the adapter's
 * wire.ts on purpose: the emulator checks the adapter, so a misreading they
 * shared would pass every test.
 */

export const KICC_API = {
  register: '/directapi/trades/directSmsUrlPayReg',
  cancel: '/directapi/trades/directSmsUrlPayCancel',
  /** Cancels an approved payment, whole or in part (결제취소): the refund. */
  revise: '/api/trades/revise',
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

/**
 * `reviseTypeCode` of a refund: 40 cancels the whole approval; 32 part of a
 * card payment ("신용카드(간편결제 포함) 부분취소"), 33 part of a bank
 * transfer or mobile one ("계좌이체, 휴대폰 결제거래 부분취소"). KICC's
 * other codes (capture, cash receipts, account refunds) are not emulated.
 */
export const REVISE_WHOLE = '40';
export const REVISE_PART_CARD = '32';
export const REVISE_PART_OTHER = '33';
export const REVISE_TYPES = [REVISE_WHOLE, REVISE_PART_CARD, REVISE_PART_OTHER] as const;
export type ReviseType = (typeof REVISE_TYPES)[number];

/**
 * `payMethodTypeCode` (KICC's common codes) of the methods the emulated
 * checkout offers, by the page's choice: card 11, bank transfer 21, mobile
 * 31, easy pay 60. Virtual accounts (22) pay later, by deposit: not offered.
 */
export const PAY_METHODS = { card: '11', transfer: '21', mobile: '31', easypay: '60' } as const;
export type PayMethodChoice = keyof typeof PAY_METHODS;
/** The partial cancel each method takes. */
export const PARTIAL_TYPE_OF_METHOD: Readonly<Record<string, ReviseType>> = { '11': REVISE_PART_CARD, '60': REVISE_PART_CARD, '21': REVISE_PART_OTHER, '31': REVISE_PART_OTHER };
/** Card payments are captured (매입) once approved: their whole cancel is a capture cancel. */
export const CARD_METHODS: ReadonlySet<string> = new Set(['11', '60']);

/** `statusCode` of a cancelled transaction: 승인취소, 매입취소, 부분취소. */
export const CANCEL_STATUS = {
  approvalCancelled: { code: 'TS02', message: '승인취소' },
  captureCancelled: { code: 'TS05', message: '매입취소' },
  partlyCancelled: { code: 'TS06', message: '부분취소' },
} as const;

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

/** The text fields of a refund (결제취소); `amount` and `remainAmount` are JSON numbers. */
export const REVISE_BYTES = {
  mallId: 8,
  shopTransactionId: 60,
  pgCno: 20,
  reviseTypeCode: 2,
  clientIp: 20,
  clientId: 32,
  cancelReqDate: 8,
  msgAuthValue: 200,
  reviseMessage: 100,
  refundQueryFlag: 1,
} as const;

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

/** What a refund answers: `cancelAmount` given back now, `remainAmount` what remains of the payment after it. */
export interface RevisedReply {
  resCd: string;
  resMsg: string;
  mallId: string;
  shopTransactionId: string;
  /** The approval's. */
  pgCno: string;
  /** The cancel's own id. */
  cancelPgCno: string;
  cancelAmount: number;
  remainAmount: number;
  /** `yyyyMMddHHmmss`, Korea time. */
  cancelDate: string;
  statusCode: string;
  statusMessage: string;
}
