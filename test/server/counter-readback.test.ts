/**
 * What a counter reads back and a customer sees after the fact: the payment
 * as the gateway's notification reported it (method, card issuer, approval
 * number and time), the shop's name on the link, and the customer's pages
 * for a link that can no longer be paid naming the shop and the amount.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { parseConfig } from '../../server/config.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { postFrom } from '../support/post-from.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

let backend: TestBackend;
let clock = Date.now();
beforeAll(async () => {
  backend = await startBackend({ MERCHANT_NAME: '커피상점' }, { now: () => clock });
});
afterAll(() => backend.dispose());

async function createLink(body: Record<string, unknown> = {}): Promise<PaymentLink> {
  const response = await backend.post('/api/links', { amount: 12000, goodsName: '아이스 아메리카노', ...body });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

const readLink = async (id: string) => (await (await backend.get(`/api/links/${id}`)).json()) as PaymentLink;
const pay = (link: PaymentLink) => fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }), redirect: 'manual' });

describe('the payment as the gateway reported it', () => {
  it('KICC: card, its issuer, the approval number and the approval time', async () => {
    const link = await createLink({ provider: 'kicc' });
    expect(link.payment).toBeUndefined();
    await pay(link);
    const paid = await eventually(() => readLink(link.id), (l) => l.status === 'paid');
    expect(paid.payment).toMatchObject({ method: 'card', cardIssuer: 'KB국민카드' });
    expect(paid.payment!.approvalNo).toMatch(/^\d{8}$/);
    // KICC's transactionDate is Korea time to the second: the same instant as our receipt, give or take.
    expect(Math.abs(Date.parse(paid.payment!.paidAt) - Date.parse(paid.paidAt!))).toBeLessThan(2000);
  });

  it('PayWelcome: card and the approval number; it names no issuer', async () => {
    const link = await createLink({ provider: 'paywelcome' });
    await pay(link);
    const paid = await eventually(() => readLink(link.id), (l) => l.status === 'paid');
    expect(paid.payment).toMatchObject({ method: 'card' });
    expect(paid.payment!.approvalNo).toMatch(/^\d{8}$/);
    expect(paid.payment!.cardIssuer).toBeUndefined();
  });

  it('KICC in its older form format, and a method code it does not map', async () => {
    const link = await createLink({ provider: 'kicc' });
    const form = new URLSearchParams({
      res_cd: '0000',
      res_msg: '정상',
      memb_id: EMULATOR_CREDENTIALS.kicc.mallId,
      noti_type: '10',
      cno: `L${Date.now()}`,
      order_no: link.orderId,
      amount: String(link.amount),
      pay_type: '99',
      auth_no: '77001234',
      issuer_nm: '신한카드',
      tran_date: '20260105143000',
    });
    const answer = await postFrom('127.0.0.1', `${backend.url}/webhooks/kicc`, form.toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(200);
    const paid = await readLink(link.id);
    expect(paid.payment).toEqual({ method: 'other', cardIssuer: '신한카드', approvalNo: '77001234', paidAt: '2026-01-05T05:30:00.000Z' });
  });

  it('is streamed with the paid link', async () => {
    const link = await createLink({ provider: 'kicc' });
    const stream = await fetch(`${backend.url}/api/links/${link.id}/events`);
    const reader = stream.body!.getReader();
    await pay(link);
    let text = '';
    while (!text.includes('"status":"paid"')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const last = JSON.parse(text.split('data: ').at(-1)!.split('\n')[0]!) as PaymentLink;
    expect(last.payment).toMatchObject({ method: 'card', cardIssuer: 'KB국민카드' });
  });
});

describe('the shop', () => {
  it('is named on every link answer', async () => {
    const link = await createLink();
    expect(link.merchantName).toBe('커피상점');
    expect((await readLink(link.id)).merchantName).toBe('커피상점');
  });

  it('is the emulated merchant when none is set, and none beside a real gateway unless set', async () => {
    const emulated = await startBackend();
    try {
      const made = (await (await emulated.post('/api/links', { amount: 1000, goodsName: 'Tea' })).json()) as PaymentLink;
      expect(made.merchantName).toBe('페이링크 데모');
    } finally {
      await emulated.dispose();
    }
    const live = { KICC_API_BASE: 'https://testpgapi.easypay.co.kr', KICC_MALL_ID: 'T0000001', KICC_MALL_NAME: '상점', KICC_SENDER_NO: '0212345678', KICC_SECRET_KEY: 'k', ALLOW_OPEN_API: 'true' };
    expect(parseConfig(live).merchantName).toBeUndefined();
    expect(parseConfig({ ...live, MERCHANT_NAME: '커피상점' }).merchantName).toBe('커피상점');
  });
});

describe('the customer’s page for a link that can no longer be paid', () => {
  const page = async (link: PaymentLink) => {
    const response = await fetch(link.shortUrl!, { redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  };

  it('paid: names the shop, the product and the amount, with a drawn icon, no emoji', async () => {
    const link = await createLink({ amount: 6500 });
    await pay(link);
    await eventually(() => readLink(link.id), (l) => l.status === 'paid');
    const { status, html } = await page(link);
    expect(status).toBe(200);
    expect(html).toContain('이미 결제가 끝난 링크입니다');
    expect(html).toContain('<p class="shop">커피상점</p>');
    expect(html).toContain('아이스 아메리카노');
    expect(html).toContain('6,500원');
    expect(html).toMatch(/<svg class="icon ok" viewBox="0 0 48 48" aria-hidden="true">/);
    expect(html).not.toMatch(/\p{Extended_Pictographic}/u);
  });

  it('cancelled and expired: the same, with their own words', async () => {
    const cancelled = await createLink({ amount: 3000 });
    expect((await backend.post(`/api/links/${cancelled.id}/cancel`, {})).status).toBe(200);
    const cancelledPage = await page(cancelled);
    expect(cancelledPage.html).toContain('판매자가 취소한 링크입니다');
    expect(cancelledPage.html).toContain('3,000원');
    expect(cancelledPage.html).toContain('커피상점');

    const expiring = await createLink({ amount: 4000, provider: 'paywelcome' });
    clock = Date.parse(expiring.expiresAt!) + 1000;
    const expiredPage = await page(expiring);
    expect(expiredPage.status).toBe(410);
    expect(expiredPage.html).toContain('결제 기간이 지난 링크입니다');
    expect(expiredPage.html).toContain('4,000원');
    expect(expiredPage.html).toContain('커피상점');
    expect(expiredPage.html).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});
