/**
 * Both refund calls on the wire, captured by a plain HTTP server: exactly the
 * fields the refund contract names, signed as values computed outside the code
 * (test/fixtures/refund-vectors.json) say, dated in Korea although this
 * process runs in Los Angeles, where it is still the day before.
 */

import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import vectors from '../fixtures/refund-vectors.json' with { type: 'json' };
import { createKiccProvider } from '../../server/providers/kicc/adapter.js';
import { KICC_PATHS } from '../../server/providers/kicc/wire.js';
import { createPaywelcomeProvider } from '../../server/providers/paywelcome/adapter.js';
import { PAYWELCOME_PATHS } from '../../server/providers/paywelcome/wire.js';
import type { RefundRequest } from '../../server/providers/adapter.js';
import type { LinkRecord } from '../../server/store/store.js';
import { serveApp, type Served } from '../support/serve.js';
import { linkRecord } from '../support/link-record.js';

interface Captured {
  path: string;
  contentType: string | undefined;
  body: string;
}

let captured: Captured[] = [];
/** What the capturing server answers, from the request it got. */
let answer: (request: Captured) => unknown = () => ({});
let served: Served;
beforeAll(async () => {
  const app = new Hono().post('*', async (c) => {
    const request = { path: c.req.path, contentType: c.req.header('content-type'), body: await c.req.text() };
    captured.push(request);
    return c.json(answer(request) as object);
  });
  served = await serveApp(app);
});
afterAll(() => served.close());
beforeEach(() => {
  captured = [];
});

/** A paid link as the store keeps it; `paymentRef` is the approval's id from the payment notification. */
function paidLink(change: Partial<LinkRecord>): LinkRecord {
  return linkRecord({
    id: 'pl_wire',
    provider: 'kicc',
    merchantId: 'T5102001',
    orderId: 'PL-WIRE-1',
    amount: 30000,
    goodsName: 'Tea',
    state: 'paid',
    url: 'https://example.test/pay',
    shortToken: 'token',
    createdAt: 0,
    updatedAt: 0,
    paidAt: 0,
    ...change,
  });
}

describe('KICC: POST /api/trades/revise', () => {
  const vector = vectors.kiccMsgAuthValue;
  const instant = vectors.instants.kicc;
  const now = Date.parse(instant.utc);
  const kicc = createKiccProvider({
    apiBase: () => served.url,
    mallId: 'T5102001',
    mallName: '페이링크 데모',
    senderNo: '0212345678',
    secretKey: vector.input.secretKey,
    timeoutMs: 2000,
    now: () => now,
  });
  // The registration's pgCno is another id: a refund must name the approval's.
  const link = paidLink({ providerRef: '20260505010000999999', paymentRef: vector.input.pgCno, paymentMethod: '11' });
  const refund = (change: Partial<RefundRequest>) =>
    kicc.refund!({ link, amount: 30000, remainingAfter: 0, whole: true, gatewayKey: vector.input.shopTransactionId, retry: false, ...change });

  beforeEach(() => {
    answer = (request) => {
      const sent = JSON.parse(request.body) as { amount?: number };
      return { resCd: '0000', resMsg: '정상취소', cancelPgCno: '20260505013000654321', cancelAmount: sent.amount ?? 30000, remainAmount: 0, statusCode: 'TS05' };
    };
  });

  const lastBody = () => {
    expect(captured).toHaveLength(1);
    expect(captured[0]!.path).toBe(KICC_PATHS.revise);
    expect(captured[0]!.path).toBe('/api/trades/revise');
    expect(captured[0]!.contentType).toBe('application/json; charset=utf-8');
    return JSON.parse(captured[0]!.body) as Record<string, unknown>;
  };

  it('runs where the day is still the one before Korea’s', () => {
    expect(new Date(now).getTimezoneOffset()).toBe(420);
    expect(`${new Date(now).getFullYear()}${String(new Date(now).getMonth() + 1).padStart(2, '0')}${String(new Date(now).getDate()).padStart(2, '0')}`).toBe(instant.losAngelesDate);
    expect(instant.kstDate).not.toBe(instant.losAngelesDate);
  });

  it('cancels part of a card payment (32) with exactly the issue’s fields, the approval’s pgCno, Korea’s date and the outside HMAC', async () => {
    const outcome = await refund({ amount: 10000, remainingAfter: 20000, whole: false, reason: '고객 요청' });
    expect(lastBody()).toEqual({
      mallId: 'T5102001',
      shopTransactionId: vector.input.shopTransactionId,
      pgCno: vector.input.pgCno,
      reviseTypeCode: '32',
      amount: 10000,
      remainAmount: 20000,
      cancelReqDate: instant.kstDate,
      clientId: 'pay-link',
      reviseMessage: '고객 요청',
      msgAuthValue: vector.expected,
    });
    expect(outcome).toEqual({ gatewayRef: '20260505013000654321' });
  });

  it('cancels a whole payment (40) without amounts', async () => {
    await refund({});
    expect(lastBody()).toEqual({
      mallId: 'T5102001',
      shopTransactionId: vector.input.shopTransactionId,
      pgCno: vector.input.pgCno,
      reviseTypeCode: '40',
      cancelReqDate: instant.kstDate,
      clientId: 'pay-link',
      msgAuthValue: vector.expected,
    });
  });

  it.each([
    ['bank transfer', '21', '33'],
    ['mobile', '31', '33'],
    ['easy pay', '60', '32'],
  ])('cancels part of a %s payment (%s) with code %s', async (_, method, code) => {
    await kicc.refund!({ link: { ...link, paymentMethod: method }, amount: 5000, remainingAfter: 25000, whole: false, gatewayKey: vector.input.shopTransactionId, retry: false });
    expect(lastBody()).toMatchObject({ reviseTypeCode: code, amount: 5000, remainAmount: 25000, msgAuthValue: vector.expected });
  });

  it('sends a retry of a refund byte for byte as the first try', async () => {
    const ask = { amount: 10000, remainingAfter: 20000, whole: false, reason: '고객 요청' };
    await refund(ask);
    await refund({ ...ask, retry: true });
    expect(captured).toHaveLength(2);
    expect(captured[1]!.body).toBe(captured[0]!.body);
  });
});

