/**
 * The PayWelcome emulator's PAYAPI cancels (`/cancel/cancel`, `/cancel/repay`),
 * posted to by hand over HTTP: it refuses what PayWelcome would, and
 * notifies every cancel (transType 01, 11) with the assumed signature.
 */

import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import reference from '../fixtures/reference-values.json' with { type: 'json' };
import { formatKst } from '../../core/kst.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator, type PaywelcomePayment } from '../../server/emulators/paywelcome/index.js';
import { makeUrlSignature } from '../../server/providers/paywelcome/signature.js';
import { PAYWELCOME_PATHS } from '../../server/providers/paywelcome/wire.js';
import { serveApp, type Served } from '../support/serve.js';

const { mid, mkey } = reference.paywelcomeSignature.input;
const SIGN_KEY = 'paywelcome-test-sign-key';
const OTHER = { mid: 'othermid01', mkey: 'a'.repeat(64), signKey: 'other-sign-key' };
/** 01:30 on 26 November 2026 in Korea; still the 25th in Los Angeles. */
const START = Date.parse('2026-11-25T16:30:00Z');
const MINUTE = 60_000;

let clock = START;
let emulator: PaywelcomeEmulator;
let served: Served;
let notifications: Record<string, string>[] = [];
let webhook: Served;

