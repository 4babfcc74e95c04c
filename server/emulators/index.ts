/**
 * The built-in emulators of both providers: the `pay-link/emulators` entry,
 * apart from the server's own. `npm start` and the tests mount them in
 * emulated mode as an extension of the backend, set up with the merchant
 * credentials of its configuration, at `/emulator/<provider>`.
 */

import type { Hono } from 'hono';
import type { ExtensionContext, PayLinkExtension } from '../pay-link.js';
import type { KiccSettings } from '../providers/kicc/config.js';
import { KICC_DEMO_MERCHANT } from '../providers/kicc/config.js';
import type { PaywelcomeSettings } from '../providers/paywelcome/config.js';
import { PAYWELCOME_DEMO_MERCHANT } from '../providers/paywelcome/config.js';
import { createKiccEmulator, type KiccEmulator } from './kicc.js';
import { createPaywelcomeEmulator, type PaywelcomeEmulator } from './paywelcome.js';

/** Credentials the built-in emulators accept: what a provider uses while it has no `*_API_BASE`. */
export const EMULATOR_CREDENTIALS = { kicc: KICC_DEMO_MERCHANT, paywelcome: PAYWELCOME_DEMO_MERCHANT } as const;

export interface Emulators extends PayLinkExtension {
  kicc: KiccEmulator;
  paywelcome: PaywelcomeEmulator;
}

/**
 * Both emulators, for a backend whose providers are emulated (its
 * configuration's settings are the demo merchant's, or the operator's own
 * test credentials). They notify the backend's webhooks on loopback, an
 * address the notification allowlists hold only in emulated mode.
 */
export function createEmulators({ config, selfUrl, now }: ExtensionContext): Emulators {
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
    }),
    paywelcome: createPaywelcomeEmulator({
      merchants: [{ mid: paywelcome.mid, mkey: paywelcome.mkey, signKey: paywelcome.signKey, name: kicc.mallName }],
      pageBaseUrl: () => `${config.publicBaseUrl}/emulator/paywelcome`,
      notifyUrl: () => `${selfUrl()}/webhooks/paywelcome`,
      notifyIntervalMs,
      now,
    }),
  };
  const routes: Record<string, Hono> = { '/emulator/kicc': emulators.kicc.app, '/emulator/paywelcome': emulators.paywelcome.app };
  return { ...emulators, routes };
}
