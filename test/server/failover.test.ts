/**
 * Failover between gateways (`provider: "auto"`), against the emulators'
 * fault modes over real HTTP: a provider that is certainly down hands the
 * link to the next one in the same request; after enough such failures its
 * circuit opens and it is skipped without a call; after the cool-down one
 * probe goes through. A provider that may hold the link is never followed by
 * another.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const COOLDOWN_MS = 30_000;
let clock = Date.now();
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend(
    { DEFAULT_PROVIDER: 'auto', PROVIDER_BREAKER_FAILURES: '3', PROVIDER_BREAKER_COOLDOWN_MS: String(COOLDOWN_MS), PROVIDER_TIMEOUT_MS: '500', RATE_LIMIT_LINKS_PER_IP: '1000/1m' },
    { now: () => clock },
  );
});
afterAll(() => backend?.dispose());
beforeEach(() => {
  backend.emulators!.kicc.faults.set(undefined);
  backend.emulators!.paywelcome.faults.set(undefined);
});

const kicc = () => backend.emulators!.kicc;
const paywelcome = () => backend.emulators!.paywelcome;
const health = async () => ((await (await backend.get('/healthz')).json()) as { providers: Record<string, { state: string }> }).providers;

async function create(body: Record<string, unknown> = {}) {
  const response = await backend.post('/api/links', { amount: 15000, goodsName: '딸기 케이크', ...body });
  return { status: response.status, headers: response.headers, json: (await response.json()) as PaymentLink & ApiErrorBody };
}

describe('provider "auto"', () => {
  it('takes the link to PayWelcome in the same request when KICC answers 503', async () => {
    kicc().faults.set({ mode: 'http500' });
    const kiccCalls = kicc().faults.calls;
    const made = await create();
    expect(made.status).toBe(201);
    expect(made.json.provider).toBe('paywelcome');
    expect(made.json.url).toMatch(/\/emulator\/paywelcome\//);
    expect(made.json.attempts).toEqual([
      { provider: 'kicc', outcome: 'unavailable' },
      { provider: 'paywelcome', outcome: 'registered' },
    ]);
    // KICC was tried (with its retries) and holds nothing.
    expect(kicc().faults.calls - kiccCalls).toBe(3);
    const events = await backend.store.events(made.json.id);
    expect(events.map((event) => event.type)).toEqual(['create_requested', 'failed_over', 'registered']);
  });

  it('skips KICC without calling it once its circuit is open, and reports that on /healthz', async () => {
    kicc().faults.set({ mode: 'http500' });
    // The first test counted one failure; two more open the circuit.
    for (let i = 0; i < 2; i++) expect((await create()).json.provider).toBe('paywelcome');
    expect((await health()).kicc!.state).toBe('open');

    const kiccCalls = kicc().faults.calls;
    const made = await create();
    expect(made.json.provider).toBe('paywelcome');
    expect(made.json.attempts).toEqual([
      { provider: 'kicc', outcome: 'skipped' },
      { provider: 'paywelcome', outcome: 'registered' },
    ]);
    expect(kicc().faults.calls).toBe(kiccCalls);
  });

  it('lets one probe through after the cool-down, and links return to KICC once it answers', async () => {
    kicc().faults.set(undefined);
    clock += COOLDOWN_MS;
    expect((await health()).kicc!.state).toBe('half_open');
    const kiccCalls = kicc().faults.calls;
    const probe = await create();
    expect(probe.json.provider).toBe('kicc');
    expect(kicc().faults.calls - kiccCalls).toBe(1);
    expect((await health()).kicc!.state).toBe('closed');
    expect((await create()).json.provider).toBe('kicc');
  });

  it('opens the circuit again when the probe fails', async () => {
    kicc().faults.set({ mode: 'http500' });
    for (let i = 0; i < 3; i++) await create();
    clock += COOLDOWN_MS;
    const probe = await create();
    expect(probe.json.provider).toBe('paywelcome');
    expect(probe.json.attempts[0]).toEqual({ provider: 'kicc', outcome: 'unavailable' });
    expect((await health()).kicc!.state).toBe('open');
    kicc().faults.set(undefined);
    clock += COOLDOWN_MS;
    expect((await create()).json.provider).toBe('kicc');
  });

  it('fails over when KICC refuses because it is down for maintenance ("시스템 점검 중입니다")', async () => {
    kicc().faults.set({ mode: 'maintenance', times: 1 });
    const made = await create();
    expect(made.status).toBe(201);
    expect(made.json.provider).toBe('paywelcome');
    expect(made.json.attempts[0]).toEqual({ provider: 'kicc', outcome: 'unavailable' });
    // Named outright, the same refusal says to try again later rather than that the request was wrong.
    kicc().faults.set({ mode: 'maintenance', times: 1 });
    const named = await create({ provider: 'kicc' });
    expect(named.status).toBe(502);
    expect(named.json.error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    // Two failures so far in this test (the circuit opens at three): close it for the tests after.
    await create({ provider: 'kicc' });
  });

  it('never fails over a timeout: the link may exist at KICC, so it stays unknown and PayWelcome is not called', async () => {
    kicc().faults.set({ mode: 'timeout', delayMs: 2000 });
    const welcomeCalls = paywelcome().faults.calls;
    const made = await create();
    expect(made.status).toBe(504);
    expect(made.json.error).toMatchObject({ code: 'provider_timeout', linkId: expect.any(String) });
    expect(paywelcome().faults.calls).toBe(welcomeCalls);
    const link = (await (await backend.get(`/api/links/${made.json.error.linkId}`)).json()) as PaymentLink;
    expect(link).toMatchObject({ status: 'unknown', provider: 'kicc', attempts: [{ provider: 'kicc', outcome: 'unknown' }] });
    // A timeout says nothing about KICC's health.
    expect((await health()).kicc!.state).toBe('closed');
  });

  it('never fails over a refusal of the request itself', async () => {
    const welcomeCalls = paywelcome().faults.calls;
    // The emulator knows one merchant; a duplicate order number is refused at KICC and would be anywhere.
    const first = await create({ orderId: 'AUTO-DUP-1' });
    expect(first.json.provider).toBe('kicc');
    backend.emulators!.kicc.faults.set(undefined);
    await backend.store.updateLink(first.json.id, { state: 'failed' }, { type: 'test', actor: 'test' });
    const again = await create({ orderId: 'AUTO-DUP-1' });
    expect(again.status).toBe(502);
    expect(again.json.error.code).toBe('provider_refused');
    expect(paywelcome().faults.calls).toBe(welcomeCalls);
  });

  it('texts only through a provider that can: with KICC down, a provider-sent text is not handed to PayWelcome', async () => {
    kicc().faults.set({ mode: 'http500' });
    const welcomeCalls = paywelcome().faults.calls;
    const made = await create({ delivery: 'provider-sms', customer: { phone: '010-5555-0101' } });
    expect(made.status).toBe(502);
    expect(made.json.error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(paywelcome().faults.calls).toBe(welcomeCalls);
    // Its circuit is open now (three failures): the next text is refused at once, saying when to try again.
    await create({ delivery: 'provider-sms', customer: { phone: '010-5555-0102' } });
    await create({ delivery: 'provider-sms', customer: { phone: '010-5555-0103' } });
    const refused = await create({ delivery: 'provider-sms', customer: { phone: '010-5555-0104' } });
    expect(refused.status).toBe(503);
    expect(refused.json.error).toMatchObject({ code: 'provider_unavailable', retryable: true });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    clock += COOLDOWN_MS;
    kicc().faults.set(undefined);
    expect((await create()).json.provider).toBe('kicc');
  });

  it('checks the request against every provider it may reach', async () => {
    // 42 bytes: inside KICC's 50, over PayWelcome's 40.
    const made = await create({ goodsName: '가'.repeat(21) });
    expect(made.status).toBe(400);
    expect(made.json.error.fields).toEqual([expect.objectContaining({ field: 'goodsName', code: 'too_long' })]);
    // Naming KICC, the same name is fine.
    expect((await create({ provider: 'kicc', goodsName: '가'.repeat(21) })).status).toBe(201);
  });
});