beforeAll(async () => {
  webhook = await serveApp(
    new Hono().post('/', async (c) => {
      notifications.push(await c.req.json());
      return c.text('OK');
    }),
  );
  emulator = createPaywelcomeEmulator({
    merchants: [{ mid, mkey, signKey: SIGN_KEY }, OTHER],
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
let orders = 0;

/** A short URL of `merchant` paid on the emulator's page: its payment. */
async function paid({ payType = 'card', amount = 15000, merchant = { mid, mkey }, partialRefund }: { payType?: string; amount?: number; merchant?: { mid: string; mkey: string }; partialRefund?: 'N' } = {}): Promise<PaywelcomePayment> {
  const timestamp = formatKst(clock);
  const oid = `PWRF-${++orders}`;
  const form = {
    mid: merchant.mid,
    payType,
    timestamp,
    P_GOODS: '카페라떼(ICE)',
    P_OID: oid,
    P_AMT: String(amount),
    P_RETURN_URL: 'https://shop.example/return',
    P_NEXT_URL: 'https://shop.example/next',
    P_RESERVED: 'twotrs_isp=Y',
    signature: makeUrlSignature({ mid: merchant.mid, mkey: merchant.mkey, oid, amount: String(amount), timestamp }),
  };
  const made = (await (await fetch(served.url + PAYWELCOME_PATHS.makeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) })).json()) as { MsgSend: string };
  const page = await fetch(made.MsgSend, { method: 'POST', body: new URLSearchParams({ action: 'pay', ...(partialRefund && { partialRefund }) }), redirect: 'manual' });
  expect(page.status).toBe(303);
  await emulator.notifier.settled();
  return (await emulator.payments.values()).find((payment) => payment.oid === oid)!;
}

/** A `/cancel/cancel` form PayWelcome accepts for the whole of `payment`, with `change`; signed unless `signature` is among them. */
function cancelForm(payment: Pick<PaywelcomePayment, 'tid' | 'amount'>, change: Record<string, string | undefined> = {}, merchant = { mid, mkey }): Record<string, string> {
  const form: Record<string, string | undefined> = { payType: 'card', mid: merchant.mid, tid: payment.tid, price: String(payment.amount), currency: 'WON', timestamp: formatKst(clock), ...change };
  if (!('signature' in change)) form.signature = sha256(`${form.mid ?? ''}${merchant.mkey}${form.timestamp ?? ''}`);
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A `/cancel/repay` form: `cancelPrice` now, `confirmPrice` what remains. */
function repayForm(payment: Pick<PaywelcomePayment, 'tid'>, cancelPrice: number, confirmPrice: number, change: Record<string, string | undefined> = {}) {
  const { price: _, ...form } = cancelForm({ tid: payment.tid, amount: 0 }, { cancelPrice: String(cancelPrice), confirmPrice: String(confirmPrice), ...change });
  return form;
}

async function post(path: string, form: Record<string, string> | string, contentType = 'application/x-www-form-urlencoded; charset=utf-8') {
  const response = await fetch(served.url + path, { method: 'POST', headers: { 'content-type': contentType }, body: typeof form === 'string' ? form : new URLSearchParams(form).toString() });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, string>;
}

const cancel = (form: Record<string, string> | string, contentType?: string) => post(PAYWELCOME_PATHS.cancel, form, contentType);
const repay = (form: Record<string, string>) => post(PAYWELCOME_PATHS.repay, form);
const cancelsOf = async (payment: PaywelcomePayment) => (await emulator.payments.get(payment.tid))!.cancels;

async function refusal(reply: Promise<Record<string, string>>, code: string, field: string) {
  const { ResultCode, ResultMsg } = await reply;
  expect(ResultCode).toBe(code);
  expect(ResultMsg).toMatch(new RegExp(`^${field} `));
  expect(ResultMsg).not.toContain(mkey);
}

const signed = (fields: Record<string, string>) => sha256(fields.mid! + SIGN_KEY + fields.oid! + fields.price! + fields.transType!);

describe('a payment on the emulator’s page', () => {
  it.each([
    ['card', 'Card'],
    ['hpp', 'HPP'],
    ['bank', 'DirectBank'],
  ])('by %s is notified with payMethod %s and its tid', async (payType, payMethod) => {
    notifications = [];
    const payment = await paid({ payType });
    expect(payment.tid.length).toBeLessThanOrEqual(40);
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toMatchObject({ transType: '00', tid: payment.tid, payMethod, price: '15000', oid: payment.oid });
    expect(notifications[0]!.Signature).toBe(signed(notifications[0]!));
  });
});

describe('cancelling through PAYAPI', () => {
  it('cancels a whole payment at /cancel/cancel, and notifies transType 01 (twice, as PayWelcome may)', async () => {
    const payment = await paid();
    notifications = [];
    const reply = await cancel(cancelForm(payment));
    expect(reply).toEqual({
      ResultCode: '00',
      ResultMsg: '정상처리',
      Mid: mid,
      Tid: payment.tid,
      Moid: payment.oid,
      Price: '15000',
      CancelDate: '20261126',
      CancelTime: '013000',
    });
    await emulator.notifier.settled();
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toEqual(notifications[1]);
    expect(notifications[0]).toMatchObject({ transType: '01', mid, tid: payment.tid, oid: payment.oid, price: '15000', payMethod: 'Card', cancelDate: '20261126', cancelTime: '013000' });
    expect(notifications[0]!.Signature).toBe(signed(notifications[0]!));
    await refusal(cancel(cancelForm(payment)), 'V112', 'tid');
  });

  it('cancels part of a payment at /cancel/repay under a C_Tid of its own, then the rest there too', async () => {
    const payment = await paid();
    notifications = [];
    const reply = await repay(repayForm(payment, 5000, 10000));
    expect(reply).toEqual({
      ResultCode: '00',
      ResultMsg: '정상처리',
      Mid: mid,
      Tid: payment.tid,
      C_Tid: reply.C_Tid,
      Price: '5000',
      RmainPrice: '10000',
      CancelDate: '20261126',
      CancelTime: '013000',
    });
    expect(reply.C_Tid).toMatch(/^C\d{21}$/);
    await emulator.notifier.settled();
    expect(notifications[0]).toMatchObject({ transType: '11', tid: reply.C_Tid, price: '5000', oid: payment.oid });
    expect(notifications[0]!.Signature).toBe(signed(notifications[0]!));

    // "부분취소 후 남은 금액 취소는 부분취소 API": not /cancel/cancel.
    await refusal(cancel(cancelForm(payment)), 'V116', 'tid');
    expect(await repay(repayForm(payment, 10000, 0))).toMatchObject({ ResultCode: '00', RmainPrice: '0' });
    await refusal(repay(repayForm(payment, 1, 0)), 'V112', 'tid');
    expect((await cancelsOf(payment)).map((c) => c.amount)).toEqual([5000, 10000]);
  });

  it('has no idempotency key: the same partial cancel twice gives back twice', async () => {
    const payment = await paid();
    await repay(repayForm(payment, 5000, 10000));
    await repay(repayForm(payment, 5000, 5000));
    expect((await cancelsOf(payment)).map((c) => c.amount)).toEqual([5000, 5000]);
  });

  it('refuses a partial cancel of a payment that allows none, and takes its whole cancel', async () => {
    const payment = await paid({ partialRefund: 'N' });
    await refusal(repay(repayForm(payment, 5000, 10000)), 'V115', 'tid');
    expect((await cancel(cancelForm(payment))).ResultCode).toBe('00');
  });

  it('does not notify cancels to a merchant that chose not to receive them', async () => {
    const payment = await paid();
    notifications = [];
    emulator.settings.cancelNotifications = false;
    expect((await cancel(cancelForm(payment))).ResultCode).toBe('00');
    await emulator.notifier.settled();
    expect(notifications).toEqual([]);
  });
});

describe('refusing a cancel', () => {
  let payment: PaywelcomePayment;
  beforeAll(async () => {
    clock = START;
    payment = await paid();
  });

  it('refuses a body that is not form-encoded UTF-8', async () => {
    await refusal(cancel(JSON.stringify(cancelForm(payment)), 'application/json'), 'V108', 'Content-Type');
    await refusal(cancel(new URLSearchParams(cancelForm(payment)).toString(), 'application/x-www-form-urlencoded; charset=euc-kr'), 'V108', 'Content-Type');
  });

  it.each(['payType', 'mid', 'tid', 'price', 'currency', 'timestamp', 'signature'])('refuses /cancel/cancel without %s', async (field) => {
    await refusal(cancel(cancelForm(payment, { [field]: undefined })), 'V101', field);
  });

  it.each(['cancelPrice', 'confirmPrice'])('refuses /cancel/repay without %s', async (field) => {
    await refusal(repay(repayForm(payment, 5000, 10000, { [field]: undefined })), 'V101', field);
  });

  it.each([
    ['a price with a comma', { price: '15,000' }, 'price'],
    ['a currency PayWelcome does not list', { currency: 'KRW' }, 'currency'],
    ['a payType PayWelcome does not list', { payType: 'CARD' }, 'payType'],
    ['a net cancel (cancelType C), which belongs to a payment under way', { cancelType: 'C' }, 'cancelType'],
  ])('refuses %s (V103)', async (_, change, field) => {
    await refusal(cancel(cancelForm(payment, change)), 'V103', field);
  });

  it('refuses a tid over 40 bytes (V102)', async () => {
    await refusal(cancel(cancelForm(payment, { tid: 'T'.repeat(41) })), 'V102', 'tid');
  });

  it.each([
    ['more than 10 minutes behind', () => formatKst(clock - 11 * MINUTE)],
    ['more than 10 minutes ahead', () => formatKst(clock + 11 * MINUTE)],
    ['Los Angeles time', () => '20261125083000'],
    ['epoch milliseconds, as PayWelcome’s sample sends', () => String(clock)],
  ])('refuses a timestamp %s (V105)', async (_, timestamp) => {
    await refusal(cancel(cancelForm(payment, { timestamp: timestamp() })), 'V105', 'timestamp');
  });

  it('refuses an unknown merchant (V107)', async () => {
    await refusal(cancel(cancelForm(payment, {}, { mid: 'nobody0001', mkey })), 'V107', 'mid');
  });

  it.each([
    ['another key', (form: Record<string, string>) => sha256(`${form.mid}${'b'.repeat(64)}${form.timestamp}`)],
    ['makeUrl’s formula', (form: Record<string, string>) => sha256(`${form.mid}${mkey}${form.tid}${form.price}${form.timestamp}`)],
    ['the name=value form of PayWelcome’s sample', (form: Record<string, string>) => sha256(`mid=${form.mid}&mkey=${mkey}&timestamp=${form.timestamp}`)],
    ['upper-case hex', (form: Record<string, string>) => sha256(`${form.mid}${mkey}${form.timestamp}`).toUpperCase()],
  ])('refuses a signature made with %s (V104), before anything is cancelled', async (_, sign) => {
    const form = cancelForm(payment);
    await refusal(cancel({ ...form, signature: sign(form) }), 'V104', 'signature');
    expect(await cancelsOf(payment)).toEqual([]);
  });

  it('refuses an unknown tid and another merchant’s payment (V111)', async () => {
    await refusal(cancel(cancelForm({ tid: `StdpayCARD${mid}20261126013000000000`, amount: 15000 })), 'V111', 'tid');
    await refusal(cancel(cancelForm(payment, {}, OTHER)), 'V111', 'tid');
    expect(await cancelsOf(payment)).toEqual([]);
  });

  it('refuses another payType or currency than the payment’s (V117)', async () => {
    await refusal(cancel(cancelForm(payment, { payType: 'hpp' })), 'V117', 'payType');
    await refusal(cancel(cancelForm(payment, { currency: 'USD' })), 'V117', 'currency');
  });

  it('refuses a whole cancel for another amount, and a partial one over what remains (V113)', async () => {
    await refusal(cancel(cancelForm(payment, { price: '14000' })), 'V113', 'price');
    await refusal(repay(repayForm(payment, 15001, 0)), 'V113', 'cancelPrice');
    expect(await cancelsOf(payment)).toEqual([]);
  });

  it('refuses a confirmPrice that is not what remains after the cancel (V114)', async () => {
    await refusal(repay(repayForm(payment, 5000, 15000)), 'V114', 'confirmPrice');
    expect(await cancelsOf(payment)).toEqual([]);
  });
});

describe('a cancel made in PayWelcome’s admin', () => {
  it('is notified (transType 11 for a part) without an API call', async () => {
    const payment = await paid();
    notifications = [];
    const calls = emulator.faults.calls;
    const response = await fetch(`${served.url}/_admin/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tid: payment.tid, amount: 4000 }) });
    expect(response.status).toBe(200);
    const made = (await response.json()) as { tid: string };
    await emulator.notifier.settled();
    expect(notifications).toHaveLength(2);
    expect(notifications[0]).toMatchObject({ transType: '11', tid: made.tid, price: '4000' });
    expect(emulator.faults.calls).toBe(calls);
    await refusal(repay(repayForm(payment, 11001, 0)), 'V113', 'cancelPrice');
  });
});
