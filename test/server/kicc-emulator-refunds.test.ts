/**
 * The KICC emulator's refunds (`POST /api/trades/revise`), posted to by hand
 * over HTTP: it refuses what KICC would, gives a payment back once per
 * `shopTransactionId` a day, and notifies every cancel (`notiType` 20).
 */

import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatKst } from '../../core/kst.js';
import { createKiccEmulator, type KiccApproval, type KiccEmulator } from '../../server/emulators/kicc/index.js';
import { KICC_PATHS } from '../../server/providers/kicc/wire.js';
import { serveApp, type Served } from '../support/serve.js';

const MALL_ID = 'T5102001';
const SECRET = 'kicc-test-secret-1';
const OTHER_MALL_ID = 'T5102002';
const OTHER_SECRET = 'kicc-test-secret-2';
/** 01:30 on 5 May 2026 in Korea; still 4 May in Los Angeles, where the tests run. */
const START = Date.parse('2026-05-04T16:30:00Z');
const DAY = 24 * 60 * 60 * 1000;

let clock = START;
let emulator: KiccEmulator;
let served: Served;
/** What the merchant's webhook received. */
let notifications: Record<string, string>[] = [];
let webhook: Served;

beforeAll(async () => {
  webhook = await serveApp(
    new Hono().post('/', async (c) => {
      notifications.push(await c.req.json());
      return c.json({ resCd: '0000', resMsg: '정상' });
    }),
  );
  emulator = createKiccEmulator({
    merchants: [
      { mallId: MALL_ID, secretKey: SECRET },
      { mallId: OTHER_MALL_ID, secretKey: OTHER_SECRET },
    ],
    pageBaseUrl: () => served.url,
    notifyUrl: () => webhook.url,
    notifyIntervalMs: 20,
    now: () => clock,
  });
  served = await serveApp(emulator.app);
});
afterAll(async () => {
  await served.close();
  await webhook.close();
});
beforeEach(() => {
  clock = START;
  emulator.faults.set(undefined);
  emulator.settings.cancelNotifications = true;
});

let orders = 0;

