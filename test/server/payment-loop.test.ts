import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { createLogger } from '../../server/log.js';
import { notificationSignature } from '../../server/providers/paywelcome/signature.js';
import { postFrom as postFromAddress } from '../support/post-from.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

let backend: TestBackend;
let clock = Date.now();
const logs: Record<string, unknown>[] = [];
beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) });
  backend = await startBackend({}, { now: () => clock, logger });
});
afterAll(() => backend.dispose());

async function createLink(body: Record<string, unknown> = {}): Promise<PaymentLink> {
  const response = await backend.post('/api/links', { amount: 12000, goodsName: '아메리카노 2잔', ...body });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

async function readLink(id: string): Promise<PaymentLink> {
  return (await (await backend.get(`/api/links/${id}`)).json()) as PaymentLink;
}

/** The customer presses Pay or Decline on the provider's page. */
function customer(link: PaymentLink, action: 'pay' | 'decline') {
  return fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action, method: 'card' }), redirect: 'manual' });
}

/** POSTs from a chosen loopback source address, as a host outside the allowlist would. */
const postFrom = (localAddress: string, path: string, body: string, contentType: string) =>
  postFromAddress(localAddress, `${backend.url}${path}`, body, { 'content-type': contentType });

const kiccNotification = (link: PaymentLink, overrides: Record<string, string> = {}) =>
  JSON.stringify({
    resCd: '0000',
    resMsg: '정상처리',
    mallId: EMULATOR_CREDENTIALS.kicc.mallId,
    notiType: '10',
    pgCno: `A${Date.now()}`,
    shopOrderNo: link.orderId,
    amount: String(link.amount),
    statusCode: 'TS03',
    ...overrides,
  });

