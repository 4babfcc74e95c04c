/** The store the configuration asks for: PostgreSQL when `DATABASE_URL` is set, else the embedded SQLite file. */

import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export async function openStore(config: Pick<Config, 'databaseUrl' | 'databasePath' | 'databasePoolSize'>, logger?: Logger): Promise<Store> {
  if (config.databaseUrl) {
    const { openPostgresStore } = await loadPostgres();
    return openPostgresStore(config.databaseUrl, {
      max: config.databasePoolSize,
      onError: (error) => logger?.warn({ err: error }, 'idle PostgreSQL connection failed; it will be replaced'),
      onLost: (error, retryInMs) => logger?.warn({ err: error, retryInMs }, 'PostgreSQL link-change listener lost; reconnecting'),
      onRestored: () => logger?.info('PostgreSQL link-change listener restored'),
    });
  }
  return openSqliteStore(config.databasePath);
}

/**
 * The PostgreSQL store, loaded only when asked for: `pg` is an optional peer
 * of the server package, which a deployment on the SQLite file never installs.
 */
async function loadPostgres() {
  try {
    await import('pg');
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code === 'ERR_MODULE_NOT_FOUND' && /'pg'/.test(message ?? '')) {
      throw new Error('DATABASE_URL is set, but the `pg` package is not installed: npm install pg');
    }
    throw error;
  }
  return import('./postgres.js');
}
