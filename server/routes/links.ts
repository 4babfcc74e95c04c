/** `/api/links`: the HTTP face of the link service. */

import { zValidator } from '@hono/zod-validator';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import type { Locale } from '../../core/messages/index.js';
import type { AppEnv } from '../env.js';
import { ApiError, notFound, validationError } from '../errors.js';
import { Idempotency, type Outcome } from '../links/idempotency.js';
import { presentLink } from '../links/present.js';
import type { RefundService } from '../links/refund-service.js';
import { createLinkSchema, refundSchema, zodProblems } from '../links/schema.js';
import type { Caller, LinkService } from '../links/service.js';
import type { LinkWatcher } from '../links/watcher.js';
import { clientIp } from '../security/client-ip.js';
import type { StreamSlots } from '../security/stream-slots.js';
import { enforceClaims, mayAct, requireStaff, seesCustomer, type WidgetAuth } from '../security/widget-auth.js';
import type { LinkRecord } from '../store/store.js';
import { streamLinkEvents } from './link-events.js';

interface LinkRouteDeps {
  links: LinkService;
  refunds: RefundService;
  watcher: LinkWatcher;
  streamSlots: StreamSlots;
  idempotency: Idempotency;
  auth: WidgetAuth;
  publicBaseUrl: string;
  merchantName?: string;
  trustedProxies: readonly string[];
  now?: () => number;
}

/** State-changing requests carry JSON; anything else is refused before it is read. */
const requireJson: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(415, 'unsupported_media_type');
  await next();
};

const refuseInvalid = (result: { success: true } | { success: false; error: z.core.$ZodError }) => {
  if (!result.success) throw validationError(zodProblems(result.error));
};

const validBody = zValidator('json', createLinkSchema, refuseInvalid, {
  validationFunction: (schema, value) => schema.safeParseAsync(value, { reportInput: true }),
});
const validRefund = zValidator('json', refundSchema, refuseInvalid);

