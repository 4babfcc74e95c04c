/**
 * PayWelcome's SMS short-URL API on the wire, as the adapter reads
 * PayWelcome's documents (./README.md). The emulator has its own reading, on purpose.
 */

import { z } from 'zod';
import { PROVIDERS } from '../../../core/providers.js';

export const PAYWELCOME_PATHS = {
  makeUrl: '/smspay/makeUrl',
  /** PAYAPI: cancels a payment never partly refunded, whole. */
  cancel: '/cancel/cancel',
  /** PAYAPI: refunds part of a payment, and every refund after the first partial one. */
  repay: '/cancel/repay',
  /** Where a short URL leads (emulator only; PayWelcome hosts its own, e.g. https://m.welpg.com/s/97T9). */
  shortLink: '/s',
} as const;

export const PAYWELCOME_SUCCESS = '00';

export const PAY_TYPES = ['card', 'hpp', 'vbank', 'bank'] as const;
export type PayType = (typeof PAY_TYPES)[number];

/** `P_HPP_METHOD`: `1` digital content, `2` physical goods; phone payments only. */
export const HPP_METHODS = ['1', '2'] as const;
/** `P_CHARSET`: the charset of the results posted to P_NEXT_URL / P_RETURN_URL (default EUC-KR). */
export const CHARSETS = ['utf8', 'euc-kr'] as const;

/** The form of `POST /smspay/makeUrl`, every value a string as it goes on the wire. */
export interface MakeUrlForm {
  mid: string;
  payType: PayType;
  /** `yyyyMMddHHmmss`, Korea time. */
  timestamp: string;
  P_GOODS: string;
  P_OID: string;
  /** Won as digits. */
  P_AMT: string;
  P_HPP_METHOD?: string;
  /** Installment months offered, e.g. `01:02:03`. */
  P_QUOTABASE?: string;
  /** For virtual-account deposit notices only. */
  P_NOTI_URL?: string;
  P_RETURN_URL: string;
  P_NEXT_URL: string;
  /** A `&`-joined option list (`twotrs_isp=Y&block_isp=Y`), sent as one form value. */
  P_RESERVED: string;
  P_CHARSET?: string;
  /** See signature.ts. */
  signature: string;
}

export type MakeUrlField = keyof MakeUrlForm;

/** Byte limits (CP949) from PayWelcome's field table; `signature` has none ("N/A"). */
export const MAKE_URL_BYTES: Record<Exclude<MakeUrlField, 'signature'>, number> = {
  mid: 10,
  payType: 5,
  timestamp: 14,
  P_GOODS: 40,
  P_OID: 30,
  P_AMT: 9,
  P_HPP_METHOD: 1,
  P_QUOTABASE: 100,
  P_NOTI_URL: 100,
  P_RETURN_URL: 100,
  P_NEXT_URL: 100,
  P_RESERVED: 300,
  P_CHARSET: 6,
};

/** The fields both PAYAPI refunds carry, every value a string as it goes on the wire. */
interface RefundCommon {
  payType: PayType;
  mid: string;
  /** The payment's `tid`, from its notification. */
  tid: string;
  currency: 'WON';
  /** `yyyyMMddHHmmss`, Korea time. */
  timestamp: string;
  /** sha256(mid + mkey + timestamp): signature.ts. */
  signature: string;
}

/** `POST /cancel/cancel`. */
export interface CancelForm extends RefundCommon {
  /** The whole payment, digits only. */
  price: string;
}

/** `POST /cancel/repay`. */
export interface RepayForm extends RefundCommon {
  cancelPrice: string;
  /** What remains after it. */
  confirmPrice: string;
}

/**
 * How the customer paid, as a notification's `payMethod` names it, as PAYAPI's
 * `payType`: the mobile `P_TYPE` names, the INICIS family's names (`Card`,
 * `HPP`, `DirectBank`, `VBank`: what we assume the 거래알림 carries, README.md),
 * and `payType`'s own.
 */
export const PAY_TYPE_OF_METHOD: Readonly<Record<string, PayType>> = {
  CARD: 'card',
  MOBILE: 'hpp',
  BANK: 'bank',
  VBANK: 'vbank',
  Card: 'card',
  HPP: 'hpp',
  DirectBank: 'bank',
  VBank: 'vbank',
  card: 'card',
  hpp: 'hpp',
  bank: 'bank',
  vbank: 'vbank',
};

export const refundReplySchema = z.object({
  ResultCode: z.string(),
  ResultMsg: z.string(),
  Tid: z.string().optional(),
  C_Tid: z.string().optional(),
  Price: z.union([z.string(), z.number()]).optional(),
});

/** A short URL stays payable this long after it is made. */
export const LINK_LIFETIME_MS = PROVIDERS.paywelcome.maxLifetimeMs;

/** Every answer, success or not, carries `ResultCode` and `ResultMsg`; `MsgSend` (≤ 50 bytes) only on success. */
export const makeUrlReplySchema = z.object({
  ResultCode: z.string(),
  ResultMsg: z.string(),
  MsgSend: z.string().optional(),
});

export type MakeUrlReply = z.infer<typeof makeUrlReplySchema>;
