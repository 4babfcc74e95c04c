/**
 * An emulator of KICC EasyPay's SMS-link API: registers links, texts them
 * into an outbox, cancels them, serves a payment page for each, and refunds
 * what was paid on it (refunds.ts). It reads
 * requests with its own reading of KICC's documents (document.ts, checks.ts,
 * codes.ts), never the adapter's, so the adapter is tested against the wire
 * format, not against itself.
 */

import { randomInt } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { formatKst } from '../../../core/kst.js';
import { formatWon } from '../../../core/money.js';
import type { EmulatorRecords } from '../../store/emulator-records.js';
import { BRANDS, checkoutPage, noticePage } from '../checkout-page.js';
import { Faults, faultRoutes, MAINTENANCE_MESSAGE } from '../faults.js';
import { emulatorBodyLimit, MAX_RECORDS, MAX_REGISTRATIONS, pushBounded, type EmulatorLimits } from '../limits.js';
import type { Notifier } from '../notifier.js';
import { memoryRecords, StateTable } from '../state.js';
import { checkCancelBody, checkRegisterBody, readJsonBody, type OrderInfo, type RegInfo } from './checks.js';
import { KiccRefusal, refusalBody } from './codes.js';
import { ACCEPTED, KICC_API, PAY_METHODS, RESEND, SEND_SMS, type CancelledReply, type PayMethodChoice, type RegisteredReply } from './document.js';
import { approvalNotification, kiccNotifier } from './notify.js';
import { createKiccRefunds, type KiccApproval } from './refunds.js';

export type { KiccApproval, KiccCancel } from './refunds.js';

export interface KiccRegistration {
  pgCno: string;
  mallId: string;
  shopOrderNo: string;
  amount: number;
  goodsName: string;
  /** Sent when KICC texts the link (`regTxtype` 51). */
  mallName?: string;
  /** Shown on the payment page. */
  dispMsg?: string;
  /** KICC's payment notification carries it. */
  customerName?: string;
  /** The number the link was last texted to. */
  phone?: string;
  state: 'active' | 'paid' | 'cancelled';
  /** Epoch ms. */
  expiresAt: number;
}

export interface KiccSms {
  to: string;
  text: string;
  /** Epoch ms. */
  at: number;
}

export interface KiccEmulator {
  app: Hono;
  faults: Faults;
  /** By `pgCno`; the latest `MAX_REGISTRATIONS`, ended ones evicted first. */
  registrations: StateTable<KiccRegistration>;
  /** The latest texts KICC would have sent. */
  sms: KiccSms[];
  /** The latest API requests as they arrived, faulty or not. */
  requests: { path: string; contentType: string | null; body: string }[];
  /** Sends payment notifications to the merchant. */
  notifier: Notifier;
  /** Payments made on its checkout, by the approval's `pgCno`, with what was cancelled of each. */
  approvals: StateTable<KiccApproval>;
  /** What the merchant chose in KICC's admin; tests change it. */
  settings: KiccEmulatorSettings;
}

export interface KiccEmulatorSettings {
  /** Whether cancels (`notiType` 20) are notified; KICC lets a merchant pick the events it receives. */
  cancelNotifications: boolean;
}

export interface KiccEmulatorOptions {
  /** `name` is what the payment page shows when a registration carries no `mallName`. */
  merchants: { mallId: string; secretKey: string; name?: string }[];
  /** Where the emulator is served, for `authPageUrl` (known only once the server listens). */
  pageBaseUrl: () => string;
  /** Where merchants registered to receive payment notifications. */
  notifyUrl: () => string;
  /** Spacing of notification retries; KICC's is 3 minutes. */
  notifyIntervalMs?: number;
  now?: () => number;
  /** `MAX_REGISTRATIONS` and `MAX_RECORDS` unless given (tests). */
  limits?: EmulatorLimits;
  /** Where registrations are kept: in this process unless given (instances sharing one database, index.ts). */
  records?: EmulatorRecords;
  /** True unless given. */
  cancelNotifications?: boolean;
}

