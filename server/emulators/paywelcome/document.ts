/**
 * PayWelcome's SMS short-URL API (`makeUrl`) and its PAYAPI cancels as this
 * emulator reads PayWelcome's documents (listed in server/providers/paywelcome/README.md).
 * Written apart from the adapter's wire.ts on purpose: the emulator checks
 * the adapter, so a misreading they shared would pass every test.
 */

export const PAYWELCOME_API = {
  makeUrl: '/smspay/makeUrl',
  /** PAYAPI 거래취소: the whole payment, never partly cancelled before. */
  cancel: '/cancel/cancel',
  /** PAYAPI 부분취소: part of a payment, and the rest after a partial cancel ("부분취소 후 남은 금액 취소는 부분취소 API"). */
  repay: '/cancel/repay',
  /** Where a short URL leads: PayWelcome's own are like https://m.welpg.com/s/97T9; the emulator serves this one. */
  shortLink: '/s',
} as const;

/** `ResultCode` of a request PayWelcome accepted ("00: 정상, 그 외 실패"). */
export const ACCEPTED = '00';

/** "SMS결제URL은 72시간 동안 유효합니다." */
export const SHORT_URL_LIFETIME_MS = 72 * 60 * 60 * 1000;

/** `payType`: card, hpp (mobile phone), vbank (virtual account), bank (transfer). */
export const PAY_TYPES = ['card', 'hpp', 'vbank', 'bank'] as const;
export type PayType = (typeof PAY_TYPES)[number];
/** `P_HPP_METHOD`: 1 digital content, 2 physical goods; phone payments only. */
export const HPP_METHODS = ['1', '2'] as const;
/** `P_CHARSET`: how results are posted back, EUC-KR by default. */
export const CHARSETS = ['utf8', 'euc-kr'] as const;

/**
 * The request's field table in its order (`timestamp` listed once though the
 * table repeats it): CP949 bytes, and whether it is required. `signature` has
 * no length ("N/A").
 */
export const MAKE_URL_FIELDS = [
  { name: 'mid', bytes: 10, required: true },
  { name: 'payType', bytes: 5, required: true },
  { name: 'timestamp', bytes: 14, required: true },
  { name: 'P_GOODS', bytes: 40, required: true },
  { name: 'P_OID', bytes: 30, required: true },
  { name: 'P_AMT', bytes: 9, required: true },
  { name: 'P_HPP_METHOD', bytes: 1, required: false },
  { name: 'P_QUOTABASE', bytes: 100, required: false },
  { name: 'P_NOTI_URL', bytes: 100, required: false },
  { name: 'P_RETURN_URL', bytes: 100, required: true },
  { name: 'P_NEXT_URL', bytes: 100, required: true },
  { name: 'P_RESERVED', bytes: 300, required: true },
  { name: 'P_CHARSET', bytes: 6, required: false },
  { name: 'signature', bytes: Infinity, required: true },
] as const;

export type MakeUrlField = (typeof MAKE_URL_FIELDS)[number]['name'];

/** `currency` of a cancel: "WON / USD". */
export const CURRENCIES = ['WON', 'USD'] as const;
/** `cancelType`: "모바일 망취소일 경우 사용 — 모바일망취소:C", a cancel during the payment itself, never a refund. */
export const NET_CANCEL = 'C';

/** `/cancel/cancel`'s field table in its order: bytes, and whether required. */
export const CANCEL_FIELDS = [
  { name: 'payType', bytes: 10, required: true },
  { name: 'mid', bytes: 10, required: true },
  { name: 'tid', bytes: 40, required: true },
  { name: 'price', bytes: 22, required: true },
  { name: 'currency', bytes: 3, required: true },
  { name: 'timestamp', bytes: 14, required: true },
  { name: 'signature', bytes: Infinity, required: true },
  { name: 'cancelType', bytes: 1, required: false },
] as const;

/** `/cancel/repay`'s: `cancelPrice` given back now, `confirmPrice` what remains after it ("취소 후남은 금액"). */
export const REPAY_FIELDS = [
  { name: 'payType', bytes: 10, required: true },
  { name: 'mid', bytes: 10, required: true },
  { name: 'tid', bytes: 40, required: true },
  { name: 'cancelPrice', bytes: 22, required: true },
  { name: 'confirmPrice', bytes: 22, required: true },
  { name: 'currency', bytes: 3, required: true },
  { name: 'tax', bytes: 10, required: false },
  { name: 'taxfree', bytes: 10, required: false },
  { name: 'timestamp', bytes: 14, required: true },
  { name: 'signature', bytes: Infinity, required: true },
] as const;

/** A transaction notification's `transType`: 00 approval, 01 cancel, 11 partial cancel. */
export const TRANS_TYPES = { approval: '00', cancel: '01', partialCancel: '11' } as const;

/**
 * How a notification names the method paid with (`payMethod`), by the link's
 * `payType`. PayWelcome publishes no notification fields; these are the
 * INICIS family's names, the assumption the provider's README states.
 */
export const PAY_METHOD_OF_TYPE: Readonly<Record<PayType, string>> = { card: 'Card', hpp: 'HPP', bank: 'DirectBank', vbank: 'VBank' };

/**
 * A cancel's answer; on success `Tid` is the payment's, `Price` what was
 * given back, `CancelDate` / `CancelTime` Korea time (`yyyyMMdd`, `HHmmss`).
 * A partial cancel adds `C_Tid` (22 bytes, its own id) and `RmainPrice`
 * (sic: what remains); a whole one adds `Moid` (the order number).
 */
export interface CancelReply {
  ResultCode: string;
  ResultMsg: string;
  Mid?: string;
  Tid?: string;
  C_Tid?: string;
  Moid?: string;
  Price?: string;
  RmainPrice?: string;
  CancelDate?: string;
  CancelTime?: string;
}

/** Every answer carries `ResultCode` and `ResultMsg`; `MsgSend` (the short URL, 50 bytes) only on success. */
export interface MakeUrlReply {
  ResultCode: string;
  ResultMsg: string;
  MsgSend?: string;
}
