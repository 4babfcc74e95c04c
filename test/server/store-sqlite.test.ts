/** The store contract against the embedded SQLite store: a file per database, a handle per connection. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { storeContract } from './store-contract/index.js';

describe('the SQLite store', () => {
  storeContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pay-link-store-'));
    return {
      connect: async () => openSqliteStore(join(dir, 'pay-link.sqlite')),
      rows: async (sql) => {
        const db = new Database(join(dir, 'pay-link.sqlite'), { readonly: true });
        try {
          return db.prepare(sql).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});
