/** The store the configuration asks for: PostgreSQL when `DATABASE_URL` is set, else the embedded SQLite file. */

import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export async function openStore(config: Pick<Config, 'databaseUrl' | 'databasePath' | 'databasePoolSize'>, logger?: Logger): Promise<Store> {
  if (config.databaseUrl) {
    return openPostgresStore(config.databaseUrl, {
      max: config.databasePoolSize,
      onError: (error) => logger?.warn({ err: error }, 'idle PostgreSQL connection failed; it will be replaced'),
      onLost: (error, retryInMs) => logger?.warn({ err: error, retryInMs }, 'PostgreSQL link-change listener lost; reconnecting'),
      onRestored: () => logger?.info('PostgreSQL link-change listener restored'),
    });
  }
  return openSqliteStore(config.databasePath);
}
