/**
 * The caller's links together: `GET /api/links` (a page of the day's links,
 * newest first), `POST /api/links/events/ticket` and `GET /api/links/events`
 * (their changes on one stream). Staff see the links of their `sub`, a
 * merchant every link; a customer's token none (list-access.ts). Customer
 * data is shown in full only to those who see it on the link itself.
 */

import { Hono, type Context } from 'hono';
import { kstDate, kstDay } from '../../core/kst.js';
import type { LinkPage, StreamTicket } from '../../core/link.js';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import type { LinkChanges } from '../links/changes.js';
import { listLinksQuerySchema, DEFAULT_PAGE_SIZE } from '../links/list-schema.js';
import type { LinkListing } from '../links/listing.js';
import { presentLink } from '../links/present.js';
import type { LinkWatcher } from '../links/watcher.js';
import { clientIp } from '../security/client-ip.js';
import { listOwner } from '../security/list-access.js';
import type { StreamSlots } from '../security/stream-slots.js';
import type { StreamTickets } from '../security/stream-tickets.js';
import { seesCustomer, type WidgetAuth } from '../security/widget-auth.js';
import type { WidgetClaims } from '../tokens.js';
import { streamCallerLinks } from './link-list-events.js';
import { validQuery } from './valid-query.js';

interface LinkListDeps {
  listing: LinkListing;
  watcher: LinkWatcher;
  changes: LinkChanges;
  streamSlots: StreamSlots;
  tickets: StreamTickets;
  auth: WidgetAuth;
  publicBaseUrl: string;
  trustedProxies: readonly string[];
  now?: () => number;
}

export function linkListRoutes({ listing, watcher, changes, streamSlots, tickets, auth, publicBaseUrl, trustedProxies, now = Date.now }: LinkListDeps) {
  const presenter = (claims: WidgetClaims | undefined) => (link: Parameters<typeof presentLink>[0]) =>
    presentLink(link, { now: now(), publicBaseUrl, revealCustomer: seesCustomer(claims, link) });

  /**
   * Who opens the stream: the ticket's holder; a request that can send
   * headers (fetch streaming) may show its token instead. In open mode there
   * is no token to trade, and a ticket changes nothing.
   */
  const streamCaller = async (c: Context<AppEnv>): Promise<{ claims: WidgetClaims | undefined; until?: number }> => {
    if (!auth.enabled) return { claims: undefined };
    const ticket = c.req.query('ticket');
    if (ticket === undefined) {
      const claims = auth.require(c.req.header('authorization'))!;
      return { claims, until: claims.exp * 1000 };
    }
    const check = await tickets.verify(ticket);
    if (!check.ok) throw new ApiError(401, check.reason === 'expired' ? 'token_expired' : 'unauthorized', { detail: { reason: check.reason, ticket: true } });
    const { role, sub, until } = check.ticket;
    return { claims: { exp: Math.ceil(until / 1000), role, ...(sub ? { sub } : {}) }, until };
  };

  return new Hono<AppEnv>()
    .get('/', validQuery(listLinksQuerySchema), async (c) => {
      const claims = auth.require(c.req.header('authorization'));
      const owner = listOwner(claims);
      const query = c.req.valid('query');
      const { links, nextCursor } = await listing.page({
        from: query.from ?? kstDay(kstDate(now()))!.start,
        to: query.to,
        statuses: query.status,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
        after: query.cursor,
        owner,
      });
      const present = presenter(claims);
      return c.json({ data: links.map(present), nextCursor } satisfies LinkPage);
    })
    .post('/events/ticket', async (c) => {
      const claims = auth.require(c.req.header('authorization'));
      listOwner(claims);
      // Open mode: a ticket for whoever asks, though the stream needs none there.
      return c.json((await tickets.mint(claims ?? { exp: Math.floor(now() / 1000) + 3600, role: 'merchant' })) satisfies StreamTicket);
    })
    .get('/events', async (c) => {
      const { claims, until } = await streamCaller(c);
      const owner = listOwner(claims);
      return streamCallerLinks(c, {
        watcher,
        changes,
        slots: streamSlots,
        ip: clientIp(c, trustedProxies),
        shows: (link) => owner === undefined || link.owner === owner,
        present: presenter(claims),
        until,
        now,
      });
    });
}
