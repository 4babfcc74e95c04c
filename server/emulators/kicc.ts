/**
 * An emulator of KICC EasyPay's SMS-link API: registers links, texts them
 * into an outbox, cancels them, and serves a payment page for each. It
 * refuses whatever KICC would (see kicc-checks.ts, kicc-codes.ts), so the
 * adapter is tested against the wire format, not against itself.
 */

import { randomInt } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { formatKst } from '../../core/kst.js';
import { formatWon } from '../../core/money.js';
import {
  KICC_PATHS,
  KICC_SUCCESS,
  type CancelledReply,
  type DirectOrderInfo,
  type DirectRegInfo,
  type RegisteredReply,
} from '../providers/kicc/wire.js';
import { BRANDS, checkoutPage, noticePage } from './checkout-page.js';
import { Faults, faultRoutes } from './faults.js';
import { checkCancelBody, checkRegisterBody, readJsonBody } from './kicc-checks.js';
import { KiccRefusal } from './kicc-codes.js';
import { approvalNotification, kiccNotifier } from './kicc-notify.js';
import { BoundedMap, emulatorBodyLimit, MAX_RECORDS, MAX_REGISTRATIONS, pushBounded, type EmulatorLimits } from './limits.js';
import type { Notifier } from './notifier.js';

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
  registrations: Map<string, KiccRegistration>;
  /** The latest texts KICC would have sent. */
  sms: KiccSms[];
  /** The latest API requests as they arrived, faulty or not. */
  requests: { path: string; contentType: string | null; body: string }[];
  /** Sends payment notifications to the merchant. */
  notifier: Notifier;
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
}

/** Why a registration takes no more requests, as `resMsg` says it. */
const CLOSED = { paid: '결제 완료', cancelled: '이미 취소됨' } as const;

