/**
 * KICC EasyPay's SMS-link API on the wire, as the adapter reads KICC's
 * documents (./README.md). The emulator has its own reading, on purpose.
 */

import { z } from 'zod';

export const KICC_PATHS = {
  register: '/directapi/trades/directSmsUrlPayReg',
  cancel: '/directapi/trades/directSmsUrlPayCancel',
  /** Cancels (refunds) an approved payment, whole or in part. */
  revise: '/api/trades/revise',
  /** The payment page a registration's `authPageUrl` points to (emulator only; KICC hosts its own). */
  payPage: '/pay',
} as const;

export const KICC_SUCCESS = '0000';

export interface DirectRegInfo {
  mallId: string;
  /** `51` KICC texts the link, `52` only makes it. */
  regTxtype: '51' | '52';
  /** `10` new registration, `11` text an existing one again (needs `pgCno`). */
  regSubtype: '10' | '11';
  amount: number;
  currency: '00';
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

export interface DirectOrderInfo {
  shopOrderNo: string;
  goodsName: string;
  /** Equal to `amount`. */
  goodsAmount: number;
  customerId?: string;
  customerName?: string;
  customerMail?: string;
  customerContactNo?: string;
  value1?: string;
  value2?: string;
  value3?: string;
}

export interface RegisterBody {
  directRegInfo: DirectRegInfo;
  directOrderInfo: DirectOrderInfo;
}

export interface CancelBody {
  mallId: string;
  reviseTypeCode: '10';
  reviseSubTypeCode: '30';
  /** The registration's `pgCno`. */
  pgCno: string;
  /** Who asks (KICC: a merchant-admin login id). */
  clientId: string;
}

/**
 * `POST /api/trades/revise`: a refund of an approved payment (README.md,
 * "Refunds"). `reviseTypeCode` 40 cancels it whole; 32 cancels part of a
 * card or easy-pay payment, 33 part of a bank transfer or mobile payment.
 */
export interface ReviseBody {
  mallId: string;
  /** New per refund, stored before the first call and sent again on every retry of it. */
  shopTransactionId: string;
  /** The approval's `pgCno`, from the payment notification. */
  pgCno: string;
  reviseTypeCode: '40' | '32' | '33';
  /** The refund, on a partial one; a JSON number. */
  amount?: number;
  /** What remains after it, on a partial one. */
  remainAmount?: number;
  /** Today in Korea, `yyyyMMdd`. */
  cancelReqDate: string;
  clientId: string;
  reviseMessage?: string;
  /** HMAC-SHA256 with the secret key over `pgCno|shopTransactionId`, lower-case hex. */
  msgAuthValue: string;
}

/** `payMethodTypeCode` of a notification: 11 card, 21 bank transfer, 22 virtual account, 31 mobile, 50 prepaid, 60 easy pay. */
export const PARTIAL_REVISE_CODE: Readonly<Record<string, '32' | '33'>> = { '11': '32', '50': '32', '60': '32', '21': '33', '31': '33' };

type TextFields<T> = { [K in keyof T]-?: NonNullable<T[K]> extends string ? K : never }[keyof T];

/** Byte limits (CP949) of every text field, from KICC's field tables. */
export const REG_INFO_BYTES: Record<TextFields<DirectRegInfo>, number> = {
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
};

export const ORDER_INFO_BYTES: Record<TextFields<DirectOrderInfo>, number> = {
  shopOrderNo: 40,
  goodsName: 50,
  customerId: 20,
  customerName: 20,
  customerMail: 50,
  customerContactNo: 11,
  value1: 200,
  value2: 200,
  value3: 200,
};

export const CANCEL_BYTES: Record<TextFields<CancelBody>, number> = {
  mallId: 8,
  reviseTypeCode: 2,
  reviseSubTypeCode: 2,
  pgCno: 20,
  clientId: 32,
};

export const REVISE_BYTES: Record<TextFields<ReviseBody>, number> = {
  mallId: 8,
  shopTransactionId: 60,
  pgCno: 20,
  reviseTypeCode: 2,
  cancelReqDate: 8,
  clientId: 32,
  reviseMessage: 100,
  msgAuthValue: 200,
};

/** Every answer, success or not, carries these two. */
export const replyEnvelopeSchema = z.object({ resCd: z.string(), resMsg: z.string() });

export const registeredReplySchema = replyEnvelopeSchema.extend({
  pgCno: z.string().min(1),
  authPageUrl: z.url({ protocol: /^https?$/ }),
  expiryDate: z.string(),
  // "Returns the value sent in the request": checked when present.
  mallId: z.string().optional(),
  shopOrderNo: z.string().optional(),
  amount: z.number().optional(),
});

// The cancelled registration's `pgCno`; a cancel that went through is not undone by a missing echo.
export const cancelledReplySchema = replyEnvelopeSchema.extend({ pgCno: z.string().optional() });

// Amounts come as numbers from the live API and as strings in KICC's examples: both are read.
const won = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
export const revisedReplySchema = replyEnvelopeSchema.extend({
  cancelPgCno: z.string().optional(),
  cancelAmount: won.optional(),
  remainAmount: won.optional(),
  statusCode: z.string().optional(),
});

export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;
export type RegisteredReply = z.infer<typeof registeredReplySchema>;
export type CancelledReply = z.infer<typeof cancelledReplySchema>;
