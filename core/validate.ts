/**
 * The rules a link request must meet for a provider, as codes. The widget
 * runs them while staff type; the server runs them again before any provider
 * call. Both then word the codes through core/messages.
 */

import { checkBytes } from './bytes.js';
import type { CreateLinkRequest } from './link.js';
import { MAX_AMOUNT, MIN_AMOUNT } from './money.js';
import { isKoreanMobile } from './phone.js';
import type { LimitedField, ProviderProfile } from './providers.js';

export type FieldCode =
  | 'required'
  | 'invalid_type'
  | 'unknown_field'
  | 'not_integer'
  | 'amount_range'
  | 'too_long'
  | 'unencodable'
  | 'forbidden_char'
  | 'invalid_order_id'
  | 'duplicate_order_id'
  | 'invalid_phone'
  | 'invalid_email'
  | 'phone_required_for_sms'
  | 'sms_not_supported'
  | 'invalid_date'
  | 'expires_in_past'
  | 'expires_too_late'
  | 'invalid_provider'
  /** The provider exists but this deployment does not offer it (no credentials for it beside a live one). */
  | 'provider_not_configured'
  /** A refund of more than is left to give back. */
  | 'refund_exceeds_remaining'
  | 'legacy_charset'
  /** The value is not the one the caller's widget token allows. */
  | 'token_mismatch'
  /** The provider may text this number no more for now (`count` per `windowSeconds`; free again in `waitSeconds`). */
  | 'sms_rate_limited';

export type FieldParams = Record<string, string | number>;

export interface FieldProblem {
  field: string;
  code: FieldCode;
  params?: FieldParams;
}

const ORDER_ID = /^[A-Za-z0-9_-]+$/;
// Deliberately loose: one @, something on each side, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A link that ends sooner than this is of no use to anyone. */
export const MIN_LIFETIME_MS = 5 * 60 * 1000;

export interface CheckOptions {
  /** The provider's rules; without them only the rules every provider shares are checked. */
  profile: ProviderProfile | undefined;
  /** Epoch ms; injectable so expiry rules are testable. */
  now?: number;
}

/** A character as an error message can show it. */
const printable = (char: string) => (char === '\n' ? '\\n' : char === '\r' ? '\\r' : char);

/** Every problem with `request` for `provider`, in field order; empty when it may be sent. */
export function checkLinkRequest(request: Partial<CreateLinkRequest>, { profile, now = Date.now() }: CheckOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, code: FieldCode, params?: FieldParams) => problems.push(params ? { field, code, params } : { field, code });
  const bytes = (field: LimitedField, value: string | undefined) => {
    if (value === undefined || !profile) return;
    const forbidden = [...value].find((char) => profile.forbiddenChars.includes(char));
    if (forbidden !== undefined) return add(field, 'forbidden_char', { char: printable(forbidden) });
    const check = checkBytes(value, profile.limits[field]);
    if (check.ok) return;
    if (check.reason === 'unencodable') add(field, 'unencodable', { char: check.char });
    else add(field, 'too_long', { bytes: check.bytes, limit: check.limit });
  };

  const { amount } = request;
  if (amount === undefined) add('amount', 'required');
  else if (!Number.isInteger(amount)) add('amount', 'not_integer');
  else if (amount < MIN_AMOUNT || amount > MAX_AMOUNT) add('amount', 'amount_range', { min: MIN_AMOUNT, max: MAX_AMOUNT });

  if (request.goodsName === undefined || request.goodsName.trim() === '') add('goodsName', 'required');
  else bytes('goodsName', request.goodsName);

  if (request.orderId !== undefined) {
    if (!ORDER_ID.test(request.orderId)) add('orderId', 'invalid_order_id');
    else bytes('orderId', request.orderId);
  }

  const customer = request.customer ?? {};
  bytes('customer.name', customer.name);
  if (customer.phone !== undefined && !isKoreanMobile(customer.phone)) add('customer.phone', 'invalid_phone');
  if (customer.email !== undefined) {
    if (!EMAIL.test(customer.email)) add('customer.email', 'invalid_email');
    else bytes('customer.email', customer.email);
  }

  if (request.delivery === 'provider-sms') {
    if (profile && !profile.sendsSms) add('delivery', 'sms_not_supported');
    else if (customer.phone === undefined) add('customer.phone', 'phone_required_for_sms');
  }

  bytes('message', request.message);

  if (request.expiresAt !== undefined) {
    const at = Date.parse(request.expiresAt);
    if (Number.isNaN(at)) add('expiresAt', 'invalid_date');
    else if (at < now + MIN_LIFETIME_MS) add('expiresAt', 'expires_in_past', { minutes: MIN_LIFETIME_MS / 60_000 });
    else if (profile && at > now + profile.maxLifetimeMs) add('expiresAt', 'expires_too_late', { hours: profile.maxLifetimeMs / 3_600_000 });
  }
  return problems;
}

/**
 * Syllables outside strict EUC-KR in the texts a PG shows: legal, but worth a
 * warning because older PG screens may garble them.
 */
export function charsetWarnings(request: Partial<CreateLinkRequest>): FieldProblem[] {
  const texts: [string, string | undefined][] = [
    ['goodsName', request.goodsName],
    ['customer.name', request.customer?.name],
    ['message', request.message],
  ];
  return texts.flatMap(([field, text]) => {
    const check = text === undefined ? undefined : checkBytes(text, Infinity);
    return check?.ok && check.warnChars.length ? [{ field, code: 'legacy_charset' as const, params: { chars: check.warnChars.join(' ') } }] : [];
  });
}
