/**
 * Rate limits in the SQLite store: a sliding log of hits per rule and key.
 * One IMMEDIATE transaction takes the write lock before counting, so two
 * processes on one database cannot both take the last hit.
 */

import type Database from 'better-sqlite3';
import type { RateDecision, RateLimitHit } from './store.js';

export function sqliteRateLimits(db: Database.Database) {
  const prune = db.prepare('DELETE FROM rate_hits WHERE bucket = ? AND at <= ?');
  const inWindow = db.prepare('SELECT COUNT(*) AS hits, MIN(at) AS oldest FROM rate_hits WHERE bucket = ? AND key = ?');
  const hit = db.prepare('INSERT INTO rate_hits (bucket, key, at) VALUES (?, ?, ?)');

  const take = db.transaction((rules: readonly RateLimitHit[], now: number): RateDecision => {
    for (const { bucket, key, limit, windowMs } of rules) {
      // Hits that left the window are forgotten for every key of the rule, so the log stays small.
      prune.run(bucket, now - windowMs);
      const { hits, oldest } = inWindow.get(bucket, key) as { hits: number; oldest: number | null };
      // A refused request counts against nothing: hammering does not push the wait further out.
      if (hits >= limit) return { allowed: false, bucket, retryAfterMs: oldest! + windowMs - now };
    }
    for (const { bucket, key } of rules) hit.run(bucket, key, now);
    return { allowed: true };
  });

  return {
    take: (rules: readonly RateLimitHit[], now: number) => take.immediate(rules, now),
    /** Inside the caller's transaction (which holds the write lock: IMMEDIATE). */
    takeHere: (rules: readonly RateLimitHit[], now: number) => take(rules, now),
  };
}
