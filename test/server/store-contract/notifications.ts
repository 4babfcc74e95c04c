/** Payment notifications: recorded with the change they cause, once, however many copies arrive together. */

import { describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../../server/store/store.js';
import { created, link, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function notificationsContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('payment notifications', () => {
    const connect = onOneDatabase(freshDatabase);
    const notification = (linkId: string, transactionId: string): NotificationRecord => ({
      provider: 'kicc',
      transactionId,
      type: 'paid',
      linkId,
      outcome: 'applied',
      receivedAt: T0,
      sourceIp: '127.0.0.1',
      fields: { resCd: '0000', amount: '1000' },
    });
    const paying = (id: string, transactionId: string) => ({
      id,
      patch: { state: 'paid' as const, paidAt: T0 + 50, paymentRef: transactionId },
      event: { type: 'paid', actor: 'webhook:kicc', detail: { transactionId } },
      from: ['active' as const],
    });

    it('are recorded together with the change they cause; a repeat changes nothing and says so', async () => {
      const store = await connect();
      const record = link({ state: 'active' });
      await store.insertLink(record, created);
      const first = await store.recordNotification(notification(record.id, 'T-1'), paying(record.id, 'T-1'));
      expect(first).toEqual({ duplicate: false, link: expect.objectContaining({ state: 'paid', paidAt: T0 + 50, paymentRef: 'T-1' }) });
      expect(await store.recordNotification(notification(record.id, 'T-1'), paying(record.id, 'T-1'))).toEqual({ duplicate: true });
      expect((await store.events(record.id)).map((event) => event.type)).toEqual(['create_requested', 'paid']);
    });

    it('are recorded even when the link is no longer in a state they change', async () => {
      const store = await connect();
      const record = link({ state: 'failed' });
      await store.insertLink(record, created);
      expect(await store.recordNotification(notification(record.id, 'T-2'), paying(record.id, 'T-2'))).toEqual({ duplicate: false, link: undefined });
      expect(await store.recordNotification(notification(record.id, 'T-2'))).toEqual({ duplicate: true });
      expect((await store.getLink(record.id))!.state).toBe('failed');
    });

    it('are applied once when ten copies arrive at once through two connections', async () => {
      const [one, two] = [await connect(), await connect()];
      const record = link({ state: 'active' });
      await one.insertLink(record, created);
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).recordNotification(notification(record.id, 'T-3'), paying(record.id, 'T-3'))),
      );
      expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
      expect((await one.events(record.id)).map((event) => event.type)).toEqual(['create_requested', 'paid']);
    });

    it('of different transactions for one link, arriving at once through two connections, are all recorded and applied', async () => {
      const [one, two] = [await connect(), await connect()];
      const record = link({ state: 'active' });
      await one.insertLink(record, created);
      const flag = (i: number) => ({ id: record.id, patch: {}, event: { type: 'notification_mismatch', actor: 'webhook:kicc', detail: { i } } });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).recordNotification({ ...notification(record.id, `T-4-${i}`), outcome: 'mismatch' }, flag(i))),
      );
      expect(results.every((result) => !result.duplicate && result.link?.id === record.id)).toBe(true);
      expect(await one.events(record.id)).toHaveLength(11);
    });
  });
}
