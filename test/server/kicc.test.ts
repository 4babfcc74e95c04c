/**
 * The KICC adapter against the KICC emulator over real HTTP: the exact JSON it
 * sends, what it makes of the answers, and how each failure reaches the caller.
 */

import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { createKiccEmulator, type KiccEmulator } from '../../server/emulators/kicc/index.js';
import { ProviderError } from '../../server/providers/errors.js';
import { createKiccProvider, type KiccOptions } from '../../server/providers/kicc/adapter.js';
import { KICC_PATHS } from '../../server/providers/kicc/wire.js';
import type { PaymentProvider, RegisterRequest, Registration } from '../../server/providers/adapter.js';
import type { LinkRecord } from '../../server/store/store.js';
import { serveApp, type Served } from '../support/serve.js';
import { linkRecord } from '../support/link-record.js';

const { mallId, mallName, senderNo, secretKey } = EMULATOR_CREDENTIALS.kicc;
/** 2026-05-04 10:00:00 in Korea. */
const NOW = Date.parse('2026-05-04T01:00:00Z');
/** 2026-05-11 23:59:59 in Korea: already the next day there, still the 11th in UTC and Los Angeles. */
const EXPIRES = new Date('2026-05-11T14:59:59Z');
const EXPIRES_KST = '20260511235959';

let emulator: KiccEmulator;
let served: Served;
let kicc: PaymentProvider;

const options = (change: Partial<KiccOptions> = {}): KiccOptions => ({
  apiBase: () => served.url,
  mallId,
  mallName,
  senderNo,
  secretKey,
  timeoutMs: 2000,
  backoffMs: 5,
  ...change,
});

beforeAll(async () => {
  emulator = createKiccEmulator({ merchants: [{ mallId, secretKey }], pageBaseUrl: () => served.url, notifyUrl: () => 'http://127.0.0.1:9/unused', now: () => NOW });
  served = await serveApp(emulator.app);
  kicc = createKiccProvider(options());
});
afterAll(() => served.close());

let orderCount = 0;

function request(change: Partial<RegisterRequest> = {}): RegisterRequest {
  return { orderId: `ORDER-${++orderCount}`, amount: 12000, goodsName: '아메리카노 2잔', customer: {}, delivery: 'none', expiresAt: EXPIRES, ...change };
}

const smsRequest = (change: Partial<RegisterRequest> = {}) =>
  request({ delivery: 'provider-sms', customer: { name: '김민지', phone: '010-9876-5432' }, ...change });

/** The link as the store would keep it after `registration`. */
function linkOf(sent: RegisterRequest, registration: Registration): LinkRecord {
  return linkRecord({
    id: 'pl_test',
    provider: 'kicc',
    merchantId: mallId,
    orderId: sent.orderId,
    amount: sent.amount,
    goodsName: sent.goodsName,
    customerName: sent.customer.name ?? null,
    customerPhone: sent.customer.phone?.replace(/\D/g, '') ?? null,
    customerEmail: sent.customer.email ?? null,
    delivery: sent.delivery,
    message: sent.message ?? null,
    state: 'active',
    url: registration.url,
    providerRef: registration.providerRef,
    shortToken: 'token',
    expiresAt: registration.expiresAt.getTime(),
    createdAt: NOW,
  });
}

async function registeredLink(sent = smsRequest()) {
  return linkOf(sent, await kicc.register(sent));
}

/** The last request the emulator received, as JSON. */
function lastSent() {
  const last = emulator.requests.at(-1)!;
  expect(last.contentType).toBe('application/json; charset=utf-8');
  return JSON.parse(last.body) as unknown;
}

