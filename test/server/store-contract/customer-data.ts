/**
 * Customers' details: which links are due for erasure, and what erasing one
 * takes from the link, its audit trail and its notifications — read back from
 * the tables themselves, not only through the store.
 */

import { describe, expect, it } from 'vitest';
import type { LinkEvent, NotificationDecision, NotificationRecord } from '../../../server/store/store.js';
import { link, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

const NAME = '김고객';
const PHONE = '01012345678';
const EMAIL = 'kim@example.com';
const IP = '203.0.113.7';
const CARD = '536181******1234';
const erasure = { type: 'customer_data_erased', actor: 'reconciler' };
const createdFrom = { type: 'create_requested', actor: 'api:till-1', detail: { ip: IP } };

/** A KICC approval as it may arrive: the payment record, and the customer's details beside it. */
const approval = (linkId: string, orderId: string, transactionId: string): Omit<NotificationRecord, 'outcome'> => ({
  provider: 'kicc',
  transactionId,
  type: '10',
  linkId,
  receivedAt: T0 + 50,
  sourceIp: '127.0.0.1',
  fields: {
    ...paymentRecord(orderId, transactionId),
    cardNo: CARD,
    customerName: NAME,
    customerMail: EMAIL,
    customerContactNo: PHONE,
  },
});
const paymentRecord = (orderId: string, transactionId: string) => ({
  resCd: '0000',
  mallId: 'T5102001',
  notiType: '10',
  pgCno: transactionId,
  shopOrderNo: orderId,
  amount: '999999999',
  approvalNo: '12345678',
  transactionDate: '20260101090000',
  payMethodTypeCode: '11',
});
const decided = (decision: NotificationDecision) => () => decision;

export function customerDataContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('customer data', () => {
    const connect = onOneDatabase(freshDatabase);
    /** Everything the tables hold about one link, as text. */
    const everythingAbout = async (id: string) =>
      JSON.stringify([
        await connect.rows(`SELECT * FROM links WHERE id = '${id}'`),
        await connect.rows(`SELECT * FROM link_events WHERE link_id = '${id}'`),
        await connect.rows(`SELECT * FROM notifications WHERE link_id = '${id}'`),
      ]);
    const notificationFields = async (id: string) =>
      (await connect.rows(`SELECT fields FROM notifications WHERE link_id = '${id}'`)).map(({ fields }) => (typeof fields === 'string' ? JSON.parse(fields) : fields));

    it('is due for erasure once its link ended before a moment, paid or not, least recently changed first', async () => {
      const store = await connect();
      const before = T0 + 1000;
      const due = [
        link({ state: 'failed', updatedAt: T0 + 10 }),
        link({ state: 'cancelled', cancelledAt: T0 + 20, updatedAt: T0 + 20 }),
        link({ state: 'active', expiresAt: T0 + 30, updatedAt: T0 + 30 }),
        link({ state: 'unknown', expiresAt: T0 + 40, updatedAt: T0 + 40 }),
        link({ state: 'paid', paidAt: T0 + 50, expiresAt: before + 99, updatedAt: T0 + 50 }),
        // Refunded within the retention: the refund does not need the customer, the payment ended the link.
        link({ state: 'cancelled', paidAt: T0 + 60, cancelledAt: before + 1, updatedAt: T0 + 60 }),
        // No customer fields, but its audit trail holds the caller's address.
        link({ state: 'failed', updatedAt: T0 + 70, customerName: null, customerPhone: null, customerEmail: null }),
      ];
      const kept = [
        link({ state: 'failed', updatedAt: before + 1 }),
        link({ state: 'active', expiresAt: before + 1, updatedAt: T0 }),
        link({ state: 'unknown', expiresAt: before, updatedAt: T0 }),
        link({ state: 'paid', paidAt: before + 1, expiresAt: T0, updatedAt: T0 }),
        link({ state: 'cancelled', cancelledAt: before + 1, updatedAt: T0 }),
        link({ state: 'failed', updatedAt: T0, customerErasedAt: T0 + 5 }),
      ];
      for (const record of [...kept, ...due].reverse()) await store.insertLink(record, createdFrom);
      const ids = (records: { id: string }[]) => records.map((record) => record.id);
      expect(ids(await store.listCustomerDataToErase(before))).toEqual(ids(due));
      expect(ids(await store.listCustomerDataToErase(before, 2))).toEqual(ids(due.slice(0, 2)));
      // The erasure's own guard says the same as the list.
      for (const record of kept) expect(await store.eraseCustomerData(record.id, { endedBefore: before, at: before }, erasure)).toBeUndefined();
      for (const record of due) expect(await store.eraseCustomerData(record.id, { endedBefore: before, at: before }, erasure)).toBeDefined();
      expect(await store.listCustomerDataToErase(before)).toEqual([]);
    });

    for (const ending of ['paid', 'expired unpaid'] as const) {
      it(`of a link ${ending}: name, phone and email leave the link, the caller's address its audit trail, all but the payment record its notifications; amounts, order and times stay`, async () => {
        const store = await connect();
        const record = link({ state: 'active', url: 'https://pay.example/1', expiresAt: T0 + 100 });
        await store.insertLink(record, createdFrom);
        await store.updateLink(record.id, { openedAt: T0 + 5, updatedAt: T0 + 5 }, { type: 'opened', actor: 'customer' });
        const transactionId = `P-${record.id}`;
        const event: LinkEvent =
          ending === 'paid'
            ? { type: 'paid', actor: 'webhook:kicc', detail: { transactionId } }
            : { type: 'notification_mismatch', actor: 'webhook:kicc', detail: { amount: 1, transactionId } };
        const patch = ending === 'paid' ? { state: 'paid' as const, paidAt: T0 + 50, paymentRef: transactionId, updatedAt: T0 + 50 } : {};
        await store.recordNotification(approval(record.id, record.orderId, transactionId), decided({ outcome: ending === 'paid' ? 'applied' : 'mismatch', update: { patch, event } }));
        const ended = (await store.getLink(record.id))!;
        for (const value of [NAME, PHONE, EMAIL, IP, CARD]) expect(await everythingAbout(record.id)).toContain(value);

        const at = T0 + 10_000;
        const erased = await store.eraseCustomerData(record.id, { endedBefore: T0 + 1000, at }, erasure);
        expect(erased).toEqual({ ...ended, customerName: null, customerPhone: null, customerEmail: null, customerErasedAt: at, updatedAt: at });
        expect(await store.getLink(record.id)).toEqual(erased);
        expect(await store.events(record.id)).toEqual([
          { linkId: record.id, at: record.createdAt, type: 'create_requested', actor: 'api:till-1', fromState: null, toState: 'active' },
          { linkId: record.id, at: T0 + 5, type: 'opened', actor: 'customer', fromState: 'active', toState: 'active' },
          { linkId: record.id, at: expect.any(Number), ...event, fromState: 'active', toState: ended.state },
          { linkId: record.id, at, ...erasure, fromState: ended.state, toState: ended.state },
        ]);
        expect(await notificationFields(record.id)).toEqual([paymentRecord(record.orderId, transactionId)]);
        const left = await everythingAbout(record.id);
        for (const value of [NAME, PHONE, EMAIL, IP, CARD]) expect(left).not.toContain(value);
        for (const value of [record.orderId, String(record.amount), transactionId]) expect(left).toContain(value);
      });
    }

    it('is erased once: not before its link ended, nor after a late payment moved the end, and once only when erasures race', async () => {
      const [one, two] = [await connect(), await connect()];
      const open = link({ state: 'active', expiresAt: T0 + 2000 });
      const late = link({ state: 'active', expiresAt: T0 + 100 });
      for (const record of [open, late]) await one.insertLink(record, createdFrom);
      expect(await one.eraseCustomerData(open.id, { endedBefore: T0 + 1000, at: T0 + 1000 }, erasure)).toBeUndefined();
      expect(await one.eraseCustomerData('pl_missing', { endedBefore: T0 + 1000, at: T0 + 1000 }, erasure)).toBeUndefined();
      expect(await one.getLink(open.id)).toEqual(open);

      // Listed while expired unpaid, then paid at the provider before the erasure ran.
      expect((await one.listCustomerDataToErase(T0 + 1000)).map((record) => record.id)).toContain(late.id);
      await two.updateLink(late.id, { state: 'paid', paidAt: T0 + 5000, paymentRef: 'LATE' }, { type: 'paid', actor: 'webhook:kicc' });
      expect(await one.eraseCustomerData(late.id, { endedBefore: T0 + 1000, at: T0 + 6000 }, erasure)).toBeUndefined();
      expect((await one.getLink(late.id))!.customerPhone).toBe(PHONE);

      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).eraseCustomerData(open.id, { endedBefore: T0 + 3000, at: T0 + 3000 + i }, erasure)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await one.events(open.id)).map((event) => event.type)).toEqual(['create_requested', 'customer_data_erased']);
    });

    it('does not come back with a notification that arrives after the erasure: only its payment record is kept', async () => {
      const store = await connect();
      const record = link({ state: 'active', expiresAt: T0 + 100 });
      await store.insertLink(record, createdFrom);
      await store.eraseCustomerData(record.id, { endedBefore: T0 + 1000, at: T0 + 1000 }, erasure);
      const result = await store.recordNotification(approval(record.id, record.orderId, 'AFTER'), decided({ outcome: 'ignored' }));
      expect(result).toMatchObject({ duplicate: false, outcome: 'ignored' });
      expect(await notificationFields(record.id)).toEqual([paymentRecord(record.orderId, 'AFTER')]);
      for (const value of [NAME, PHONE, EMAIL, IP, CARD]) expect(await everythingAbout(record.id)).not.toContain(value);
    });
  });

  describe('secrets', () => {
    const connect = onOneDatabase(freshDatabase);

    it('are made once per database: every connection, racing or not, gets the same one; each name has its own', async () => {
      const [one, two] = [await connect(), await connect()];
      const values = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).secret('hmac')));
      expect(new Set(values).size).toBe(1);
      expect(values[0]).toMatch(/^[\w-]{43}$/);
      expect(await (await connect()).secret('hmac')).toBe(values[0]);
      expect(await one.secret('other')).not.toBe(values[0]);
    });
  });
}
