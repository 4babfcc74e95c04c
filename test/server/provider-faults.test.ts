import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/config.js';
import type { Fault } from '../../server/emulators/faults.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ PROVIDER_TIMEOUT_MS: '400' });
});
afterAll(() => backend.dispose());

async function createWith(fault: Fault) {
  backend.emulators!.kicc.faults.set(fault);
  try {
    const response = await backend.post('/api/links', { amount: 1000, goodsName: 'Tea' });
    return { response, json: (await response.json()) as ApiErrorBody & PaymentLink };
  } finally {
    backend.emulators!.kicc.faults.set(undefined);
  }
}

async function statusOf(linkId: string) {
  return ((await (await backend.get(`/api/links/${linkId}`)).json()) as PaymentLink).status;
}

describe('when the provider fails', () => {
  it('retries a 503 and succeeds, with one link', async () => {
    const { response } = await createWith({ mode: 'http500', times: 1 });
    expect(response.status).toBe(201);
  });

  it('answers 502 provider_unavailable when the provider keeps failing, and the link failed', async () => {
    const { response, json } = await createWith({ mode: 'http500' });
    expect(response.status).toBe(502);
    expect(json.error).toMatchObject({ code: 'provider_unavailable', retryable: true });
  });

  it('answers 504 after the timeout and keeps the link as unknown, never dropping it', async () => {
    const started = Date.now();
    const { response, json } = await createWith({ mode: 'timeout', delayMs: 5000 });
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(json.error.code).toBe('provider_timeout');
    expect(json.error.linkId).toMatch(/^pl_/);
    expect(await statusOf(json.error.linkId!)).toBe('unknown');
  });

  it('answers 502 provider_bad_response to a garbled answer, link unknown', async () => {
    const { response, json } = await createWith({ mode: 'garbage' });
    expect(response.status).toBe(502);
    expect(json.error.code).toBe('provider_bad_response');
    expect(await statusOf(json.error.linkId!)).toBe('unknown');
  });

  it('answers 502 provider_refused to a refusal, without the provider’s own words', async () => {
    // The order number is taken at the provider already, by another system of the merchant.
    const orderId = 'ELSEWHERE-1';
    const raw = await fetch(`${backend.url}/emulator/kicc/directapi/trades/directSmsUrlPayReg`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        directRegInfo: { mallId: EMULATOR_CREDENTIALS.kicc.mallId, regTxtype: '52', regSubtype: '10', amount: 1000, currency: '00', payCode: '00' },
        directOrderInfo: { shopOrderNo: orderId, goodsName: 'Tea', goodsAmount: 1000 },
      }),
    });
    expect(((await raw.json()) as { resCd: string }).resCd).toBe('0000');

    const response = await backend.post('/api/links', { amount: 1000, goodsName: 'Tea', orderId });
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(JSON.parse(text).error).toMatchObject({ code: 'provider_refused', retryable: false });
    expect(text).not.toContain('중복');
  });
});

describe('when the provider cannot be reached at all', () => {
  let closedPort: number;
  let unreachable: TestBackend;
  beforeAll(async () => {
    closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { mallId, mallName, senderNo, secretKey } = EMULATOR_CREDENTIALS.kicc;
    unreachable = await startBackend({
      KICC_API_BASE: `http://127.0.0.1:${closedPort}`,
      KICC_MALL_ID: mallId,
      KICC_MALL_NAME: mallName,
      KICC_SENDER_NO: senderNo,
      KICC_SECRET_KEY: secretKey,
    });
  });
  afterAll(() => unreachable.dispose());

  it('answers 502 provider_unavailable, retryable, and frees the order number', async () => {
    const body = { amount: 1000, goodsName: 'Tea', orderId: 'RETRY-ME-1' };
    const first = await unreachable.post('/api/links', body);
    expect(first.status).toBe(502);
    expect(((await first.json()) as ApiErrorBody).error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    const second = await unreachable.post('/api/links', body);
    expect(((await second.json()) as ApiErrorBody).error.code).toBe('provider_unavailable');
  });
});
