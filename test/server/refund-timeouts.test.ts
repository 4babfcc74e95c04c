/**
 * Refunds whose answer never came (the emulators' `timeout` fault: the
 * gateway does the refund, then withholds its answer). KICC's is sent again
 * with the same `shopTransactionId` and gives the money back once;
 * PayWelcome's, which has no such key, is never sent again and waits for its
 * notification or a person.
 */

import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

/** PROVIDER_TIMEOUT_MS: each refund call is given this long. */
const TIMEOUT_MS = 500;
/** How long the gateway withholds its answer: well past the timeout. */
const WITHHELD_MS = 2000;

let backend: TestBackend;
let clock = Date.now();
beforeAll(async () => {
  backend = await startBackend({ PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS), RATE_LIMIT_LINKS_PER_IP: '1000/1m' }, { now: () => clock });
});
afterAll(() => backend?.dispose());
afterEach(() => {
  for (const emulator of [kicc(), paywelcome()]) {
    emulator.faults.set(undefined);
    emulator.settings.cancelNotifications = true;
  }
});

const kicc = () => backend.emulators!.kicc;
const paywelcome = () => backend.emulators!.paywelcome;
const read = async (id: string) => (await (await backend.get(`/api/links/${id}`)).json()) as PaymentLink;

async function paid(provider: 'kicc' | 'paywelcome'): Promise<{ link: PaymentLink; paymentRef: string }> {
  const created = await backend.post('/api/links', { provider, amount: 12000, goodsName: '조각 케이크' });
  expect(created.status).toBe(201);
  const link = (await created.json()) as PaymentLink;
  await fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }), redirect: 'manual' });
  expect((await eventually(() => read(link.id), (l) => l.status === 'paid')).status).toBe('paid');
  return { link, paymentRef: (await backend.store.getLink(link.id))!.paymentRef! };
}

async function refund(id: string, body: Record<string, unknown>): Promise<PaymentLink> {
  const started = performance.now();
  const response = await backend.post(`/api/links/${id}/refund`, body);
  expect(response.status).toBe(200);
  expect(performance.now() - started).toBeLessThan(WITHHELD_MS);
  return (await response.json()) as PaymentLink;
}

/** The refund requests KICC received for approval `pgCno`, as sent. */
const kiccRequests = (pgCno: string) => kicc().requests.filter((request) => request.path === '/api/trades/revise' && (JSON.parse(request.body) as { pgCno: string }).pgCno === pgCno);
const paywelcomeRequests = (tid: string) => paywelcome().requests.filter((request) => request.path.includes('/cancel/') && new URLSearchParams(request.body).get('tid') === tid);

/** Moves the clock past the call that timed out, and reconciles. */
async function reconcile() {
  clock += TIMEOUT_MS + 1000;
  await backend.reconciler.runOnce();
}

describe('KICC', () => {
  it('answers pending, then the reconciler sends the refund again with the same shopTransactionId: succeeded, paid back once', async () => {
    const { link, paymentRef } = await paid('kicc');
    kicc().settings.cancelNotifications = false;
    kicc().faults.set({ mode: 'timeout', times: 1, delayMs: WITHHELD_MS });
    const pending = await refund(link.id, { amount: 4000 });
    expect(pending).toMatchObject({ status: 'paid', refundedAmount: 0, refunds: [{ amount: 4000, status: 'pending' }] });
    // KICC made the refund; only its answer was lost.
    expect((await kicc().approvals.get(paymentRef))!.cancels.map((cancel) => cancel.amount)).toEqual([4000]);

    await reconcile();
    const settled = await read(link.id);
    expect(settled).toMatchObject({ status: 'partially_refunded', refundedAmount: 4000, refunds: [{ amount: 4000, status: 'succeeded' }] });
    expect(settled.attention).toBeUndefined();

    const sent = kiccRequests(paymentRef);
    expect(sent).toHaveLength(2);
    const [first, retry] = sent.map((request) => JSON.parse(request.body) as { shopTransactionId: string });
    expect(retry!.shopTransactionId).toBe(first!.shopTransactionId);
    expect(sent[1]!.body).toBe(sent[0]!.body);
    const approval = (await kicc().approvals.get(paymentRef))!;
    expect(approval.cancels.reduce((sum, cancel) => sum + cancel.amount, 0)).toBe(4000);
  });

  it('settles a pending refund before the next one when the refund route is called again', async () => {
    const { link, paymentRef } = await paid('kicc');
    kicc().settings.cancelNotifications = false;
    kicc().faults.set({ mode: 'timeout', times: 1, delayMs: WITHHELD_MS });
    await refund(link.id, { amount: 4000 });
    // All that remains: 8,000, since the pending 4,000 may have gone back (it has).
    const after = await refund(link.id, {});
    expect(after).toMatchObject({ status: 'refunded', refundedAmount: 12000 });
    expect(after.refunds.map((r) => [r.amount, r.status])).toEqual([
      [4000, 'succeeded'],
      [8000, 'succeeded'],
    ]);
    const keys = kiccRequests(paymentRef).map((request) => (JSON.parse(request.body) as { shopTransactionId: string }).shopTransactionId);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect((await kicc().approvals.get(paymentRef))!.cancels.map((cancel) => cancel.amount)).toEqual([4000, 8000]);
  });

  it('settles it from KICC’s notification of the cancel, without asking again', async () => {
    const { link, paymentRef } = await paid('kicc');
    kicc().faults.set({ mode: 'timeout', times: 1, delayMs: WITHHELD_MS });
    await refund(link.id, { amount: 4000 });
    await kicc().notifier.settled();
    expect(await read(link.id)).toMatchObject({ status: 'partially_refunded', refundedAmount: 4000, refunds: [{ amount: 4000, status: 'succeeded' }] });
    await reconcile();
    expect(kiccRequests(paymentRef)).toHaveLength(1);
  });
});

