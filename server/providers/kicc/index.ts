/**
 * KICC EasyPay's SMS payment links as a provider module. What the code relies
 * on from KICC's documents, and what is uncertain, is in ./README.md.
 */

import { PROVIDERS } from '../../../core/providers.js';
import { defineProvider } from '../module.js';
import { createKiccProvider } from './adapter.js';
import { kiccEnv, kiccSettings, type KiccSettings } from './config.js';
import { kiccNotifications } from './notification.js';

export const kicc = defineProvider<KiccSettings>({
  id: 'kicc',
  name: 'KICC EasyPay',
  profile: PROVIDERS.kicc,
  env: kiccEnv,
  apiBaseVariable: 'KICC_API_BASE',
  requiredWhenLive: ['KICC_MALL_ID', 'KICC_MALL_NAME', 'KICC_SENDER_NO', 'KICC_SECRET_KEY'],
  notifyIpsVariable: 'KICC_NOTIFY_IPS',
  // Production, then the test server (README.md).
  publishedNotifyIps: ['203.233.72.150', '203.233.72.151', '61.33.211.180', '61.33.205.151'],
  settings: kiccSettings,
  createAdapter: (settings, context) => createKiccProvider({ ...settings, ...context }),
  notifications: () => kiccNotifications,
});
