import type { FieldCode, FieldParams } from '../validate.js';

export type Locale = 'ko' | 'en';

/** Stable codes of the API's errors (`error.code`). */
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
  | 'forbidden_origin'
  | 'unauthorized'
  | 'token_expired'
  | 'token_mismatch'
  | 'internal_error';

/** Texts that the server and the widget both show: field names, field problems, API errors. */
export interface SharedMessages {
  fields: Record<string, string>;
  problems: Record<FieldCode, (params: FieldParams & { label: string }) => string>;
  errors: Record<ErrorCode, string>;
}
