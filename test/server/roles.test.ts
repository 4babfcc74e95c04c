/**
 * Who may do what, by the widget token's `role`: a customer's page makes
 * links and reads its own; staff act on the links of their `sub`; the
 * merchant on every link. Customer data is shown only to those.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const SECRET = 'roles-widget-secret-0123456789abcdef0123';
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET });
});
afterAll(() => backend?.dispose());

const as = (claims: Omit<WidgetClaims, 'exp'>) => ({
  authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`,
});
const customer = as({ sub: 'checkout-7' });
const till1 = as({ sub: 'till-1', role: 'staff' });
const till2 = as({ sub: 'till-2', role: 'staff' });
const merchant = as({ role: 'merchant' });
const anonymous = {};

/** A fresh number each time: texts to one number are rate-limited. */
let lastPhone = 1000;
async function make(headers: Record<string, string>) {
  const phone = `010-3333-${++lastPhone}`;
  const response = await backend.post('/api/links', { amount: 8000, goodsName: 'Latte', delivery: 'provider-sms', customer: { phone } }, headers);
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}
const status = async (response: Promise<Response>) => (await response).status;
const code = async (response: Promise<Response>) => ((await (await response).json()) as ApiErrorBody).error.code;

describe('a customer token', () => {
  it('creates links and reads its own in full, but cannot list, resend or cancel, even its own', async () => {
    const link = await make(customer);
    expect(link.customer.phone).toBe(`0103333${lastPhone}`);
    const read = (await (await backend.get(`/api/links/${link.id}`, customer)).json()) as PaymentLink;
    expect(read.customer.phone).toBe(`0103333${lastPhone}`);
    for (const action of ['resend', 'cancel']) {
      const refused = backend.post(`/api/links/${link.id}/${action}`, {}, customer);
      expect(await code(refused)).toBe('forbidden');
    }
    expect(await status(backend.get('/api/links?status=unknown', customer))).toBe(403);
    expect((await (await backend.get(`/api/links/${link.id}`, merchant)).json()) as PaymentLink).toMatchObject({ status: 'active' });
  });

  it('never sees another caller’s customer data', async () => {
    const link = await make(till1);
    for (const headers of [customer, till2, anonymous]) {
      const read = (await (await backend.get(`/api/links/${link.id}`, headers)).json()) as PaymentLink;
      expect(read.customer.phone).toBe(`010-****-${lastPhone}`);
    }
  });
});

describe('a staff token', () => {
  it('resends and cancels the links of its sub; another till’s are not there for it', async () => {
    const link = await make(till1);
    expect(await status(backend.post(`/api/links/${link.id}/resend`, {}, till2))).toBe(404);
    expect(await status(backend.post(`/api/links/${link.id}/cancel`, {}, till2))).toBe(404);
    expect(await status(backend.post(`/api/links/${link.id}/resend`, {}, till1))).toBe(200);
    expect(await status(backend.post(`/api/links/${link.id}/cancel`, {}, till1))).toBe(200);
  });

  it('cannot be minted without a sub', () => {
    expect(() => mintWidgetToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 600, role: 'staff' })).toThrow(/sub/);
  });
});

describe('a merchant token', () => {
  it('acts on every link and sees every customer', async () => {
    const link = await make(till2);
    const read = (await (await backend.get(`/api/links/${link.id}`, merchant)).json()) as PaymentLink;
    expect(read.customer.phone).toBe(`0103333${lastPhone}`);
    const cancelled = await backend.post(`/api/links/${link.id}/cancel`, {}, merchant);
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as PaymentLink).status).toBe('cancelled');
  });
});

describe('open mode (no WIDGET_TOKEN_SECRET, every provider emulated)', () => {
  let open: TestBackend;
  beforeAll(async () => {
    open = await startBackend();
  });
  afterAll(() => open?.dispose());

  it('keeps today’s behaviour for allowed origins: create, resend, cancel and list, with numbers masked after creation', async () => {
    const response = await open.post('/api/links', { amount: 8000, goodsName: 'Latte', delivery: 'provider-sms', customer: { phone: '010-3333-4444' } });
    const link = (await response.json()) as PaymentLink;
    expect(link.customer.phone).toBe('01033334444');
    expect(await status(open.post(`/api/links/${link.id}/resend`, {}))).toBe(200);
    expect(await status(open.get('/api/links?status=unknown'))).toBe(200);
    expect(((await (await open.get(`/api/links/${link.id}`)).json()) as PaymentLink).customer.phone).toBe('010-****-4444');
    expect(await status(open.post(`/api/links/${link.id}/cancel`, {}))).toBe(200);
  });
});
