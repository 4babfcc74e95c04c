/** The PayWelcome adapter against the PayWelcome emulator, over real HTTP. */

import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import reference from '../fixtures/reference-values.json' with { type: 'json' };
import type { Fault } from '../../server/emulators/faults.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator } from '../../server/emulators/paywelcome/index.js';
import { ProviderError } from '../../server/providers/errors.js';
import { createPaywelcomeProvider, type PaywelcomeOptions } from '../../server/providers/paywelcome/adapter.js';
import { makeUrlSignature } from '../../server/providers/paywelcome/signature.js';
import { PAYWELCOME_PATHS } from '../../server/providers/paywelcome/wire.js';
import type { RegisterRequest } from '../../server/providers/adapter.js';
import { serveApp, type Served } from '../support/serve.js';

const HOUR = 60 * 60 * 1000;
const { mid, mkey } = reference.paywelcomeSignature.input;
const RESERVED = 'twotrs_isp=Y&block_isp=Y&twotrs_isp_noti=N';
/** 14:30:00 in Korea on 25 November 2026, the instant of the reference signature. */
const START = Date.parse('2026-11-25T05:30:00Z');

let clock = START;
let emulator: PaywelcomeEmulator;
let served: Served;
let nextOrder = 0;

beforeAll(async () => {
  emulator = createPaywelcomeEmulator({ merchants: [{ mid, mkey }], pageBaseUrl: () => served.url, notifyUrl: () => 'http://127.0.0.1:9/unused', now: () => clock });
  served = await serveApp(emulator.app);
});
afterAll(() => served.close());
beforeEach(() => {
  clock = START;
  emulator.faults.set(undefined);
});

function provider(changes: Partial<PaywelcomeOptions> = {}) {
  return createPaywelcomeProvider({
    apiBase: () => served.url,
    mid,
    mkey,
    payType: 'card',
    returnUrl: 'https://shop.example/return/paywelcome',
    nextUrl: 'https://shop.example/next/paywelcome',
    reserved: RESERVED,
    timeoutMs: 2000,
    backoffMs: 1,
    now: () => clock,
    ...changes,
  });
}

function order(changes: Partial<RegisterRequest> = {}): RegisterRequest {
  return {
    orderId: `PW-${++nextOrder}`,
    amount: 15000,
    goodsName: '카페라떼(ICE)',
    customer: {},
    delivery: 'none',
    expiresAt: new Date(clock + 72 * HOUR),
    ...changes,
  };
}

/** The error `promise` rejects with, which must be a ProviderError. */
async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const syllables = (count: number) => '가'.repeat(count);
const lastForm = () => new URLSearchParams(emulator.requests.at(-1)!.body);

