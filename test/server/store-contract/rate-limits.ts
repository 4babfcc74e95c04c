/** Rate limits: a sliding window per rule and key, every rule or none, exact under racing takes. */

import { describe, expect, it } from 'vitest';
import { MINUTE, onOneDatabase, T0, type TestDatabase } from './fixtures.js';

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
  });
}
