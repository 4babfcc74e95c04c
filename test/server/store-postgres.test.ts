/** The store contract against the PostgreSQL store: a fresh schema per database, a pool per connection. */

import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres.js';
import { MIGRATIONS } from '../../server/store/postgres-schema.js';
import { freshSchema } from '../support/postgres.js';
import { storeContract } from './store-contract/index.js';

describe('the PostgreSQL store', () => {
  storeContract(async () => {
    const schema = await freshSchema();
    return {
      connect: () => openPostgresStore(schema.url, { max: 4 }),
      rows: async (sql) => {
        const db = new pg.Client({ connectionString: schema.url });
        await db.connect();
        try {
          return (await db.query<Record<string, unknown>>(sql)).rows;
        } finally {
          await db.end();
        }
      },
      dispose: () => schema.drop(),
    };
  });

  it('migrates once when four processes start on an empty database at the same moment', async () => {
    const schema = await freshSchema();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(schema.url, { max: 1 })));
      await Promise.all(stores.map((store) => store.close()));
      const db = new pg.Client({ connectionString: schema.url });
      await db.connect();
      const { rows } = await db.query('SELECT version FROM schema_migrations ORDER BY version');
      await db.end();
      expect(rows).toEqual(MIGRATIONS.map((_, i) => ({ version: i + 1 })));
    } finally {
      await schema.drop();
    }
  });

  it('refuses to start on a schema newer than it knows', async () => {
    const schema = await freshSchema();
    try {
      await (await openPostgresStore(schema.url)).close();
      const db = new pg.Client({ connectionString: schema.url });
      await db.connect();
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [MIGRATIONS.length + 1]);
      await db.end();
      await expect(openPostgresStore(schema.url)).rejects.toThrow(/newer than this pay-link knows/);
    } finally {
      await schema.drop();
    }
  });
});