/** The emulator behind a connection that drops its first answer, after the emulator acted on the request. */
function serveDroppingFirstAnswer(): Promise<Served> {
  let dropped = false;
  const app = new Hono<{ Bindings: HttpBindings }>()
    .use(async (c, next) => {
      await next();
      if (dropped) return;
      dropped = true;
      c.env.incoming.socket.destroy();
    })
    .route('/', emulator.app);
  return serveApp(app);
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('registering a link', () => {
  it('sends a URL-only registration (52) in KICC’s exact format and returns its link', async () => {
    const sent = request({ customer: { name: '김민지', phone: '010-1234-5678', email: 'minji@example.com' }, message: '영수증은 메일로 보내드립니다' });
    const registration = await kicc.register(sent);
    expect(lastSent()).toEqual({
      directRegInfo: {
        mallId,
        regTxtype: '52',
        regSubtype: '10',
        amount: 12000,
        currency: '00',
        payCode: '00',
        dispMsg: '영수증은 메일로 보내드립니다',
        installmentMonth: '00',
        smsPayExpr: EXPIRES_KST,
      },
      directOrderInfo: {
        shopOrderNo: sent.orderId,
        goodsName: '아메리카노 2잔',
        goodsAmount: 12000,
        customerName: '김민지',
        customerMail: 'minji@example.com',
        customerContactNo: '01012345678',
      },
    });
    const pgCno = registration.providerRef!;
    expect(pgCno).toMatch(/^20260504100000\d{6}$/);
    expect(registration).toEqual({ url: `${served.url}${KICC_PATHS.payPage}/${pgCno}`, providerRef: pgCno, expiresAt: EXPIRES });
  });

  it('leaves out absent fields instead of sending null', async () => {
    await kicc.register(request());
    const raw = emulator.requests.at(-1)!.body;
    expect(raw).not.toContain('null');
    expect(raw).not.toContain('customer');
    expect(raw).not.toContain('dispMsg');
  });

  it('asks KICC to text the link (51) with digits-only numbers and the merchant name, and KICC texts it', async () => {
    const sent = smsRequest();
    const registration = await kicc.register(sent);
    expect(lastSent()).toEqual({
      directRegInfo: {
        mallId,
        regTxtype: '51',
        regSubtype: '10',
        amount: 12000,
        currency: '00',
        payCode: '00',
        rcvMobileNo: '01098765432',
        sndTelNo: senderNo,
        mallName,
        installmentMonth: '00',
        smsPayExpr: EXPIRES_KST,
      },
      directOrderInfo: { shopOrderNo: sent.orderId, goodsName: '아메리카노 2잔', goodsAmount: 12000, customerName: '김민지', customerContactNo: '01098765432' },
    });
    const text = emulator.sms.at(-1)!;
    expect(text.to).toBe('01098765432');
    for (const shown of [mallName, '₩12,000', registration.url]) expect(text.text).toContain(shown);
  });

  it.each([
    ['a 26-syllable Korean product name', { goodsName: '가'.repeat(26) }, 'goodsName: 52 bytes, KICC allows 50'],
    ['an emoji', { goodsName: '케이크 🎂' }, 'goodsName: "🎂" cannot be encoded in CP949'],
    ['a 41-character order number', { orderId: 'A'.repeat(41) }, 'shopOrderNo: 41 bytes, KICC allows 40'],
  ])('refuses %s itself, without calling KICC', async (_, change, why) => {
    const calls = emulator.requests.length;
    const error = await failureOf(kicc.register(request(change)));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'LOCAL_LIMIT', providerMessage: why });
    expect(emulator.requests.length).toBe(calls);
  });

  it('reports KICC’s refusal with its code and message', async () => {
    const sent = request();
    await kicc.register(sent);
    const error = await failureOf(kicc.register(sent));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'E105', providerMessage: `shopOrderNo 중복 주문번호 (${sent.orderId})` });
    expect(error.certainlyNotCreated).toBe(true);
    // A refusal of the request would be refused by any gateway: no failover.
    expect(error.gatewayDown).toBe(false);
  });

  it('never sends the secret key', async () => {
    await kicc.register(smsRequest());
    expect(emulator.requests.some((sent) => sent.body.includes(secretKey))).toBe(false);
  });
});

