import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend.dispose());

const HOUR = 3_600_000;
const syllables = (n: number) => '가'.repeat(n);

async function create(body: unknown, headers?: Record<string, string>) {
  const response = await backend.post('/api/links', body, headers);
  return { response, json: (await response.json()) as PaymentLink & ApiErrorBody };
}

describe('POST /api/links with KICC', () => {
  it('makes a working link from only an amount and a product name', async () => {
    const before = Date.now();
    const { response, json } = await create({ amount: 15000, goodsName: '아메리카노 2잔' });
    expect(response.status).toBe(201);
    // Relative to the request, so it holds behind a proxy's path prefix too (nginx.test.ts).
    expect(response.headers.get('location')).toBe(`links/${json.id}`);
    expect(new URL(response.headers.get('location')!, response.url).href).toBe(`${backend.url}/api/links/${json.id}`);
    expect(json).toMatchObject({
      provider: 'kicc',
      status: 'active',
      amount: 15000,
      currency: 'KRW',
      goodsName: '아메리카노 2잔',
      delivery: 'none',
    });
    expect(json.id).toMatch(/^pl_[0-9A-Za-z]{20}$/);
    expect(json.orderId).toMatch(/^PL\d{14}[0-9A-Za-z]{6}$/);
    expect(json.url).toMatch(new RegExp(`^${backend.config.publicBaseUrl}/emulator/kicc/pay/`));
    expect(json.shortUrl).toMatch(new RegExp(`^${backend.config.publicBaseUrl}/p/[0-9A-Za-z]{10}$`));
    // No expiry asked for: KICC's own default of seven days.
    const lifetime = Date.parse(json.expiresAt!) - before;
    expect(lifetime).toBeGreaterThan(7 * 24 * HOUR - 60_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 24 * HOUR + 1000);

    const page = await fetch(json.url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('아메리카노 2잔');
  });

  it('reads the expiry back as the instant asked for, sent to KICC in Korea time', async () => {
    const expiresAt = new Date(Date.now() + 2 * 24 * HOUR);
    expiresAt.setUTCMilliseconds(0);
    const { json } = await create({ amount: 1000, goodsName: 'Tea', expiresAt: expiresAt.toISOString() });
    expect(json.expiresAt).toBe(expiresAt.toISOString());
    const sent = JSON.parse(backend.emulators!.kicc.requests.at(-1)!.body);
    const kst = new Date(expiresAt.getTime() + 9 * HOUR).toISOString().replace(/\D/g, '').slice(0, 14);
    expect(sent.directRegInfo.smsPayExpr).toBe(kst);
  });

  it('texts the link to the customer when asked, and texts it again on resend', async () => {
    const { response, json } = await create({
      amount: 32000,
      goodsName: '조각 케이크',
      delivery: 'provider-sms',
      customer: { name: '김고객', phone: '010-1234-5678' },
    });
    expect(response.status).toBe(201);
    expect(json.customer.phone).toBe('01012345678');
    const outbox = backend.emulators!.kicc.sms;
    const texted = outbox.filter((sms) => sms.to === '01012345678').length;
    expect(texted).toBe(1);

    const resent = await backend.post(`/api/links/${json.id}/resend`, {});
    expect(resent.status).toBe(200);
    expect(outbox.filter((sms) => sms.to === '01012345678').length).toBe(2);
  });

  it('masks the phone number to anyone reading the link later', async () => {
    const { json } = await create({ amount: 5000, goodsName: 'Tea', customer: { phone: '01098765432' } });
    const read = (await (await backend.get(`/api/links/${json.id}`)).json()) as PaymentLink;
    expect(read.customer.phone).toBe('010-****-5432');
    expect({ ...read, customer: undefined }).toEqual({ ...json, customer: undefined });
  });

  it('cancels the link at KICC, after which the short link says so', async () => {
    const { json } = await create({ amount: 7000, goodsName: 'Tea' });
    const cancelled = await backend.post(`/api/links/${json.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    const body = (await cancelled.json()) as PaymentLink & { cancellation: { mode: string } };
    expect(body.status).toBe('cancelled');
    expect(body.cancellation.mode).toBe('provider');
    expect(body.cancelledAt).not.toBeNull();

    const again = await backend.post(`/api/links/${json.id}/cancel`, {});
    expect(again.status).toBe(409);
    expect(((await again.json()) as ApiErrorBody).error.code).toBe('link_not_active');

    const visit = await backend.get(new URL(json.shortUrl!).pathname);
    expect(visit.status).toBe(200);
    expect(await visit.text()).toContain('취소');
  });

  it('refuses a 26-syllable Korean product name (52 bytes) and takes 25 (50 bytes)', async () => {
    const tooLong = await create({ amount: 1000, goodsName: syllables(26) });
    expect(tooLong.response.status).toBe(400);
    expect(tooLong.json.error.fields).toEqual([
      { field: 'goodsName', code: 'too_long', message: '상품명이 너무 깁니다: 52바이트 / 최대 50바이트 (한글은 한 글자에 2바이트).' },
    ]);
    const fits = await create({ amount: 1000, goodsName: syllables(25) });
    expect(fits.response.status).toBe(201);
  });
});

describe('POST /api/links with PayWelcome', () => {
  it('makes a link that lasts 72 hours', async () => {
    const { response, json } = await create({ provider: 'paywelcome', amount: 15000, goodsName: '카페라떼(ICE)' });
    expect(response.status).toBe(201);
    expect(json.provider).toBe('paywelcome');
    expect(json.url).toMatch(new RegExp(`^${backend.config.publicBaseUrl}/emulator/paywelcome/s/`));
    expect(Date.parse(json.expiresAt!) - Date.parse(json.createdAt)).toBeGreaterThan(72 * HOUR - 5000);
    expect(Date.parse(json.expiresAt!) - Date.parse(json.createdAt)).toBeLessThanOrEqual(72 * HOUR);
  });

  it('refuses a 21-syllable Korean product name (42 of 40 bytes) before calling PayWelcome', async () => {
    const calls = backend.emulators!.paywelcome.requests.length;
    const { response, json } = await create({ provider: 'paywelcome', amount: 1000, goodsName: syllables(21) });
    expect(response.status).toBe(400);
    expect(json.error.fields?.[0]).toMatchObject({ field: 'goodsName', code: 'too_long' });
    expect(backend.emulators!.paywelcome.requests.length).toBe(calls);
  });

  it('answers 422 when asked to text the link, which PayWelcome cannot', async () => {
    const { response, json } = await create({
      provider: 'paywelcome',
      amount: 1000,
      goodsName: 'Tea',
      delivery: 'provider-sms',
      customer: { phone: '01012345678' },
    });
    expect(response.status).toBe(422);
    expect(json.error.code).toBe('unsupported_delivery');
    expect(json.error.fields?.[0]).toMatchObject({ field: 'delivery', code: 'sms_not_supported' });
  });

  it('says plainly that PayWelcome cannot resend, and cancels only locally', async () => {
    const { json } = await create({ provider: 'paywelcome', amount: 1000, goodsName: 'Tea' });
    const resend = await backend.post(`/api/links/${json.id}/resend`, {});
    expect(resend.status).toBe(409);
    expect(((await resend.json()) as ApiErrorBody).error.code).toBe('resend_not_supported');

    const cancel = await backend.post(`/api/links/${json.id}/cancel`, {});
    expect(cancel.status).toBe(200);
    expect(((await cancel.json()) as { cancellation: { mode: string } }).cancellation.mode).toBe('local');
  });
});

describe('bad requests', () => {
  it('names every missing field, in Korean by default and in English when asked', async () => {
    const ko = await create({});
    expect(ko.response.status).toBe(400);
    expect(ko.json.error.code).toBe('validation_failed');
    expect(ko.json.error.fields?.map((f) => [f.field, f.code])).toEqual([
      ['amount', 'required'],
      ['goodsName', 'required'],
    ]);
    expect(ko.json.error.fields?.[0]?.message).toBe('금액을 입력해 주세요.');

    const en = await create({}, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json.error.fields?.[0]?.message).toBe('Enter the amount.');
  });

  it('refuses unknown fields, non-integer won and text no provider can carry', async () => {
    const { response, json } = await create({ amount: 1000.5, goodsName: '커피 ☕', tip: 500 });
    expect(response.status).toBe(400);
    expect(json.error.fields?.map((f) => [f.field, f.code])).toEqual([['tip', 'unknown_field']]);

    const second = await create({ amount: 1000.5, goodsName: '커피 ☕' });
    expect(second.json.error.fields?.map((f) => [f.field, f.code])).toEqual([
      ['amount', 'not_integer'],
      ['goodsName', 'unencodable'],
    ]);
    expect(second.json.error.fields?.[1]?.message).toContain('☕');
  });

  it('refuses a phone number that is not a Korean mobile, and texting without one', async () => {
    const bad = await create({ amount: 1000, goodsName: 'Tea', customer: { phone: '02-123-4567' } });
    expect(bad.json.error.fields?.map((f) => [f.field, f.code])).toEqual([['customer.phone', 'invalid_phone']]);
    const none = await create({ amount: 1000, goodsName: 'Tea', delivery: 'provider-sms' });
    expect(none.json.error.fields?.map((f) => [f.field, f.code])).toEqual([['customer.phone', 'phone_required_for_sms']]);
  });

  it('wants JSON, and says so', async () => {
    const form = await backend.post('/api/links', 'amount=1000', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(((await form.json()) as ApiErrorBody).error.code).toBe('unsupported_media_type');
    const broken = await backend.post('/api/links', '{"amount": 10', {});
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as ApiErrorBody).error.code).toBe('invalid_json');
  });

  it('answers 404 in the error shape for a link that does not exist', async () => {
    const response = await backend.get('/api/links/pl_nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: '찾을 수 없습니다.' } });
  });

  it('refuses an order number already used', async () => {
    const first = await create({ amount: 1000, goodsName: 'Tea', orderId: 'ORDER-dup-1' });
    expect(first.response.status).toBe(201);
    const second = await create({ amount: 2000, goodsName: 'Tea', orderId: 'ORDER-dup-1' });
    expect(second.response.status).toBe(409);
    expect(second.json.error.code).toBe('duplicate_order_id');
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeat with the same link, without a second provider call', async () => {
    const emulator = backend.emulators!.kicc;
    const calls = emulator.faults.calls;
    const body = { amount: 4500, goodsName: 'Tea' };
    const first = await create(body, { 'idempotency-key': 'order-42-attempt-1' });
    const second = await create(body, { 'idempotency-key': 'order-42-attempt-1' });
    expect(first.response.status).toBe(201);
    expect(second.response.status).toBe(201);
    expect(second.response.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect(emulator.faults.calls - calls).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    await create({ amount: 4500, goodsName: 'Tea' }, { 'idempotency-key': 'order-43' });
    const other = await create({ amount: 9900, goodsName: 'Tea' }, { 'idempotency-key': 'order-43' });
    expect(other.response.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_mismatch');
  });

  it('does not spend a key on a request that failed validation', async () => {
    const bad = await create({ amount: 1, goodsName: 'Tea' }, { 'idempotency-key': 'order-44' });
    expect(bad.response.status).toBe(400);
    const good = await create({ amount: 1000, goodsName: 'Tea' }, { 'idempotency-key': 'order-44' });
    expect(good.response.status).toBe(201);
  });
});

describe('the short link', () => {
  it('forwards to the provider page and records the first visit', async () => {
    const { json } = await create({ amount: 1000, goodsName: 'Tea' });
    expect(json.openedAt).toBeNull();
    const visit = await backend.get(new URL(json.shortUrl!).pathname);
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe(json.url);
    const read = (await (await backend.get(`/api/links/${json.id}`)).json()) as PaymentLink;
    expect(read.openedAt).not.toBeNull();
  });

  it('answers 404 with a page for a token that does not exist', async () => {
    const visit = await backend.get('/p/nothing123');
    expect(visit.status).toBe(404);
    expect(await visit.text()).toContain('찾을 수 없는');
  });
});

describe('GET /healthz', () => {
  it('answers ok, with each provider’s circuit', async () => {
    const response = await backend.get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      providers: { kicc: { state: 'closed', failures: 0 }, paywelcome: { state: 'closed', failures: 0 } },
    });
  });
});
