/** The PayWelcome emulator over real HTTP, posted to by hand: it must refuse whatever PayWelcome would. */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import reference from '../fixtures/reference-values.json' with { type: 'json' };
import { formatKst } from '../../core/kst.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator } from '../../server/emulators/paywelcome/index.js';
import { makeUrlSignature } from '../../server/providers/paywelcome/signature.js';
import { PAYWELCOME_PATHS, type MakeUrlReply } from '../../server/providers/paywelcome/wire.js';
import { serveApp, type Served } from '../support/serve.js';

const HOUR = 60 * 60 * 1000;
const { mid, mkey } = reference.paywelcomeSignature.input;
const OTHER = { mid: 'othermid01', mkey: 'a'.repeat(64) };
const RESERVED = 'twotrs_isp=Y&block_isp=Y&twotrs_isp_noti=N';

let clock = Date.parse('2026-11-25T05:30:00Z');
let emulator: PaywelcomeEmulator;
let served: Served;
let nextOrder = 0;

beforeAll(async () => {
  emulator = createPaywelcomeEmulator({
    merchants: [{ mid, mkey }, OTHER],
    pageBaseUrl: () => `${served.url}`, notifyUrl: () => 'http://127.0.0.1:9/unused',
    now: () => clock,
  });
  served = await serveApp(emulator.app);
});
afterAll(() => served.close());
beforeEach(() => {
  clock = Date.parse('2026-11-25T05:30:00Z');
  emulator.faults.set(undefined);
});

const syllables = (count: number) => '가'.repeat(count);

