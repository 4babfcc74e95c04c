/**
 * Staging: two emulated instances on one PostgreSQL, each mounting the
 * emulators. Instance A runs in this process; instance B is `npm start`'s
 * server in a child process, sharing nothing with A but the database. What
 * one instance's emulator registered, the other's serves: the payment page,
 * the payment, a resend and a cancel that reach the other instance work.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

const SHARED = { RATE_LIMIT_LINKS_PER_IP: '1000/1m', EMULATOR_NOTIFY_INTERVAL_MS: '50', PROVIDER_TIMEOUT_MS: '3000' };

let schema: TestSchema;
let a: TestBackend;
let b: ServerProcess;
beforeAll(async () => {
  schema = await freshSchema();
  a = await startBackend({ ...SHARED, DATABASE_URL: schema.url });
  b = await startServerProcess({ ...SHARED, DATABASE_URL: schema.url });
}, 30_000);
afterAll(async () => {
  await b?.stop();
  await a?.dispose();
  await schema?.drop();
});

let orders = 0;
async function createOn(instance: string, body: Record<string, unknown>): Promise<PaymentLink> {
  const response = await fetch(`${instance}/api/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount: 12000, goodsName: '조각 케이크', orderId: `STAGING-${Date.now()}-${++orders}`, ...body }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

/** The link's payment page as served by `instance`. */
const pageOn = (instance: string, link: PaymentLink) => `${instance}${new URL(link.url!).pathname}`;
/** KICC's id of the registration, the last part of its page's address. */
const pgCnoOf = (link: PaymentLink) => link.url!.split('/').at(-1)!;
const pay = (page: string) => fetch(page, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }), redirect: 'manual' });

async function statusOn(instance: string, link: PaymentLink): Promise<string> {
  return ((await (await fetch(`${instance}/api/links/${link.id}`)).json()) as PaymentLink).status;
}

describe('two emulated instances on one PostgreSQL', () => {
  it('KICC: a link registered through A is shown and paid on B’s page, once, and the payment reaches both', async () => {
    const link = await createOn(a.url, { provider: 'kicc' });
    expect(link.url).toMatch(new RegExp(`^${a.config.publicBaseUrl}/emulator/kicc/pay/`));

    const page = await fetch(pageOn(b.url, link));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('조각 케이크');

    const paid = await pay(pageOn(b.url, link));
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('결제가 완료되었습니다');
    // B's emulator notified B's webhook; A reads the same link.
    await expect.poll(() => statusOn(a.url, link), { timeout: 5000 }).toBe('paid');
    // A's emulator knows it paid too: the page does not take a second payment.
    expect((await a.emulators!.kicc.registrations.get(pgCnoOf(link)))!.state).toBe('paid');
    expect((await pay(pageOn(a.url, link))).status).toBe(409);
  });

  it('KICC: a link registered through A is texted again and cancelled through B', async () => {
    const link = await createOn(a.url, { provider: 'kicc', delivery: 'provider-sms', customer: { phone: '010-2222-3333' } });

    const resent = await fetch(`${b.url}/api/links/${link.id}/resend`, { method: 'POST' });
    expect(resent.status).toBe(200);

    const cancelled = await fetch(`${b.url}/api/links/${link.id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as PaymentLink).status).toBe('cancelled');
    expect((await a.emulators!.kicc.registrations.get(pgCnoOf(link)))!.state).toBe('cancelled');
    expect(await (await fetch(pageOn(a.url, link))).text()).toContain('취소된 결제 요청입니다');
  });

  it('KICC: a payment made on B’s page is refunded in part through A and the rest through B, once each', async () => {
    const link = await createOn(a.url, { provider: 'kicc' });
    expect((await pay(pageOn(b.url, link))).status).toBe(200);
    await expect.poll(() => statusOn(a.url, link), { timeout: 5000 }).toBe('paid');

    const refundOn = (instance: string, body: Record<string, unknown>) =>
      fetch(`${instance}/api/links/${link.id}/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await refundOn(a.url, { amount: 5000 })).json()).toMatchObject({ status: 'partially_refunded', refundedAmount: 5000 });
    expect(await (await refundOn(b.url, {})).json()).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
    const pgCno = (await a.store.getLink(link.id))!.paymentRef!;
    expect((await a.emulators!.kicc.approvals.get(pgCno))!.cancels.map((cancel) => cancel.amount)).toEqual([5000, 7000]);
    await expect.poll(async () => (await fetch(`${a.url}/api/links/${link.id}`).then((r) => r.json())) as PaymentLink, { timeout: 5000 }).toMatchObject({ refundedAmount: 12000, refunds: [{ amount: 5000 }, { amount: 7000 }] });
  });

  it('KICC: an order number one instance’s emulator holds is refused by the other’s', async () => {
    const orderId = `STAGING-TAKEN-${Date.now()}`;
    const { mallId } = EMULATOR_CREDENTIALS.kicc;
    const taken = await fetch(`${a.url}/emulator/kicc/directapi/trades/directSmsUrlPayReg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        directRegInfo: { mallId, regTxtype: '52', regSubtype: '10', amount: 1000, currency: '00', payCode: '00' },
        directOrderInfo: { shopOrderNo: orderId, goodsName: 'Tea', goodsAmount: 1000 },
      }),
    });
    expect(((await taken.json()) as { resCd: string }).resCd).toBe('0000');

    const response = await fetch(`${b.url}/api/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'kicc', amount: 1000, goodsName: 'Tea', orderId }),
    });
    expect(response.status).toBe(502);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('provider_refused');
  });

  it('PayWelcome: a short URL made through A is shown and paid on B', async () => {
    const link = await createOn(a.url, { provider: 'paywelcome' });
    expect(link.url).toMatch(new RegExp(`^${a.config.publicBaseUrl}/emulator/paywelcome/s/`));

    expect((await fetch(pageOn(b.url, link))).status).toBe(200);
    const paid = await pay(pageOn(b.url, link));
    expect(paid.status).toBe(303);
    await expect.poll(() => statusOn(a.url, link), { timeout: 5000 }).toBe('paid');
    const again = await fetch(pageOn(a.url, link));
    expect(await again.text()).toContain('이미 결제된 요청입니다');
  });
});
