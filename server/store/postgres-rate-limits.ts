/**
 * Rate limits in the PostgreSQL store: a sliding log of hits per rule and
 * key. A transaction-scoped advisory lock per counted key is taken before
 * counting, so two processes cannot both take the last hit; every process
 * takes the locks in one order, so two takes never wait on each other crosswise.
 */

import { transaction, type Pool, type Queryable } from './postgres-pool.js';
import type { RateDecision, RateLimitHit } from './store.js';

export function postgresRateLimits(pool: Pool) {
  /** Inside the caller's transaction: the advisory locks last until it ends. */
  const takeIn = async (db: Queryable, rules: readonly RateLimitHit[], now: number): Promise<RateDecision> => {
    const counted = [...new Set(rules.map(({ bucket, key }) => `${bucket}\n${key}`))].sort();
    for (const name of counted) {
      // The schema is part of the lock's name: locks are per database, tables per schema.
      await db.query(`SELECT pg_advisory_xact_lock(hashtextextended(coalesce(current_schema(), '') || ' ' || $1, 0))`, [name]);
    }
    for (const { bucket, key, limit, windowMs } of rules) {
      // Hits that left the window are forgotten for every key of the rule, so the log stays small;
      // rows another take is deleting are skipped, never waited for.
      await db.query(
        'DELETE FROM rate_hits WHERE id IN (SELECT id FROM rate_hits WHERE bucket = $1 AND at <= $2 LIMIT 1000 FOR UPDATE SKIP LOCKED)',
        [bucket, now - windowMs],
      );
      const { rows } = await db.query<{ hits: number; oldest: number | null }>(
        'SELECT count(*) AS hits, min(at) AS oldest FROM rate_hits WHERE bucket = $1 AND key = $2 AND at > $3',
        [bucket, key, now - windowMs],
      );
      const { hits, oldest } = rows[0]!;
      // A refused request counts against nothing: hammering does not push the wait further out.
      if (hits >= limit) return { allowed: false, bucket, retryAfterMs: oldest! + windowMs - now };
    }
    await db.query('INSERT INTO rate_hits (bucket, key, at) SELECT bucket, key, $3 FROM unnest($1::text[], $2::text[]) AS hit (bucket, key)', [
      rules.map((rule) => rule.bucket),
      rules.map((rule) => rule.key),
      now,
    ]);
    return { allowed: true };
  };

  return { take: (rules: readonly RateLimitHit[], now: number) => transaction(pool, (db) => takeIn(db, rules, now)), takeIn };
}
