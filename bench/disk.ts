/**
 * The disk's share: one SQLite commit as the store makes it (WAL,
 * `synchronous=FULL`, so an fsync), measured in the same run. Every link
 * made costs several, on the event loop (better-sqlite3 is synchronous).
 */

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spread, type Spread } from './stats.js';

export function measureCommit(dir: string, commits = 200): Spread {
  const db = new Database(join(dir, 'commit.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)');
    const insert = db.prepare('INSERT INTO t (value) VALUES (?)');
    const times: number[] = [];
    for (let i = 0; i < commits; i++) {
      const started = performance.now();
      insert.run(`row ${i}`);
      times.push(performance.now() - started);
    }
    return spread(times);
  } finally {
    db.close();
  }
}
