/**
 * The PayWelcome emulator's refusals. PayWelcome publishes no error codes for
 * its short-URL API (only `00` = success, "그 외 실패"), so these codes are
 * the emulator's own, within the documented 6 characters; the Korean
 * `ResultMsg` names the field, e.g. `P_GOODS 길이 초과 (42 > 40 byte)`.
 * Every refusal answers HTTP 200 with `{ ResultCode, ResultMsg }`, except a
 * body too large to read (413).
 */

export const PAYWELCOME_EMULATOR_ERRORS = {
  /** A required field is absent or empty. */
  V101: '필수 항목 누락',
  /** More CP949 bytes than the field allows. */
  V102: '길이 초과',
  /** Not one of the documented values, not digits, not a URL, sent twice, or not encodable in CP949. */
  V103: '형식 오류',
  /** `signature` ≠ sha256(mid + mkey + P_OID + P_AMT + timestamp) (makeUrl), sha256(mid + mkey + timestamp) (cancels). */
  V104: '서명 검증 실패',
  /** `timestamp` is no `yyyyMMddHHmmss` Korea time, or more than 10 minutes from the emulator's clock. */
  V105: '타임스탬프 오류',
  /** `P_OID` already used by this merchant. The adapter recognises a duplicate by "중복": no other message has it. */
  V106: '중복 주문번호',
  /** `mid` is not a merchant the emulator knows. */
  V107: '미등록 가맹점',
  /** The body is not `application/x-www-form-urlencoded` in UTF-8. */
  V108: 'Content-Type 오류',
  /** The body is over the API's size limit (HTTP 413, before it is read). */
  V109: '요청 크기 초과',
  /** The `maintenance` fault: PayWelcome down for maintenance, answered "시스템 점검 중입니다" without processing. */
  V110: '시스템 점검',
  /** No payment with this `tid` for this merchant. */
  V111: '원거래 없음',
  /** Nothing of the payment remains to cancel. */
  V112: '이미 취소된 거래',
  /** `price` is not the whole payment, or `cancelPrice` is more than remains. */
  V113: '취소 금액 오류',
  /** `confirmPrice` ≠ what remains after this cancel. */
  V114: '취소 후 잔액 불일치',
  /** A partial cancel of a payment that allows none (`P_CARD_PRTC_CODE` 0). */
  V115: '부분취소 불가',
  /** `/cancel/cancel` after a partial cancel: the rest goes through `/cancel/repay`. */
  V116: '부분취소된 거래',
  /** `payType` or `currency` is not the payment's. */
  V117: '결제수단 불일치',
} as const;

export type PaywelcomeEmulatorError = keyof typeof PAYWELCOME_EMULATOR_ERRORS;

/** Thrown while checking a request; the route answers it as `{ ResultCode, ResultMsg }`. */
export class PaywelcomeRefusal extends Error {
  override name = 'PaywelcomeRefusal';

  constructor(
    readonly code: PaywelcomeEmulatorError,
    /** The field (or header) at fault. */
    subject: string,
    detail?: string,
  ) {
    super(`${subject} ${PAYWELCOME_EMULATOR_ERRORS[code]}${detail === undefined ? '' : ` (${detail})`}`);
  }
}
