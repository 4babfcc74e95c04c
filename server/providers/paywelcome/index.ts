/**
 * PayWelcome's SMS short URLs as a provider module. What the code relies on
 * from PayWelcome's documents, and what is uncertain, is in ./README.md.
 */

import { PROVIDERS } from '../../../core/providers.js';
import { defineProvider } from '../module.js';
import { createPaywelcomeProvider } from './adapter.js';
import { paywelcomeEnv, paywelcomeSettings, type PaywelcomeSettings } from './config.js';
import { paywelcomeNotifications } from './notification.js';

export const paywelcome = defineProvider<PaywelcomeSettings>({
  id: 'paywelcome',
  name: 'PayWelcome',
  profile: PROVIDERS.paywelcome,
  env: paywelcomeEnv,
  apiBaseVariable: 'PAYWELCOME_API_BASE',
  requiredWhenLive: ['PAYWELCOME_MID', 'PAYWELCOME_MKEY', 'PAYWELCOME_SIGN_KEY'],
  notifyIpsVariable: 'PAYWELCOME_NOTIFY_IPS',
  publishedNotifyIps: ['118.130.130.26', '118.129.171.152', '118.129.171.153'],
  settings: paywelcomeSettings,
  createAdapter: (settings, context) => createPaywelcomeProvider({ ...settings, ...context }),
  notifications: (settings) => paywelcomeNotifications(settings.signKey),
});