export function createKiccEmulator(options: KiccEmulatorOptions): KiccEmulator {
  const now = options.now ?? Date.now;
  const merchants = new Set(options.merchants.map((merchant) => merchant.mallId));
  const merchantName = (mallId: string) => options.merchants.find((merchant) => merchant.mallId === mallId)?.name ?? mallId;
  const notifier = kiccNotifier(options.notifyUrl, options.notifyIntervalMs);
  const faults = new Faults();
  const maxRecords = options.limits?.records ?? MAX_RECORDS;
  /** `mallId` + `shopOrderNo` of every registration kept: order numbers are unique per merchant. */
  const orders = new Set<string>();
  const orderKey = (registration: Pick<KiccRegistration, 'mallId' | 'shopOrderNo'>) => `${registration.mallId}\n${registration.shopOrderNo}`;
  const registrations = new BoundedMap<string, KiccRegistration>(
    options.limits?.registrations ?? MAX_REGISTRATIONS,
    (registration) => registration.state !== 'active' || registration.expiresAt <= now(),
    // An evicted registration's order number may be used again: the emulator no longer knows it.
    (_, registration) => orders.delete(orderKey(registration)),
  );
  const sms: KiccSms[] = [];
  const requests: KiccEmulator['requests'] = [];

  const record =
    (path: string): MiddlewareHandler =>
    async (c, next) => {
      pushBounded(requests, { path, contentType: c.req.header('content-type') ?? null, body: await c.req.text() }, maxRecords);
      await next();
    };

  function register(reg: DirectRegInfo, order: DirectOrderInfo, expiresAt: number): KiccRegistration {
    const key = orderKey({ mallId: reg.mallId, shopOrderNo: order.shopOrderNo });
    if (orders.has(key)) throw new KiccRefusal('E105', 'shopOrderNo', order.shopOrderNo);
    orders.add(key);
    const registration: KiccRegistration = {
      pgCno: newPgCno(),
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
    registrations.set(registration.pgCno, registration);
    return registration;
  }

  /** A registration of `mallId` that can still be paid. */
  function payable(mallId: string, pgCno: string): KiccRegistration {
    const registration = findRegistration(mallId, pgCno);
    if (registration.state !== 'active') throw new KiccRefusal('E111', 'pgCno', CLOSED[registration.state]);
    if (registration.expiresAt <= now()) throw new KiccRefusal('E111', 'pgCno', '기한 만료');
    return registration;
  }

  function findRegistration(mallId: string, pgCno: string): KiccRegistration {
    const registration = registrations.get(pgCno);
    if (!registration || registration.mallId !== mallId) throw new KiccRefusal('E110', 'pgCno', pgCno);
    return registration;
  }

  /** KICC's id for a registration: 20 digits, the Korea time of registration first. */
  function newPgCno(): string {
    let pgCno: string;
    do pgCno = formatKst(now()) + String(randomInt(1_000_000)).padStart(6, '0');
    while (registrations.has(pgCno));
    return pgCno;
  }

  function textLink(registration: KiccRegistration, reg: DirectRegInfo, url: string) {
    const lines = [`[${reg.mallName}] ${registration.goodsName} ${formatWon(registration.amount)} 결제 요청`, reg.dispMsg, `결제하기: ${url}`];
    registration.phone = reg.rcvMobileNo;
    pushBounded(sms, { to: reg.rcvMobileNo!, text: lines.filter(Boolean).join('\n'), at: now() }, maxRecords);
  }

  const app = new Hono();
  app.use(emulatorBodyLimit((c, limit) => c.json(refusalBody(new KiccRefusal('E113', 'body', `> ${limit} byte`)), 413)));

  app.post(KICC_PATHS.register, record(KICC_PATHS.register), faults.middleware(), (c) =>
    answer(c, (body): RegisteredReply => {
      const { reg, order, expiresAt } = checkRegisterBody(body, now());
      if (!merchants.has(reg.mallId)) throw new KiccRefusal('E107', 'mallId', reg.mallId);
      // A resend texts the registration again; it is no new order.
      const registration = reg.regSubtype === '11' ? payable(reg.mallId, reg.pgCno!) : register(reg, order, expiresAt);
      const authPageUrl = `${options.pageBaseUrl()}${KICC_PATHS.payPage}/${registration.pgCno}`;
      if (reg.regTxtype === '51') textLink(registration, reg, authPageUrl);
      return {
        resCd: KICC_SUCCESS,
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

  app.post(KICC_PATHS.cancel, record(KICC_PATHS.cancel), faults.middleware(), (c) =>
    answer(c, (body): CancelledReply => {
      const cancel = checkCancelBody(body);
      if (!merchants.has(cancel.mallId)) throw new KiccRefusal('E107', 'mallId', cancel.mallId);
      const registration = findRegistration(cancel.mallId, cancel.pgCno);
      // A paid link is refunded through another API; an expired one may still be withdrawn.
      if (registration.state !== 'active') throw new KiccRefusal('E111', 'pgCno', CLOSED[registration.state]);
      registration.state = 'cancelled';
      return { resCd: KICC_SUCCESS, resMsg: '정상', pgCno: registration.pgCno };
    }),
  );

  /** The customer's side: the payment page, and what paying or declining on it does. */
  const brand = BRANDS.kicc;
  app.get(`${KICC_PATHS.payPage}/:pgCno`, (c) => {
    const registration = registrations.get(c.req.param('pgCno'));
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
      }),
    );
  });

  app.post(`${KICC_PATHS.payPage}/:pgCno`, async (c) => {
    const registration = registrations.get(c.req.param('pgCno'));
    if (!registration) return c.html(noticePage(brand, 'missing'), 404);
    const closed = closedNotice(registration);
    if (closed) return c.html(noticePage(brand, closed), closed === 'expired' ? 410 : 409);
    const { action } = await c.req.parseBody();
    // KICC notifies only completed payments: a declined one leaves the link open.
    if (action !== 'pay') return c.html(noticePage(brand, 'declined'));
    registration.state = 'paid';
    void notifier.deliver(approvalNotification(registration, newPgCno(), now()));
    return c.html(noticePage(brand, 'paid'));
  });

  function closedNotice(registration: KiccRegistration) {
    if (registration.state === 'paid') return 'already_paid' as const;
    if (registration.state === 'cancelled') return 'cancelled' as const;
    return registration.expiresAt <= now() ? ('expired' as const) : undefined;
  }

  app.route('/', faultRoutes(faults));
  app.get('/_sms', (c) => c.json(sms));

  return { app, faults, registrations, sms, requests, notifier };
}

/** Runs `handle` on the request's JSON body, answering its refusals as KICC does. */
async function answer(c: Context, handle: (body: Record<string, unknown>) => RegisteredReply | CancelledReply) {
  try {
    return c.json(handle(readJsonBody(c.req.header('content-type') ?? null, await c.req.text())));
  } catch (error) {
    if (!(error instanceof KiccRefusal)) throw error;
    return c.json(refusalBody(error), error.status);
  }
}

const refusalBody = (refusal: KiccRefusal) => ({ resCd: refusal.code, resMsg: refusal.message });
