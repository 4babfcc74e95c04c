/** The `Idempotency-Key` table of the SQLite store; each function is one transaction, or part of the caller's. */

import type Database from 'better-sqlite3';
import type { IdempotencyClaim } from './store.js';

interface KeyRow {
  hash: string;
  status: number | null;
  body: string | null;
  createdAt: number;
  linkId: string | null;
}

export function sqliteIdempotency(db: Database.Database) {
  const getKey = db.prepare('SELECT request_hash AS hash, status, body, created_at AS createdAt, link_id AS linkId FROM idempotency_keys WHERE key = ?');
  const deleteKey = db.prepare('DELETE FROM idempotency_keys WHERE key = ?');
  const deleteOldKeys = db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?');
  const insertKey = db.prepare('INSERT INTO idempotency_keys (key, request_hash, created_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
  const reclaimKey = db.prepare('UPDATE idempotency_keys SET created_at = ? WHERE key = ?');
  const completeKey = db.prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE key = ? AND status IS NULL');
  const attachLink = db.prepare('UPDATE idempotency_keys SET link_id = ? WHERE key = ?');

  const claim = db.transaction((key: string, hash: string, now: number, ttlMs: number, staleMs: number): IdempotencyClaim => {
    deleteOldKeys.run(now - ttlMs);
    if (insertKey.run(key, hash, now).changes === 1) return { kind: 'claimed' };
    const row = getKey.get(key) as KeyRow;
    if (row.hash !== hash) return { kind: 'mismatch' };
    if (row.status !== null) return { kind: 'replay', status: row.status, body: JSON.parse(row.body!) };
    if (row.createdAt > now - staleMs) return { kind: 'in_progress' };
    // Nobody finished it in the longest time a live request takes: its process died.
    // Taking it over here, in the same transaction, means only one caller resolves it.
    reclaimKey.run(now, key);
    return row.linkId === null ? { kind: 'claimed' } : { kind: 'abandoned', linkId: row.linkId };
  });

  return {
    claim: (key: string, hash: string, now: number, ttlMs: number, staleMs: number) => claim.immediate(key, hash, now, ttlMs, staleMs),
    complete: (key: string, status: number, body: unknown) => void completeKey.run(status, JSON.stringify(body), key),
    release: (key: string) => void deleteKey.run(key),
    /**
     * Called inside the transaction that inserts the link. A claim is answered before its
     * commit (sqlite.ts): should that commit have failed, the link is not made without its key.
     */
    attachLink: (key: string, linkId: string) => {
      if (attachLink.run(linkId, key).changes !== 1) throw new Error(`idempotency key ${key} is not claimed`);
    },
  };
}
