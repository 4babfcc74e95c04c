/**
 * `POST /api/links/:id/refund` end to end: a link paid on the emulator's page
 * is refunded through the API, whole or in parts, by KICC and PayWelcome,
 * with the roles, the idempotency key and the gateways' own notifications of
 * the same refunds (and of refunds made in their admins) counted once.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { refundsOf } from '../../server/links/refunds.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

const SECRET = 'refunds-widget-secret-0123456789abcdef012';
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET, RATE_LIMIT_LINKS_PER_IP: '1000/1m' });
});
afterAll(() => backend?.dispose());

const as = (claims: Omit<WidgetClaims, 'exp'>) => ({
  authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 600, ...claims })}`,
});
const merchant = as({ role: 'merchant' });
const customer = as({ sub: 'checkout-1' });
const till1 = as({ sub: 'till-1', role: 'staff' });
const till2 = as({ sub: 'till-2', role: 'staff' });

const kicc = () => backend.emulators!.kicc;
const paywelcome = () => backend.emulators!.paywelcome;

async function create(provider: 'kicc' | 'paywelcome', headers: Record<string, string> = merchant, amount = 12000): Promise<PaymentLink> {
  const response = await backend.post('/api/links', { provider, amount, goodsName: '아메리카노 2잔' }, headers);
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

const read = async (id: string) => (await (await backend.get(`/api/links/${id}`, merchant)).json()) as PaymentLink;

/** The customer pays on the emulated page with `method`; resolves once the link is paid. */
async function paid(provider: 'kicc' | 'paywelcome', { method = 'card', partialRefund, headers, amount }: { method?: string; partialRefund?: 'N'; headers?: Record<string, string>; amount?: number } = {}) {
  const link = await create(provider, headers, amount);
  const form = new URLSearchParams({ action: 'pay', method, ...(partialRefund && { partialRefund }) });
  expect((await fetch(link.url!, { method: 'POST', body: form, redirect: 'manual' })).status).toBeLessThan(400);
  expect((await eventually(() => read(link.id), (l) => l.status === 'paid')).status).toBe('paid');
  return link;
}

const refund = (id: string, body: Record<string, unknown> = {}, headers: Record<string, string> = merchant) => backend.post(`/api/links/${id}/refund`, body, headers);

async function refunded(id: string, body: Record<string, unknown> = {}, headers: Record<string, string> = merchant): Promise<PaymentLink> {
  const response = await refund(id, body, headers);
  expect(response.status).toBe(200);
  return (await response.json()) as PaymentLink;
}

async function refused(response: Promise<Response>, status: number, code: string) {
  const answer = await response;
  expect(answer.status).toBe(status);
  const body = (await answer.json()) as ApiErrorBody;
  expect(body.error.code).toBe(code);
  return body;
}

/** The approval KICC's notification named, and the refund requests the KICC emulator received for it. */
async function kiccSide(id: string) {
  const { paymentRef, providerRef } = (await backend.store.getLink(id))!;
  const requests = kicc()
    .requests.filter((request) => request.path === '/api/trades/revise')
    .map((request) => JSON.parse(request.body) as Record<string, unknown>)
    .filter((body) => body.pgCno === paymentRef);
  return { paymentRef: paymentRef!, providerRef, requests, approval: await kicc().approvals.get(paymentRef!) };
}

const paywelcomeRequests = (tid: string) =>
  paywelcome()
    // Recorded with the path it was mounted under.
    .requests.filter((request) => request.path.includes('/cancel/'))
    .map((request) => ({ path: request.path.slice(request.path.indexOf('/cancel/')), form: Object.fromEntries(new URLSearchParams(request.body)) }))
    .filter((request) => request.form.tid === tid);

