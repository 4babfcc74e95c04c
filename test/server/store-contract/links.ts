/** Links: written and read whole, guarded updates, the order-id rule, and the list the reconciler walks for attention. */

import { describe, expect, it } from 'vitest';
import { LINK_STATUSES } from '../../../core/link.js';
import { linkStatus } from '../../../server/links/present.js';
import { DuplicateOrderError, type LinkPageQuery, type LinkRecord, type Store } from '../../../server/store/store.js';
import { created, link, MINUTE, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function linksContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('links', () => {
    const connect = onOneDatabase(freshDatabase);

    it('reads a link back exactly as written, by id, by short token and by order', async () => {
      const store = await connect();
      const full = link({ state: 'active', url: 'https://pay.example/1', providerRef: '2026010112345', openedAt: T0 + 5, attentionAt: T0 + 6, attention: 'double_payment', customerErasedAt: T0 + 7, attempts: 'kicc:unavailable,paywelcome:registered', refundedAmount: 500, refunds: '[]', paymentMethod: '21' });
      const sparse = link({ customerName: null, customerPhone: null, customerEmail: null, message: null, expiresAt: null, owner: null, delivery: 'none' });
      for (const record of [full, sparse]) {
        await store.insertLink(record, created);
        expect(await store.getLink(record.id)).toEqual(record);
        expect(await store.getLinkByShortToken(record.shortToken)).toEqual(record);
        expect(await store.getLinkByOrder('kicc', record.orderId)).toEqual(record);
      }
      expect(await store.getLink('pl_missing')).toBeUndefined();
      expect(await store.getLinkByShortToken('missing')).toBeUndefined();
    });

    it('keeps a link’s refunds and their sum with it', async () => {
      const refunds = JSON.stringify([{ id: 'rf_1', amount: 1000, status: 'succeeded', reason: '변심', createdAt: T0, source: 'api', gatewayKey: 'K1', gatewayRef: 'C1', remainingAfter: 998_999_999 }]);
      const store = await connect();
      const record = link({ state: 'paid', paymentRef: 'APPROVAL-1' });
      await store.insertLink(record, created);
      const refunded = await store.updateLink(record.id, { refunds, refundedAmount: 1000 }, { type: 'refunded', actor: 'api' }, { states: ['paid'], unchanged: { refunds: null } });
      expect(refunded).toEqual({ ...record, refunds, refundedAmount: 1000, updatedAt: expect.any(Number) });
      expect(await store.getLink(record.id)).toEqual(refunded);
      // A second write guarded by the refunds it read loses to the first.
      expect(await store.updateLink(record.id, { refundedAmount: 2000 }, { type: 'refunded', actor: 'api' }, { unchanged: { refunds: null } })).toBeUndefined();
    });

    it('reads many links in one call, each once, leaving out ids it does not have', async () => {
      const store = await connect();
      const [creating, active, paid] = [link(), link({ state: 'active' }), link({ state: 'paid', paidAt: T0 })];
      for (const record of [creating, active, paid]) await store.insertLink(record, created);
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

      const read = await store.getLinks([paid.id, 'pl_missing', creating.id, paid.id]);
      expect(read.sort(byId)).toEqual([creating, paid].sort(byId));
      expect(await store.getLinks([])).toEqual([]);
      // As many ids as an instance streams at once, in one statement.
      const many = [...Array.from({ length: 6000 }, (_, i) => `pl_missing_${i}`), active.id];
      expect(await store.getLinks(many)).toEqual([active]);
    });

    it('refuses an order id the provider already has from us, and leaves no trace of the refused link', async () => {
      const store = await connect();
      const first = link();
      await store.insertLink(first, created);
      const again = link({ orderId: first.orderId });
      await expect(store.insertLink(again, created)).rejects.toThrow(DuplicateOrderError);
      expect(await store.getLink(again.id)).toBeUndefined();
      expect(await store.events(again.id)).toEqual([]);
      // The other provider has never seen it.
      await store.insertLink(link({ orderId: first.orderId, provider: 'paywelcome' }), created);
    });

    it('frees an order id once its link certainly failed, and finds the newest link of an order', async () => {
      const store = await connect();
      const failed = link();
      await store.insertLink(failed, created);
      await store.updateLink(failed.id, { state: 'failed' }, { type: 'register_failed', actor: 'provider:kicc' });
      const retry = link({ orderId: failed.orderId, createdAt: failed.createdAt + 1 });
      await store.insertLink(retry, created);
      expect((await store.getLinkByOrder('kicc', failed.orderId))!.id).toBe(retry.id);
    });

    it('applies an update only while its guard holds, and records each change with the states it moved between', async () => {
      const store = await connect();
      const record = link();
      await store.insertLink(record, created);
      const active = await store.updateLink(record.id, { state: 'active', url: 'https://pay.example/2', updatedAt: T0 + 100 }, { type: 'registered', actor: 'provider:kicc' }, ['creating']);
      expect(active).toEqual({ ...record, state: 'active', url: 'https://pay.example/2', updatedAt: T0 + 100 });
      expect(await store.getLink(record.id)).toEqual(active);

      expect(await store.updateLink(record.id, { state: 'failed' }, { type: 'register_failed', actor: 'x' }, ['creating'])).toBeUndefined();
      expect(await store.updateLink(record.id, { attentionAt: 1 }, { type: 'flag', actor: 'x' }, { states: ['active'], unchanged: { url: 'https://other.example' } })).toBeUndefined();
      const flagged = await store.updateLink(record.id, { attentionAt: T0 + 200 }, { type: 'flag', actor: 'reconciler' }, { states: ['active'], unchanged: { attentionAt: null } });
      expect(flagged?.attentionAt).toBe(T0 + 200);
      expect(await store.updateLink('pl_missing', { state: 'paid' }, { type: 'paid', actor: 'x' })).toBeUndefined();

      expect(await store.events(record.id)).toEqual([
        { linkId: record.id, at: record.createdAt, type: 'create_requested', actor: 'api', fromState: null, toState: 'creating', detail: { ip: '127.0.0.1' } },
        { linkId: record.id, at: T0 + 100, type: 'registered', actor: 'provider:kicc', fromState: 'creating', toState: 'active' },
        { linkId: record.id, at: expect.any(Number), type: 'flag', actor: 'reconciler', fromState: 'active', toState: 'active' },
      ]);
    });

    it('lets exactly one of twenty guarded updates racing from two connections apply', async () => {
      const [one, two] = [await connect(), await connect()];
      const record = link({ state: 'active' });
      await one.insertLink(record, created);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? one : two).updateLink(record.id, { state: 'cancelled', cancelledAt: T0 + i }, { type: 'cancelled', actor: `racer-${i}` }, ['active']),
        ),
      );
      const winners = results.filter(Boolean);
      expect(winners).toHaveLength(1);
      expect(await one.getLink(record.id)).toEqual(winners[0]);
      expect((await two.events(record.id)).map((event) => event.type)).toEqual(['create_requested', 'cancelled']);
    });
  });

  describe('finding links', () => {
    const connect = onOneDatabase(freshDatabase);

    it('lists links by state, age, flag and owner, least recently changed first, up to a limit', async () => {
      const store = await connect();
      const [old, newer, flagged, others] = [
        link({ state: 'unknown', updatedAt: T0 + 2 }),
        link({ state: 'unknown', updatedAt: T0 + 5 }),
        link({ state: 'unknown', updatedAt: T0 + 1, attentionAt: T0 }),
        link({ state: 'unknown', updatedAt: T0 + 3, owner: 'till-2' }),
      ];
      const active = link({ state: 'active', updatedAt: T0 });
      for (const record of [newer, old, flagged, others, active]) await store.insertLink(record, created);

      const ids = async (filter: Parameters<Store['listLinks']>[0]) => (await store.listLinks(filter)).map((record) => record.id);
      expect(await ids({ states: ['unknown'] })).toEqual([flagged.id, old.id, others.id, newer.id]);
      expect(await ids({ states: ['unknown', 'active'], limit: 2 })).toEqual([active.id, flagged.id]);
      expect(await ids({ states: ['unknown'], updatedBefore: T0 + 3 })).toEqual([flagged.id, old.id]);
      expect(await ids({ states: ['unknown'], unflagged: true, owner: 'till-1' })).toEqual([old.id, newer.id]);
      expect(await ids({ states: ['paid'] })).toEqual([]);
    });

    it('pages links newest first, from a cursor, within a range, by owner and by status as the API shows it', async () => {
      const store = await connect();
      // A day of its own, apart from the other tests' links.
      const day = T0 + 400 * 24 * 60 * MINUTE;
      const now = day + 60 * MINUTE;
      const inside = [
        link({ createdAt: day, state: 'paid', url: 'https://pay.example/1', paidAt: day + 1 }),
        link({ createdAt: day + 1, state: 'active', expiresAt: now + 1 }),
        // The same instant as the one before: the id breaks the tie, so no cursor skips either.
        link({ createdAt: day + 1, state: 'active', expiresAt: now }),
        link({ createdAt: day + 2, state: 'unknown', expiresAt: null }),
        link({ createdAt: day + 3, state: 'creating' }),
        link({ createdAt: day + 4, state: 'unknown', expiresAt: now - 1 }),
        link({ createdAt: day + 5, state: 'cancelled', cancelledAt: day + 6, owner: 'till-2' }),
        link({ createdAt: day + 6, state: 'failed', owner: null }),
        link({ createdAt: day + 24 * 60 * MINUTE - 1, state: 'active' }),
      ];
      const outside = [link({ createdAt: day - 1, state: 'active' }), link({ createdAt: day + 24 * 60 * MINUTE, state: 'active' })];
      for (const record of [...outside, ...inside]) await store.insertLink(record, created);

      const newestFirst = (records: LinkRecord[]) => [...records].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((record) => record.id);
      const page = async (query: Partial<LinkPageQuery> = {}) =>
        (await store.pageLinks({ createdFrom: day, createdBefore: day + 24 * 60 * MINUTE, now, limit: 100, ...query })).map((record) => record.id);

      expect(await page()).toEqual(newestFirst(inside));
      expect((await store.pageLinks({ createdFrom: day, now, limit: 100 })).map((record) => record.id)).toEqual(newestFirst([...inside, outside[1]!]));
      expect(await page({ owner: 'till-2' })).toEqual([inside[6]!.id]);
      for (const status of LINK_STATUSES) {
        expect(await page({ statuses: [status] }), status).toEqual(newestFirst(inside.filter((record) => linkStatus(record, now) === status)));
      }
      expect(await page({ statuses: ['expired', 'paid'] })).toEqual(newestFirst(inside.filter((record) => ['expired', 'paid'].includes(linkStatus(record, now)))));
      // Read by pages of two, each after the last one read: every link once, in order, while more are made.
      const paged: string[] = [];
      let after: LinkPageQuery['after'];
      for (;;) {
        const rows = await store.pageLinks({ createdFrom: day, createdBefore: day + 24 * 60 * MINUTE, now, limit: 2, after });
        paged.push(...rows.map((record) => record.id));
        if (rows.length < 2) break;
        after = { createdAt: rows.at(-1)!.createdAt, id: rows.at(-1)!.id };
        await store.insertLink(link({ createdAt: day + 12 * 60 * MINUTE + paged.length, state: 'active' }), created);
      }
      expect(paged.filter((id) => inside.some((record) => record.id === id))).toEqual(newestFirst(inside));
    });
  });
}
