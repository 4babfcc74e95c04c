/**
 * A mounted emulator runs as long as the server and anyone can reach it: it
 * keeps a bounded number of registrations and records, and refuses bodies
 * over the API's limit in the gateway's own error shape. Over real HTTP.
 */

import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatKst } from '../../core/kst.js';
import { API_BODY_LIMIT_BYTES } from '../../server/body-limit.js';
import { createKiccEmulator, type KiccEmulator } from '../../server/emulators/kicc/index.js';
import { MAX_RECORDS } from '../../server/emulators/limits.js';
import { Notifier } from '../../server/emulators/notifier.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator } from '../../server/emulators/paywelcome/index.js';
import { makeUrlSignature } from '../../server/providers/paywelcome/signature.js';
import { KICC_PATHS } from '../../server/providers/kicc/wire.js';
import { PAYWELCOME_PATHS, type MakeUrlReply } from '../../server/providers/paywelcome/wire.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { serveApp, type Served } from '../support/serve.js';

const HOUR = 3_600_000;
const LIMITS = { registrations: 3, records: 4 };
let clock = Date.parse('2026-05-04T01:00:00Z');
let served: Served[] = [];
afterAll(() => Promise.all(served.map((one) => one.close())));

/** A body of `bytes` bytes, sent with its length or chunked without one. */
function oversized(bytes: number, chunked: boolean): BodyInit {
  const text = new TextEncoder().encode('x'.repeat(bytes));
  if (!chunked) return text;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < text.length; i += 4096) controller.enqueue(text.slice(i, i + 4096));
      controller.close();
    },
  });
}

