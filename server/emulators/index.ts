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

export function createEmulators(config: Config): Emulators {
  return {
    kicc: createKiccEmulator({
      merchants: [{ mallId: config.kicc.mallId, secretKey: config.kicc.secretKey }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/kicc`,
    }),
    paywelcome: createPaywelcomeEmulator({
      merchants: [{ mid: config.paywelcome.mid, mkey: config.paywelcome.mkey, signKey: config.paywelcome.signKey }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/paywelcome`,
    }),
  };
}
