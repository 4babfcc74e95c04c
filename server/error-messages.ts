/**
 * The API's error messages, by stable code (`error.code`), in the caller's
 * language. Only the server words these: the widget has its own, shorter,
 * texts for what it shows staff.
 */

import type { Locale } from '../core/messages/index.js';

export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'not_found'
  | 'unsupported_delivery'
  | 'idempotency_mismatch'
  | 'idempotency_in_progress'
  | 'invalid_idempotency_key'
  | 'duplicate_order_id'
  | 'resend_not_supported'
  | 'resend_needs_sms'
  | 'link_not_active'
  | 'provider_refused'
  | 'provider_unavailable'
  | 'provider_timeout'
  | 'provider_bad_response'
  | 'rate_limited'
  | 'too_many_streams'
  | 'forbidden_origin'
  | 'unauthorized'
  | 'token_expired'
  | 'token_mismatch'
  | 'forbidden'
  | 'provider_not_configured'
  | 'link_not_paid'
  | 'refund_exceeds_remaining'
  | 'partial_refund_not_supported'
  | 'refund_not_supported'
  | 'internal_error'
  /** Never sent by the app: what the reverse proxy in front answers when no instance did (README "Deploy"). */
  | 'server_unavailable';

const ko: Record<ErrorCode, string> = {
  validation_failed: '입력한 내용을 확인해 주세요.',
  invalid_json: '요청 본문이 올바른 JSON이 아닙니다.',
  unsupported_media_type: '요청은 application/json 이어야 합니다.',
  payload_too_large: '요청 본문이 너무 큽니다.',
  not_found: '찾을 수 없습니다.',
  unsupported_delivery: '이 결제사는 결제 링크를 문자로 보낼 수 없습니다.',
  idempotency_mismatch: '같은 Idempotency-Key가 다른 요청에 이미 쓰였습니다.',
  idempotency_in_progress: '같은 Idempotency-Key의 요청이 아직 처리 중입니다. 잠시 후 다시 시도해 주세요.',
  invalid_idempotency_key: 'Idempotency-Key는 1~255자의 보이는 ASCII 문자여야 합니다.',
  duplicate_order_id: '이미 사용한 주문번호입니다.',
  resend_not_supported: '이 결제사는 결제 링크 문자를 다시 보낼 수 없습니다. 링크를 직접 전달해 주세요.',
  resend_needs_sms: '결제사가 문자로 보낸 링크만 다시 보낼 수 있습니다.',
  link_not_active: '진행 중인 결제 링크가 아닙니다.',
  provider_refused: '결제사가 요청을 거절했습니다. 입력을 확인하거나 잠시 후 다시 시도해 주세요.',
  provider_unavailable: '결제사에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
  provider_timeout: '결제사가 제때 응답하지 않았습니다. 링크 상태를 확인 중입니다.',
  provider_bad_response: '결제사의 응답을 이해할 수 없습니다. 링크 상태를 확인 중입니다.',
  rate_limited: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  too_many_streams: '실시간 상태 연결이 너무 많이 열려 있습니다. 잠시 후 다시 시도해 주세요.',
  forbidden_origin: '이 사이트에서는 결제 링크를 만들 수 없습니다.',
  unauthorized: '인증 토큰이 없거나 올바르지 않습니다.',
  token_expired: '인증 토큰이 만료되었습니다. 페이지를 새로 고쳐 주세요.',
  token_mismatch: '이 토큰으로는 이 결제를 만들 수 없습니다.',
  forbidden: '이 토큰으로는 할 수 없는 작업입니다. 직원 또는 가맹점 권한이 필요합니다.',
  provider_not_configured: '이 결제사는 설정되어 있지 않습니다.',
  link_not_paid: '결제되지 않은 링크는 환불할 수 없습니다.',
  refund_exceeds_remaining: '환불 금액이 남은 결제 금액보다 큽니다.',
  partial_refund_not_supported: '이 결제사나 결제 수단은 부분 환불을 지원하지 않습니다. 남은 금액 전체를 환불해 주세요.',
  refund_not_supported: '이 결제사는 여기서 환불할 수 없습니다. 결제사 관리자 화면에서 환불해 주세요.',
  internal_error: '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.',
  server_unavailable: '결제 링크 서버가 응답하지 않았습니다. 잠시 후 다시 시도해 주세요.',
};

const en: Record<ErrorCode, string> = {
  validation_failed: 'Please check the highlighted fields.',
  invalid_json: 'The request body is not valid JSON.',
  unsupported_media_type: 'Requests must be application/json.',
  payload_too_large: 'The request body is too large.',
  not_found: 'Not found.',
  unsupported_delivery: 'This provider cannot send the link by text message.',
  idempotency_mismatch: 'This Idempotency-Key was already used with a different request.',
  idempotency_in_progress: 'A request with this Idempotency-Key is still in progress. Try again shortly.',
  invalid_idempotency_key: 'Idempotency-Key must be 1 to 255 visible ASCII characters.',
  duplicate_order_id: 'This order number has been used already.',
  resend_not_supported: 'This provider cannot text the link again. Hand the link to the customer yourself.',
  resend_needs_sms: 'Only links the provider texted can be texted again.',
  link_not_active: 'This payment link is no longer active.',
  provider_refused: 'The payment provider refused the request. Check the details or try again later.',
  provider_unavailable: 'The payment provider cannot be reached. Try again shortly.',
  provider_timeout: 'The payment provider did not answer in time. The link is being checked.',
  provider_bad_response: 'The payment provider sent an answer we could not read. The link is being checked.',
  rate_limited: 'Too many requests. Try again shortly.',
  too_many_streams: 'Too many live status connections are open. Try again shortly.',
  forbidden_origin: 'Payment links cannot be created from this site.',
  unauthorized: 'The access token is missing or invalid.',
  token_expired: 'The access token has expired. Reload the page.',
  token_mismatch: 'This token does not allow this payment.',
  forbidden: 'This token does not allow this action: it needs the staff or merchant role.',
  provider_not_configured: 'This payment provider is not set up here.',
  link_not_paid: 'Only a paid link can be refunded.',
  refund_exceeds_remaining: 'The refund is more than what remains of the payment.',
  partial_refund_not_supported: 'This provider or payment method cannot refund part of a payment. Refund all that remains.',
  refund_not_supported: 'This provider cannot refund from here. Refund in the provider’s own admin.',
  internal_error: 'Something went wrong on our side. Try again shortly.',
  server_unavailable: 'The payment link server did not answer. Try again shortly.',
};

export const ERROR_MESSAGES: Record<Locale, Record<ErrorCode, string>> = { ko, en };
