/**
 * The KICC emulator's refusals. KICC publishes no error codes for its SMS-link
 * API (only `0000` = success), so these codes are the emulator's own; the
 * Korean `resMsg` names the field, as KICC's messages do, e.g.
 * `goodsName 길이 초과 (52 > 50 byte)`. Business errors answer HTTP 200.
 */

export const KICC_EMULATOR_ERRORS = {
  /** The body is not a JSON object (HTTP 400). */
  E100: '요청 형식 오류',
  E101: '필수 항목 누락',
  /** More CP949 bytes than the field allows. */
  E102: '길이 초과',
  /** Wrong JSON type, not digits, or a code KICC does not define. */
  E103: '형식 오류',
  /** `goodsAmount` ≠ `amount`. */
  E104: '금액 불일치',
  /** `shopOrderNo` already registered for this merchant. */
  E105: '중복 주문번호',
  /** `smsPayExpr` is no `yyyyMMddHHmmss` time in the future. */
  E106: '날짜 오류',
  E107: '미등록 가맹점',
  /** One of KICC's blocked characters in free text. */
  E108: '허용되지 않는 문자',
  /** Not `application/json` in UTF-8 (HTTP 415). */
  E109: '지원하지 않는 형식',
  /** No registration with this `pgCno` for this merchant. */
  E110: '등록 거래 없음',
  /** The registration is paid, cancelled or expired. */
  E111: '처리할 수 없는 거래 상태',
  /** A character CP949 cannot encode (emoji, most symbols). */
  E112: '인코딩 불가 문자',
  /** A body over the API's size limit (HTTP 413). */
  E113: '요청 크기 초과',
  /** The `maintenance` fault: KICC down for maintenance, answered "시스템 점검 중입니다" without processing. */
  E114: '시스템 점검',
  /** A refund's `cancelReqDate` is not today in Korea. */
  E115: '취소 요청일자 오류',
  /** `msgAuthValue` ≠ HMAC-SHA256(secret key, pgCno + "|" + shopTransactionId). */
  E116: '메시지 인증값 오류',
  /** No approval with this `pgCno` for this merchant (a registration's `pgCno` is not one). */
  E117: '원거래 없음',
  /** Nothing of the payment remains to cancel. */
  E118: '이미 취소된 거래',
  /** More than remains, or a whole cancel (40) for another amount than the payment's. */
  E119: '취소 가능 금액 초과',
  /** `remainAmount` ≠ what remains after this cancel. */
  E120: '취소 후 잔액 불일치',
  /** A partial cancel the payment does not allow: `partCancelUsed` N, or 32 / 33 for the other kind of method. */
  E121: '부분취소 불가',
  /** A whole cancel (40) of a payment already partly cancelled: the rest goes as a partial cancel. */
  E122: '전체취소 불가',
  /** The same `shopTransactionId` today for another request, or while the first is still being processed. */
  E123: '중복 요청',
} as const;

export type KiccEmulatorError = keyof typeof KICC_EMULATOR_ERRORS;

const HTTP_STATUS: Partial<Record<KiccEmulatorError, 400 | 413 | 415>> = { E100: 400, E109: 415, E113: 413 };

/** Thrown while checking a request; the route answers it as `{ resCd, resMsg }`. */
export class KiccRefusal extends Error {
  override name = 'KiccRefusal';
  readonly status: 200 | 400 | 413 | 415;

  constructor(
    readonly code: KiccEmulatorError,
    /** The field (or header) at fault. */
    subject: string,
    detail?: string,
  ) {
    super(`${subject} ${KICC_EMULATOR_ERRORS[code]}${detail === undefined ? '' : ` (${detail})`}`);
    this.status = HTTP_STATUS[code] ?? 200;
  }
}

/** A refusal as KICC answers it. */
export const refusalBody = (refusal: KiccRefusal) => ({ resCd: refusal.code, resMsg: refusal.message });
