/** Idempotency keys: claimed once, replayed exactly, freed, expired, and taken over once when their request died. */

import { describe, expect, it } from 'vitest';
import { created, link, MINUTE, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function idempotencyContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('idempotency keys', () => {
    const connect = onOneDatabase(freshDatabase);
    const TTL = 24 * 60 * MINUTE;
    const STALE = 2 * MINUTE;

    it('are claimed once: a repeat with the same request is told to wait, one with another request is refused', async () => {
      const store = await connect();
      expect(await store.claimIdempotencyKey('k-once', 'hash-a', T0, TTL, STALE)).toEqual({ kind: 'claimed' });
      expect(await store.claimIdempotencyKey('k-once', 'hash-a', T0 + 1, TTL, STALE)).toEqual({ kind: 'in_progress' });
      expect(await store.claimIdempotencyKey('k-once', 'hash-b', T0 + 1, TTL, STALE)).toEqual({ kind: 'mismatch' });
    });

    it('replay the first answer exactly, keys in their order, and keep it when completed twice', async () => {
      const store = await connect();
      const body = { z: 1, id: 'pl_x', nested: { b: [1, '가'], a: null }, a: true };
      await store.claimIdempotencyKey('k-replay', 'hash', T0, TTL, STALE);
      await store.completeIdempotencyKey('k-replay', 201, body);
      await store.completeIdempotencyKey('k-replay', 500, { other: true });
      const replay = await store.claimIdempotencyKey('k-replay', 'hash', T0 + 1, TTL, STALE);
      expect(replay).toEqual({ kind: 'replay', status: 201, body });
      expect(JSON.stringify((replay as { body: unknown }).body)).toBe(JSON.stringify(body));
    });

    it('can be claimed again once released, or once older than their time to live', async () => {
      const store = await connect();
      await store.claimIdempotencyKey('k-free', 'hash-a', T0, TTL, STALE);
      await store.releaseIdempotencyKey('k-free');
      expect(await store.claimIdempotencyKey('k-free', 'hash-b', T0 + 1, TTL, STALE)).toEqual({ kind: 'claimed' });

      await store.completeIdempotencyKey('k-free', 201, { id: 1 });
      expect(await store.claimIdempotencyKey('k-free', 'hash-c', T0 + 1 + TTL + 1, TTL, STALE)).toEqual({ kind: 'claimed' });
    });

    it('left in progress past the stale age are taken over once: abandoned with the link they recorded, or claimed afresh', async () => {
      const store = await connect();
      await store.claimIdempotencyKey('k-dead-link', 'hash', T0, TTL, STALE);
      const record = link();
      await store.insertLink(record, created, { idempotencyKey: 'k-dead-link' });
      await store.claimIdempotencyKey('k-dead-empty', 'hash', T0, TTL, STALE);

      const later = T0 + STALE + 1;
      expect(await store.claimIdempotencyKey('k-dead-link', 'hash', later, TTL, STALE)).toEqual({ kind: 'abandoned', linkId: record.id });
      expect(await store.claimIdempotencyKey('k-dead-link', 'hash', later + 1, TTL, STALE)).toEqual({ kind: 'in_progress' });
      expect(await store.claimIdempotencyKey('k-dead-empty', 'hash', later, TTL, STALE)).toEqual({ kind: 'claimed' });
    });

    it('are completed with the update that registers their link, from the updated link, in one commit; not when its guard fails', async () => {
      const store = await connect();
      await store.claimIdempotencyKey('k-with-update', 'hash', T0, TTL, STALE);
      const record = link({ state: 'creating', url: null });
      await store.insertLink(record, created, { idempotencyKey: 'k-with-update' });
      const answer = (updated: typeof record) => ({ status: 201, body: { id: updated.id, url: updated.url } });
      const registered = { type: 'registered', actor: 'provider:kicc' };
      const updated = await store.updateLink(record.id, { state: 'active', url: 'https://pay.example/k' }, registered, ['creating'], {
        completesKey: { key: 'k-with-update', answer },
      });
      expect(updated?.url).toBe('https://pay.example/k');
      expect(await store.claimIdempotencyKey('k-with-update', 'hash', T0 + 1, TTL, STALE)).toEqual({
        kind: 'replay',
        status: 201,
        body: { id: record.id, url: 'https://pay.example/k' },
      });

      await store.claimIdempotencyKey('k-guarded', 'hash', T0, TTL, STALE);
      const other = link({ state: 'creating', url: null });
      await store.insertLink(other, created, { idempotencyKey: 'k-guarded' });
      const refused = await store.updateLink(other.id, { state: 'active' }, registered, ['active'], { completesKey: { key: 'k-guarded', answer } });
      expect(refused).toBeUndefined();
      expect(await store.claimIdempotencyKey('k-guarded', 'hash', T0 + 1, TTL, STALE)).toEqual({ kind: 'in_progress' });
    });

    it('go to exactly one of twenty claims racing from two connections, fresh or stale', async () => {
      const [one, two] = [await connect(), await connect()];
      const race = (key: string, now: number) =>
        Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).claimIdempotencyKey(key, 'hash', now, TTL, STALE)));
      const fresh = await race('k-race', T0);
      expect(fresh.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
      expect(fresh.filter((claim) => claim.kind === 'in_progress')).toHaveLength(19);

      const stale = await race('k-race', T0 + STALE + 1);
      expect(stale.filter((claim) => claim.kind === 'claimed')).toHaveLength(1);
      expect(stale.filter((claim) => claim.kind === 'in_progress')).toHaveLength(19);
    });
  });
}