describe('KICC', () => {
  it('refunds a card payment in two parts: partially_refunded, then refunded, with the approval’s pgCno', async () => {
    const link = await paid('kicc');
    const first = await refunded(link.id, { amount: 5000, reason: '한 잔 취소' });
    expect(first).toMatchObject({ status: 'partially_refunded', refundedAmount: 5000, refunds: [{ amount: 5000, status: 'succeeded', reason: '한 잔 취소' }] });

    const rest = await refunded(link.id);
    expect(rest).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
    expect(rest.refunds.map((r) => [r.amount, r.status])).toEqual([
      [5000, 'succeeded'],
      [7000, 'succeeded'],
    ]);

    const side = await kiccSide(link.id);
    expect(side.paymentRef).not.toBe(side.providerRef);
    expect(side.requests.map((body) => [body.reviseTypeCode, body.amount, body.remainAmount])).toEqual([
      ['32', 5000, 7000],
      ['32', 7000, 0],
    ]);
    expect(side.approval!.cancels.map((cancel) => cancel.amount)).toEqual([5000, 7000]);

    // KICC notifies both cancels (notiType 20): they are ours, already counted.
    await kicc().notifier.settled();
    const after = await read(link.id);
    expect(after).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
    expect(after.refunds).toHaveLength(2);
  });

  it('refunds a whole payment with a full cancel (40)', async () => {
    const link = await paid('kicc');
    expect(await refunded(link.id, { amount: 12000 })).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
    const side = await kiccSide(link.id);
    expect(side.requests).toEqual([expect.objectContaining({ reviseTypeCode: '40' })]);
    expect(side.requests[0]).not.toHaveProperty('amount');
  });

  it('refunds part of a bank transfer with code 33', async () => {
    const link = await paid('kicc', { method: 'transfer' });
    expect(await refunded(link.id, { amount: 2000 })).toMatchObject({ status: 'partially_refunded', refundedAmount: 2000 });
    expect((await kiccSide(link.id)).requests).toEqual([expect.objectContaining({ reviseTypeCode: '33', amount: 2000, remainAmount: 10000 })]);
  });

  it.each([
    ['a character KICC refuses', '2잔 중 1잔 & 포장 취소'],
    ['more than KICC’s 100 bytes', '가'.repeat(51)],
  ])('keeps a reason with %s for itself, and refunds without it', async (_, reason) => {
    const link = await paid('kicc');
    expect(await refunded(link.id, { amount: 1000, reason })).toMatchObject({ refundedAmount: 1000, refunds: [{ reason, status: 'succeeded' }] });
    const [sent] = (await kiccSide(link.id)).requests;
    expect(sent).not.toHaveProperty('reviseMessage');
  });

  it('refuses a refund over what remains (422, field amount) without calling KICC', async () => {
    const link = await paid('kicc');
    await refunded(link.id, { amount: 10000 });
    const body = await refused(refund(link.id, { amount: 2001 }), 422, 'refund_exceeds_remaining');
    expect(body.error.fields).toEqual([expect.objectContaining({ field: 'amount', code: 'refund_exceeds_remaining' })]);
    expect((await kiccSide(link.id)).requests).toHaveLength(1);
  });

  it('refuses to refund a link that is not paid (409 link_not_paid)', async () => {
    const link = await create('kicc');
    await refused(refund(link.id, { amount: 1000 }), 409, 'link_not_paid');
  });

  it('refuses a partial refund of a method KICC cannot cancel in part (a virtual account): 409 partial_refund_not_supported', async () => {
    const link = await create('kicc');
    const notification = {
      resCd: '0000',
      resMsg: '정상처리',
      mallId: EMULATOR_CREDENTIALS.kicc.mallId,
      notiType: '10',
      pgCno: `2026${Date.now()}`.slice(0, 20),
      shopOrderNo: link.orderId,
      amount: '12000',
      payMethodTypeCode: '22',
    };
    const webhook = await fetch(`${backend.url}/webhooks/kicc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification) });
    expect(await webhook.json()).toEqual({ resCd: '0000', resMsg: '정상' });
    await refused(refund(link.id, { amount: 1000 }), 409, 'partial_refund_not_supported');
    expect(await read(link.id)).toMatchObject({ status: 'paid', refundedAmount: 0, refunds: [] });
  });

  it('refuses up front a partial PayWelcome refund when the payment says it allows none (P_CARD_PRTC_CODE 0)', async () => {
    const link = await paid('paywelcome', { partialRefund: 'N' });
    await refused(refund(link.id, { amount: 1000 }), 409, 'partial_refund_not_supported');
    expect(await read(link.id)).toMatchObject({ status: 'paid', refundedAmount: 0, refunds: [] });
  });

  it('refuses up front a partial refund of a payment whose notification said it cannot be cancelled in part (partCancelUsed N); the whole refund then works', async () => {
    const link = await paid('kicc', { partialRefund: 'N' });
    const calls = (await kiccSide(link.id)).requests.length;
    await refused(refund(link.id, { amount: 1000 }), 409, 'partial_refund_not_supported');
    expect(await read(link.id)).toMatchObject({ status: 'paid', refundedAmount: 0, refunds: [] });
    expect((await kiccSide(link.id)).requests).toHaveLength(calls);
    expect(await refunded(link.id)).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
  });

  it('replays the answer to a repeated Idempotency-Key without refunding again', async () => {
    const link = await paid('kicc');
    const headers = { ...merchant, 'idempotency-key': `refund-${link.id}` };
    const first = await refund(link.id, { amount: 3000 }, headers);
    const again = await refund(link.id, { amount: 3000 }, headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const side = await kiccSide(link.id);
    expect(side.requests).toHaveLength(1);
    expect(side.approval!.cancels).toHaveLength(1);
    expect((await read(link.id)).refundedAmount).toBe(3000);
  });

  it('refunds on a retry with the same Idempotency-Key after KICC answered 503', async () => {
    const link = await paid('kicc');
    const headers = { ...merchant, 'idempotency-key': `retry-${link.id}` };
    kicc().faults.set({ mode: 'http500', times: 1 });
    await refused(refund(link.id, { amount: 3000 }, headers), 502, 'provider_unavailable');
    const retried = await refund(link.id, { amount: 3000 }, headers);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ status: 'partially_refunded', refundedAmount: 3000 });
    expect((await kiccSide(link.id)).approval!.cancels.map((cancel) => cancel.amount)).toEqual([3000]);
  });

  it('takes a refund made in KICC’s admin from its notification, once, however often it arrives', async () => {
    const link = await paid('kicc');
    const { paymentRef } = await kiccSide(link.id);
    const made = await fetch(`${backend.url}/emulator/kicc/_admin/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pgCno: paymentRef, amount: 2000 }) });
    const { cancelPgCno, notification } = (await made.json()) as { cancelPgCno: string; notification: Record<string, string> };
    const after = await eventually(() => read(link.id), (l) => l.refundedAmount === 2000);
    expect(after).toMatchObject({ status: 'partially_refunded', refundedAmount: 2000, refunds: [{ amount: 2000, status: 'succeeded', reason: null }] });
    expect(refundsOf((await backend.store.getLink(link.id))!)).toEqual([expect.objectContaining({ source: 'gateway', gatewayRef: cancelPgCno, gatewayKey: null })]);

    // KICC sends it again (no acknowledgement reached it, say).
    const again = await fetch(`${backend.url}/webhooks/kicc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notification) });
    expect(await again.json()).toEqual({ resCd: '0000', resMsg: '정상' });
    expect(await read(link.id)).toMatchObject({ refundedAmount: 2000, refunds: [{ amount: 2000 }] });
    expect((await backend.store.events(link.id)).filter((event) => event.type === 'refunded')).toHaveLength(1);

    // What remains can still be refunded through the API.
    expect(await refunded(link.id)).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
  });
});

describe('PayWelcome', () => {
  const tidOf = async (id: string) => (await backend.store.getLink(id))!.paymentRef!;

  it('refunds a whole payment at /cancel/cancel, and its notification (sent twice) changes nothing more', async () => {
    const link = await paid('paywelcome');
    expect(await refunded(link.id)).toMatchObject({ status: 'refunded', refundedAmount: 12000, refunds: [{ amount: 12000, status: 'succeeded' }] });
    const tid = await tidOf(link.id);
    expect(paywelcomeRequests(tid)).toEqual([{ path: '/cancel/cancel', form: expect.objectContaining({ price: '12000', payType: 'card' }) }]);
    await paywelcome().notifier.settled();
    expect(await read(link.id)).toMatchObject({ status: 'refunded', refundedAmount: 12000, refunds: [{ amount: 12000 }] });
  });

  it('refunds in parts at /cancel/repay, the rest there too', async () => {
    const link = await paid('paywelcome');
    expect(await refunded(link.id, { amount: 5000 })).toMatchObject({ status: 'partially_refunded', refundedAmount: 5000 });
    expect(await refunded(link.id)).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
    const tid = await tidOf(link.id);
    expect(paywelcomeRequests(tid).map(({ path, form }) => [path, form.cancelPrice, form.confirmPrice])).toEqual([
      ['/cancel/repay', '5000', '7000'],
      ['/cancel/repay', '7000', '0'],
    ]);
    await paywelcome().notifier.settled();
    expect(await read(link.id)).toMatchObject({ refundedAmount: 12000, refunds: [{ amount: 5000 }, { amount: 7000 }] });
  });

  it('takes a refund made in PayWelcome’s admin once, though PayWelcome notifies it twice', async () => {
    const link = await paid('paywelcome');
    const tid = await tidOf(link.id);
    await fetch(`${backend.url}/emulator/paywelcome/_admin/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tid, amount: 4000 }) });
    await paywelcome().notifier.settled();
    expect(await read(link.id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 4000, refunds: [{ amount: 4000, status: 'succeeded' }] });
    expect((await backend.store.events(link.id)).filter((event) => event.type === 'refunded')).toHaveLength(1);
  });
});

describe('who may refund', () => {
  it('staff their own links, a merchant any; a customer token is forbidden and another till finds nothing', async () => {
    const link = await paid('kicc', { headers: till1 });
    await refused(refund(link.id, { amount: 1000 }, customer), 403, 'forbidden');
    await refused(refund(link.id, { amount: 1000 }, till2), 404, 'not_found');
    expect(await refunded(link.id, { amount: 1000 }, till1)).toMatchObject({ refundedAmount: 1000 });
    expect(await refunded(link.id, { amount: 1000 }, merchant)).toMatchObject({ refundedAmount: 2000 });
    expect((await kiccSide(link.id)).approval!.cancels).toHaveLength(2);
  });
});