describe('when KICC fails', () => {
  /** Registers with `fault` set, counting the calls KICC received. */
  async function registerWith(fault: Parameters<KiccEmulator['faults']['set']>[0], provider = kicc) {
    const calls = emulator.faults.calls;
    const registrations = await emulator.registrations.size();
    emulator.faults.set(fault);
    try {
      const outcome = await provider.register(request()).then(
        (registration) => ({ registration, error: undefined }),
        (error: unknown) => ({ registration: undefined, error: error as ProviderError }),
      );
      return { ...outcome, calls: emulator.faults.calls - calls, registered: (await emulator.registrations.size()) - registrations };
    } finally {
      emulator.faults.set(undefined);
    }
  }

  it('retries a 503 and registers the link once', async () => {
    const outcome = await registerWith({ mode: 'http500', times: 1 });
    expect(outcome.error).toBeUndefined();
    expect(outcome).toMatchObject({ calls: 2, registered: 1 });
  });

  it('gives up after three 503s: server_error, nothing registered', async () => {
    const outcome = await registerWith({ mode: 'http500' });
    expect(outcome.error).toMatchObject({ kind: 'server_error', providerCode: 'HTTP 503' });
    expect(outcome).toMatchObject({ calls: 3, registered: 0 });
  });

  it('times out long before KICC would answer, without retrying: the outcome is unknown', async () => {
    const started = performance.now();
    const outcome = await registerWith({ mode: 'timeout', delayMs: 3000 }, createKiccProvider(options({ timeoutMs: 300 })));
    expect(performance.now() - started).toBeLessThan(1500);
    expect(outcome.error).toMatchObject({ kind: 'timeout' });
    expect(outcome.error!.certainlyNotCreated).toBe(false);
    expect(outcome).toMatchObject({ calls: 1, registered: 1 });
  });

  it('calls an answer it cannot read a bad_response, not a refusal', async () => {
    const outcome = await registerWith({ mode: 'garbage' });
    expect(outcome.error).toMatchObject({ kind: 'bad_response' });
    expect(outcome).toMatchObject({ calls: 1, registered: 1 });
  });

  it('takes a refusal that names KICC down for maintenance as the gateway down, not the request: refused, nothing registered, no retry', async () => {
    const outcome = await registerWith({ mode: 'maintenance' });
    expect(outcome.error).toMatchObject({ kind: 'refused', providerCode: 'E114', providerMessage: '시스템 점검 중입니다' });
    expect(outcome.error!.gatewayDown).toBe(true);
    expect(outcome.error!.certainlyNotCreated).toBe(true);
    expect(outcome).toMatchObject({ calls: 1, registered: 0 });
  });

  it('retries a dropped connection and registers the link once', async () => {
    const outcome = await registerWith({ mode: 'reset', times: 1 });
    expect(outcome.error).toBeUndefined();
    expect(outcome).toMatchObject({ calls: 2, registered: 1 });
  });

  it('reports connection_lost when the connection keeps dropping', async () => {
    const outcome = await registerWith({ mode: 'reset' });
    expect(outcome.error).toMatchObject({ kind: 'connection_lost' });
    expect(outcome.calls).toBe(3);
  });

  it('does not take a duplicate on the retry for a refusal: the first try registered the link', async () => {
    const lossy = await serveDroppingFirstAnswer();
    try {
      const calls = emulator.faults.calls;
      const error = await failureOf(createKiccProvider(options({ apiBase: () => lossy.url })).register(request()));
      expect(error).toMatchObject({ kind: 'connection_lost', providerCode: 'DUPLICATE_AFTER_RETRY' });
      expect(error.certainlyNotCreated).toBe(false);
      expect(emulator.faults.calls - calls).toBe(2);
    } finally {
      await lossy.close();
    }
  });

  it('reports unreachable when nothing listens at the address', async () => {
    const closed = await serveApp(new Hono());
    await closed.close();
    const error = await failureOf(createKiccProvider(options({ apiBase: () => closed.url })).register(request()));
    expect(error).toMatchObject({ kind: 'unreachable', providerCode: 'ECONNREFUSED' });
  });
});

describe('reading KICC’s answers', () => {
  let answer: { status: number; body: string };
  let stub: Served;
  let stubbed: PaymentProvider;
  beforeAll(async () => {
    const app = new Hono().post('*', (c) => c.body(answer.body, answer.status as 200, { 'content-type': 'application/json' }));
    stub = await serveApp(app);
    stubbed = createKiccProvider(options({ apiBase: () => stub.url }));
  });
  afterAll(() => stub.close());

  const success = { resCd: '0000', resMsg: '정상', pgCno: '20260504100000123456', expiryDate: EXPIRES_KST, authPageUrl: 'https://testpgapi.easypay.co.kr/p/1' };
  const fixedRequest = () => request({ orderId: 'ORDER-FIXED', amount: 12000 });

  it('returns the link KICC made', async () => {
    answer = { status: 200, body: JSON.stringify({ ...success, mallId, shopOrderNo: 'ORDER-FIXED', amount: 12000 }) };
    expect(await stubbed.register(fixedRequest())).toEqual({ url: success.authPageUrl, providerRef: success.pgCno, expiresAt: EXPIRES });
  });

  it.each([
    ['a 4xx that carries resCd', 400, { resCd: 'E100', resMsg: 'body 요청 형식 오류' }, 'refused'],
    ['a 4xx without resCd', 404, { message: 'Not Found' }, 'bad_response'],
    ['a 4xx that claims success', 400, success, 'bad_response'],
    ['success without authPageUrl', 200, { ...success, authPageUrl: undefined }, 'bad_response'],
    ['success without pgCno', 200, { ...success, pgCno: undefined }, 'bad_response'],
    ['success with an expiryDate that names no time', 200, { ...success, expiryDate: '20261131120000' }, 'bad_response'],
    ['success without expiryDate', 200, { ...success, expiryDate: undefined }, 'bad_response'],
    ['success for another amount', 200, { ...success, amount: 1200 }, 'bad_response'],
    ['success for another order', 200, { ...success, shopOrderNo: 'ORDER-OTHER' }, 'bad_response'],
    ['HTML', 200, '<html>502 Bad Gateway</html>', 'bad_response'],
  ])('takes %s as %s', async (_, status, body, kind) => {
    answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body) };
    expect(await failureOf(stubbed.register(fixedRequest()))).toMatchObject({ kind });
  });
});

