/**
 * The KICC emulator refuses what KICC would: raw requests over HTTP, so each
 * rule is seen on the wire, independently of the adapter.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiccEmulator, type KiccEmulator } from '../../server/emulators/kicc/index.js';
import { KICC_PATHS } from '../../server/providers/kicc/wire.js';
import { serveApp, type Served } from '../support/serve.js';

const MALL_ID = 'T5102001';
const OTHER_MALL_ID = 'T5102002';
/** 2026-05-04 10:00:00 in Korea. */
const NOW = Date.parse('2026-05-04T01:00:00Z');

let emulator: KiccEmulator;
let served: Served;
beforeAll(async () => {
  emulator = createKiccEmulator({
    merchants: [
      { mallId: MALL_ID, secretKey: 'test-secret-1' },
      { mallId: OTHER_MALL_ID, secretKey: 'test-secret-2' },
    ],
    pageBaseUrl: () => served.url, notifyUrl: () => 'http://127.0.0.1:9/unused',
    now: () => NOW,
  });
  served = await serveApp(emulator.app);
});
afterAll(() => served.close());

let orderCount = 0;
const nextOrderNo = () => `EMU-${++orderCount}`;

type Body = { directRegInfo: Record<string, unknown>; directOrderInfo: Record<string, unknown> };

/** A registration KICC accepts (URL only), with `change` applied to a fresh copy. */
function body(change: (body: Body) => void = () => {}): Body {
  const fresh: Body = {
    directRegInfo: { mallId: MALL_ID, regTxtype: '52', regSubtype: '10', amount: 12000, currency: '00', payCode: '00' },
    directOrderInfo: { shopOrderNo: nextOrderNo(), goodsName: '아메리카노 2잔', goodsAmount: 12000 },
  };
  change(fresh);
  return fresh;
}

/** A registration that KICC texts. */
const smsBody = (change: (body: Body) => void = () => {}) =>
  body((b) => {
    Object.assign(b.directRegInfo, { regTxtype: '51', rcvMobileNo: '01012345678', sndTelNo: '0212345678', mallName: '커피상점' });
    change(b);
  });

interface Reply {
  resCd: string;
  resMsg: string;
  [field: string]: unknown;
}

