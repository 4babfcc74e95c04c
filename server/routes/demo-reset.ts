/**
 * `POST /demo/reset`: the demo's "start clean", so every pitch begins with
 * an empty list. It deletes every link, its audit trail and notifications,
 * the idempotency keys, the rate limits' hits and the emulators' records,
 * then has open lists read again. app.ts mounts it only in emulated mode
 * with the demo on, where no link ever moved money (and with a store that
 * can: both of ours can); a live deployment answers 404. Refused from other
 * sites, as the API's own changes are.
 */

import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import type { LinkChanges } from '../links/changes.js';
import { requireAllowedOrigin } from '../security/origin.js';

export interface DemoResetOptions {
  /** The store's `clearDemoData`. */
  clearDemoData: () => Promise<void>;
  changes: LinkChanges;
  /** Empties what the extensions keep (the emulators' texts, registrations, faults). */
  resetExtensions?: () => Promise<void>;
  allowedOrigins: readonly string[];
}

export const demoResetRoutes = ({ clearDemoData, changes, resetExtensions, allowedOrigins }: DemoResetOptions) =>
  new Hono<AppEnv>().post('/', requireAllowedOrigin(allowedOrigins), async (c) => {
    await clearDemoData();
    await resetExtensions?.();
    c.get('log').info('demo reset: every link and emulator record deleted');
    changes.missed();
    return c.body(null, 204);
  });