describe('PayWelcome: POST /cancel/cancel and /cancel/repay', () => {
  const vector = vectors.paywelcomeCancelSignature;
  const instant = vectors.instants.paywelcome;
  const now = Date.parse(instant.utc);
  const { mid, mkey } = vector.input;
  const paywelcome = createPaywelcomeProvider({
    apiBase: () => served.url,
    mid,
    mkey,
    payType: 'card',
    returnUrl: 'https://shop.example/return',
    nextUrl: 'https://shop.example/next',
    reserved: 'twotrs_isp=Y',
    timeoutMs: 2000,
    now: () => now,
  });
  const tid = `StdpayCARD${mid}20261126010000123456`;
  const link = paidLink({ provider: 'paywelcome', merchantId: mid, amount: 15000, paymentRef: tid, paymentMethod: 'Card' });

  beforeEach(() => {
    answer = (request) => ({ ResultCode: '00', ResultMsg: '정상처리', Tid: tid, ...(request.path === PAYWELCOME_PATHS.repay && { C_Tid: 'C202611260130001234567' }) });
  });

  const lastForm = (path: string) => {
    expect(captured).toHaveLength(1);
    expect(captured[0]!.path).toBe(path);
    expect(captured[0]!.contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
    return Object.fromEntries(new URLSearchParams(captured[0]!.body));
  };

  it('cancels a whole payment at /cancel/cancel, signed sha256(mid + mkey + timestamp) at Korea’s time', async () => {
    const outcome = await paywelcome.refund!({ link, amount: 15000, remainingAfter: 0, whole: true, gatewayKey: 'RF-unused', retry: false });
    expect(lastForm('/cancel/cancel')).toEqual({
      payType: 'card',
      mid,
      tid,
      currency: 'WON',
      timestamp: vector.input.timestamp,
      signature: vector.expected,
      price: '15000',
    });
    expect(vector.expected).not.toBe(vector.nameValueForm.expected);
    expect(outcome).toEqual({ gatewayRef: tid });
  });

  it('cancels part of a payment at /cancel/repay with cancelPrice and what remains after it', async () => {
    const outcome = await paywelcome.refund!({ link, amount: 5000, remainingAfter: 10000, whole: false, gatewayKey: 'RF-unused', retry: false });
    expect(lastForm('/cancel/repay')).toEqual({
      payType: 'card',
      mid,
      tid,
      currency: 'WON',
      timestamp: vector.input.timestamp,
      signature: vector.expected,
      cancelPrice: '5000',
      confirmPrice: '10000',
    });
    expect(outcome).toEqual({ gatewayRef: 'C202611260130001234567' });
  });

  it.each([
    ['HPP', 'hpp'],
    ['DirectBank', 'bank'],
    ['MOBILE', 'hpp'],
  ])('names the payment’s method %s as payType %s', async (method, payType) => {
    await paywelcome.refund!({ link: { ...link, paymentMethod: method }, amount: 15000, remainingAfter: 0, whole: true, gatewayKey: 'RF-unused', retry: false });
    expect(lastForm('/cancel/cancel')).toMatchObject({ payType, signature: vector.expected });
  });
});
