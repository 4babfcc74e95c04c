import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { newLinkId, newOrderId, newShortToken } from '../../server/links/ids.js';
import { longestCreateMs } from '../../server/links/service.js';
import { createLogger } from '../../server/log.js';
import type { LinkRecord, LinkState } from '../../server/store/store.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** PROVIDER_TIMEOUT_MS in test/support/backend.ts. */
const STALE = longestCreateMs(3000);

let backend: TestBackend;
const clock = { now: Date.now() };
const logs: Record<string, unknown>[] = [];
beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) });
  backend = await startBackend({ RATE_LIMIT_LINKS_PER_IP: '1000/1m' }, { now: () => clock.now, logger });
});
afterAll(() => backend.dispose());

/** A link as the service records it before calling the provider. */
function intent(state: LinkState, change: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: newLinkId(),
    provider: 'kicc',
    merchantId: 'T5102001',
    orderId: newOrderId(clock.now),
    amount: 1000,
    goodsName: 'Tea',
    customerName: null,
    customerPhone: '01055556666',
    customerEmail: null,
    delivery: 'none',
    message: null,
    state,
    url: null,
    providerRef: null,
    shortToken: newShortToken(),
    expiresAt: clock.now + 7 * DAY,
    createdAt: clock.now,
    updatedAt: clock.now,
    openedAt: null,
    paidAt: null,
    cancelledAt: null,
    paymentRef: null,
    problem: null,
    owner: null,
    attentionAt: null,
    attempts: null,
    ...change,
  };
}

const stateOf = async (id: string) => (await backend.store.getLink(id))!.state;
const eventTypes = async (id: string) => (await backend.store.events(id)).map((event) => event.type);

describe('a link left `creating` by a process that died mid-call', () => {
  it('becomes unknown once older than any live call, not before', async () => {
    const link = intent('creating');
    await backend.store.insertLink(link, { type: 'create_requested', actor: 'api' });

    clock.now += STALE - 1000;
    await backend.reconciler.runOnce();
    expect(await stateOf(link.id)).toBe('creating');

    clock.now += 2000;
    await backend.reconciler.runOnce();
    expect(await stateOf(link.id)).toBe('unknown');
    const event = (await backend.store.events(link.id)).find((e) => e.type === 'interrupted');
    expect(event).toMatchObject({ actor: 'reconciler', fromState: 'creating', toState: 'unknown' });
  });
});

describe('an unknown link', () => {
  it('is flagged for attention once: an audit event and a warn log naming it', async () => {
    const link = intent('unknown', { problem: 'timeout' });
    await backend.store.insertLink(link, { type: 'create_requested', actor: 'api' });
    await backend.reconciler.runOnce();
    await backend.reconciler.runOnce();

    expect((await eventTypes(link.id)).filter((type) => type === 'needs_attention')).toHaveLength(1);
    expect((await backend.store.getLink(link.id))!.attentionAt).toBe(clock.now);
    const warned = logs.filter((line) => line.linkId === link.id && line.level === 40);
    expect(warned).toEqual([expect.objectContaining({ component: 'reconciler', orderId: link.orderId, problem: 'timeout', msg: expect.stringMatching(/needs attention/) })]);
  });

  it('is flagged once even when two processes reconcile the same database', async () => {
    const other = await startBackend({}, { dir: backend.dir, now: () => clock.now });
    try {
      const link = intent('unknown');
      await backend.store.insertLink(link, { type: 'create_requested', actor: 'api' });
      await Promise.all([backend.reconciler.runOnce(), other.reconciler.runOnce(), backend.reconciler.runOnce()]);
      expect((await eventTypes(link.id)).filter((type) => type === 'needs_attention')).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});

describe('a customer’s phone number', () => {
  const phone = '010-7777-8888';
  async function create(body: Record<string, unknown>) {
    return (await (await backend.post('/api/links', { amount: 1000, goodsName: 'Tea', customer: { phone }, ...body })).json()) as PaymentLink;
  }

  it('is erased seven days after its link ends unpaid, with an audit event, and kept while it may still be paid or was paid', async () => {
    const cancelled = await create({});
    await backend.post(`/api/links/${cancelled.id}/cancel`, {});
    backend.emulators!.kicc.faults.set({ mode: 'http500' });
    await create({ orderId: 'ERASE-FAILED' });
    backend.emulators!.kicc.faults.set(undefined);
    const failed = (await backend.store.getLinkByOrder('kicc', 'ERASE-FAILED'))!;
    expect(failed.state).toBe('failed');
    const expiring = await create({ expiresAt: new Date(clock.now + 10 * MINUTE).toISOString() });
    const open = await create({ expiresAt: new Date(clock.now + 29 * DAY).toISOString() });
    const paid = await create({ expiresAt: new Date(clock.now + 10 * MINUTE).toISOString() });
    const registration = [...backend.emulators!.kicc.registrations.values()].find((reg) => reg.shopOrderNo === paid.orderId)!;
    await fetch(`${backend.url}/emulator/kicc/pay/${registration.pgCno}`, { method: 'POST', body: new URLSearchParams({ action: 'pay' }) });
    await expect.poll(() => stateOf(paid.id)).toBe('paid');

    const phoneOf = async (id: string) => (await backend.store.getLink(id))!.customerPhone;
    const all = [cancelled.id, failed.id, expiring.id, open.id, paid.id];

    clock.now += 7 * DAY;
    await backend.reconciler.runOnce();
    expect(await Promise.all(all.map(phoneOf))).toEqual(all.map(() => '01077778888'));

    clock.now += 11 * MINUTE;
    await backend.reconciler.runOnce();
    expect(await Promise.all(all.map(phoneOf))).toEqual([null, null, null, '01077778888', '01077778888']);
    for (const id of [cancelled.id, failed.id, expiring.id]) {
      expect((await backend.store.events(id)).at(-1)).toMatchObject({ type: 'phone_erased', actor: 'reconciler' });
    }
    const shown = (await (await backend.get(`/api/links/${cancelled.id}`)).json()) as PaymentLink;
    expect(shown.customer.phone).toBeUndefined();
  });
});

describe('the server', () => {
  it('reconciles on its own every RECONCILE_INTERVAL_MS', async () => {
    const ticking = await startBackend({ RECONCILE_INTERVAL_MS: '100' }, { now: () => Date.now() + STALE + 1000 });
    try {
      const link = { ...intent('creating'), createdAt: Date.now(), updatedAt: Date.now() };
      await ticking.store.insertLink(link, { type: 'create_requested', actor: 'api' });
      await expect.poll(async () => (await ticking.store.getLink(link.id))!.state, { timeout: 2000 }).toBe('unknown');
    } finally {
      await ticking.dispose();
    }
  });
});
