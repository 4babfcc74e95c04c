/** Rate limits: a sliding window per rule and key, every rule or none, exact under racing takes. */

import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../server/store/store.js';
import { created, link, MINUTE, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

export function rateLimitsContract(freshDatabase: () => Promise<TestDatabase>) {
  describe('rate limits', () => {
    const connect = onOneDatabase(freshDatabase);
    const rule = (bucket: string, limit: number, key = 'k') => ({ bucket, key, limit, windowMs: MINUTE });

    it('count hits up to the limit, then say when the oldest leaves the window, and forget it after', async () => {
      const store = await connect();
      expect(await store.takeRateLimit([rule('window', 2)], T0)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('window', 2)], T0 + 10_000)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('window', 2)], T0 + 15_000)).toEqual({ allowed: false, bucket: 'window', retryAfterMs: 45_000 });
      expect(await store.takeRateLimit([rule('window', 2, 'other')], T0 + 15_000)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('window', 2)], T0 + MINUTE)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('window', 2)], T0 + MINUTE + 1)).toMatchObject({ allowed: false, retryAfterMs: 10_000 - 1 });
    });

    it('count every rule or none: a refusal by one rule spends nothing from the others', async () => {
      const store = await connect();
      const perPhone = { bucket: 'phone', key: '01012345678', limit: 1, windowMs: MINUTE };
      const total = { bucket: 'total', key: '*', limit: 2, windowMs: MINUTE };
      expect(await store.takeRateLimit([perPhone, total], T0)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([perPhone, total], T0 + 1)).toMatchObject({ allowed: false, bucket: 'phone', retryAfterMs: MINUTE - 1 });
      // The refused try spent nothing from the total: another number still gets the last hit.
      expect(await store.takeRateLimit([{ ...perPhone, key: '01087654321' }, total], T0 + 2)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([{ ...perPhone, key: '01000000000' }, total], T0 + 3)).toMatchObject({ allowed: false, bucket: 'total' });
    });

    it('give exactly the limit to sixty takes racing from two connections', async () => {
      const [one, two] = [await connect(), await connect()];
      const decisions = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? one : two).takeRateLimit([rule('race', 25), rule('race-total', 1000, '*')], T0 + i)),
      );
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(25);
    });

    it('are taken with the intent of a link, in one transaction: when one refuses, neither the link nor any hit is written', async () => {
      const store = await connect();
      const hits = [rule('with-link', 1), rule('with-link-total', 5, '*')];
      const first = link();
      await store.insertLink(first, created, { rateLimit: { hits, now: T0 } });
      expect(await store.getLink(first.id)).toMatchObject({ id: first.id });

      const second = link();
      const refused = store.insertLink(second, created, { rateLimit: { hits, now: T0 + 1 } });
      await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
      await expect(refused).rejects.toMatchObject({ decision: { allowed: false, bucket: 'with-link', retryAfterMs: MINUTE - 1 } });
      expect(await store.getLink(second.id)).toBeUndefined();
      // The refused insert counted nothing against the total: four more fit.
      expect(await store.takeRateLimit([rule('with-link-total', 5, '*')], T0 + 2)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('with-link-total', 5, '*')], T0 + 3)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('with-link-total', 5, '*')], T0 + 4)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('with-link-total', 5, '*')], T0 + 5)).toEqual({ allowed: true });
      expect(await store.takeRateLimit([rule('with-link-total', 5, '*')], T0 + 6)).toMatchObject({ allowed: false });
    });
  });
}
