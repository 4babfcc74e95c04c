import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { parseConfig } from '../../server/config.js';
import { newLinkId, newOrderId, newShortToken } from '../../server/links/ids.js';
import { longestCreateMs } from '../../server/links/service.js';
import { createLogger } from '../../server/log.js';
import type { LinkRecord, LinkState } from '../../server/store/store.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { linkRecord } from '../support/link-record.js';

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
  return linkRecord({
    id: newLinkId(),
    provider: 'kicc',
    merchantId: 'T5102001',
    orderId: newOrderId(clock.now),
    amount: 1000,
    goodsName: 'Tea',
    customerPhone: '01055556666',
    state,
    shortToken: newShortToken(),
    expiresAt: clock.now + 7 * DAY,
    createdAt: clock.now,
    updatedAt: clock.now,
    ...change,
  });
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
  it('is flagged for attention once: an audit event, a warn log naming it, and `attention` on the link', async () => {
    const link = intent('unknown', { problem: 'timeout' });
    await backend.store.insertLink(link, { type: 'create_requested', actor: 'api' });
    const read = async () => (await (await backend.get(`/api/links/${link.id}`)).json()) as PaymentLink;
    expect((await read()).attention).toBeUndefined();
    await backend.reconciler.runOnce();
    expect(await read()).toMatchObject({ status: 'unknown', attention: 'unknown_outcome' });
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

describe('a customer’s details', () => {
  const customer = { name: '김고객', phone: '010-7777-8888', email: 'kim.customer@example.com' };
  const personal = ['김고객', '01077778888', 'kim.customer@example.com'];
  async function create(body: Record<string, unknown>) {
    return (await (await backend.post('/api/links', { amount: 1000, goodsName: 'Tea', customer, ...body })).json()) as PaymentLink;
  }
  /** What the database file holds about a link: its row, its audit trail, its notifications. */
  function stored(id: string) {
    const db = new Database(join(backend.dir, 'pay-link.sqlite'), { readonly: true });
    try {
      return {
        link: db.prepare('SELECT * FROM links WHERE id = ?').get(id) as Record<string, unknown>,
        events: db.prepare('SELECT type, detail FROM link_events WHERE link_id = ? ORDER BY seq').all(id) as { type: string; detail: string | null }[],
        notifications: (db.prepare('SELECT fields FROM notifications WHERE link_id = ?').all(id) as { fields: string }[]).map((row) => JSON.parse(row.fields) as Record<string, string>),
      };
    } finally {
      db.close();
    }
  }

  it('are erased seven days after its link ends, paid or not, from the link, its audit trail and its notifications; kept while it may still be paid', async () => {
    const cancelled = await create({});
    await backend.post(`/api/links/${cancelled.id}/cancel`, {});
    backend.emulators!.kicc.faults.set({ mode: 'http500' });
    await create({ orderId: 'ERASE-FAILED' });
    backend.emulators!.kicc.faults.set(undefined);
    const failed = (await backend.store.getLinkByOrder('kicc', 'ERASE-FAILED'))!;
    expect(failed.state).toBe('failed');
    const expiring = await create({ expiresAt: new Date(clock.now + 10 * MINUTE).toISOString() });
    const open = await create({ expiresAt: new Date(clock.now + 29 * DAY).toISOString() });
    // Paid long before it would expire: paying ends it.
    const paid = await create({ expiresAt: new Date(clock.now + 29 * DAY).toISOString() });
    const registration = (await backend.emulators!.kicc.registrations.values()).find((reg) => reg.shopOrderNo === paid.orderId)!;
    await fetch(`${backend.url}/emulator/kicc/pay/${registration.pgCno}`, { method: 'POST', body: new URLSearchParams({ action: 'pay' }) });
    await expect.poll(() => stateOf(paid.id)).toBe('paid');
    await backend.emulators!.kicc.notifier.settled();
    // KICC's notification brings the customer's name and the card beside the payment record.
    expect(stored(paid.id).notifications).toEqual([expect.objectContaining({ customerName: '김고객', cardNo: expect.any(String), approvalNo: expect.any(String) })]);

    const detailsOf = async (id: string) => {
      const { customerName, customerPhone, customerEmail } = (await backend.store.getLink(id))!;
      return [customerName, customerPhone, customerEmail];
    };
    const ended = [cancelled.id, failed.id, expiring.id, paid.id];
    const all = [...ended, open.id];

    clock.now += 7 * DAY;
    await backend.reconciler.runOnce();
    for (const id of all) expect(await detailsOf(id)).toEqual(personal);

    clock.now += 11 * MINUTE;
    await backend.reconciler.runOnce();
    expect(await detailsOf(open.id)).toEqual(personal);
    for (const id of ended) {
      expect(await detailsOf(id)).toEqual([null, null, null]);
      const { link, events, notifications } = stored(id);
      expect(link).toMatchObject({ amount: 1000, customer_erased_at: clock.now });
      expect(events.at(-1)).toEqual({ type: 'customer_data_erased', detail: null });
      // The caller's address went with the customer's details; the rest of the trail stays.
      expect(events[0]).toEqual({ type: 'create_requested', detail: null });
      for (const { detail } of events) expect(detail ?? '').not.toMatch(/"ip"/);
      const everything = JSON.stringify({ link, events, notifications });
      for (const value of personal) expect(everything).not.toContain(value);
    }
    const payment = stored(paid.id).notifications[0]!;
    expect(payment).toMatchObject({ pgCno: expect.any(String), shopOrderNo: paid.orderId, amount: '1000', approvalNo: expect.any(String) });
    expect(payment).not.toHaveProperty('customerName');
    expect(payment).not.toHaveProperty('cardNo');

    const shown = (await (await backend.get(`/api/links/${paid.id}`)).json()) as PaymentLink;
    expect(shown).toMatchObject({ status: 'paid', amount: 1000, orderId: paid.orderId, paidAt: expect.any(String) });
    expect(shown.customer).toEqual({});

    // Once is enough: a later pass finds nothing left to erase.
    clock.now += DAY;
    expect((await backend.reconciler.runOnce()).erased).toBe(0);
  });
});

describe('PII_RETENTION_DAYS', () => {
  it('sets how many days a customer’s details are kept, 7 by default; PHONE_RETENTION_DAYS is still read', () => {
    expect(parseConfig({}).piiRetentionMs).toBe(7 * DAY);
    expect(parseConfig({ PII_RETENTION_DAYS: '30' }).piiRetentionMs).toBe(30 * DAY);
    expect(parseConfig({ PHONE_RETENTION_DAYS: '3' }).piiRetentionMs).toBe(3 * DAY);
    expect(parseConfig({ PII_RETENTION_DAYS: '1', PHONE_RETENTION_DAYS: '3' }).piiRetentionMs).toBe(DAY);
    expect(() => parseConfig({ PII_RETENTION_DAYS: '-1' })).toThrow(/PII_RETENTION_DAYS/);
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
