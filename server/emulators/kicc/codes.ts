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
