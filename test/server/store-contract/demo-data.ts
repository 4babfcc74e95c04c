/** The demo's reset: every link and what hangs on it, keys, rate-limit hits and emulator records gone at once; the secrets kept. */

import { describe, expect, it } from 'vitest';
import { DEMO_DATA_TABLES } from '../../../server/store/demo-data.js';
import { created, link, MINUTE, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function demoDataContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('the demo’s data', () => {
    const connect = onOneDatabase(freshDatabase);
    const count = async (table: string) => Number((await connect.rows(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

    it('is cleared in full, the secrets kept, and the store works on as new', async () => {
      const store = await connect();
      const paid = link({ state: 'active' });
      await store.claimIdempotencyKey('k-demo', 'hash', T0, 24 * 60 * MINUTE, 2 * MINUTE);
      await store.insertLink(paid, created, { idempotencyKey: 'k-demo' });
      await store.recordNotification(
        { provider: 'kicc', transactionId: 'T-demo', type: 'paid', linkId: paid.id, receivedAt: T0, sourceIp: '127.0.0.1', fields: { resCd: '0000' } },
        () => ({ outcome: 'applied', update: { patch: { state: 'paid', paidAt: T0 }, event: { type: 'paid', actor: 'webhook:kicc' } } }),
      );
      await store.takeRateLimit([{ bucket: 'links-per-ip', key: '127.0.0.1', limit: 1, windowMs: MINUTE }], T0);
      await store.emulatorRecords!.add({ emulator: 'kicc', kind: 'registrations' }, 'pg-1', '{}', null);
      const secret = await store.secret('stream-tickets');
      for (const table of DEMO_DATA_TABLES) expect(await count(table), table).toBeGreaterThan(0);

      // Another connection clears it, as another instance's reset would.
      await (await connect()).clearDemoData!();
      for (const table of DEMO_DATA_TABLES) expect(await count(table), table).toBe(0);
      expect(await store.getLink(paid.id)).toBeUndefined();
      expect(await store.secret('stream-tickets')).toBe(secret);

      // The same order, key and rate-limit window are free again.
      await store.insertLink({ ...link({ state: 'active' }), orderId: paid.orderId }, created);
      expect(await store.claimIdempotencyKey('k-demo', 'other', T0 + 1, 24 * 60 * MINUTE, 2 * MINUTE)).toEqual({ kind: 'claimed' });
      expect(await store.takeRateLimit([{ bucket: 'links-per-ip', key: '127.0.0.1', limit: 1, windowMs: MINUTE }], T0 + 1)).toEqual({ allowed: true });
    });
  });
}