/** What the checkout offers, by the `method` it posts. */
const METHOD_CHOICES: readonly { value: PayMethodChoice; label: string }[] = [
  { value: 'card', label: '신용·체크카드' },
  { value: 'easypay', label: '간편결제' },
  { value: 'transfer', label: '계좌이체' },
  { value: 'mobile', label: '휴대폰' },
];

/** Why a registration takes no more requests, as `resMsg` says it. */
const CLOSED = { paid: '결제 완료', cancelled: '이미 취소됨' } as const;

export function createKiccEmulator(options: KiccEmulatorOptions): KiccEmulator {
  const now = options.now ?? Date.now;
  const merchants = new Set(options.merchants.map((merchant) => merchant.mallId));
  const merchantName = (mallId: string) => options.merchants.find((merchant) => merchant.mallId === mallId)?.name ?? mallId;
  const notifier = kiccNotifier(options.notifyUrl, options.notifyIntervalMs);
  // Down for maintenance, KICC refuses as it refuses anything: HTTP 200 with its own code.
  const faults = new Faults((c) => c.json({ resCd: 'E114', resMsg: MAINTENANCE_MESSAGE }));
  const maxRecords = options.limits?.records ?? MAX_RECORDS;
  const records = options.records ?? memoryRecords();
  /** `mallId` + `shopOrderNo` of every registration kept: order numbers are unique per merchant. */
  const orders = new StateTable<true>(records, { emulator: 'kicc', kind: 'orders' });
  const orderKey = (registration: Pick<KiccRegistration, 'mallId' | 'shopOrderNo'>) => `${registration.mallId}\n${registration.shopOrderNo}`;
  const registrations = new StateTable<KiccRegistration>(
    records,
    { emulator: 'kicc', kind: 'registrations' },
    {
      max: options.limits?.registrations ?? MAX_REGISTRATIONS,
      endsAt: (registration) => (registration.state === 'active' ? registration.expiresAt : 0),
      now,
      // An evicted registration's order number may be used again: the emulator no longer knows it.
      onEvict: (_, registration) => orders.delete(orderKey(registration)),
    },
  );
  const sms: KiccSms[] = [];
  const requests: KiccEmulator['requests'] = [];
  const settings: KiccEmulatorSettings = { cancelNotifications: options.cancelNotifications ?? true };
  const refunds = createKiccRefunds({
    records,
    secretKeys: new Map(options.merchants.map((merchant) => [merchant.mallId, merchant.secretKey])),
    notifier,
    cancelNotifications: () => settings.cancelNotifications,
    newPgCno: () => newPgCno(),
    now,
    max: options.limits?.registrations ?? MAX_REGISTRATIONS,
  });

  const record =
    (path: string): MiddlewareHandler =>
    async (c, next) => {
      pushBounded(requests, { path, contentType: c.req.header('content-type') ?? null, body: await c.req.text() }, maxRecords);
      await next();
    };

  async function register(reg: RegInfo, order: OrderInfo, expiresAt: number): Promise<KiccRegistration> {
    const key = orderKey({ mallId: reg.mallId, shopOrderNo: order.shopOrderNo });
    // Taken once, however many instances are asked at the same moment.
    if (!(await orders.add(key, true))) throw new KiccRefusal('E105', 'shopOrderNo', order.shopOrderNo);
    const registration: Omit<KiccRegistration, 'pgCno'> = {
      mallId: reg.mallId,
      shopOrderNo: order.shopOrderNo,
      amount: reg.amount,
      goodsName: order.goodsName,
      mallName: reg.mallName,
      dispMsg: reg.dispMsg,
      customerName: order.customerName,
      phone: reg.rcvMobileNo,
      state: 'active',
      expiresAt,
    };
    try {
      for (;;) {
        const pgCno = newPgCno();
        if (await registrations.add(pgCno, { pgCno, ...registration })) return { pgCno, ...registration };
      }
    } catch (error) {
      await orders.delete(key);
      throw error;
    }
  }

  /** A registration of `mallId` that can still be paid. */
  async function payable(mallId: string, pgCno: string): Promise<KiccRegistration> {
    const registration = await findRegistration(mallId, pgCno);
    if (registration.state !== 'active') throw new KiccRefusal('E111', 'pgCno', CLOSED[registration.state]);
    if (registration.expiresAt <= now()) throw new KiccRefusal('E111', 'pgCno', '기한 만료');
    return registration;
  }

  async function findRegistration(mallId: string, pgCno: string): Promise<KiccRegistration> {
    const registration = await registrations.get(pgCno);
    if (!registration || registration.mallId !== mallId) throw new KiccRefusal('E110', 'pgCno', pgCno);
    return registration;
  }

  /** KICC's id for a transaction: 20 digits, the Korea time first. */
  const newPgCno = () => formatKst(now()) + String(randomInt(1_000_000)).padStart(6, '0');

  /** Texts the link again, to the number this request names. */
  async function resend(reg: RegInfo): Promise<KiccRegistration> {
    const registration = await payable(reg.mallId, reg.pgCno!);
    if (registration.phone === reg.rcvMobileNo) return registration;
    const updated = await registrations.update(registration.pgCno, (current) => ({ ...current, phone: reg.rcvMobileNo }));
    return updated?.value ?? registration;
  }

  function textLink(registration: KiccRegistration, reg: RegInfo, url: string) {
    const lines = [`[${reg.mallName}] ${registration.goodsName} ${formatWon(registration.amount)} 결제 요청`, reg.dispMsg, `결제하기: ${url}`];
    pushBounded(sms, { to: reg.rcvMobileNo!, text: lines.filter(Boolean).join('\n'), at: now() }, maxRecords);
  }

  const app = new Hono();
  app.use(emulatorBodyLimit((c, limit) => c.json(refusalBody(new KiccRefusal('E113', 'body', `> ${limit} byte`)), 413)));

  app.post(KICC_API.register, record(KICC_API.register), faults.middleware(), (c) =>
    answer(c, async (body): Promise<RegisteredReply> => {
      const { reg, order, expiresAt } = checkRegisterBody(body, now());
      if (!merchants.has(reg.mallId)) throw new KiccRefusal('E107', 'mallId', reg.mallId);
      // A resend texts the registration again; it is no new order.
      const registration = reg.regSubtype === RESEND ? await resend(reg) : await register(reg, order, expiresAt);
      const authPageUrl = `${options.pageBaseUrl()}${KICC_API.payPage}/${registration.pgCno}`;
      if (reg.regTxtype === SEND_SMS) textLink(registration, reg, authPageUrl);
      return {
        resCd: ACCEPTED,
        resMsg: '정상',
        mallId: registration.mallId,
        shopOrderNo: registration.shopOrderNo,
        pgCno: registration.pgCno,
        amount: registration.amount,
        expiryDate: formatKst(registration.expiresAt),
        authPageUrl,
      };
    }),
  );

  app.post(KICC_API.cancel, record(KICC_API.cancel), faults.middleware(), (c) =>
    answer(c, async (body): Promise<CancelledReply> => {
      const cancel = checkCancelBody(body);
      if (!merchants.has(cancel.mallId)) throw new KiccRefusal('E107', 'mallId', cancel.mallId);
      const ours = (registration: KiccRegistration) => registration.mallId === cancel.mallId;
      // A paid link is refunded through another API; an expired one may still be withdrawn.
      const cancelled = await registrations.update(cancel.pgCno, (registration) =>
        ours(registration) && registration.state === 'active' ? { ...registration, state: 'cancelled' } : undefined,
      );
      if (!cancelled || !ours(cancelled.value)) throw new KiccRefusal('E110', 'pgCno', cancel.pgCno);
      const { state } = cancelled.value;
      if (!cancelled.changed && state !== 'active') throw new KiccRefusal('E111', 'pgCno', CLOSED[state]);
      return { resCd: ACCEPTED, resMsg: '정상', pgCno: cancel.pgCno };
    }),
  );

  // A refund of a payment: its answer is kept as sent, so a repeat of its `shopTransactionId` gets the same bytes.
  app.post(KICC_API.revise, record(KICC_API.revise), faults.middleware(), async (c) => {
    try {
      const answer = await refunds.revise(readJsonBody(c.req.header('content-type') ?? null, await c.req.text()));
      return c.body(answer, 200, { 'content-type': 'application/json' });
    } catch (error) {
      if (!(error instanceof KiccRefusal)) throw error;
      return c.json(refusalBody(error), error.status);
    }
  });

  /** The customer's side: the payment page, and what paying or declining on it does. */
  const brand = BRANDS.kicc;
  app.get(`${KICC_API.payPage}/:pgCno`, async (c) => {
    const registration = await registrations.get(c.req.param('pgCno'));
    if (!registration) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(registration);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 200);
    return c.html(
      checkoutPage(brand, {
        merchantName: registration.mallName ?? merchantName(registration.mallId),
        goodsName: registration.goodsName,
        amount: registration.amount,
        orderId: registration.shopOrderNo,
        message: registration.dispMsg,
        expiresAt: registration.expiresAt,
        action: c.req.path,
        methods: METHOD_CHOICES,
      }),
    );
  });

  app.post(`${KICC_API.payPage}/:pgCno`, async (c) => {
    const pgCno = c.req.param('pgCno');
    const registration = await registrations.get(pgCno);
    if (!registration) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(registration);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 409);
    const { action, method = 'card', partialRefund } = await c.req.parseBody();
    // KICC notifies only completed payments: a declined one leaves the link open.
    if (action !== 'pay') return c.html(noticePage(brand, 'declined'));
    if (typeof method !== 'string' || !Object.hasOwn(PAY_METHODS, method)) return c.text(`method: ${Object.keys(PAY_METHODS).join(', ')}`, 400);
    // Paid once only, even when two instances take the same page at the same moment.
    const paid = await registrations.update(pgCno, (current) => (closedNotice(current) ? undefined : { ...current, state: 'paid' }));
    if (!paid) return c.html(noticePage(brand, 'missing'), 404);
    if (!paid.changed) {
      const notice = closedNotice(paid.value) ?? 'already_paid';
      return c.html(noticePage(brand, notice), notice === 'expired' ? 410 : 409);
    }
    // `partialRefund=N` (tests): a payment its card company lets cancel only whole (`partCancelUsed` N).
    const approval = await refunds.approve(paid.value, PAY_METHODS[method as PayMethodChoice], partialRefund !== 'N');
    void notifier.deliver(approvalNotification(paid.value, approval));
    return c.html(noticePage(brand, 'paid'));
  });

  function closedNotice(registration: KiccRegistration) {
    if (registration.state === 'paid') return 'already_paid' as const;
    if (registration.state === 'cancelled') return 'cancelled' as const;
    return registration.expiresAt <= now() ? ('expired' as const) : undefined;
  }

  app.route('/', faultRoutes(faults));
  app.get('/_sms', (c) => c.json(sms));
  // A cancel made in KICC's own admin: no API call, only its notification (tests, the demo).
  app.post('/_admin/refund', async (c) => {
    const ask = adminRefundSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!ask.success) return c.json({ error: 'expected {"pgCno": string, "amount"?: positive integer}' }, 400);
    try {
      const { cancel, notification } = await refunds.cancelInAdmin(ask.data.pgCno, ask.data.amount);
      return c.json({ ...cancel, notification: JSON.parse(notification.body) as unknown });
    } catch (error) {
      if (!(error instanceof KiccRefusal)) throw error;
      return c.json(refusalBody(error), 409);
    }
  });
  app.post('/_settings', async (c) => {
    const change = settingsSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!change.success) return c.json({ error: 'expected {"cancelNotifications"?: boolean}' }, 400);
    Object.assign(settings, change.data);
    return c.json(settings);
  });

  return { app, faults, registrations, sms, requests, notifier, approvals: refunds.approvals, settings };
}

const adminRefundSchema = z.strictObject({ pgCno: z.string().min(1), amount: z.int().positive().optional() });
const settingsSchema = z.strictObject({ cancelNotifications: z.boolean().optional() });

/** Runs `handle` on the request's JSON body, answering its refusals as KICC does. */
async function answer(c: Context, handle: (body: Record<string, unknown>) => Promise<RegisteredReply | CancelledReply>) {
  try {
    return c.json(await handle(readJsonBody(c.req.header('content-type') ?? null, await c.req.text())));
  } catch (error) {
    if (!(error instanceof KiccRefusal)) throw error;
    return c.json(refusalBody(error), error.status);
  }
}