describe('PayWelcome', () => {
  it('answers pending, is never sent again, and is flagged refund_unknown by the reconciler', async () => {
    const { link, paymentRef: tid } = await paid('paywelcome');
    paywelcome().settings.cancelNotifications = false;
    paywelcome().faults.set({ mode: 'timeout', times: 1, delayMs: WITHHELD_MS });
    expect(await refund(link.id, { amount: 4000 })).toMatchObject({ status: 'paid', refundedAmount: 0, refunds: [{ amount: 4000, status: 'pending' }] });

    await reconcile();
    expect(await read(link.id)).toMatchObject({ status: 'paid', attention: 'refund_unknown', refundedAmount: 0, refunds: [{ amount: 4000, status: 'pending' }] });
    await reconcile();
    expect(paywelcomeRequests(tid)).toHaveLength(1);
    // PayWelcome did give it back: only a person (or its notification) can say so.
    expect((await paywelcome().payments.get(tid))!.cancels.map((cancel) => cancel.amount)).toEqual([4000]);

    // Another refund is its own request; the pending one is not sent with it.
    expect(await refund(link.id, { amount: 1000 })).toMatchObject({ refunds: [{ amount: 4000, status: 'pending' }, { amount: 1000, status: 'succeeded' }] });
    expect(paywelcomeRequests(tid)).toHaveLength(2);
    const cancels = (await paywelcome().payments.get(tid))!.cancels;
    expect(cancels.map((cancel) => cancel.amount)).toEqual([4000, 1000]);

    // The merchant turns cancel notifications on and PayWelcome's word arrives: the refund is known, the flag goes.
    const { mid, signKey } = EMULATOR_CREDENTIALS.paywelcome;
    const fields = { transType: '11', mid, tid: cancels[0]!.tid, oid: link.orderId, price: '4000' };
    const Signature = createHash('sha256').update(mid + signKey + fields.oid + fields.price + fields.transType).digest('hex');
    const told = await fetch(`${backend.url}/webhooks/paywelcome`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...fields, Signature }) });
    expect(await told.text()).toBe('OK');
    const known = await read(link.id);
    expect(known).toMatchObject({ status: 'partially_refunded', refundedAmount: 5000, refunds: [{ amount: 4000, status: 'succeeded' }, { amount: 1000, status: 'succeeded' }] });
    expect(known.attention).toBeUndefined();
  });

  it('settles it from PayWelcome’s cancel notification', async () => {
    const { link, paymentRef: tid } = await paid('paywelcome');
    paywelcome().faults.set({ mode: 'timeout', times: 1, delayMs: WITHHELD_MS });
    await refund(link.id, { amount: 4000 });
    await paywelcome().notifier.settled();
    const settled = await read(link.id);
    expect(settled).toMatchObject({ status: 'partially_refunded', refundedAmount: 4000, refunds: [{ amount: 4000, status: 'succeeded' }] });
    expect(settled.attention).toBeUndefined();
    expect(paywelcomeRequests(tid)).toHaveLength(1);
  });
});