describe('PayWelcome adapter: making a link', () => {
  it('runs in a time zone far from Korea, so the timestamp checks below mean something', () => {
    expect(new Date(START).getTimezoneOffset()).toBe(480);
  });

  it('sends exactly the documented form, in Korea time, signed as the hand-computed reference', async () => {
    const registration = await provider().register(order({ orderId: reference.paywelcomeSignature.input.P_OID }));
    expect(registration.url).toMatch(new RegExp(`^${served.url}/s/[0-9A-Za-z]{4}$`));
    expect(registration.providerRef).toBeNull();

    const { contentType, body, path } = emulator.requests.at(-1)!;
    expect(path).toBe(PAYWELCOME_PATHS.makeUrl);
    expect(contentType).toBe('application/x-www-form-urlencoded; charset=utf-8');
    const form = new URLSearchParams(body);
    expect([...form.keys()]).toEqual([
      'mid',
      'payType',
      'timestamp',
      'P_GOODS',
      'P_OID',
      'P_AMT',
      'P_RETURN_URL',
      'P_NEXT_URL',
      'P_RESERVED',
      'P_CHARSET',
      'signature',
    ]);
    expect(Object.fromEntries(form)).toEqual({
      mid,
      payType: 'card',
      timestamp: '20261125143000',
      P_GOODS: '카페라떼(ICE)',
      P_OID: 'ORD20261125-0001',
      P_AMT: '15000',
      P_RETURN_URL: 'https://shop.example/return/paywelcome',
      P_NEXT_URL: 'https://shop.example/next/paywelcome',
      P_RESERVED: RESERVED,
      P_CHARSET: 'utf8',
      signature: reference.paywelcomeSignature.expected,
    });
    // One value, its own & and = percent-encoded, not three fields.
    expect(body).toContain('&P_RESERVED=twotrs_isp%3DY%26block_isp%3DY%26twotrs_isp_noti%3DN&');
    expect(body).not.toContain(mkey);
  });

  it('signs every request so the emulator verifies it', async () => {
    clock = Date.parse('2026-12-31T14:59:59Z');
    await provider().register(order({ amount: 1000 }));
    const form = lastForm();
    expect(form.get('timestamp')).toBe('20261231235959');
    expect(form.get('P_AMT')).toBe('1000');
    const expected = makeUrlSignature({ mid, mkey, oid: form.get('P_OID')!, amount: '1000', timestamp: '20261231235959' });
    expect(form.get('signature')).toBe(expected);
  });

  it('ends the link when asked, but never later than the 72 hours PayWelcome gives it', async () => {
    const sooner = new Date(clock + 2 * HOUR);
    expect((await provider().register(order({ expiresAt: sooner }))).expiresAt).toEqual(sooner);
    const later = new Date(clock + 100 * HOUR);
    expect((await provider().register(order({ expiresAt: later }))).expiresAt).toEqual(new Date(clock + 72 * HOUR));
  });

  it('sends a Korean product name of 20 syllables (40 bytes)', async () => {
    await provider().register(order({ goodsName: syllables(20) }));
    expect(lastForm().get('P_GOODS')).toBe(syllables(20));
  });

  it('refuses a Korean product name of 21 syllables (42 bytes) before calling PayWelcome', async () => {
    const before = emulator.requests.length;
    const error = await failure(provider().register(order({ goodsName: syllables(21) })));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'LOCAL_LIMIT' });
    expect(error.providerMessage).toBe('P_GOODS: 42 bytes, PayWelcome allows 40');
    expect(emulator.requests.length).toBe(before);
  });

  it('refuses an order number over 30 bytes before calling PayWelcome', async () => {
    const before = emulator.requests.length;
    const error = await failure(provider().register(order({ orderId: 'O'.repeat(31) })));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'LOCAL_LIMIT' });
    expect(emulator.requests.length).toBe(before);
  });

  it.each([1000.5, 0, 1_000_000_000, 1e21])('refuses the amount %s, which is no P_AMT, before calling PayWelcome', async (amount) => {
    const before = emulator.requests.length;
    const error = await failure(provider().register(order({ amount })));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'LOCAL_LIMIT' });
    expect(emulator.requests.length).toBe(before);
  });

  it('refuses to have PayWelcome text the link, which it cannot', async () => {
    const before = emulator.requests.length;
    const error = await failure(provider().register(order({ delivery: 'provider-sms', customer: { phone: '01012345678' } })));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'LOCAL_UNSUPPORTED' });
    expect(emulator.requests.length).toBe(before);
  });

  it('offers neither resend nor cancel, as PayWelcome has neither for SMS links', () => {
    const adapter = provider();
    expect(adapter).toMatchObject({ id: 'paywelcome', merchantId: mid });
    expect(adapter.resend).toBeUndefined();
    expect(adapter.cancel).toBeUndefined();
  });

  it('reports PayWelcome’s refusal with its code, and never the key', async () => {
    const error = await failure(provider({ mkey: 'f'.repeat(64) }).register(order()));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'V104' });
    expect(error.certainlyNotCreated).toBe(true);
    expect(`${error.message} ${error.providerMessage}`).not.toContain('f'.repeat(64));
  });

  it('reports a repeated order number as a refusal when it is the first try', async () => {
    const first = order();
    await provider().register(first);
    const error = await failure(provider().register(first));
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'V106' });
    expect(error.gatewayDown).toBe(false);
  });
});

