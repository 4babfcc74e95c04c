/**
 * PostgreSQL for the server tests: the database scripts/ensure-postgres.mjs
 * found (TEST_DATABASE_URL, or the URL it wrote to a file), and a fresh
 * schema for each use, named in the URL's `search_path`, so test files running
 * at once never see each other's rows. Without a database the tests fail
 * saying how to get one; they never skip.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';

const URL_FILE = new URL('../../node_modules/.cache/pay-link/postgres-url', import.meta.url);
const PREFIX = 'test_';
/** Schemas left by a run that was killed are dropped once they are this old. */
const LEFTOVER_MS = 6 * 3_600_000;

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL || (existsSync(URL_FILE) ? readFileSync(URL_FILE, 'utf8').trim() : '');
  if (!url) {
    throw new Error(
      'These tests need PostgreSQL. Run `node scripts/ensure-postgres.mjs` (it installs and starts Debian\'s postgresql when needed), ' +
        'or set TEST_DATABASE_URL=postgres://user:password@host:5432/database.',
    );
  }
  return url;
}

export interface TestSchema {
  /** The test database's URL with this schema as its `search_path`: what `DATABASE_URL` is set to. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function freshSchema(): Promise<TestSchema> {
  const base = testDatabaseUrl();
  const name = `${PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(base, async (db) => {
    await db.query(`CREATE SCHEMA ${name}`);
    await dropLeftovers(db);
  });
  const url = new URL(base);
  const options = url.searchParams.get('options');
  url.searchParams.set('options', `${options ? `${options} ` : ''}-c search_path=${name}`);
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await admin(base, (db) => db.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`));
    },
  };
}

async function admin<T>(url: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  try {
    await db.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for tests does not answer (${(error as Error).message}). Run \`node scripts/ensure-postgres.mjs\`.`);
  }
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

async function dropLeftovers(db: pg.Client) {
  const { rows } = await db.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1', [`${PREFIX}%`]);
  for (const { name } of rows) {
    const made = parseInt(name.slice(PREFIX.length).split('_')[0]!, 36);
    if (Date.now() - made > LEFTOVER_MS) await db.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  }
}
