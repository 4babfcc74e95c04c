/** A connection pool to PostgreSQL that reads BIGINT as a number, and the one way the store runs a transaction. */

import pg from 'pg';

export type Pool = pg.Pool;
/** A connection inside a transaction, or the pool for a single statement. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

const INT8_OID = 20;
/**
 * BIGINT columns hold epoch ms and won, far below 2^53: numbers, as the
 * SQLite store returns them. Set on this pool only, never on pg's global
 * parsers, which a merchant's own code may rely on.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PoolOptions {
  /** Connections at most; PostgreSQL's default limit of 100 is shared by every instance. */
  max?: number;
  /** An idle connection's error (the server restarted): the pool drops it and reconnects. */
  onError?: (error: Error) => void;
}

export function createPool(url: string, { max = 10, onError }: PoolOptions = {}): Pool {
  // A database that does not answer fails the request in seconds instead of holding it.
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => onError?.(error));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function transaction<T>(pool: Pool, work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  let broken: Error | undefined;
  try {
    await db.query('BEGIN');
    const result = await work(db);
    await db.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is broken: it leaves the pool.
    await db.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    db.release(broken);
  }
}