async function post(path: string, payload: unknown, contentType = 'application/json; charset=utf-8') {
  const response = await fetch(`${served.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  const text = await response.text();
  return { status: response.status, text, reply: JSON.parse(text) as Record<string, unknown> };
}

/** A link of `mallId` paid on the emulator's page with `method`: its approval. */
async function paid({ method = 'card', amount = 12000, mallId = MALL_ID, partialRefund }: { method?: string; amount?: number; mallId?: string; partialRefund?: 'N' } = {}): Promise<KiccApproval> {
  const { reply } = await post(KICC_PATHS.register, {
    directRegInfo: { mallId, regTxtype: '52', regSubtype: '10', amount, currency: '00', payCode: '00' },
    directOrderInfo: { shopOrderNo: `RF-${++orders}`, goodsName: '아메리카노 2잔', goodsAmount: amount },
  });
  const registration = reply.pgCno as string;
  const form = new URLSearchParams({ action: 'pay', method, ...(partialRefund && { partialRefund }) });
  expect((await fetch(`${served.url}/pay/${registration}`, { method: 'POST', body: form })).status).toBe(200);
  await emulator.notifier.settled();
  const approval = (await emulator.approvals.values()).find((candidate) => candidate.registrationPgCno === registration)!;
  expect(approval).toBeDefined();
  return approval;
}

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** A refund KICC accepts for `approval`: the whole of it unless `change` says otherwise, signed and dated today in Korea. */
function revision(approval: Pick<KiccApproval, 'pgCno'>, change: Record<string, unknown> = {}, secret = SECRET): Record<string, unknown> {
  const body: Record<string, unknown> = {
    mallId: MALL_ID,
    shopTransactionId: `RF${formatKst(clock)}T${++orders}`,
    pgCno: approval.pgCno,
    reviseTypeCode: '40',
    cancelReqDate: formatKst(clock).slice(0, 8),
    clientId: 'pay-link',
    reviseMessage: '고객 요청',
    ...change,
  };
  body.msgAuthValue ??= hmac(secret, `${body.pgCno as string}|${body.shopTransactionId as string}`);
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

const revise = (payload: unknown, contentType?: string) => post(KICC_PATHS.revise, payload, contentType);
const cancelled = async (approval: KiccApproval) => (await emulator.approvals.get(approval.pgCno))!.cancels;

async function refusal(payload: unknown, code: string, field: string) {
  const { status, reply } = await revise(payload);
  expect(status).toBe(200);
  expect(reply.resCd).toBe(code);
  expect(reply.resMsg).toMatch(new RegExp(`^${field} `));
  return reply.resMsg as string;
}

describe('a payment on the emulator’s page', () => {
  it.each([
    ['card', '11'],
    ['easypay', '60'],
    ['transfer', '21'],
    ['mobile', '31'],
  ])('by %s is approved under a pgCno of its own, notified with payMethodTypeCode %s', async (method, code) => {
    notifications = [];
    const approval = await paid({ method });
    expect(approval.pgCno).toMatch(/^\d{20}$/);
    expect(approval.pgCno).not.toBe(approval.registrationPgCno);
    expect(notifications).toEqual([
      expect.objectContaining({ notiType: '10', pgCno: approval.pgCno, payMethodTypeCode: code, partCancelUsed: 'Y', amount: '12000', shopOrderNo: approval.shopOrderNo }),
    ]);
  });

  it('says so when its card company allows no partial cancel', async () => {
    notifications = [];
    const approval = await paid({ partialRefund: 'N' });
    expect(approval.partCancelUsed).toBe(false);
    expect(notifications[0]).toMatchObject({ notiType: '10', partCancelUsed: 'N' });
  });
});

describe('refunding through the API', () => {
  it('cancels part of a card payment (32), answers what remains, and notifies notiType 20 with the approval’s pgCno', async () => {
    const approval = await paid();
    notifications = [];
    const payload = revision(approval, { reviseTypeCode: '32', amount: 4000, remainAmount: 8000 });
    const { status, reply } = await revise(payload);
    expect(status).toBe(200);
    const cancelPgCno = reply.cancelPgCno as string;
    expect(reply).toEqual({
      resCd: '0000',
      resMsg: '정상취소',
      mallId: MALL_ID,
      shopTransactionId: payload.shopTransactionId,
      pgCno: approval.pgCno,
      cancelPgCno,
      cancelAmount: 4000,
      remainAmount: 8000,
      cancelDate: formatKst(clock),
      statusCode: 'TS06',
      statusMessage: '부분취소',
    });
    expect(cancelPgCno).toMatch(/^\d{20}$/);
    expect(cancelPgCno).not.toBe(approval.pgCno);
    await emulator.notifier.settled();
    expect(notifications).toEqual([
      {
        resCd: '0000',
        resMsg: '정상취소',
        mallId: MALL_ID,
        notiType: '20',
        pgCno: approval.pgCno,
        shopOrderNo: approval.shopOrderNo,
        amount: '12000',
        cancelPgCno,
        cancelAmount: '4000',
        cancelCardAmount: '4000',
        cancelRemainAmount: '8000',
        cancelDate: formatKst(clock),
        statusCode: 'TS06',
        statusMessage: '부분취소',
        payMethodTypeCode: '11',
        partCancelUsed: 'Y',
      },
    ]);

    // The rest, as another partial cancel; then nothing is left.
    expect((await revise(revision(approval, { reviseTypeCode: '32', amount: 8000, remainAmount: 0 }))).reply).toMatchObject({ resCd: '0000', cancelAmount: 8000, remainAmount: 0 });
    expect((await cancelled(approval)).map((cancel) => cancel.amount)).toEqual([4000, 8000]);
    await refusal(revision(approval, { reviseTypeCode: '32', amount: 1 }), 'E118', 'pgCno');
  });

  it.each([
    ['a card payment as a capture cancel (TS05)', 'card', 'TS05', '매입취소'],
    ['a bank transfer as an approval cancel (TS02)', 'transfer', 'TS02', '승인취소'],
  ])('cancels the whole of %s, once', async (_, method, statusCode, statusMessage) => {
    const approval = await paid({ method });
    const { reply } = await revise(revision(approval));
    expect(reply).toMatchObject({ resCd: '0000', cancelAmount: 12000, remainAmount: 0, statusCode, statusMessage });
    await refusal(revision(approval), 'E118', 'pgCno');
    expect((await cancelled(approval)).map((cancel) => cancel.amount)).toEqual([12000]);
  });

  it('cancels part of a transfer or mobile payment with 33, and refuses 32 for them and 33 for cards', async () => {
    const transfer = await paid({ method: 'transfer' });
    expect((await revise(revision(transfer, { reviseTypeCode: '33', amount: 2000, remainAmount: 10000 }))).reply.resCd).toBe('0000');
    expect(await refusal(revision(transfer, { reviseTypeCode: '32', amount: 2000, remainAmount: 8000 }), 'E121', 'reviseTypeCode')).toContain('33');
    const mobile = await paid({ method: 'mobile' });
    expect((await revise(revision(mobile, { reviseTypeCode: '33', amount: 2000 }))).reply.resCd).toBe('0000');
    const card = await paid();
    expect(await refusal(revision(card, { reviseTypeCode: '33', amount: 2000 }), 'E121', 'reviseTypeCode')).toContain('32');
    const easypay = await paid({ method: 'easypay' });
    expect((await revise(revision(easypay, { reviseTypeCode: '32', amount: 2000 }))).reply.resCd).toBe('0000');
  });

  it('refuses a partial cancel of a payment without partial cancels, and takes its whole cancel', async () => {
    const approval = await paid({ partialRefund: 'N' });
    await refusal(revision(approval, { reviseTypeCode: '32', amount: 2000, remainAmount: 10000 }), 'E121', 'pgCno');
    expect((await revise(revision(approval))).reply.resCd).toBe('0000');
  });

  it('answers a repeated shopTransactionId with the first answer, byte for byte, and gives back once', async () => {
    const approval = await paid();
    notifications = [];
    const payload = revision(approval, { reviseTypeCode: '32', amount: 3000, remainAmount: 9000 });
    const first = await revise(payload);
    clock += 60_000;
    const again = await revise(payload);
    expect(again.text).toBe(first.text);
    expect(await cancelled(approval)).toHaveLength(1);
    await emulator.notifier.settled();
    expect(notifications.filter((notification) => notification.notiType === '20')).toHaveLength(1);
  });

  it('refuses a shopTransactionId used today for another request', async () => {
    const approval = await paid();
    const payload = revision(approval, { reviseTypeCode: '32', amount: 3000, remainAmount: 9000 });
    await revise(payload);
    await refusal({ ...payload, amount: 2000, remainAmount: 7000 }, 'E123', 'shopTransactionId');
    expect(await cancelled(approval)).toHaveLength(1);
  });

  it('forgets a shopTransactionId at midnight in Korea: the same key the next day is another refund', async () => {
    const approval = await paid();
    const payload = revision(approval, { reviseTypeCode: '32', amount: 3000 });
    await revise(payload);
    clock += DAY;
    const nextDay = { ...payload, cancelReqDate: formatKst(clock).slice(0, 8) };
    expect((await revise(nextDay)).reply).toMatchObject({ resCd: '0000', remainAmount: 6000 });
    expect(await cancelled(approval)).toHaveLength(2);
  });

  it('does not notify cancels to a merchant that chose not to receive them', async () => {
    const approval = await paid();
    notifications = [];
    emulator.settings.cancelNotifications = false;
    expect((await revise(revision(approval))).reply.resCd).toBe('0000');
    await emulator.notifier.settled();
    expect(notifications).toEqual([]);
  });
});

describe('refusing a refund', () => {
  let approval: KiccApproval;
  beforeAll(async () => {
    clock = START;
    approval = await paid();
  });

  it('refuses another content type (415) and a body that is not a JSON object (400)', async () => {
    expect(await revise(JSON.stringify(revision(approval)), 'text/plain')).toMatchObject({ status: 415, reply: { resCd: 'E109' } });
    expect(await revise('{"mallId":', 'application/json')).toMatchObject({ status: 400, reply: { resCd: 'E100' } });
    expect(await revise('[]', 'application/json')).toMatchObject({ status: 400, reply: { resCd: 'E100' } });
  });

  it.each(['mallId', 'shopTransactionId', 'pgCno', 'reviseTypeCode', 'cancelReqDate', 'msgAuthValue'])('refuses a refund without %s', async (field) => {
    const payload = revision(approval);
    delete payload[field];
    await refusal(payload, 'E101', field);
  });

  it('refuses a partial cancel without its amount', async () => {
    await refusal(revision(approval, { reviseTypeCode: '32' }), 'E101', 'amount');
  });

  it.each([
    ['an amount as a string', { reviseTypeCode: '32', amount: '4000' }, 'amount'],
    ['remainAmount as a string', { reviseTypeCode: '32', amount: 4000, remainAmount: '8000' }, 'remainAmount'],
    ['a fractional amount', { reviseTypeCode: '32', amount: 4000.5 }, 'amount'],
    ['a negative remainAmount', { reviseTypeCode: '32', amount: 4000, remainAmount: -1 }, 'remainAmount'],
    ['a reviseTypeCode the API does not take for a refund (31, EasyPay 8’s)', { reviseTypeCode: '31', amount: 4000 }, 'reviseTypeCode'],
    ['a cancelReqDate that is no yyyyMMdd', { cancelReqDate: '26-05-05' }, 'cancelReqDate'],
    ['a clientId that is a number', { clientId: 7 }, 'clientId'],
  ])('refuses %s (E103)', async (_, change, field) => {
    await refusal(revision(approval, change), 'E103', field);
  });

  it.each([
    ['a shopTransactionId of 61 bytes', { shopTransactionId: 'R'.repeat(61) }, 'shopTransactionId'],
    ['a reviseMessage of 102 bytes (51 Hangul syllables)', { reviseMessage: '가'.repeat(51) }, 'reviseMessage'],
    ['a clientId of 33 bytes', { clientId: 'c'.repeat(33) }, 'clientId'],
  ])('refuses %s (E102)', async (_, change, field) => {
    await refusal(revision(approval, change), 'E102', field);
  });

  it.each([
    ['"|", KICC’s own separator, in shopTransactionId', { shopTransactionId: 'RF1|2' }, 'shopTransactionId'],
    ['"&" in reviseMessage', { reviseMessage: '단순 변심 & 환불' }, 'reviseMessage'],
    ['a quote in clientId', { clientId: "shop'admin" }, 'clientId'],
  ])('refuses %s (E108)', async (_, change, field) => {
    await refusal(revision(approval, change), 'E108', field);
  });

  it('refuses an unknown merchant', async () => {
    await refusal(revision(approval, { mallId: 'T9999999' }), 'E107', 'mallId');
  });

  it.each([
    ['another key', (body: Record<string, unknown>) => hmac('wrong-secret', `${body.pgCno as string}|${body.shopTransactionId as string}`)],
    ['no "|" between the fields', (body: Record<string, unknown>) => hmac(SECRET, `${body.pgCno as string}${body.shopTransactionId as string}`)],
    ['the fields the other way round', (body: Record<string, unknown>) => hmac(SECRET, `${body.shopTransactionId as string}|${body.pgCno as string}`)],
    ['upper-case hex', (body: Record<string, unknown>) => hmac(SECRET, `${body.pgCno as string}|${body.shopTransactionId as string}`).toUpperCase()],
  ])('refuses a msgAuthValue made with %s (E116), before anything is cancelled', async (_, sign) => {
    const payload = revision(approval);
    payload.msgAuthValue = sign(payload);
    await refusal(payload, 'E116', 'msgAuthValue');
    expect(await cancelled(approval)).toEqual([]);
  });

  it('refuses a msgAuthValue that signs another pgCno', async () => {
    const other = await paid();
    const payload = revision(approval);
    payload.msgAuthValue = hmac(SECRET, `${other.pgCno}|${payload.shopTransactionId as string}`);
    await refusal(payload, 'E116', 'msgAuthValue');
  });

  it.each([
    ['yesterday in Korea', () => formatKst(clock - DAY).slice(0, 8)],
    ['tomorrow in Korea', () => formatKst(clock + DAY).slice(0, 8)],
    ['today in Los Angeles, still the day before Korea’s', () => '20260504'],
  ])('refuses a cancelReqDate of %s (E115)', async (_, date) => {
    expect(formatKst(clock).slice(0, 8)).toBe('20260505');
    await refusal(revision(approval, { cancelReqDate: date() }), 'E115', 'cancelReqDate');
  });

  it('refuses the registration’s pgCno, an unknown one, and another merchant’s approval (E117)', async () => {
    await refusal(revision({ pgCno: approval.registrationPgCno }), 'E117', 'pgCno');
    await refusal(revision({ pgCno: '20260505013000000000' }), 'E117', 'pgCno');
    const others = await paid({ mallId: OTHER_MALL_ID });
    await refusal(revision(others), 'E117', 'pgCno');
    expect(await cancelled(others)).toEqual([]);
  });

  it('refuses a whole cancel for another amount, and more than remains', async () => {
    const fresh = await paid();
    await refusal(revision(fresh, { amount: 11000 }), 'E119', 'amount');
    await refusal(revision(fresh, { reviseTypeCode: '32', amount: 12001 }), 'E119', 'amount');
    expect(await cancelled(fresh)).toEqual([]);
  });

  it('refuses a remainAmount that is not what remains after the cancel (the balance before it, say)', async () => {
    const fresh = await paid();
    await refusal(revision(fresh, { reviseTypeCode: '32', amount: 4000, remainAmount: 12000 }), 'E120', 'remainAmount');
    await refusal(revision(fresh, { remainAmount: 12000 }), 'E120', 'remainAmount');
    expect(await cancelled(fresh)).toEqual([]);
  });

  it('refuses a whole cancel (40) after a partial one: the rest goes as a partial cancel', async () => {
    const fresh = await paid();
    await revise(revision(fresh, { reviseTypeCode: '32', amount: 4000, remainAmount: 8000 }));
    await refusal(revision(fresh), 'E122', 'reviseTypeCode');
    expect((await revise(revision(fresh, { reviseTypeCode: '32', amount: 8000, remainAmount: 0 }))).reply.resCd).toBe('0000');
  });
});

describe('a cancel made in KICC’s admin', () => {
  it('is notified as notiType 20 without an API call, and later refunds see what it left', async () => {
    const approval = await paid();
    notifications = [];
    const calls = emulator.faults.calls;
    const response = await fetch(`${served.url}/_admin/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pgCno: approval.pgCno, amount: 5000 }) });
    expect(response.status).toBe(200);
    const made = (await response.json()) as { cancelPgCno: string; notification: Record<string, string> };
    await emulator.notifier.settled();
    expect(notifications).toEqual([made.notification]);
    expect(made.notification).toMatchObject({ notiType: '20', pgCno: approval.pgCno, cancelPgCno: made.cancelPgCno, cancelAmount: '5000', cancelRemainAmount: '7000' });
    expect(emulator.faults.calls).toBe(calls);
    await refusal(revision(approval, { reviseTypeCode: '32', amount: 7001 }), 'E119', 'amount');
  });

  it('refuses what cannot be cancelled', async () => {
    const response = await fetch(`${served.url}/_admin/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pgCno: '20260505013000000000' }) });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ resCd: 'E117' });
  });
});
