/**
 * Widget tokens at the API's door. With `WIDGET_TOKEN_SECRET` set, changing
 * requests need a valid `Authorization: Bearer <token>` and must stay inside
 * its claims; without it the API is open to the allowed origins, as in the
 * emulated demo. Reading a link needs no token (its unguessable id is the
 * capability, and the widget keeps polling long after a short token expired);
 * a valid token only proves who created it.
 */

import type { ProviderId } from '../../core/providers.js';
import type { FieldProblem } from '../../core/validate.js';
import { ApiError } from '../errors.js';
import { verifyWidgetToken, type Role, type WidgetClaims } from '../tokens.js';
import type { LinkRecord } from '../store/store.js';

/** What a token may be asked to allow: a new link's request, or an existing link. */
export interface ClaimTarget {
  amount: number;
  orderId: string | undefined;
  provider: ProviderId;
}

export class WidgetAuth {
  constructor(
    private readonly secret: string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.secret !== undefined;
  }

  /** The caller's claims; `undefined` when tokens are off. Throws 401 when they are on and the request has no valid token. */
  require(authorization: string | undefined): WidgetClaims | undefined {
    if (this.secret === undefined) return undefined;
    const token = bearer(authorization);
    if (token === undefined) throw new ApiError(401, 'unauthorized', { detail: { reason: 'no bearer token' } });
    const check = verifyWidgetToken(this.secret, token, this.now());
    if (check.ok) return check.claims;
    if (check.reason === 'expired') throw new ApiError(401, 'token_expired');
    throw new ApiError(401, 'unauthorized', { detail: { reason: check.reason } });
  }

  /** The claims of a valid token, when the request has one; refuses nothing. */
  identify(authorization: string | undefined): WidgetClaims | undefined {
    const token = bearer(authorization);
    if (this.secret === undefined || token === undefined) return undefined;
    const check = verifyWidgetToken(this.secret, token, this.now());
    return check.ok ? check.claims : undefined;
  }
}

/**
 * The caller's role. Without tokens (open mode: every provider emulated, or
 * `ALLOW_OPEN_API=true`) the API trusts whoever the allowed origins let in,
 * as a merchant's own back office.
 */
export const roleOf = (claims: WidgetClaims | undefined): Role => (claims ? (claims.role ?? 'customer') : 'merchant');

/** Refuses a `customer` token an action that is staff's or the merchant's. */
export function requireStaff(claims: WidgetClaims | undefined) {
  if (roleOf(claims) === 'customer') throw new ApiError(403, 'forbidden', { detail: { sub: claims?.sub, role: 'customer' } });
}

/** Whether the caller may act on `link`: a merchant on every link, anyone else on those made under their `sub`. */
export function mayAct(claims: WidgetClaims | undefined, link: Pick<LinkRecord, 'owner'>): boolean {
  if (roleOf(claims) === 'merchant') return true;
  return claims?.sub !== undefined && claims.sub === link.owner;
}

/**
 * Whether the caller sees the link's customer data in full: a merchant's
 * token, or a token with the `sub` that made it. Nobody without a token does,
 * not even in open mode: a link's id is a capability to follow it, not to
 * read whom it was sent to.
 */
export const seesCustomer = (claims: WidgetClaims | undefined, link: Pick<LinkRecord, 'owner'>) => claims !== undefined && mayAct(claims, link);

/** Refuses with 403 `token_mismatch`, naming each field the token fixes otherwise. */
export function enforceClaims(claims: WidgetClaims | undefined, target: ClaimTarget) {
  if (!claims) return;
  const fields: FieldProblem[] = [];
  const mismatch = (field: string) => fields.push({ field, code: 'token_mismatch' });
  if ((claims.amount !== undefined && target.amount !== claims.amount) || (claims.maxAmount !== undefined && target.amount > claims.maxAmount)) {
    mismatch('amount');
  }
  if (claims.orderId !== undefined && target.orderId !== claims.orderId) mismatch('orderId');
  if (claims.provider !== undefined && target.provider !== claims.provider) mismatch('provider');
  if (fields.length) throw new ApiError(403, 'token_mismatch', { fields, detail: { sub: claims.sub, fields: fields.map((f) => f.field) } });
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match?.[1];
}
