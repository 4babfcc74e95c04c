/**
 * An emulator of PayWelcome's SMS short-URL API that accepts exactly the
 * documented wire format and refuses everything else as PayWelcome would
 * (paywelcome-check.ts, paywelcome-codes.ts), plus the pages its short URLs
 * lead to. Mounted under /emulator/paywelcome by the app; tests serve it alone.
 */

import { Hono, type Context } from 'hono';
import { randomBase62 } from '../links/ids.js';
import { LINK_LIFETIME_MS, PAYWELCOME_PATHS, PAYWELCOME_SUCCESS, type MakeUrlReply, type PayType } from '../providers/paywelcome/wire.js';
import { BRANDS, checkoutPage, noticePage } from './checkout-page.js';
import { Faults, faultRoutes } from './faults.js';
import { BoundedMap, emulatorBodyLimit, MAX_RECORDS, MAX_REGISTRATIONS, pushBounded, type EmulatorLimits } from './limits.js';
import type { Notifier } from './notifier.js';
import { checkMakeUrl } from './paywelcome-check.js';
import { PaywelcomeRefusal } from './paywelcome-codes.js';
import { approvalNotification, paywelcomeNotifier, type NotificationFormat } from './paywelcome-notify.js';

export interface PaywelcomeMerchant {
  mid: string;
  mkey: string;
  /** Signs the merchant's payment notifications; makeUrl needs only `mkey`. */
  signKey?: string;
  /** What the payment page shows as the merchant. */
  name?: string;
}

export interface PaywelcomeEmulatorOptions {
  merchants: PaywelcomeMerchant[];
  /** Where the app mounts the emulator, as customers reach it; short URLs start with it. */
  pageBaseUrl: () => string;
  /** Where merchants registered to receive transaction notifications. */
  notifyUrl: () => string;
  /** Spacing of notification retries; PayWelcome's is about 10 minutes. */
  notifyIntervalMs?: number;
  /** JSON or `key=value&…`, as the merchant chose in PayWelcome's admin. */
  notifyFormat?: NotificationFormat;
  /** Epoch ms; injectable so timestamps and expiry are testable. */
  now?: () => number;
  /** `MAX_REGISTRATIONS` and `MAX_RECORDS` unless given (tests). */
  limits?: EmulatorLimits;
}

export interface PaywelcomeLink {
  mid: string;
  oid: string;
  payType: PayType;
  amount: number;
  goods: string;
  returnUrl: string;
  createdAt: Date;
  /** 72 hours after `createdAt`. */
  expiresAt: Date;
  state: 'active' | 'paid';
}

/** A request that reached the API, as it arrived (for tests to inspect the exact wire format). */
export interface RecordedRequest {
  path: string;
  contentType: string | undefined;
  body: string;
}

export interface PaywelcomeEmulator {
  app: Hono;
  faults: Faults;
  /** Links by short code (the last part of `MsgSend`); the latest `MAX_REGISTRATIONS`, ended ones evicted first. */
  links: Map<string, PaywelcomeLink>;
  /** The latest requests. */
  requests: RecordedRequest[];
  /** Sends transaction notifications to the merchant. */
  notifier: Notifier;
}