describe('a customer pays', () => {
  it('through KICC: the notification marks the link paid, and KICC hears {"resCd":"0000"}', async () => {
    const link = await createLink();
    const page = await fetch(link.url!);
    expect(await page.text()).toContain('₩12,000 결제하기');

    const paid = await customer(link, 'pay');
    expect(await paid.text()).toContain('결제가 완료되었습니다');
    const read = await eventually(() => readLink(link.id), (l) => l.status === 'paid');
    expect(read.status).toBe('paid');
    expect(read.paidAt).not.toBeNull();

    await backend.emulators!.kicc.notifier.settled();
    const deliveries = backend.emulators!.kicc.notifier.log;
    expect(deliveries.at(-1)).toMatchObject({ status: 200, accepted: true, attempt: 1 });
  });

  it('through PayWelcome: paid, the customer is sent on to the return page, and the repeat changes nothing', async () => {
    const link = await createLink({ provider: 'paywelcome' });
    const paid = await customer(link, 'pay');
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${backend.config.publicBaseUrl}/return/paywelcome`);

    await backend.emulators!.paywelcome.notifier.settled();
    // PayWelcome sends each notification twice; both are acknowledged with OK.
    expect(backend.emulators!.paywelcome.notifier.log.filter((d) => d.accepted).length).toBe(2);
    expect((await readLink(link.id)).status).toBe('paid');
    const events = await backend.store.events(link.id);
    expect(events.filter((e) => e.type === 'paid')).toHaveLength(1);
  });

  it('declines: no notification, and the link stays open', async () => {
    const link = await createLink();
    const before = backend.emulators!.kicc.notifier.log.length;
    const declined = await customer(link, 'decline');
    expect(await declined.text()).toContain('결제를 하지 않았습니다');
    await backend.emulators!.kicc.notifier.settled();
    expect(backend.emulators!.kicc.notifier.log.length).toBe(before);
    expect((await readLink(link.id)).status).toBe('active');
  });

  it('is told live over server-sent events', async () => {
    const link = await createLink();
    const stream = await fetch(`${backend.url}/api/links/${link.id}/events`);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const seen: string[] = [];
    const read = async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        for (const match of buffer.matchAll(/event: link\ndata: (.*)\n/g)) seen.push((JSON.parse(match[1]!) as PaymentLink).status);
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      }
    };
    const reading = read();
    await eventually(async () => seen.length, (n) => n >= 1);
    await customer(link, 'pay');
    await reading; // the stream ends once the link is paid
    expect(seen).toEqual(['active', 'paid']);
  });
});

describe('notifications we do not believe', () => {
  it('refuses one from an address outside the allowlist, in KICC’s own reply format', async () => {
    const link = await createLink();
    const reply = await postFrom('127.0.0.2', '/webhooks/kicc', kiccNotification(link), 'application/json; charset=utf-8');
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({ resCd: '5001', resMsg: '처리실패' });
    expect((await readLink(link.id)).status).toBe('active');
  });

  it('acknowledges a replayed notification and changes nothing', async () => {
    const link = await createLink();
    const body = kiccNotification(link, { pgCno: 'APPROVAL-REPLAY-1' });
    const first = await postFrom('127.0.0.1', '/webhooks/kicc', body, 'application/json');
    expect(JSON.parse(first.body)).toEqual({ resCd: '0000', resMsg: '정상' });
    const paidAt = (await readLink(link.id)).paidAt;
    clock += 60_000;
    const second = await postFrom('127.0.0.1', '/webhooks/kicc', body, 'application/json');
    expect(JSON.parse(second.body)).toEqual({ resCd: '0000', resMsg: '정상' });
    const read = await readLink(link.id);
    expect(read.paidAt).toBe(paidAt);
    expect((await backend.store.events(link.id)).filter((e) => e.type === 'paid')).toHaveLength(1);
  });

  it('does not mark paid when the amount differs from the link’s, but records it', async () => {
    const link = await createLink();
    const reply = await postFrom('127.0.0.1', '/webhooks/kicc', kiccNotification(link, { amount: '1200' }), 'application/json');
    expect(reply.status).toBe(200);
    expect((await readLink(link.id)).status).toBe('active');
    const mismatch = (await backend.store.events(link.id)).find((e) => e.type === 'notification_mismatch');
    expect(mismatch?.detail).toMatchObject({ amount: 1200 });
  });

  it('does not mark paid when the merchant id is not ours', async () => {
    const link = await createLink();
    await postFrom('127.0.0.1', '/webhooks/kicc', kiccNotification(link, { mallId: 'T0000000' }), 'application/json');
    expect((await readLink(link.id)).status).toBe('active');
  });

  it('refuses a PayWelcome notification whose Signature does not verify, and PayWelcome hears no OK', async () => {
    const link = await createLink({ provider: 'paywelcome' });
    const { mid, signKey } = EMULATOR_CREDENTIALS.paywelcome;
    const fields = { transType: '00', mid, tid: 'T-forged-1', oid: link.orderId, price: String(link.amount) };
    const forged = notificationSignature({ mid, signKey: 'not-the-key', orderId: link.orderId, amount: fields.price, transType: '00' });
    const reply = await postFrom('127.0.0.1', '/webhooks/paywelcome', JSON.stringify({ ...fields, Signature: forged }), 'application/json');
    expect(reply).toEqual({ status: 400, body: 'FAIL' });
    expect((await readLink(link.id)).status).toBe('active');

    const genuine = notificationSignature({ mid, signKey, orderId: link.orderId, amount: fields.price, transType: '00' });
    const form = new URLSearchParams({ ...fields, Signature: genuine }).toString();
    const accepted = await postFrom('127.0.0.1', '/webhooks/paywelcome', form, 'application/x-www-form-urlencoded');
    expect(accepted).toEqual({ status: 200, body: 'OK' });
    expect((await readLink(link.id)).status).toBe('paid');
  });

  it('reads KICC’s older form format and answers in it', async () => {
    const link = await createLink();
    const form = new URLSearchParams({
      res_cd: '0000',
      res_msg: '정상',
      cno: 'LEGACY-1',
      memb_id: EMULATOR_CREDENTIALS.kicc.mallId,
      amount: String(link.amount),
      order_no: link.orderId,
      noti_type: '10',
    }).toString();
    const reply = await postFrom('127.0.0.1', '/webhooks/kicc', form, 'application/x-www-form-urlencoded');
    expect(reply).toEqual({ status: 200, body: 'res_cd=0000^res_msg=SUCCESS' });
    expect((await readLink(link.id)).status).toBe('paid');
  });
});

const paywelcomeNotification = (link: PaymentLink, tid: string) => {
  const { mid, signKey } = EMULATOR_CREDENTIALS.paywelcome;
  const fields = { transType: '00', mid, tid, oid: link.orderId, price: String(link.amount) };
  return JSON.stringify({ ...fields, Signature: notificationSignature({ mid, signKey, orderId: link.orderId, amount: fields.price, transType: '00' }) });
};
const ACKNOWLEDGED = { kicc: JSON.stringify({ resCd: '0000', resMsg: '정상' }), paywelcome: 'OK' };

/** A notification of a payment with transaction id `ref`, as the link's provider sends it. */
const paymentOf = (link: PaymentLink, ref: string) =>
  link.provider === 'kicc'
    ? postFrom('127.0.0.1', '/webhooks/kicc', kiccNotification(link, { pgCno: ref }), 'application/json')
    : postFrom('127.0.0.1', '/webhooks/paywelcome', paywelcomeNotification(link, ref), 'application/json');

/** What the notifications table holds for a link: each transaction and what became of it. */
function outcomes(linkId: string) {
  const db = new Database(join(backend.dir, 'pay-link.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT transaction_id AS transactionId, outcome FROM notifications WHERE link_id = ? ORDER BY received_at, outcome').all(linkId);
  } finally {
    db.close();
  }
}

describe('a second payment on a link already paid', () => {
  it('is recorded, shown on the link as needing attention, logged as an error and acknowledged; the first payment stays the link’s', async () => {
    const link = await createLink();
    await customer(link, 'pay');
    const paid = await eventually(() => readLink(link.id), (l) => l.status === 'paid');
    await backend.emulators!.kicc.notifier.settled();
    const first = (await backend.store.getLink(link.id))!.paymentRef!;
    expect(paid.attention).toBeUndefined();

    clock += 60_000;
    // Acknowledged, so KICC stops sending it: it is on record, and a resend would change nothing.
    expect(await paymentOf(link, 'SECOND-PAYMENT-1')).toEqual({ status: 200, body: ACKNOWLEDGED.kicc });
    const read = await readLink(link.id);
    expect(read).toMatchObject({ status: 'paid', paidAt: paid.paidAt, attention: 'double_payment' });
    expect((await backend.store.getLink(link.id))!.paymentRef).toBe(first);
    const flagged = (await backend.store.events(link.id)).filter((e) => e.type === 'double_payment');
    expect(flagged).toEqual([
      expect.objectContaining({ actor: 'webhook:kicc', fromState: 'paid', toState: 'paid', detail: { transactionId: 'SECOND-PAYMENT-1', paidTransactionId: first, amount: 12000 } }),
    ]);
    expect(logs.filter((line) => line.linkId === link.id && line.level === 50)).toEqual([
      expect.objectContaining({ provider: 'kicc', orderId: link.orderId, transactionId: 'SECOND-PAYMENT-1', paidTransactionId: first, amount: 12000 }),
    ]);
    expect(outcomes(link.id)).toEqual([
      { transactionId: first, outcome: 'applied' },
      { transactionId: 'SECOND-PAYMENT-1', outcome: 'double_payment' },
    ]);

    // KICC sending it again changes nothing more.
    expect(await paymentOf(link, 'SECOND-PAYMENT-1')).toEqual({ status: 200, body: ACKNOWLEDGED.kicc });
    expect((await backend.store.events(link.id)).filter((e) => e.type === 'double_payment')).toHaveLength(1);
  });

  for (const provider of ['kicc', 'paywelcome'] as const) {
    it(`arriving at the same moment as the first (${provider}) is never dropped: one pays the link, the other flags it`, async () => {
      const link = await createLink({ provider });
      const refs = [`${provider}-RACE-A`, `${provider}-RACE-B`];
      const replies = await Promise.all(refs.map((ref) => paymentOf(link, ref)));
      expect(replies).toEqual(refs.map(() => ({ status: 200, body: ACKNOWLEDGED[provider] })));

      expect(await readLink(link.id)).toMatchObject({ status: 'paid', attention: 'double_payment' });
      const { paymentRef } = (await backend.store.getLink(link.id))!;
      const other = refs.find((ref) => ref !== paymentRef);
      expect(refs).toContain(paymentRef);
      const events = await backend.store.events(link.id);
      expect(events.filter((e) => e.type === 'paid')).toEqual([expect.objectContaining({ detail: { transactionId: paymentRef } })]);
      expect(events.filter((e) => e.type === 'double_payment')).toEqual([
        expect.objectContaining({ detail: { transactionId: other, paidTransactionId: paymentRef, amount: 12000 } }),
      ]);
      expect(outcomes(link.id).map((row) => (row as { outcome: string }).outcome).sort()).toEqual(['applied', 'double_payment']);
      expect(logs.filter((line) => line.linkId === link.id && line.level === 50)).toHaveLength(1);
    });
  }
});

describe('expiry', () => {
  it('a link past its time reads expired, its short link says so, and the provider page no longer takes payment', async () => {
    const link = await createLink({ expiresAt: new Date(clock + 10 * 60_000).toISOString() });
    clock += 11 * 60_000;
    expect((await readLink(link.id)).status).toBe('expired');
    const short = await backend.get(new URL(link.shortUrl!).pathname);
    expect(short.status).toBe(410);
    const page = await fetch(link.url!);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('결제 기한이 지났습니다');
    expect((await customer(link, 'pay')).status).toBe(410);
  });
});