/** A form the emulator accepts, with `changes` applied; re-signed unless `signature` is among them. */
function validForm(changes: Record<string, string | undefined> = {}, merchant = { mid, mkey }): Record<string, string> {
  const form: Record<string, string | undefined> = {
    mid: merchant.mid,
    payType: 'card',
    timestamp: formatKst(clock),
    P_GOODS: '카페라떼(ICE)',
    P_OID: `EMU-${++nextOrder}`,
    P_AMT: '15000',
    P_RETURN_URL: 'https://shop.example/return',
    P_NEXT_URL: 'https://shop.example/next',
    P_RESERVED: RESERVED,
    P_CHARSET: 'utf8',
    ...changes,
  };
  const signed = { ...form, signature: makeUrlSignature({ mid: form.mid!, mkey: merchant.mkey, oid: form.P_OID!, amount: form.P_AMT!, timestamp: form.timestamp! }) };
  const result = { ...signed, ...changes };
  return Object.fromEntries(Object.entries(result).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

async function post(body: string, contentType = 'application/x-www-form-urlencoded') {
  const response = await fetch(served.url + PAYWELCOME_PATHS.makeUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as MakeUrlReply;
}

const postForm = (form: Record<string, string>) => post(new URLSearchParams(form).toString());

async function expectRefusal(reply: Promise<MakeUrlReply>, code: string, field: string) {
  const { ResultCode, ResultMsg, MsgSend } = await reply;
  expect(ResultCode).toBe(code);
  expect(ResultCode.length).toBeLessThanOrEqual(6);
  expect(ResultMsg.startsWith(`${field} `)).toBe(true);
  expect(ResultMsg).not.toContain(mkey);
  expect(MsgSend).toBeUndefined();
  return ResultMsg;
}

describe('PayWelcome emulator: making a short URL', () => {
  it('makes a short URL of at most 50 bytes and remembers the link for 72 hours', async () => {
    const form = validForm();
    const reply = await postForm(form);
    expect(reply).toMatchObject({ ResultCode: '00', ResultMsg: '정상처리' });
    expect(reply.MsgSend).toMatch(new RegExp(`^${served.url}/s/[0-9A-Za-z]{4}$`));
    expect(Buffer.byteLength(reply.MsgSend!)).toBeLessThanOrEqual(50);

    const code = reply.MsgSend!.split('/').at(-1)!;
    expect(await emulator.links.get(code)).toEqual({
      mid,
      oid: form.P_OID,
      payType: 'card',
      amount: 15000,
      goods: '카페라떼(ICE)',
      returnUrl: form.P_RETURN_URL,
      createdAt: clock,
      expiresAt: clock + 72 * HOUR,
      state: 'active',
    });
  });

  it('shows a payment page for the short URL, and a 410 once 72 hours have passed', async () => {
    const { MsgSend } = await postForm(validForm({ P_GOODS: '조각 케이크 & <차>' }));
    const page = await fetch(MsgSend!);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('조각 케이크 &amp; &lt;차&gt;');
    expect(text).toContain('₩15,000');
    expect(text).toContain('결제하기');

    clock += 72 * HOUR - 1000;
    expect((await fetch(MsgSend!)).status).toBe(200);
    clock += 1000;
    const expired = await fetch(MsgSend!);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('결제 기한이 지났습니다');
  });

  it('answers 404 for a short code it never made', async () => {
    expect((await fetch(`${served.url}/s/zzzzzz`)).status).toBe(404);
  });

  it('takes a Korean product name of 20 syllables (40 bytes) and refuses 21 (42 bytes)', async () => {
    expect((await postForm(validForm({ P_GOODS: syllables(20) }))).ResultCode).toBe('00');
    const message = await expectRefusal(postForm(validForm({ P_GOODS: syllables(21) })), 'V102', 'P_GOODS');
    expect(message).toContain('42 > 40 byte');
  });

  it('accepts the optional fields when they are well formed', async () => {
    const reply = await postForm(
      validForm({ payType: 'hpp', P_HPP_METHOD: '2', P_QUOTABASE: '01:02:03', P_NOTI_URL: 'https://shop.example/noti', P_CHARSET: 'euc-kr' }),
    );
    expect(reply.ResultCode).toBe('00');
  });

  it('records every request as it arrived', async () => {
    const before = emulator.requests.length;
    const body = new URLSearchParams(validForm()).toString();
    await post(body);
    expect(emulator.requests.slice(before)).toEqual([{ path: PAYWELCOME_PATHS.makeUrl, contentType: 'application/x-www-form-urlencoded', body }]);
  });
});

describe('PayWelcome emulator: refusals, each HTTP 200 with ResultCode and ResultMsg', () => {
  it('refuses a body that is not form-encoded (V108)', async () => {
    const form = validForm();
    await expectRefusal(post(new URLSearchParams(form).toString(), 'text/plain'), 'V108', 'Content-Type');
    await expectRefusal(post(JSON.stringify(form), 'application/json'), 'V108', 'Content-Type');
    await expectRefusal(post(new URLSearchParams(form).toString(), 'application/x-www-form-urlencoded; charset=euc-kr'), 'V108', 'Content-Type');
  });

  it('takes the form in UTF-8 when the charset is named', async () => {
    const reply = await post(new URLSearchParams(validForm()).toString(), 'application/x-www-form-urlencoded; charset=UTF-8');
    expect(reply.ResultCode).toBe('00');
  });

  it.each(['mid', 'payType', 'timestamp', 'P_GOODS', 'P_OID', 'P_AMT', 'P_RETURN_URL', 'P_NEXT_URL', 'P_RESERVED', 'signature'])(
    'refuses a form without %s (V101)',
    async (field) => {
      await expectRefusal(postForm(validForm({ [field]: undefined })), 'V101', field);
      await expectRefusal(postForm(validForm({ [field]: '' })), 'V101', field);
    },
  );

  it('refuses a wrong signature (V104), and a tampered amount under the old signature', async () => {
    await expectRefusal(postForm(validForm({ signature: '0'.repeat(64) })), 'V104', 'signature');
    const signed = validForm({ P_AMT: '15000' });
    await expectRefusal(postForm({ ...signed, P_AMT: '1500' }), 'V104', 'signature');
  });

  it('refuses a signature made with another merchant’s key (V104)', async () => {
    await expectRefusal(postForm(validForm({}, { mid, mkey: OTHER.mkey })), 'V104', 'signature');
  });

  it('refuses a timestamp more than 10 minutes off, even when correctly signed (V105)', async () => {
    await expectRefusal(postForm(validForm({ timestamp: formatKst(clock - 11 * 60 * 1000) })), 'V105', 'timestamp');
    await expectRefusal(postForm(validForm({ timestamp: formatKst(clock + 11 * 60 * 1000) })), 'V105', 'timestamp');
    expect((await postForm(validForm({ timestamp: formatKst(clock - 9 * 60 * 1000) }))).ResultCode).toBe('00');
  });

  it('refuses a timestamp in UTC rather than Korea time (V105)', async () => {
    const utc = new Date(clock).toISOString().replace(/\D/g, '').slice(0, 14);
    await expectRefusal(postForm(validForm({ timestamp: utc })), 'V105', 'timestamp');
  });

  it.each(['2026112514300', '2026112514300Z', '20261131143000'])('refuses the malformed timestamp %s (V105)', async (timestamp) => {
    await expectRefusal(postForm(validForm({ timestamp })), 'V105', 'timestamp');
  });

  it('refuses an order number the merchant already used (V106), but another merchant may use it', async () => {
    const first = validForm();
    expect((await postForm(first)).ResultCode).toBe('00');
    const message = await expectRefusal(postForm(validForm({ P_OID: first.P_OID })), 'V106', 'P_OID');
    expect(message).toContain('중복');
    expect((await postForm(validForm({ P_OID: first.P_OID }, OTHER))).ResultCode).toBe('00');
  });

  it('refuses an unknown merchant (V107)', async () => {
    await expectRefusal(postForm(validForm({}, { mid: 'nobody', mkey })), 'V107', 'mid');
  });

  it.each([
    ['P_AMT', '1,000'],
    ['P_AMT', '0'],
    ['P_AMT', '-100'],
    ['payType', 'CARD'],
    ['P_CHARSET', 'utf-8'],
    ['P_HPP_METHOD', '1'],
    ['P_QUOTABASE', '1:2'],
    ['P_RETURN_URL', 'shop.example/return'],
    ['P_NOTI_URL', 'javascript:alert(1)'],
    ['P_GOODS', '커피 ☕'],
  ])('refuses %s=%s as badly formed (V103)', async (field, value) => {
    await expectRefusal(postForm(validForm({ [field]: value })), 'V103', field);
  });

  it('refuses a phone-payment type outside 1|2 (V103)', async () => {
    await expectRefusal(postForm(validForm({ payType: 'hpp', P_HPP_METHOD: '3' })), 'V103', 'P_HPP_METHOD');
  });

  it('refuses a field sent twice (V103)', async () => {
    const body = `${new URLSearchParams(validForm()).toString()}&P_AMT=1`;
    await expectRefusal(post(body), 'V103', 'P_AMT');
  });

  it.each([
    ['mid', 'm'.repeat(11)],
    ['P_OID', 'O'.repeat(31)],
    ['P_AMT', '1234567890'],
    ['P_RETURN_URL', `https://shop.example/${'r'.repeat(80)}`],
    ['P_NEXT_URL', `https://shop.example/${'n'.repeat(80)}`],
    ['P_RESERVED', 'x'.repeat(301)],
    ['P_QUOTABASE', Array.from({ length: 34 }, (_, i) => String(i + 1).padStart(2, '0')).join(':')],
  ])('refuses an over-long %s (V102)', async (field, value) => {
    await expectRefusal(postForm(validForm({ [field]: value })), 'V102', field);
  });
});

describe('PayWelcome emulator: faults over HTTP', () => {
  it('sets a fault with POST /_faults and clears it with {}', async () => {
    const set = await fetch(`${served.url}/_faults`, { method: 'POST', body: JSON.stringify({ mode: 'http500', times: 2 }) });
    expect(await set.json()).toEqual({ fault: { mode: 'http500', times: 2 } });
    const body = new URLSearchParams(validForm()).toString();
    const send = () => fetch(served.url + PAYWELCOME_PATHS.makeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await send()).status).toBe(503);

    await fetch(`${served.url}/_faults`, { method: 'POST', body: '{}' });
    expect(((await (await send()).json()) as MakeUrlReply).ResultCode).toBe('00');
  });

  it('answers 400 to a fault it does not know', async () => {
    const response = await fetch(`${served.url}/_faults`, { method: 'POST', body: JSON.stringify({ mode: 'explode' }) });
    expect(response.status).toBe(400);
  });
});