describe('PayWelcome adapter: when PayWelcome fails', () => {
  async function registerWith(fault: Fault, changes: Partial<PaywelcomeOptions> = {}) {
    emulator.faults.set(fault);
    const calls = emulator.faults.calls;
    const started = Date.now();
    const outcome = await provider(changes)
      .register(order())
      .then(
        (registration) => ({ registration, error: undefined }),
        (error: unknown) => ({ registration: undefined, error: error as ProviderError }),
      );
    return { ...outcome, calls: emulator.faults.calls - calls, elapsed: Date.now() - started };
  }

  it('retries one 503 and makes the link on the second call', async () => {
    const { registration, calls } = await registerWith({ mode: 'http500', times: 1 });
    expect(registration?.url).toMatch(/\/s\/[0-9A-Za-z]{4}$/);
    expect(calls).toBe(2);
  });

  it('gives up as server_error when PayWelcome keeps answering 503', async () => {
    const { error, calls } = await registerWith({ mode: 'http500' });
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'server_error' });
    expect(calls).toBe(3);
  });

  it('times out long before PayWelcome would answer, and does not retry', async () => {
    const { error, calls, elapsed } = await registerWith({ mode: 'timeout', delayMs: 5000 }, { timeoutMs: 300 });
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error?.certainlyNotCreated).toBe(false);
    expect(elapsed).toBeLessThan(2000);
    expect(calls).toBe(1);
  });

  it('calls an unreadable answer bad_response', async () => {
    const { error } = await registerWith({ mode: 'garbage' });
    expect(error).toMatchObject({ kind: 'bad_response' });
  });

  it('takes a refusal that names PayWelcome down for maintenance as the gateway down: refused, no link, no retry', async () => {
    const links = await emulator.links.size();
    const { error, calls } = await registerWith({ mode: 'maintenance' });
    expect(error).toMatchObject({ kind: 'refused', providerCode: 'V110', providerMessage: '시스템 점검 중입니다' });
    expect(error!.gatewayDown).toBe(true);
    expect(calls).toBe(1);
    expect(await emulator.links.size()).toBe(links);
  });

  it('retries a dropped connection and makes the link', async () => {
    const { registration, calls } = await registerWith({ mode: 'reset', times: 1 });
    expect(registration?.url).toMatch(/\/s\/[0-9A-Za-z]{4}$/);
    expect(calls).toBe(2);
  });

  it('takes a duplicate refusal after a retry as a sign an earlier try made the link', async () => {
    const taken = order();
    await provider().register(taken);
    emulator.faults.set({ mode: 'http500', times: 1 });
    const error = await failure(provider().register(taken));
    expect(error).toMatchObject({ kind: 'connection_lost', providerCode: 'DUPLICATE_AFTER_RETRY' });
    expect(error.certainlyNotCreated).toBe(false);
  });

  it('calls a refused connection unreachable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const error = await failure(provider({ apiBase: () => `http://127.0.0.1:${closedPort}` }).register(order()));
    expect(error).toMatchObject({ kind: 'unreachable' });
  });
});

describe('PayWelcome adapter: options', () => {
  it('refuses at start a P_RESERVED over 300 bytes, naming PAYWELCOME_RESERVED', () => {
    expect(() => provider({ reserved: `twotrs_isp=Y&${'x'.repeat(300)}` })).toThrow(/PAYWELCOME_RESERVED: 313 bytes in CP949, PayWelcome allows 300/);
  });

  it('names every bad variable at once, and never the key', () => {
    let message = '';
    try {
      provider({ mid: 'm'.repeat(11), returnUrl: `https://shop.example/${'r'.repeat(80)}`, nextUrl: '' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PAYWELCOME_MID: 11 bytes');
    expect(message).toContain('PAYWELCOME_RETURN_URL: 101 bytes');
    expect(message).toContain('PAYWELCOME_NEXT_URL: required');
    expect(message).not.toContain(mkey);
  });
});
