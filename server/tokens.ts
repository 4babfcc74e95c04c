/**
 * Widget tokens. The merchant's own server mints one for each page that
 * shows the widget: short-lived, and optionally fixing the amount, the order
 * or a ceiling, so a customer who edits the page in devtools cannot ask for
 * another payment than the merchant meant. Compact and dependency-free:
 * `base64url(JSON claims) . base64url(HMAC-SHA256(secret, context + claims))`.
 */

import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PROVIDER_IDS } from '../core/providers.js';

/** 32 characters: an HMAC key shorter than that is guessable sooner than the MAC. */
export const MIN_SECRET_LENGTH = 32;
/** A token serves one page view; none may live longer than a working day. */
export const MAX_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Bound into every MAC, so a secret reused for something else cannot mint these. */
const CONTEXT = 'pay-link widget token v1\n';
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * What a token's holder may do (the `role` claim):
 * - `customer` (the default): a page a customer sees, such as a shop's
 *   checkout. Creates links and reads its own; lists and changes nothing.
 * - `staff`: a staff member or a counter, named by `sub`. Also lists,
 *   resends, cancels and refunds the links made under the same `sub`.
 * - `merchant`: the merchant's own server or back office. Acts on every link.
 */
export const ROLES = ['customer', 'staff', 'merchant'] as const;
export type Role = (typeof ROLES)[number];

const claimsSchema = z.strictObject({
  /** Expiry in epoch seconds, as JWT's `exp`. */
  exp: z.int().positive(),
  /** The one amount (won) this token may ask for. */
  amount: z.int().positive().optional(),
  /** The most (won) this token may ask for. */
  maxAmount: z.int().positive().optional(),
  /** The one order number this token may use; the API fills it in when the request has none. */
  orderId: z.string().min(1).max(40).optional(),
  /** The one provider this token may use; filled in when the request names none. */
  provider: z.enum(PROVIDER_IDS).optional(),
  /** The merchant's own label for the caller (staff id, till); links made with it are that caller's. */
  sub: z.string().regex(/^[\w.@:-]{1,64}$/, 'letters, digits and ._@:- only, up to 64').optional(),
  /** `customer` when absent. */
  role: z.enum(ROLES).optional(),
}).refine((claims) => claims.role !== 'staff' || claims.sub !== undefined, { message: 'a staff token names its holder in sub', path: ['sub'] });

export type WidgetClaims = z.infer<typeof claimsSchema>;

export type TokenCheck =
  | { ok: true; claims: WidgetClaims }
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' | 'too_long_lived' };

export function mintWidgetToken(secret: string, claims: WidgetClaims, now: number = Date.now()): string {
  assertSecret(secret);
  const checked = claimsSchema.parse(claims);
  const ttl = checked.exp * 1000 - now;
  if (ttl <= 0) throw new RangeError('exp is not in the future');
  if (ttl > MAX_TOKEN_TTL_MS) throw new RangeError(`exp is more than ${MAX_TOKEN_TTL_MS / 3_600_000} hours away`);
  const payload = Buffer.from(JSON.stringify(checked)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The token's claims when its MAC is ours and it has not expired; never throws. */
export function verifyWidgetToken(secret: string, token: string, now: number = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts.every((part) => BASE64URL.test(part))) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const given = Buffer.from(signature, 'base64url');
  // The MAC is checked before the claims are even parsed; constant time, so it leaks no prefix.
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(secret, payload))) return { ok: false, reason: 'bad_signature' };

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = claimsSchema.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  const expiresAt = claims.data.exp * 1000;
  if (expiresAt <= now) return { ok: false, reason: 'expired' };
  // Signed with our secret, yet longer-lived than mint allows: a minter bypassing mint.
  if (expiresAt - now > MAX_TOKEN_TTL_MS) return { ok: false, reason: 'too_long_lived' };
  return { ok: true, claims: claims.data };
}

export function assertSecret(secret: string) {
  if (secret.length < MIN_SECRET_LENGTH) throw new RangeError(`WIDGET_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(CONTEXT).update(payload).digest();