async function post(path: string, payload: unknown, contentType = 'application/json; charset=utf-8') {
  const response = await fetch(`${served.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  return { status: response.status, reply: (await response.json()) as Reply };
}

const register = (payload: unknown, contentType?: string) => post(KICC_PATHS.register, payload, contentType);
const cancel = (payload: unknown) => post(KICC_PATHS.cancel, payload);

async function registered(payload: Body = body()) {
  const { reply } = await register(payload);
  expect(reply.resCd).toBe('0000');
  return reply;
}

describe('registering a link', () => {
  it('answers the registration as KICC does, with D+7 when no smsPayExpr is sent', async () => {
    const payload = body();
    const { status, reply } = await register(payload);
    expect(status).toBe(200);
    const pgCno = reply.pgCno as string;
    expect(pgCno).toMatch(/^20260504100000\d{6}$/);
    expect(reply).toEqual({
      resCd: '0000',
      resMsg: '정상',
      mallId: MALL_ID,
      shopOrderNo: payload.directOrderInfo.shopOrderNo,
      pgCno,
      amount: 12000,
      expiryDate: '20260511100000',
      authPageUrl: `${served.url}/pay/${pgCno}`,
    });
    expect(await emulator.registrations.get(pgCno)).toMatchObject({ state: 'active', amount: 12000, goodsName: '아메리카노 2잔' });
  });

  it('keeps every request as it arrived, body and content type', async () => {
    const raw = JSON.stringify(body());
    await register(raw);
    expect(emulator.requests.at(-1)).toEqual({ path: KICC_PATHS.register, contentType: 'application/json; charset=utf-8', body: raw });
  });

  it('texts the link for regTxtype 51 and shows the outbox over HTTP', async () => {
    const reply = await registered(smsBody());
    const outbox = (await (await fetch(`${served.url}/_sms`)).json()) as { to: string; text: string; at: number }[];
    expect(outbox.at(-1)).toEqual({ to: '01012345678', text: expect.stringContaining(reply.authPageUrl as string), at: NOW });
    expect(outbox.at(-1)!.text).toContain('[커피상점]');
    expect(outbox.at(-1)!.text).toContain('₩12,000');
  });

  it('takes an order number once per merchant, and the same number from another merchant', async () => {
    const first = body();
    await registered(first);
    const { reply } = await register(first);
    expect(reply).toEqual({ resCd: 'E105', resMsg: `shopOrderNo 중복 주문번호 (${first.directOrderInfo.shopOrderNo})` });
    await registered(
      body((b) => {
        b.directRegInfo.mallId = OTHER_MALL_ID;
        b.directOrderInfo.shopOrderNo = first.directOrderInfo.shopOrderNo;
      }),
    );
  });

  it('accepts a 25-syllable Korean product name (50 bytes)', async () => {
    await registered(body((b) => (b.directOrderInfo.goodsName = '가'.repeat(25))));
  });
});

describe('refusing what KICC refuses', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['JSON in EUC-KR', 'application/json; charset=euc-kr'],
  ])('refuses %s with HTTP 415', async (_, contentType) => {
    const { status, reply } = await register(JSON.stringify(body()), contentType);
    expect(status).toBe(415);
    expect(reply).toEqual({ resCd: 'E109', resMsg: `Content-Type 지원하지 않는 형식 (${contentType})` });
  });

  it('refuses a body that is not JSON with HTTP 400', async () => {
    const { status, reply } = await register('{"directRegInfo": {');
    expect(status).toBe(400);
    expect(reply).toEqual({ resCd: 'E100', resMsg: 'body 요청 형식 오류 (JSON 아님)' });
  });

  it.each([
    ['directRegInfo', undefined],
    ['directOrderInfo', undefined],
    ['directRegInfo', 'mallId'],
    ['directRegInfo', 'regTxtype'],
    ['directRegInfo', 'regSubtype'],
    ['directRegInfo', 'amount'],
    ['directRegInfo', 'currency'],
    ['directRegInfo', 'payCode'],
    ['directOrderInfo', 'shopOrderNo'],
    ['directOrderInfo', 'goodsName'],
    ['directOrderInfo', 'goodsAmount'],
  ] as const)('refuses a registration without %s %s', async (section, field) => {
    const { status, reply } = await register(body((b) => (field ? delete b[section][field] : delete (b as Partial<Body>)[section])));
    expect(status).toBe(200);
    expect(reply).toEqual({ resCd: 'E101', resMsg: `${field ?? section} 필수 항목 누락` });
  });

  it.each(['rcvMobileNo', 'sndTelNo', 'mallName'])('refuses an SMS registration (51) without %s', async (field) => {
    const { reply } = await register(smsBody((b) => delete b.directRegInfo[field]));
    expect(reply).toEqual({ resCd: 'E101', resMsg: `${field} 필수 항목 누락` });
  });

  it('refuses the seed example’s misspelled regSubtpye as a missing regSubtype', async () => {
    const { reply } = await register(
      body((b) => {
        delete b.directRegInfo.regSubtype;
        b.directRegInfo.regSubtpye = '10';
      }),
    );
    expect(reply).toEqual({ resCd: 'E101', resMsg: 'regSubtype 필수 항목 누락' });
  });

  it('refuses a 26-syllable Korean product name: 52 bytes in CP949', async () => {
    const { reply } = await register(body((b) => (b.directOrderInfo.goodsName = '가'.repeat(26))));
    expect(reply).toEqual({ resCd: 'E102', resMsg: 'goodsName 길이 초과 (52 > 50 byte)' });
  });

  it.each([
    ['directRegInfo', 'mallName', '커피상점커피상점', '16 > 14'],
    ['directRegInfo', 'dispMsg', 'a'.repeat(201), '201 > 200'],
    ['directRegInfo', 'rcvMobileNo', '010123456789', '12 > 11'],
    ['directOrderInfo', 'shopOrderNo', 'A'.repeat(41), '41 > 40'],
    ['directOrderInfo', 'customerName', '김'.repeat(11), '22 > 20'],
    ['directOrderInfo', 'customerMail', `${'m'.repeat(39)}@example.com`, '51 > 50'],
    ['directOrderInfo', 'value1', '값'.repeat(101), '202 > 200'],
  ] as const)('refuses an oversized %s.%s', async (section, field, value, bytes) => {
    const { reply } = await register(smsBody((b) => (b[section][field] = value)));
    expect(reply).toEqual({ resCd: 'E102', resMsg: `${field} 길이 초과 (${bytes} byte)` });
  });

  it('refuses an emoji, which CP949 cannot encode, naming it', async () => {
    const { reply } = await register(body((b) => (b.directOrderInfo.goodsName = '케이크 🎂')));
    expect(reply).toEqual({ resCd: 'E112', resMsg: 'goodsName 인코딩 불가 문자 (🎂)' });
  });

  it.each([
    ['goodsName', 'directOrderInfo', '<b>케이크</b>', '"<"'],
    ['customerName', 'directOrderInfo', "O'Brien", `"'"`],
    ['dispMsg', 'directRegInfo', '감사합니다\n또 오세요', '"\\n"'],
    ['mallName', 'directRegInfo', 'A&B 커피', '"&"'],
  ] as const)('refuses a blocked character in %s', async (field, section, value, shown) => {
    const { reply } = await register(smsBody((b) => (b[section][field] = value)));
    expect(reply).toEqual({ resCd: 'E108', resMsg: `${field} 허용되지 않는 문자 (${shown})` });
  });

  it('refuses goodsAmount different from amount', async () => {
    const { reply } = await register(body((b) => (b.directOrderInfo.goodsAmount = 11000)));
    expect(reply).toEqual({ resCd: 'E104', resMsg: 'goodsAmount 금액 불일치 (11000 ≠ amount 12000)' });
  });

  it.each([
    ['the amount as a string', 'amount', '12000', 'number 필요'],
    ['a fractional amount', 'amount', 12000.5, '양의 정수'],
    ['a zero amount', 'amount', 0, '양의 정수'],
    ['an unknown regTxtype', 'regTxtype', '53', '51, 52 중 하나'],
    ['a currency other than won', 'currency', '01', '00 중 하나'],
    ['an unknown payCode', 'payCode', '99', '00, 11, 21, 22, 31 중 하나'],
    ['installmentMonth of one digit', 'installmentMonth', '0', '숫자 2자리'],
    ['a null instead of an absent field', 'dispMsg', null, 'string 필요'],
  ])('refuses %s', async (_, field, value, detail) => {
    const { reply } = await register(body((b) => (b.directRegInfo[field] = value)));
    expect(reply).toEqual({ resCd: 'E103', resMsg: `${field} 형식 오류 (${detail})` });
  });

  it('refuses a phone number with dashes', async () => {
    const { reply } = await register(smsBody((b) => (b.directRegInfo.rcvMobileNo = '010-123-456')));
    expect(reply).toEqual({ resCd: 'E103', resMsg: 'rcvMobileNo 형식 오류 (숫자만)' });
  });

  it.each([
    ['in the past', '20260504095959', '이미 지난 시각'],
    ['naming no day', '20261131120000', 'yyyyMMddHHmmss 아님'],
    ['without seconds', '202605111000', 'yyyyMMddHHmmss 아님'],
  ])('refuses an smsPayExpr %s', async (_, smsPayExpr, detail) => {
    const { reply } = await register(body((b) => (b.directRegInfo.smsPayExpr = smsPayExpr)));
    expect(reply).toEqual({ resCd: 'E106', resMsg: `smsPayExpr 날짜 오류 (${detail})` });
  });

  it('refuses an unknown merchant', async () => {
    const { reply } = await register(body((b) => (b.directRegInfo.mallId = 'T9999999')));
    expect(reply).toEqual({ resCd: 'E107', resMsg: 'mallId 미등록 가맹점 (T9999999)' });
  });
});

describe('texting a link again (regSubtype 11)', () => {
  const resendOf = (pgCno: unknown, change: (b: Body) => void = () => {}) =>
    smsBody((b) => {
      Object.assign(b.directRegInfo, { regSubtype: '11', pgCno });
      change(b);
    });

  it('texts the registration again without calling it a duplicate order', async () => {
    const first = smsBody();
    const { pgCno } = await registered(first);
    const texts = emulator.sms.length;
    const again = await registered(resendOf(pgCno, (b) => (b.directOrderInfo.shopOrderNo = first.directOrderInfo.shopOrderNo)));
    expect(again.pgCno).toBe(pgCno);
    expect(emulator.sms.length).toBe(texts + 1);
  });

  it('needs the pgCno', async () => {
    const { reply } = await register(smsBody((b) => (b.directRegInfo.regSubtype = '11')));
    expect(reply).toEqual({ resCd: 'E101', resMsg: 'pgCno 필수 항목 누락' });
  });

  it('refuses a pgCno it never issued, or issued to another merchant', async () => {
    const { pgCno } = await registered(body((b) => (b.directRegInfo.mallId = OTHER_MALL_ID)));
    for (const unknown of ['20260504100000000000', pgCno]) {
      const { reply } = await register(resendOf(unknown));
      expect(reply).toEqual({ resCd: 'E110', resMsg: `pgCno 등록 거래 없음 (${unknown})` });
    }
  });

  it('refuses a paid registration', async () => {
    const { pgCno } = await registered(smsBody());
    await emulator.registrations.update(pgCno as string, (registration) => ({ ...registration, state: 'paid' }));
    const { reply } = await register(resendOf(pgCno));
    expect(reply).toEqual({ resCd: 'E111', resMsg: 'pgCno 처리할 수 없는 거래 상태 (결제 완료)' });
  });
});

describe('cancelling a link', () => {
  const cancelBody = (pgCno: unknown) => ({ mallId: MALL_ID, reviseTypeCode: '10', reviseSubTypeCode: '30', pgCno, clientId: 'pay-link' });

  it('withdraws an unpaid link once, and its page says so', async () => {
    const { pgCno, authPageUrl } = await registered();
    expect((await cancel(cancelBody(pgCno))).reply).toEqual({ resCd: '0000', resMsg: '정상', pgCno });
    expect((await emulator.registrations.get(pgCno as string))!.state).toBe('cancelled');
    expect((await cancel(cancelBody(pgCno))).reply).toEqual({ resCd: 'E111', resMsg: 'pgCno 처리할 수 없는 거래 상태 (이미 취소됨)' });
    expect(await (await fetch(authPageUrl as string)).text()).toContain('취소된 결제 요청입니다');
  });

  it('refuses to cancel a paid link', async () => {
    const { pgCno } = await registered();
    await emulator.registrations.update(pgCno as string, (registration) => ({ ...registration, state: 'paid' }));
    expect((await cancel(cancelBody(pgCno))).reply.resCd).toBe('E111');
  });

  it.each([
    ['without clientId', { clientId: undefined }, 'E101', 'clientId 필수 항목 누락'],
    ['with a clientId over 32 bytes', { clientId: 'c'.repeat(33) }, 'E102', 'clientId 길이 초과 (33 > 32 byte)'],
    ['of another revise type', { reviseTypeCode: '40' }, 'E103', 'reviseTypeCode 형식 오류 (10 중 하나)'],
    ['of another revise subtype', { reviseSubTypeCode: '31' }, 'E103', 'reviseSubTypeCode 형식 오류 (30 중 하나)'],
    ['for an unknown pgCno', { pgCno: '20260504100000999999' }, 'E110', 'pgCno 등록 거래 없음 (20260504100000999999)'],
    ['from an unknown merchant', { mallId: 'T9999999' }, 'E107', 'mallId 미등록 가맹점 (T9999999)'],
  ])('refuses a cancel %s', async (_, change, resCd, resMsg) => {
    const { pgCno } = await registered();
    expect((await cancel({ ...cancelBody(pgCno), ...change })).reply).toEqual({ resCd, resMsg });
  });
});

describe('the payment page', () => {
  it('shows the merchant, the product, the amount in won and the merchant’s message', async () => {
    const { authPageUrl } = await registered(smsBody((b) => (b.directRegInfo.dispMsg = '오늘까지 결제 부탁드립니다')));
    const response = await fetch(authPageUrl as string);
    const page = await response.text();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    for (const shown of ['커피상점', '아메리카노 2잔', '₩12,000', '오늘까지 결제 부탁드립니다', '결제하기']) expect(page).toContain(shown);
  });

  it('answers 404 for a link it never made', async () => {
    expect((await fetch(`${served.url}/pay/20260504100000000000`)).status).toBe(404);
  });
});

describe('faults over HTTP', () => {
  const setFault = (fault: unknown) => fetch(`${served.url}/_faults`, { method: 'POST', body: JSON.stringify(fault), headers: { 'content-type': 'application/json' } });

  it('fails the next call as asked, then answers normally', async () => {
    expect((await setFault({ mode: 'http500', times: 1 })).status).toBe(200);
    expect((await fetch(`${served.url}${KICC_PATHS.register}`, { method: 'POST' })).status).toBe(503);
    await registered();
  });

  it('clears a fault with an empty object and refuses an unknown mode', async () => {
    await setFault({ mode: 'http500' });
    expect(await (await setFault({})).json()).toEqual({ fault: null });
    await registered();
    expect((await setFault({ mode: 'explode' })).status).toBe(400);
  });
});
