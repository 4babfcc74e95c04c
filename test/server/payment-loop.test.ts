import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { notificationSignature } from '../../server/providers/paywelcome/signature.js';
import { postFrom as postFromAddress } from '../support/post-from.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

let backend: TestBackend;
let clock = Date.now();
beforeAll(async () => {
  backend = await startBackend({}, { now: () => clock });
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
