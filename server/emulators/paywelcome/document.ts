/**
 * PayWelcome's SMS short-URL API (`makeUrl`) as this emulator reads
 * PayWelcome's documents (listed in server/providers/paywelcome/README.md).
 * Written apart from the adapter's wire.ts on purpose: the emulator checks
 * the adapter, so a misreading they shared would pass every test.
 */

export const PAYWELCOME_API = {
  makeUrl: '/smspay/makeUrl',
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

/** Every answer carries `ResultCode` and `ResultMsg`; `MsgSend` (the short URL, 50 bytes) only on success. */
export interface MakeUrlReply {
  ResultCode: string;
  ResultMsg: string;
  MsgSend?: string;
}
