/**
 * An emulator of PayWelcome's SMS short-URL API and its PAYAPI cancels
 * (refunds.ts) that accepts exactly the documented wire format and refuses
 * everything else as PayWelcome would, by its own reading of PayWelcome's
 * documents (document.ts, check.ts, codes.ts, signature.ts), plus the pages
 * its short URLs lead to. Mounted under /emulator/paywelcome by the
 * emulators' entry; tests serve it alone.
 */

import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { randomBase62 } from '../../links/ids.js';
import type { EmulatorRecords } from '../../store/emulator-records.js';
import { BRANDS, checkoutPage, noticePage } from '../checkout-page.js';
import { Faults, faultRoutes, MAINTENANCE_MESSAGE } from '../faults.js';
import { emulatorBodyLimit, MAX_RECORDS, MAX_REGISTRATIONS, pushBounded, type EmulatorLimits } from '../limits.js';
import type { Notifier } from '../notifier.js';
import { memoryRecords, StateTable } from '../state.js';
import { checkMakeUrl } from './check.js';
import { PaywelcomeRefusal } from './codes.js';
import { ACCEPTED, PAYWELCOME_API, SHORT_URL_LIFETIME_MS, type CancelReply, type MakeUrlReply, type PayType } from './document.js';
import { approvalNotification, paywelcomeNotifier, type NotificationFormat } from './notify.js';
import { createPaywelcomeRefunds, type PaywelcomePayment } from './refunds.js';

export type { PaywelcomeCancel, PaywelcomePayment } from './refunds.js';

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
  /** Where links are kept: in this process unless given (instances sharing one database, index.ts). */
  records?: EmulatorRecords;
  /** True unless given. */
  cancelNotifications?: boolean;
}

export interface PaywelcomeLink {
  mid: string;
  oid: string;
  payType: PayType;
  amount: number;
  goods: string;
  returnUrl: string;
  /** Epoch ms. */
  createdAt: number;
  /** 72 hours after `createdAt`. */
  expiresAt: number;
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
  links: StateTable<PaywelcomeLink>;
  /** The latest requests. */
  requests: RecordedRequest[];
  /** Sends transaction notifications to the merchant. */
  notifier: Notifier;
  /** Payments made on its checkout, by `tid`, with what was cancelled of each. */
  payments: StateTable<PaywelcomePayment>;
  /** What the merchant chose in PayWelcome's admin; tests change it. */
  settings: PaywelcomeEmulatorSettings;
}

export interface PaywelcomeEmulatorSettings {
  /** "취소거래 수신여부": whether cancels (transType 01, 11) are notified. */
  cancelNotifications: boolean;
}

/** The method the checkout shows: the link's `payType`, which the merchant chose when making it. */
const METHOD_LABELS: Readonly<Record<PayType, string>> = { card: '신용·체크카드', hpp: '휴대폰', bank: '계좌이체', vbank: '가상계좌' };

