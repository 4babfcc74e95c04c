/** Payment notifications: recorded with the change they cause, once, however many copies arrive together, each decided on the link as it then is. */

import { describe, expect, it } from 'vitest';
import type { LinkRecord, NotificationDecision, NotificationRecord } from '../../../server/store/store.js';
import { created, link, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function notificationsContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('payment notifications', () => {
    const connect = onOneDatabase(freshDatabase);
    const notification = (linkId: string, transactionId: string): Omit<NotificationRecord, 'outcome'> => ({
      provider: 'kicc',
      transactionId,
      type: 'paid',
      linkId,
      receivedAt: T0,
      sourceIp: '127.0.0.1',
      fields: { resCd: '0000', amount: '1000' },
    });
    /** Pays an active link; a link paid already by another transaction is flagged instead, as receive.ts decides. */
    const paying =
      (transactionId: string) =>
      (current: LinkRecord | undefined): NotificationDecision => {
        if (current?.paymentRef) {
          return { outcome: 'double_payment', update: { patch: { attention: 'double_payment' }, event: { type: 'double_payment', actor: 'webhook:kicc', detail: { transactionId } } } };
        }
        if (current?.state !== 'active') return { outcome: 'ignored' };
        return { outcome: 'applied', update: { patch: { state: 'paid', paidAt: T0 + 50, paymentRef: transactionId }, event: { type: 'paid', actor: 'webhook:kicc', detail: { transactionId } } } };
      };

    it('are recorded together with the change they cause; a repeat changes nothing and says so', async () => {
      const store = await connect();
      const record = link({ state: 'active' });
      await store.insertLink(record, created);
      const first = await store.recordNotification(notification(record.id, 'T-1'), paying('T-1'));
      expect(first).toEqual({ duplicate: false, outcome: 'applied', link: expect.objectContaining({ state: 'paid', paidAt: T0 + 50, paymentRef: 'T-1' }) });
      expect(await store.recordNotification(notification(record.id, 'T-1'), paying('T-1'))).toEqual({ duplicate: true });
      expect((await store.events(record.id)).map((event) => event.type)).toEqual(['create_requested', 'paid']);
    });

    it('are recorded with the outcome decided on the stored link, even when it changes nothing', async () => {
      const store = await connect();
      const record = link({ state: 'failed' });
      await store.insertLink(record, created);
      const seen: (LinkRecord | undefined)[] = [];
      const decide = (current: LinkRecord | undefined) => (seen.push(current), paying('T-2')(current));
      expect(await store.recordNotification(notification(record.id, 'T-2'), decide)).toEqual({ duplicate: false, outcome: 'ignored', link: undefined });
      expect(seen).toEqual([record]);
      expect(await store.recordNotification(notification(record.id, 'T-2'), () => ({ outcome: 'applied' }))).toEqual({ duplicate: true });
      expect((await store.getLink(record.id))!.state).toBe('failed');
    });

    it('for an order we never issued are recorded without a link', async () => {
      const store = await connect();
      const seen: (LinkRecord | undefined)[] = [];
      const result = await store.recordNotification({ ...notification('', 'T-5'), linkId: null }, (current) => (seen.push(current), { outcome: 'unknown_link' }));
      expect(result).toEqual({ duplicate: false, outcome: 'unknown_link', link: undefined });
      expect(seen).toEqual([undefined]);
    });

    it('are applied once when ten copies arrive at once through two connections', async () => {
      const [one, two] = [await connect(), await connect()];
      const record = link({ state: 'active' });
      await one.insertLink(record, created);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).recordNotification(notification(record.id, 'T-3'), paying('T-3'))));
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      expect((await one.events(record.id)).map((event) => event.type)).toEqual(['create_requested', 'paid']);
    });

    it('of different transactions for one link, arriving at once through two connections, are all recorded and applied', async () => {
      const [one, two] = [await connect(), await connect()];
      const record = link({ state: 'active' });
      await one.insertLink(record, created);
      const flag = (i: number) => (): NotificationDecision => ({ outcome: 'mismatch', update: { patch: {}, event: { type: 'notification_mismatch', actor: 'webhook:kicc', detail: { i } } } });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).recordNotification(notification(record.id, `T-4-${i}`), flag(i))));
      expect(results.every((result) => !result.duplicate && result.link?.id === record.id)).toBe(true);
      expect(await one.events(record.id)).toHaveLength(11);
    });

    it('of different payments for one link, arriving at once through two connections, are each decided after the one before', async () => {
      const [one, two] = [await connect(), await connect()];
      const record = link({ state: 'active' });
      await one.insertLink(record, created);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).recordNotification(notification(record.id, `T-6-${i}`), paying(`T-6-${i}`))));
      const outcomes = results.map((result) => (result.duplicate ? 'duplicate' : result.outcome));
      expect(outcomes.filter((outcome) => outcome === 'applied')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'double_payment')).toHaveLength(9);
      const paid = (await one.getLink(record.id))!;
      expect(paid).toMatchObject({ state: 'paid', attention: 'double_payment' });
      const types = (await two.events(record.id)).map((event) => event.type);
      expect(types.filter((type) => type === 'paid')).toHaveLength(1);
      expect(types.filter((type) => type === 'double_payment')).toHaveLength(9);
      const recorded = await connect.rows(`SELECT transaction_id, outcome FROM notifications WHERE link_id = '${record.id}'`);
      expect(recorded.map((row) => row.outcome).sort()).toEqual(outcomes.sort());
      expect(recorded.find((row) => row.outcome === 'applied')?.transaction_id).toBe(paid.paymentRef);
    });
  });
}
