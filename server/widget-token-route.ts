/**
 * Widget tokens minted where merchants need them: by their own server, for
 * each signed-in session. The merchant's `identify` says who is asking and
 * what they may do (role, sub, limits); the answer is a short-lived token for
 * the element's `token` attribute, `{ token, expiresAt }`, or 401 when there
 * is nobody to mint for.
 *
 *   // Hono
 *   app.get('/pay-link-token', widgetTokenRoute({ secret, identify: (c) => staffOf(c) }));
 *   // Express, or Node's http (`createServer(handler)`)
 *   app.get('/pay-link-token', widgetTokenHandler({ secret, identify: (req) => staffOf(req) }));
 *
 * where `staffOf` answers `{ role: 'staff', sub: user.id, maxAmount: 500_000 }`,
 * or null for a request without a session.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { assertSecret, MAX_TOKEN_TTL_MS, mintWidgetToken, type WidgetClaims } from './tokens.js';

/** What a token allows, decided per caller by the merchant: every claim but its expiry. */
export type TokenGrant = Omit<WidgetClaims, 'exp'>;

export interface MintedToken {
  token: string;
  /** When the token stops working (ISO 8601): the page asks for another before then. */
  expiresAt: string;
}

export interface WidgetTokenOptions<Request> {
  /** WIDGET_TOKEN_SECRET, as the pay-link server has it. */
  secret: string;
  /** Who is asking and what they may do; null (or undefined) when nobody is signed in: 401. */
  identify: (request: Request) => TokenGrant | null | undefined | Promise<TokenGrant | null | undefined>;
  /** The token's lifetime: 10 minutes unless set, at most 24 hours. */
  ttlSeconds?: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 600;

/** Mints a token for `grant` that lives `ttlSeconds`: what the route and the handler answer. */
export function mintTokenFor(secret: string, grant: TokenGrant, { ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS, now = Date.now() } = {}): MintedToken {
  const exp = Math.floor(now / 1000) + ttlSeconds;
  return { token: mintWidgetToken(secret, { ...grant, exp }, now), expiresAt: new Date(exp * 1000).toISOString() };
}

/** A Hono handler answering `{ token, expiresAt }` for the caller `identify` names. */
export function widgetTokenRoute<C extends Context>(options: WidgetTokenOptions<C>): (c: C) => Promise<Response> {
  const { secret, identify, ttlSeconds } = checked(options);
  return async (c) => {
    const grant = await identify(c);
    if (!grant) return c.json(NOBODY, 401, NO_STORE);
    return c.json(mintTokenFor(secret, grant, { ttlSeconds }), 200, NO_STORE);
  };
}

/**
 * The same for Express or Node's `http`: `(req, res, next?)`. A failure
 * (`identify` throwing, or granting what no token may hold, such as `staff`
 * without `sub`) goes to Express's `next`; without one it is answered 500.
 */
export function widgetTokenHandler<Request extends IncomingMessage = IncomingMessage>(options: WidgetTokenOptions<Request>) {
  const { secret, identify, ttlSeconds } = checked(options);
  return async (req: Request, res: ServerResponse, next?: (error: unknown) => void): Promise<void> => {
    try {
      const grant = await identify(req);
      if (!grant) return send(res, 401, NOBODY);
      send(res, 200, mintTokenFor(secret, grant, { ttlSeconds }));
    } catch (error) {
      if (next) return next(error);
      send(res, 500, { error: { code: 'internal_error', message: 'The widget token could not be minted.' } });
    }
  };
}

/** Refused when the route is set up, not at the first request. */
function checked<Request>(options: WidgetTokenOptions<Request>) {
  assertSecret(options.secret);
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds * 1000 > MAX_TOKEN_TTL_MS) {
    throw new RangeError(`ttlSeconds must be a whole number of seconds from 1 to ${MAX_TOKEN_TTL_MS / 1000}`);
  }
  return { ...options, ttlSeconds };
}

const NOBODY = { error: { code: 'unauthorized', message: 'Nobody is signed in: no widget token to mint.' } };
// A token is one session's: no shared cache may keep it.
const NO_STORE = { 'cache-control': 'no-store' };

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...NO_STORE }).end(JSON.stringify(body));
}