describe('texting a link again', () => {
  it('sends regSubtype 11 with the pgCno and the stored order, and KICC texts it again', async () => {
    const link = await registeredLink(smsRequest({ message: '오늘까지 결제 부탁드립니다' }));
    const texts = emulator.sms.length;
    await kicc.resend!(link);
    expect(lastSent()).toEqual({
      directRegInfo: {
        mallId,
        regTxtype: '51',
        regSubtype: '11',
        amount: 12000,
        currency: '00',
        payCode: '00',
        pgCno: link.providerRef,
        rcvMobileNo: '01098765432',
        sndTelNo: senderNo,
        mallName,
        dispMsg: '오늘까지 결제 부탁드립니다',
        installmentMonth: '00',
        smsPayExpr: EXPIRES_KST,
      },
      directOrderInfo: { shopOrderNo: link.orderId, goodsName: '아메리카노 2잔', goodsAmount: 12000, customerName: '김민지', customerContactNo: '01098765432' },
    });
    expect(emulator.sms.length).toBe(texts + 1);
    expect(emulator.sms.at(-1)!.text).toContain(link.url);
  });

  it('refuses a registration KICC does not know', async () => {
    const link = { ...(await registeredLink()), providerRef: '20260504100000000000' };
    expect(await failureOf(kicc.resend!(link))).toMatchObject({ kind: 'refused', providerCode: 'E110' });
  });

  it('tries once only, since a repeat that got through would text the customer twice', async () => {
    const link = await registeredLink();
    const calls = emulator.faults.calls;
    emulator.faults.set({ mode: 'http500', times: 1 });
    expect(await failureOf(kicc.resend!(link))).toMatchObject({ kind: 'server_error' });
    expect(emulator.faults.calls - calls).toBe(1);
  });
});

describe('cancelling a link', () => {
  it('withdraws the registration once; a second cancel is refused', async () => {
    const link = await registeredLink();
    await kicc.cancel!(link);
    expect(lastSent()).toEqual({ mallId, reviseTypeCode: '10', reviseSubTypeCode: '30', pgCno: link.providerRef, clientId: 'pay-link' });
    expect((await emulator.registrations.get(link.providerRef!))!.state).toBe('cancelled');
    expect(await failureOf(kicc.cancel!(link))).toMatchObject({ kind: 'refused', providerCode: 'E111' });
  });

  it('sends the configured client id', async () => {
    const link = await registeredLink();
    await createKiccProvider(options({ clientId: 'shop-admin' })).cancel!(link);
    expect(lastSent()).toMatchObject({ clientId: 'shop-admin' });
  });

  it('cannot know the outcome when a retried cancel is refused: the first try may have cancelled', async () => {
    const link = await registeredLink();
    const lossy = await serveDroppingFirstAnswer();
    try {
      const error = await failureOf(createKiccProvider(options({ apiBase: () => lossy.url })).cancel!(link));
      expect(error).toMatchObject({ kind: 'connection_lost', providerCode: 'REFUSED_AFTER_RETRY' });
      expect((await emulator.registrations.get(link.providerRef!))!.state).toBe('cancelled');
    } finally {
      await lossy.close();
    }
  });
});

describe('settings', () => {
  it.each([
    ['a merchant name over 14 bytes', { mallName: '페이링크 데모상점' }, 'KICC_MALL_NAME: 17 bytes in CP949, KICC allows 14'],
    ['a merchant name of exactly 15 bytes', { mallName: '커피상점 Coffee' }, 'KICC_MALL_NAME: 15 bytes in CP949, KICC allows 14'],
    ['a merchant name KICC would refuse', { mallName: 'A&B 커피' }, 'KICC_MALL_NAME: KICC refuses the character "&"'],
    ['a merchant name with an emoji', { mallName: '커피☕' }, 'KICC_MALL_NAME: "☕" cannot be encoded in CP949'],
    ['a merchant id over 8 bytes', { mallId: 'T51020012' }, 'KICC_MALL_ID: 9 bytes in CP949, KICC allows 8'],
    ['a sender number with dashes', { senderNo: '02-1234-5678' }, 'KICC_SENDER_NO: digits only, 8 to 11 of them'],
  ])('refuse %s at start, naming the variable', (_, change, message) => {
    expect(() => createKiccProvider(options(change))).toThrow(message);
  });
});