export function linkRoutes({ links, refunds, watcher, streamSlots, idempotency, auth, publicBaseUrl, merchantName, trustedProxies, now = Date.now }: LinkRouteDeps) {
  const present = (link: LinkRecord, revealCustomer = false) => presentLink(link, { now: now(), publicBaseUrl, revealCustomer, merchantName });
  // One presenter for every stream, so a version published to many is serialized once (link-events.ts).
  const presentToStreams = (link: LinkRecord) => present(link);

  /** Changing requests need a valid token when tokens are on; checked before the body is even read. */
  const requireToken: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('claims', auth.require(c.req.header('authorization')));
    await next();
  };

  const callerOf = (c: Context<AppEnv>): Caller => {
    const sub = c.get('claims')?.sub;
    return { actor: sub ? `api:${sub}` : 'api', ip: clientIp(c, trustedProxies), owner: sub ?? null };
  };

  /**
   * The link a resend or cancel is about, when the caller may change it: staff
   * their own links, a merchant any. A link made under another `sub` is not
   * there for this caller, so its existence is not confirmed either.
   */
  const changeable = async (c: Context<AppEnv>) => {
    const claims = c.get('claims');
    requireStaff(claims);
    const link = await links.get(c.req.param('id')!);
    if (!mayAct(claims, link)) throw notFound();
    enforceClaims(claims, link);
    return link;
  };

  /**
   * Runs `execute` once per `Idempotency-Key` (Stripe's semantics), or just
   * runs it when the request has none. Who asks is part of the fingerprint
   * (`operation`), so another token's caller cannot replay this one's answer.
   */
  const once = async (
    c: Context<AppEnv>,
    operation: string,
    body: unknown,
    execute: (key?: string) => Promise<Outcome>,
    recover: (linkId: string) => Promise<Outcome>,
  ) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return { ...(await execute()), replayed: false };
    Idempotency.assertKey(key);
    const answer = await idempotency.run(key, Idempotency.fingerprint(operation, body), () => execute(key), recover);
    if (answer.replayed) c.header('idempotent-replayed', 'true');
    return answer;
  };

  /** The answer to a keyed request whose process died after recording `linkId` (see idempotency.ts). */
  const recovered = async (linkId: string, locale: Locale): Promise<Outcome> => {
    const link = await links.get(linkId);
    // The provider certainly holds nothing: the key is freed and the client may try again.
    if (link.state === 'failed') return { status: 502, body: new ApiError(502, 'provider_unavailable', { retryable: true }).toBody(locale), keep: false };
    if (link.url) return { status: 201, body: present(link, true), keep: true };
    // Still `creating` or `unknown`: exactly what a timed-out request answers; the reconciler takes it from here.
    return { status: 504, body: new ApiError(504, 'provider_timeout', { retryable: false, linkId }).toBody(locale), keep: true };
  };

  return new Hono<AppEnv>()
    .post('/', requireJson, requireToken, validBody, async (c) => {
      const claims = c.get('claims');
      const parsed = c.req.valid('json');
      // What the request leaves open, the token decides.
      const body = claims ? { ...parsed, orderId: parsed.orderId ?? claims.orderId, provider: parsed.provider ?? claims.provider } : parsed;
      enforceClaims(claims, { amount: body.amount, orderId: body.orderId, provider: links.providerOf(body) });
      const caller = callerOf(c);
      const create = async (idempotencyKey?: string): Promise<Outcome> => {
        // The key's answer is made once, from the registered link, and stored in the commit that records it.
        let answered: PaymentLink | undefined;
        const answer = (link: LinkRecord) => ({ status: 201, body: (answered = present(link, true)) });
        try {
          const link = await links.create(body, caller, { idempotencyKey, answer });
          return { status: 201, body: answered ?? present(link, true), keep: true, stored: answered !== undefined };
        } catch (error) {
          // A link whose outcome is unknown was recorded: its answer is kept
          // so a retry with the same key cannot register it a second time.
          if (error instanceof ApiError && error.options.linkId) {
            return { status: error.status, body: error.toBody(c.get('locale')), keep: true };
          }
          throw error;
        }
      };

      const answer = await once(c, `POST /api/links${caller.owner ? ` ${caller.owner}` : ''}`, body, create, (linkId) => recovered(linkId, c.get('locale')));
      // A failure whose link was recorded is kept and replayed too: the only answers besides 201.
      if (answer.status !== 201) return c.json(answer.body as ApiErrorBody, answer.status as ClientErrorStatusCode | ServerErrorStatusCode);
      const created = answer.body as PaymentLink;
      // Relative to the request's own address (`links/<id>`), so it holds under any prefix the client
      // sees and this server does not: a merchant's mount, or a proxy's `location /pay-link/`.
      c.header('location', c.req.path.endsWith('/') ? created.id : `links/${created.id}`);
      return c.json(created, 201);
    })
    .get('/:id', async (c) => {
      const link = await links.get(c.req.param('id'));
      return c.json(present(link, seesCustomer(auth.identify(c.req.header('authorization')), link)));
    })
    .get('/:id/events', (c) =>
      streamLinkEvents(c, { links, watcher, slots: streamSlots, ip: clientIp(c, trustedProxies), present: presentToStreams, now }),
    )
    .post('/:id/resend', requireToken, async (c) => {
      const link = await changeable(c);
      const resent = await links.resend(link.id, callerOf(c).actor);
      return c.json(present(resent, seesCustomer(c.get('claims'), resent)));
    })
    .post('/:id/cancel', requireToken, async (c) => {
      const link = await changeable(c);
      const { link: cancelled, mode } = await links.cancel(link.id, callerOf(c).actor);
      return c.json({ ...present(cancelled, seesCustomer(c.get('claims'), cancelled)), cancellation: { mode } });
    })
    .post('/:id/refund', requireJson, requireToken, validRefund, async (c) => {
      const link = await changeable(c);
      const ask = c.req.valid('json');
      const claims = c.get('claims');
      const refund = async (requestKey?: string): Promise<Outcome> => {
        const refunded = await refunds.refund(link.id, { ...ask, requestKey }, callerOf(c).actor);
        return { status: 200, body: present(refunded, seesCustomer(claims, refunded)), keep: true };
      };
      // A key left by a request that died is run again: the refund it recorded carries the key and is not made twice.
      const answer = await once(c, `POST /api/links/${link.id}/refund${claims?.sub ? ` ${claims.sub}` : ''}`, ask, refund, () => refund(c.req.header('idempotency-key')));
      return c.json(answer.body as PaymentLink, 200);
    });
}
