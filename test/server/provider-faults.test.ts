/**
 * Every fault the emulators can play, over real HTTP, for both providers:
 * the status and code the client gets, and what is stored. The table is the
 * one the README documents.
 */

import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import type { BuiltInProviderId as ProviderId } from '../../core/providers.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import type { Fault } from '../../server/emulators/faults.js';
import type { LinkState } from '../../server/store/store.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ PROVIDER_TIMEOUT_MS: '400', RATE_LIMIT_LINKS_PER_IP: '1000/1m' });
});
afterAll(() => backend.dispose());

let orders = 0;

/** Creates a link while the provider plays `fault`; reports the answer, the provider's calls and links, and what we stored. */
async function createWith(provider: ProviderId, fault: Fault) {
  const emulator = backend.emulators![provider];
  const orderId = `FAULT-${provider}-${++orders}`;
  const calls = emulator.faults.calls;
  const made = await registeredAt(provider);
  emulator.faults.set(fault);
  try {
    const response = await backend.post('/api/links', { provider, amount: 1000, goodsName: 'Tea', orderId });
    const json = (await response.json()) as ApiErrorBody & PaymentLink;
    const stored = await backend.store.getLinkByOrder(provider, orderId);
    return { response, json, stored, calls: emulator.faults.calls - calls, made: (await registeredAt(provider)) - made };
  } finally {
    emulator.faults.set(undefined);
  }
}

const registeredAt = (provider: ProviderId) =>
  provider === 'kicc' ? backend.emulators!.kicc.registrations.size() : backend.emulators!.paywelcome.links.size();

interface Expected {
  status: number;
  code?: string;
  retryable?: boolean;
  /** Whether the error names the link, so the client can follow it. */
  linkId?: boolean;
  state: LinkState;
  calls: number;
  /** Links the provider holds afterwards (the timeout and garbage faults process the request). */
  made: number;
}

/** fault → answer → stored state. `reset` drops the connection before the provider reads the request. */
const TABLE: [string, Fault, Expected][] = [
  ['slow but within the timeout', { mode: 'slow', delayMs: 150 }, { status: 201, state: 'active', calls: 1, made: 1 }],
  ['one 503, then an answer', { mode: 'http500', times: 1 }, { status: 201, state: 'active', calls: 2, made: 1 }],
  ['503 on every try', { mode: 'http500' }, { status: 502, code: 'provider_unavailable', retryable: true, state: 'failed', calls: 3, made: 0 }],
  ['one dropped connection, then an answer', { mode: 'reset', times: 1 }, { status: 201, state: 'active', calls: 2, made: 1 }],
  ['a dropped connection on every try', { mode: 'reset' }, { status: 502, code: 'provider_unavailable', retryable: false, linkId: true, state: 'unknown', calls: 3, made: 0 }],
  ['no answer within the timeout', { mode: 'timeout', delayMs: 5000 }, { status: 504, code: 'provider_timeout', retryable: false, linkId: true, state: 'unknown', calls: 1, made: 1 }],
  ['an answer no parser reads', { mode: 'garbage' }, { status: 502, code: 'provider_bad_response', retryable: false, linkId: true, state: 'unknown', calls: 1, made: 1 }],
];

describe.each(['kicc', 'paywelcome'] as const)('when %s fails', (provider) => {
  it.each(TABLE)('%s', async (_, fault, expected) => {
    const { response, json, stored, calls, made } = await createWith(provider, fault);
    expect(response.status).toBe(expected.status);
    if (expected.code) {
      expect(json.error).toMatchObject({ code: expected.code, retryable: expected.retryable });
      expect(Boolean(json.error.linkId)).toBe(Boolean(expected.linkId));
      if (expected.linkId) expect(json.error.linkId).toBe(stored!.id);
    } else {
      expect(json.id).toBe(stored!.id);
    }
    expect(stored!.state).toBe(expected.state);
    expect(calls).toBe(expected.calls);
    expect(made).toBe(expected.made);
  });
});

describe('after a timeout', () => {
  it('the reconciler flags the unknown link, and a late payment at the provider still settles it as paid', async () => {
    const { json, stored } = await createWith('kicc', { mode: 'timeout', delayMs: 5000 });
    expect(stored!.state).toBe('unknown');

    await backend.reconciler.runOnce();
    const events = await backend.store.events(stored!.id);
    expect(events.map((event) => event.type)).toContain('needs_attention');

    // KICC did register it: the customer can still pay on KICC's page, and the notification settles it.
    const registration = (await backend.emulators!.kicc.registrations.values()).find((reg) => reg.shopOrderNo === stored!.orderId)!;
    const page = `${backend.url}/emulator/kicc/pay/${registration.pgCno}`;
    const paid = await fetch(page, { method: 'POST', body: new URLSearchParams({ action: 'pay' }) });
    expect(paid.status).toBe(200);
    await expect.poll(async () => ((await (await backend.get(`/api/links/${json.error.linkId}`)).json()) as PaymentLink).status).toBe('paid');
  });
});

describe('when the provider refuses', () => {
  it('answers 502 provider_refused without the provider’s own words, and the link failed', async () => {
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
    expect((await backend.store.getLinkByOrder('kicc', orderId))!.state).toBe('failed');
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
      ALLOW_OPEN_API: 'true',
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