describe('the mounted emulators refuse a body over the API limit with 413, in their gateway’s error shape', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.dispose());

  const post = (path: string, contentType: string, body: BodyInit) =>
    fetch(`${backend.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body, duplex: 'half' } as RequestInit);

  it.each([false, true])('KICC: {resCd, resMsg}, nothing recorded or registered (chunked: %s)', async (chunked) => {
    const kicc = backend.emulators!.kicc;
    const before = { requests: kicc.requests.length, calls: kicc.faults.calls, registrations: await kicc.registrations.size() };
    const response = await post(`/emulator/kicc${KICC_PATHS.register}`, 'application/json; charset=utf-8', oversized(API_BODY_LIMIT_BYTES + 1, chunked));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ resCd: 'E113', resMsg: `body 요청 크기 초과 (> ${API_BODY_LIMIT_BYTES} byte)` });
    expect({ requests: kicc.requests.length, calls: kicc.faults.calls, registrations: await kicc.registrations.size() }).toEqual(before);
  });

  it.each([false, true])('PayWelcome: {ResultCode, ResultMsg}, nothing recorded or registered (chunked: %s)', async (chunked) => {
    const paywelcome = backend.emulators!.paywelcome;
    const before = { requests: paywelcome.requests.length, calls: paywelcome.faults.calls, links: await paywelcome.links.size() };
    const response = await post(`/emulator/paywelcome${PAYWELCOME_PATHS.makeUrl}`, 'application/x-www-form-urlencoded', oversized(API_BODY_LIMIT_BYTES + 1, chunked));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ ResultCode: 'V109', ResultMsg: `body 요청 크기 초과 (> ${API_BODY_LIMIT_BYTES} byte)` });
    expect({ requests: paywelcome.requests.length, calls: paywelcome.faults.calls, links: await paywelcome.links.size() }).toEqual(before);
  });

  it('takes a body of exactly the limit (and refuses it for what it says)', async () => {
    const response = await post(`/emulator/kicc${KICC_PATHS.register}`, 'application/json; charset=utf-8', oversized(API_BODY_LIMIT_BYTES, false));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { resCd: string }).resCd).toBe('E100');
  });
});

describe('the KICC emulator keeps a bounded number of registrations and records', () => {
  let kicc: KiccEmulator;
  let url: string;
  beforeAll(async () => {
    kicc = createKiccEmulator({
      merchants: [{ mallId: 'T5102001', secretKey: 'test-secret' }],
      pageBaseUrl: () => url,
      notifyUrl: () => 'http://127.0.0.1:9/unused',
      now: () => clock,
      limits: LIMITS,
    });
    const one = await serveApp(kicc.app);
    served.push(one);
    url = one.url;
  });

  const call = async (path: string, body: unknown) =>
    (await (await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, string>;
  const register = (shopOrderNo: string, smsPayExpr?: string) =>
    call(KICC_PATHS.register, {
      directRegInfo: { mallId: 'T5102001', regTxtype: '52', regSubtype: '10', amount: 1000, currency: '00', payCode: '00', ...(smsPayExpr ? { smsPayExpr } : {}) },
      directOrderInfo: { shopOrderNo, goodsName: '차', goodsAmount: 1000 },
    });
  const cancel = (pgCno: string) => call(KICC_PATHS.cancel, { mallId: 'T5102001', reviseTypeCode: '10', reviseSubTypeCode: '30', pgCno, clientId: 'pay-link' });
  const orders = async () => (await kicc.registrations.values()).map((registration) => registration.shopOrderNo);

  it('evicts the oldest ended registration first (cancelled or expired), else the oldest, and forgets its order number', async () => {
    const a = await register('K-A');
    const b = await register('K-B');
    await register('K-C');
    expect((await cancel(b.pgCno!)).resCd).toBe('0000');
    await register('K-D');
    expect(await orders()).toEqual(['K-A', 'K-C', 'K-D']);

    // Nothing has ended: the oldest goes, and its page with it.
    await register('K-E');
    expect(await orders()).toEqual(['K-C', 'K-D', 'K-E']);
    expect((await fetch(`${url}${KICC_PATHS.payPage}/${a.pgCno}`)).status).toBe(404);

    // K-F lasts an hour: two hours on it has expired, and goes before the older K-D and K-E.
    await register('K-F', formatKst(clock + HOUR));
    expect(await orders()).toEqual(['K-D', 'K-E', 'K-F']);
    clock += 2 * HOUR;
    await register('K-G');
    expect(await orders()).toEqual(['K-D', 'K-E', 'K-G']);

    // A kept order number is still refused; an evicted one is free again.
    expect((await register('K-E')).resCd).toBe('E105');
    expect((await register('K-F')).resCd).toBe('0000');
    expect(await kicc.registrations.size()).toBe(LIMITS.registrations);
  });

  it('keeps only the latest requests', async () => {
    for (let i = 0; i < LIMITS.records + 2; i++) await register(`K-R${i}`);
    expect(kicc.requests.length).toBe(LIMITS.records);
    expect(JSON.parse(kicc.requests.at(-1)!.body).directOrderInfo.shopOrderNo).toBe(`K-R${LIMITS.records + 1}`);
  });
});

describe('the PayWelcome emulator keeps a bounded number of links and records', () => {
  const merchant = { mid: 'welcometst', mkey: 'b'.repeat(64) };
  let paywelcome: PaywelcomeEmulator;
  let url: string;
  beforeAll(async () => {
    paywelcome = createPaywelcomeEmulator({ merchants: [merchant], pageBaseUrl: () => url, notifyUrl: () => 'http://127.0.0.1:9/unused', now: () => clock, limits: LIMITS });
    const one = await serveApp(paywelcome.app);
    served.push(one);
    url = one.url;
  });

  async function makeUrl(oid: string) {
    const timestamp = formatKst(clock);
    const form = {
      mid: merchant.mid,
      payType: 'card',
      timestamp,
      P_GOODS: '차',
      P_OID: oid,
      P_AMT: '1000',
      P_RETURN_URL: 'https://shop.example/return',
      P_NEXT_URL: 'https://shop.example/next',
      P_RESERVED: 'twotrs_isp=Y&block_isp=Y&twotrs_isp_noti=N',
      P_CHARSET: 'utf8',
      signature: makeUrlSignature({ mid: merchant.mid, mkey: merchant.mkey, oid, amount: '1000', timestamp }),
    };
    const response = await fetch(`${url}${PAYWELCOME_PATHS.makeUrl}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    return (await response.json()) as MakeUrlReply;
  }
  const orders = async () => (await paywelcome.links.values()).map((link) => link.oid);

  it('evicts the oldest paid link first, else the oldest, and forgets its order number', async () => {
    await makeUrl('P-A');
    const b = await makeUrl('P-B');
    await makeUrl('P-C');
    const paid = await fetch(b.MsgSend!, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    await makeUrl('P-D');
    expect(await orders()).toEqual(['P-A', 'P-C', 'P-D']);
    await makeUrl('P-E');
    expect(await orders()).toEqual(['P-C', 'P-D', 'P-E']);
    expect((await makeUrl('P-C')).ResultCode).toBe('V106');
    expect((await makeUrl('P-B')).ResultCode).toBe('00');
  });

  it('keeps only the latest requests', async () => {
    for (let i = 0; i < LIMITS.records + 2; i++) await makeUrl(`P-R${i}`);
    expect(paywelcome.requests.length).toBe(LIMITS.records);
    expect(new URLSearchParams(paywelcome.requests.at(-1)!.body).get('P_OID')).toBe(`P-R${LIMITS.records + 1}`);
  });
});

describe('an emulator’s notifier', () => {
  it(`keeps the latest ${MAX_RECORDS} delivery attempts`, async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const notifier = new Notifier({ url: () => `http://127.0.0.1:${closedPort}/`, retries: MAX_RECORDS + 99, intervalMs: 0, accepted: () => false });
    expect(await notifier.deliver({ body: '{}', contentType: 'application/json' })).toBe(false);
    expect(notifier.log.length).toBe(MAX_RECORDS);
    expect(notifier.log.at(-1)!.attempt).toBe(MAX_RECORDS + 100);
  }, 30_000);
});
