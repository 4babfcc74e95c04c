/**
 * What every `Store` must do, as one suite run against each implementation
 * (store-sqlite.test.ts, store-postgres.test.ts). Races run through two
 * connections to one database, as two server processes would.
 */

import { customerDataContract } from './customer-data.js';
import { demoDataContract } from './demo-data.js';
import { emulatorRecordsContract } from './emulator-records.js';
import { idempotencyContract } from './idempotency.js';
import { linksContract } from './links.js';
import { notificationsContract } from './notifications.js';
import { rateLimitsContract } from './rate-limits.js';
import type { TestDatabase } from './fixtures.js';

export type { TestDatabase } from './fixtures.js';

export function storeContract(freshDatabase: () => Promise<TestDatabase>) {
  linksContract(freshDatabase);
  idempotencyContract(freshDatabase);
  notificationsContract(freshDatabase);
  rateLimitsContract(freshDatabase);
  customerDataContract(freshDatabase);
  emulatorRecordsContract(freshDatabase);
  demoDataContract(freshDatabase);
}