export function createPaywelcomeEmulator(options: PaywelcomeEmulatorOptions): PaywelcomeEmulator {
  const { merchants, pageBaseUrl, now = Date.now } = options;
  const notifier = paywelcomeNotifier(options.notifyUrl, options.notifyIntervalMs);
  const app = new Hono();
  const faults = new Faults();
  const maxRecords = options.limits?.records ?? MAX_RECORDS;
  /** `mid` and `P_OID` pairs of the links kept: PayWelcome takes an order number once per merchant. */
  const orders = new Set<string>();
  const orderKey = (link: Pick<PaywelcomeLink, 'mid' | 'oid'>) => JSON.stringify([link.mid, link.oid]);
  const links = new BoundedMap<string, PaywelcomeLink>(
    options.limits?.registrations ?? MAX_REGISTRATIONS,
    (link) => link.state !== 'active' || link.expiresAt.getTime() <= now(),
    // An evicted link's order number may be used again: the emulator no longer knows it.
    (_, link) => orders.delete(orderKey(link)),
  );
  const requests: RecordedRequest[] = [];
  const mkeyOf = (mid: string) => merchants.find((merchant) => merchant.mid === mid)?.mkey;

  app.use(
    emulatorBodyLimit((c, limit) => {
      const refusal = new PaywelcomeRefusal('V109', 'body', `> ${limit} byte`);
      return c.json<MakeUrlReply>({ ResultCode: refusal.code, ResultMsg: refusal.message }, 413);
    }),
  );
  app.use(PAYWELCOME_PATHS.makeUrl, async (c, next) => {
    // Hono caches the body, so the route below can read it again.
    pushBounded(requests, { path: c.req.path, contentType: c.req.header('content-type'), body: await c.req.text() }, maxRecords);
    return next();
  });
  app.use(PAYWELCOME_PATHS.makeUrl, faults.middleware());

  app.post(PAYWELCOME_PATHS.makeUrl, async (c) => {
    try {
      const order = checkMakeUrl(await readForm(c), { mkeyOf, now: now() });
      const key = orderKey(order);
      if (orders.has(key)) throw new PaywelcomeRefusal('V106', 'P_OID', order.oid);
      orders.add(key);

      const createdAt = now();
      const code = newShortCode((candidate) => links.has(candidate));
      links.set(code, { ...order, createdAt: new Date(createdAt), expiresAt: new Date(createdAt + LINK_LIFETIME_MS), state: 'active' });
      // PayWelcome's MsgSend holds 50 bytes (https://m.welpg.com/s/97T9 is 28); ours fits while
      // pageBaseUrl is at most 43 characters, e.g. http://localhost:8787/emulator/paywelcome.
      return c.json<MakeUrlReply>({ ResultCode: PAYWELCOME_SUCCESS, ResultMsg: '정상처리', MsgSend: `${pageBaseUrl()}${PAYWELCOME_PATHS.shortLink}/${code}` });
    } catch (error) {
      if (!(error instanceof PaywelcomeRefusal)) throw error;
      // PayWelcome answers HTTP 200 whatever the outcome.
      return c.json<MakeUrlReply>({ ResultCode: error.code, ResultMsg: error.message });
    }
  });

  /** The customer's side: the payment page, and what paying or declining on it does. */
  const brand = BRANDS.paywelcome;
  const merchantOf = (mid: string) => merchants.find((merchant) => merchant.mid === mid);
  const closedNotice = (link: PaywelcomeLink) =>
    link.state === 'paid' ? ('already_paid' as const) : now() >= link.expiresAt.getTime() ? ('expired' as const) : undefined;

  app.get(`${PAYWELCOME_PATHS.shortLink}/:code`, (c) => {
    const link = links.get(c.req.param('code'));
    if (!link) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(link);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 200);
    return c.html(
      checkoutPage(brand, {
        merchantName: merchantOf(link.mid)?.name ?? link.mid,
        goodsName: link.goods,
        amount: link.amount,
        orderId: link.oid,
        expiresAt: link.expiresAt.getTime(),
        action: c.req.path,
      }),
    );
  });

  app.post(`${PAYWELCOME_PATHS.shortLink}/:code`, async (c) => {
    const link = links.get(c.req.param('code'));
    if (!link) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(link);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 409);
    const { action } = await c.req.parseBody();
    if (action !== 'pay') return c.html(noticePage(brand, 'declined'));
    link.state = 'paid';
    const signKey = merchantOf(link.mid)?.signKey;
    if (signKey) void notifyTwice(approvalNotification(link, signKey, now(), options.notifyFormat));
    // As PayWelcome does, the customer's browser goes on to the merchant's return page.
    return c.redirect(link.returnUrl, 303);
  });

  /** PayWelcome warns that a notification may arrive twice; the emulator always repeats an acknowledged one. */
  async function notifyTwice(delivery: Parameters<Notifier['deliver']>[0]) {
    if (await notifier.deliver(delivery)) await notifier.deliver(delivery);
  }

  app.route('/', faultRoutes(faults));

  return { app, faults, links, requests, notifier };
}

/** The form in the body, which must be form-encoded UTF-8 as PayWelcome's API takes it. */
async function readForm(c: Context): Promise<URLSearchParams> {
  const [mediaType = '', ...parameters] = (c.req.header('content-type') ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (mediaType !== 'application/x-www-form-urlencoded') throw new PaywelcomeRefusal('V108', 'Content-Type', 'application/x-www-form-urlencoded 아님');
  if (charset !== undefined && charset !== 'utf-8') throw new PaywelcomeRefusal('V108', 'Content-Type', 'charset은 utf-8');
  return new URLSearchParams(await c.req.text());
}

/** A random base62 code of 4 characters, like PayWelcome's; longer only when short ones keep colliding. */
function newShortCode(taken: (code: string) => boolean): string {
  for (let length = 4; ; length = Math.min(length + 1, 6)) {
    for (let tries = 0; tries < 10; tries++) {
      const code = randomBase62(length);
      if (!taken(code)) return code;
    }
  }
}
