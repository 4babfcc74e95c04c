/**
 * `GET /api/summary?date=YYYY-MM-DD`: a Korea-time day's links in numbers —
 * made, paid, refunded and what stays, per provider and in total
 * (links/summary.ts says which links count). The same callers as the list,
 * with the same scope: staff their own, a merchant every link.
 */

import { Hono } from 'hono';
import { kstDate, kstDay } from '../../core/kst.js';
import type { LinkSummary } from '../../core/link.js';
import type { AppEnv } from '../env.js';
import { summaryQuerySchema } from '../links/list-schema.js';
import type { LinkListing } from '../links/listing.js';
import { listOwner } from '../security/list-access.js';
import type { WidgetAuth } from '../security/widget-auth.js';
import { validQuery } from './valid-query.js';

export function summaryRoutes({ listing, auth, now = Date.now }: { listing: LinkListing; auth: WidgetAuth; now?: () => number }) {
  return new Hono<AppEnv>().get('/', validQuery(summaryQuerySchema), async (c) => {
    const owner = listOwner(auth.require(c.req.header('authorization')));
    const day = c.req.valid('query').date ?? kstDay(kstDate(now()))!;
    const { total, providers } = await listing.summary(day, owner);
    const summary: LinkSummary = {
      date: kstDate(day.start),
      from: new Date(day.start).toISOString(),
      to: new Date(day.end).toISOString(),
      currency: 'KRW',
      total,
      providers,
    };
    return c.json(summary);
  });
}
