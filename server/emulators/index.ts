/**
 * The built-in emulators of both providers, set up with the merchant
 * credentials of this server's configuration and mounted under /emulator.
 */

import type { Config } from '../config.js';
import { createKiccEmulator, type KiccEmulator } from './kicc.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator } from './paywelcome.js';

export interface Emulators {
  kicc: KiccEmulator;
  paywelcome: PaywelcomeEmulator;
}

/**
 * @param selfUrl This server on loopback: the emulators notify its webhooks
 *   from there, an address the notification allowlists hold by default.
 */
export function createEmulators(config: Config, selfUrl: () => string, now?: () => number): Emulators {
  const { kicc, paywelcome, emulatorNotifyIntervalMs: notifyIntervalMs } = config;
  return {
    kicc: createKiccEmulator({
      merchants: [{ mallId: kicc.mallId, secretKey: kicc.secretKey, name: kicc.mallName }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/kicc`,
      notifyUrl: () => `${selfUrl()}/webhooks/kicc`,
      notifyIntervalMs,
      now,
    }),
    paywelcome: createPaywelcomeEmulator({
      merchants: [{ mid: paywelcome.mid, mkey: paywelcome.mkey, signKey: paywelcome.signKey, name: kicc.mallName }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/paywelcome`,
      notifyUrl: () => `${selfUrl()}/webhooks/paywelcome`,
      notifyIntervalMs,
      now,
    }),
  };
}
