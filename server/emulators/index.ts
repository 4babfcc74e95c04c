/**
 * The built-in emulators of both providers: the `@pay-link/server/emulators`
 * entry, apart from the server's own (`@pay-link/server` imports nothing of it).
 * `npm start` and the tests mount them in emulated mode as an extension of
 * the backend, set up with the merchant credentials of its configuration, at
 * `/emulator/<provider>`. Each reads requests by its own reading of its
 * gateway's documents (kicc/, paywelcome/), never the adapters' code.
 */

import type { Hono } from 'hono';
import type { ExtensionContext, PayLinkExtension } from '../pay-link.js';
import type { KiccSettings } from '../providers/kicc/config.js';
import { KICC_DEMO_MERCHANT } from '../providers/kicc/config.js';
import type { PaywelcomeSettings } from '../providers/paywelcome/config.js';
import { PAYWELCOME_DEMO_MERCHANT } from '../providers/paywelcome/config.js';
import { createKiccEmulator, type KiccEmulator } from './kicc/index.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator } from './paywelcome/index.js';
import { memoryRecords } from './state.js';

export { createKiccEmulator, type KiccEmulator, type KiccEmulatorOptions, type KiccRegistration } from './kicc/index.js';
export { createPaywelcomeEmulator, type PaywelcomeEmulator, type PaywelcomeEmulatorOptions, type PaywelcomeLink } from './paywelcome/index.js';
export type { Fault, FaultMode } from './faults.js';

/** Credentials the built-in emulators accept: what a provider uses while it has no `*_API_BASE`. */
export const EMULATOR_CREDENTIALS = { kicc: KICC_DEMO_MERCHANT, paywelcome: PAYWELCOME_DEMO_MERCHANT } as const;

export interface Emulators extends PayLinkExtension {
  kicc: KiccEmulator;
  paywelcome: PaywelcomeEmulator;
  /** Forgets every registration, payment, text and request, and any fault or setting a test or the demo made. */
  reset(): Promise<void>;
}

/**
 * Both emulators, for a backend whose providers are emulated (its
 * configuration's settings are the demo merchant's, or the operator's own
 * test credentials). They notify the backend's webhooks on loopback, an
 * address the notification allowlists hold only in emulated mode.
 *
 * On PostgreSQL several instances may share the database (staging), so the
 * emulators keep what they register there too: a payment page, a resend or
 * a cancel reaching another instance finds it. With the SQLite file (one
 * process) they keep it in memory, and a restart forgets it.
 */
export function createEmulators({ config, store, selfUrl, now }: ExtensionContext): Emulators {
  // Anyone could mark a link paid on them without money moving: never beside a real gateway.
  if (config.mode === 'live') throw new Error('the built-in emulators never run beside a live payment gateway: mount them only with no *_API_BASE set');
  const shared = config.databaseUrl ? store.emulatorRecords : undefined;
  const memory = shared ? undefined : memoryRecords();
  const records = shared ?? memory!;
  const settingsOf = <Settings>(id: string, fallback: Settings): Settings =>
    (config.providers.find((provider) => provider.id === id)?.settings as Settings | undefined) ?? fallback;
  const kicc = settingsOf<Pick<KiccSettings, 'mallId' | 'secretKey' | 'mallName'>>('kicc', KICC_DEMO_MERCHANT);
  const paywelcome = settingsOf<Pick<PaywelcomeSettings, 'mid' | 'mkey' | 'signKey'>>('paywelcome', PAYWELCOME_DEMO_MERCHANT);
  const notifyIntervalMs = config.emulatorNotifyIntervalMs;
  const emulators = {
    kicc: createKiccEmulator({
      merchants: [{ mallId: kicc.mallId, secretKey: kicc.secretKey, name: kicc.mallName }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/kicc`,
      notifyUrl: () => `${selfUrl()}/webhooks/kicc`,
      notifyIntervalMs,
      now,
      records,
    }),
    paywelcome: createPaywelcomeEmulator({
      merchants: [{ mid: paywelcome.mid, mkey: paywelcome.mkey, signKey: paywelcome.signKey, name: kicc.mallName }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/paywelcome`,
      notifyUrl: () => `${selfUrl()}/webhooks/paywelcome`,
      notifyIntervalMs,
      now,
      records,
    }),
  };
  const routes: Record<string, Hono> = { '/emulator/kicc': emulators.kicc.app, '/emulator/paywelcome': emulators.paywelcome.app };
  return {
    ...emulators,
    routes,
    async reset() {
      // Records in the database went with the demo's data (Store.clearDemoData); those in memory go here.
      memory?.clear();
      for (const emulator of [emulators.kicc, emulators.paywelcome]) {
        emulator.requests.length = 0;
        emulator.faults.set(undefined);
        // Their default: createEmulators gives none.
        emulator.settings.cancelNotifications = true;
      }
      emulators.kicc.sms.length = 0;
    },
  };
}