export function createPaywelcomeEmulator(options: PaywelcomeEmulatorOptions): PaywelcomeEmulator {
  const { merchants, pageBaseUrl, now = Date.now } = options;
  const notifier = paywelcomeNotifier(options.notifyUrl, options.notifyIntervalMs);
  const app = new Hono();
  // Down for maintenance, PayWelcome refuses as it refuses anything: HTTP 200 with its own code.
  const faults = new Faults((c) => c.json<MakeUrlReply>({ ResultCode: 'V110', ResultMsg: MAINTENANCE_MESSAGE }));
  const maxRecords = options.limits?.records ?? MAX_RECORDS;
  const records = options.records ?? memoryRecords();
  /** `mid` and `P_OID` pairs of the links kept: PayWelcome takes an order number once per merchant. */
  const orders = new StateTable<true>(records, { emulator: 'paywelcome', kind: 'orders' });
  const orderKey = (link: Pick<PaywelcomeLink, 'mid' | 'oid'>) => JSON.stringify([link.mid, link.oid]);
  const links = new StateTable<PaywelcomeLink>(
    records,
    { emulator: 'paywelcome', kind: 'links' },
    {
      max: options.limits?.registrations ?? MAX_REGISTRATIONS,
      endsAt: (link) => (link.state === 'active' ? link.expiresAt : 0),
      now,
      // An evicted link's order number may be used again: the emulator no longer knows it.
      onEvict: (_, link) => orders.delete(orderKey(link)),
    },
  );
  const requests: RecordedRequest[] = [];
  const mkeyOf = (mid: string) => merchants.find((merchant) => merchant.mid === mid)?.mkey;
  const settings: PaywelcomeEmulatorSettings = { cancelNotifications: options.cancelNotifications ?? true };
  const refunds = createPaywelcomeRefunds({
    records,
    mkeyOf,
    signKeyOf: (mid) => merchants.find((merchant) => merchant.mid === mid)?.signKey,
    notify: (delivery) => void notifyTwice(delivery),
    cancelNotifications: () => settings.cancelNotifications,
    format: options.notifyFormat,
    now,
    max: options.limits?.registrations ?? MAX_REGISTRATIONS,
  });

  app.use(
    emulatorBodyLimit((c, limit) => {
      const refusal = new PaywelcomeRefusal('V109', 'body', `> ${limit} byte`);
      return c.json<MakeUrlReply>({ ResultCode: refusal.code, ResultMsg: refusal.message }, 413);
    }),
  );
  for (const path of [PAYWELCOME_API.makeUrl, PAYWELCOME_API.cancel, PAYWELCOME_API.repay]) {
    app.use(path, async (c, next) => {
      // Hono caches the body, so the route below can read it again.
      pushBounded(requests, { path: c.req.path, contentType: c.req.header('content-type'), body: await c.req.text() }, maxRecords);
      return next();
    });
    app.use(path, faults.middleware());
  }

  app.post(PAYWELCOME_API.makeUrl, async (c) => {
    try {
      const order = checkMakeUrl(await readForm(c), { mkeyOf, now: now() });
      const key = orderKey(order);
      // Taken once, however many instances are asked at the same moment.
      if (!(await orders.add(key, true))) throw new PaywelcomeRefusal('V106', 'P_OID', order.oid);

      const createdAt = now();
      const link: PaywelcomeLink = { ...order, createdAt, expiresAt: createdAt + SHORT_URL_LIFETIME_MS, state: 'active' };
      let code: string;
      try {
        code = await newShortCode((candidate) => links.add(candidate, link));
      } catch (error) {
        await orders.delete(key);
        throw error;
      }
      // MsgSend holds 50 bytes (https://m.welpg.com/s/97T9 is 28); ours fits while
      // pageBaseUrl is at most 43 characters, e.g. http://localhost:8787/emulator/paywelcome.
      return c.json<MakeUrlReply>({ ResultCode: ACCEPTED, ResultMsg: '정상처리', MsgSend: `${pageBaseUrl()}${PAYWELCOME_API.shortLink}/${code}` });
    } catch (error) {
      if (!(error instanceof PaywelcomeRefusal)) throw error;
      // PayWelcome answers HTTP 200 whatever the outcome.
      return c.json<MakeUrlReply>({ ResultCode: error.code, ResultMsg: error.message });
    }
  });

  for (const [path, whole] of [
    [PAYWELCOME_API.cancel, true],
    [PAYWELCOME_API.repay, false],
  ] as const) {
    app.post(path, async (c) => {
      try {
        return c.json<CancelReply>(await refunds.cancel(await readForm(c), whole));
      } catch (error) {
        if (!(error instanceof PaywelcomeRefusal)) throw error;
        return c.json<CancelReply>({ ResultCode: error.code, ResultMsg: error.message });
      }
    });
  }

  /** The customer's side: the payment page, and what paying or declining on it does. */
  const brand = BRANDS.paywelcome;
  const merchantOf = (mid: string) => merchants.find((merchant) => merchant.mid === mid);
  const closedNotice = (link: PaywelcomeLink) =>
    link.state === 'paid' ? ('already_paid' as const) : now() >= link.expiresAt ? ('expired' as const) : undefined;

  app.get(`${PAYWELCOME_API.shortLink}/:code`, async (c) => {
    const link = await links.get(c.req.param('code'));
    if (!link) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(link);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 200);
    return c.html(
      checkoutPage(brand, {
        merchantName: merchantOf(link.mid)?.name ?? link.mid,
        goodsName: link.goods,
        amount: link.amount,
        orderId: link.oid,
        expiresAt: link.expiresAt,
        action: c.req.path,
        methods: [{ value: link.payType, label: METHOD_LABELS[link.payType] }],
      }),
    );
  });

  app.post(`${PAYWELCOME_API.shortLink}/:code`, async (c) => {
    const code = c.req.param('code');
    const link = await links.get(code);
    if (!link) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(link);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 409);
    const { action, partialRefund } = await c.req.parseBody();
    if (action !== 'pay') return c.html(noticePage(brand, 'declined'));
    // Paid once only, even when two instances take the same page at the same moment.
    const paid = await links.update(code, (current) => (closedNotice(current) ? undefined : { ...current, state: 'paid' }));
    if (!paid) return c.html(noticePage(brand, 'missing'), 404);
    if (!paid.changed) {
      const notice = closedNotice(paid.value) ?? 'already_paid';
      return c.html(noticePage(brand, notice), notice === 'expired' ? 410 : 409);
    }
    // `partialRefund=N` (tests): a payment that may be cancelled only whole (`P_CARD_PRTC_CODE` 0).
    const payment = await refunds.pay(paid.value, partialRefund !== 'N');
    const signKey = merchantOf(link.mid)?.signKey;
    if (signKey) void notifyTwice(approvalNotification(payment, signKey, options.notifyFormat));
    // As PayWelcome does, the customer's browser goes on to the merchant's return page.
    return c.redirect(link.returnUrl, 303);
  });

  /** PayWelcome warns that a notification may arrive twice; the emulator always repeats an acknowledged one. */
  async function notifyTwice(delivery: Parameters<Notifier['deliver']>[0]) {
    if (await notifier.deliver(delivery)) await notifier.deliver(delivery);
  }

  app.route('/', faultRoutes(faults));
  // A cancel made in PayWelcome's own admin: no API call, only its notification (tests, the demo).
  app.post('/_admin/refund', async (c) => {
    const ask = adminRefundSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!ask.success) return c.json({ error: 'expected {"tid": string, "amount"?: positive integer}' }, 400);
    try {
      const { cancel, notification } = await refunds.cancelInAdmin(ask.data.tid, ask.data.amount);
      return c.json({ ...cancel, notification: notification ? { body: notification.body, contentType: notification.contentType } : null });
    } catch (error) {
      if (!(error instanceof PaywelcomeRefusal)) throw error;
      return c.json({ ResultCode: error.code, ResultMsg: error.message }, 409);
    }
  });
  app.post('/_settings', async (c) => {
    const change = settingsSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!change.success) return c.json({ error: 'expected {"cancelNotifications"?: boolean}' }, 400);
    Object.assign(settings, change.data);
    return c.json(settings);
  });

  return { app, faults, links, requests, notifier, payments: refunds.payments, settings };
}

const adminRefundSchema = z.strictObject({ tid: z.string().min(1), amount: z.int().positive().optional() });
const settingsSchema = z.strictObject({ cancelNotifications: z.boolean().optional() });

/** The form in the body, which must be form-encoded UTF-8 as PayWelcome's API takes it. */
async function readForm(c: Context): Promise<URLSearchParams> {
  const [mediaType = '', ...parameters] = (c.req.header('content-type') ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (mediaType !== 'application/x-www-form-urlencoded') throw new PaywelcomeRefusal('V108', 'Content-Type', 'application/x-www-form-urlencoded 아님');
  if (charset !== undefined && charset !== 'utf-8') throw new PaywelcomeRefusal('V108', 'Content-Type', 'charset은 utf-8');
  return new URLSearchParams(await c.req.text());
}

/** A random base62 code of 4 characters, like PayWelcome's, that `claim` takes; longer only when short ones keep colliding. */
async function newShortCode(claim: (code: string) => Promise<boolean>): Promise<string> {
  for (let length = 4; ; length = Math.min(length + 1, 6)) {
    for (let tries = 0; tries < 10; tries++) {
      const code = randomBase62(length);
      if (await claim(code)) return code;
    }
  }
}
