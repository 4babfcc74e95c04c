/**
 * The `Idempotency-Key` table of the PostgreSQL store. A claim locks its key's
 * row (`FOR UPDATE`) before deciding, so of two processes finding the same
 * stale key only one takes it over; the other then sees it fresh, in progress.
 */

import { transaction, type Pool, type Queryable } from './postgres-pool.js';
import type { IdempotencyClaim } from './store.js';

interface KeyRow {
  hash: string;
  status: number | null;
  body: unknown;
  createdAt: number;
  linkId: string | null;
}

export function postgresIdempotency(pool: Pool) {
  const claim = (key: string, hash: string, now: number, ttlMs: number, staleMs: number) =>
    transaction(pool, async (db): Promise<IdempotencyClaim> => {
      // Housekeeping: rows another claim holds are left for a later one, so claims never queue here.
      await db.query(
        'DELETE FROM idempotency_keys WHERE key IN (SELECT key FROM idempotency_keys WHERE created_at < $1 LIMIT 1000 FOR UPDATE SKIP LOCKED)',
        [now - ttlMs],
      );
      for (;;) {
        // A key being inserted by another claim makes this wait for that one's commit.
        const inserted = await db.query('INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [key, hash, now]);
        if (inserted.rowCount === 1) return { kind: 'claimed' };
        const { rows } = await db.query<KeyRow>(
          'SELECT request_hash AS hash, status, body, created_at AS "createdAt", link_id AS "linkId" FROM idempotency_keys WHERE key = $1 FOR UPDATE',
          [key],
        );
        const row = rows[0];
        // Released between the two statements: try to insert again.
        if (!row) continue;
        if (row.createdAt < now - ttlMs) {
          await db.query('UPDATE idempotency_keys SET request_hash = $2, created_at = $3, status = NULL, body = NULL, link_id = NULL WHERE key = $1', [key, hash, now]);
          return { kind: 'claimed' };
        }
        if (row.hash !== hash) return { kind: 'mismatch' };
        if (row.status !== null) return { kind: 'replay', status: row.status, body: row.body };
        if (row.createdAt > now - staleMs) return { kind: 'in_progress' };
        // Nobody finished it in the longest time a live request takes: its process died.
        await db.query('UPDATE idempotency_keys SET created_at = $2 WHERE key = $1', [key, now]);
        return row.linkId === null ? { kind: 'claimed' } : { kind: 'abandoned', linkId: row.linkId };
      }
    });

  return {
    claim,
    /** On the pool, or inside the caller's transaction. */
    complete: async (db: Queryable, key: string, status: number, body: unknown) => {
      await db.query('UPDATE idempotency_keys SET status = $2, body = $3 WHERE key = $1 AND status IS NULL', [key, status, JSON.stringify(body)]);
    },
    release: async (key: string) => {
      await pool.query('DELETE FROM idempotency_keys WHERE key = $1', [key]);
    },
    /** Called inside the transaction that inserts the link. */
    attachLink: async (db: Queryable, key: string, linkId: string) => {
      await db.query('UPDATE idempotency_keys SET link_id = $2 WHERE key = $1', [key, linkId]);
    },
  };
}
