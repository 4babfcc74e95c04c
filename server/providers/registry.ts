/** One adapter per provider, configured from the environment; each checks its options now, not on the first payment. */

import type { ProviderId } from '../../core/providers.js';
import type { Config } from '../config.js';
import { createKiccProvider } from './kicc.js';
import { createPaywelcomeProvider } from './paywelcome.js';
import type { PaymentProvider } from './provider.js';

/**
 * @param selfUrl This server's own address, for providers that use the
 *   built-in emulator (known only once the server listens).
 */
export function createProviders(config: Config, selfUrl: () => string, now?: () => number): Record<ProviderId, PaymentProvider> {
  const { kicc, paywelcome, providerTimeoutMs: timeoutMs } = config;
  return {
    kicc: createKiccProvider({
      apiBase: () => kicc.apiBase ?? `${selfUrl()}/emulator/kicc`,
      mallId: kicc.mallId,
      mallName: kicc.mallName,
      senderNo: kicc.senderNo,
      secretKey: kicc.secretKey,
      clientId: kicc.clientId,
      timeoutMs,
    }),
    paywelcome: createPaywelcomeProvider({
      apiBase: () => paywelcome.apiBase ?? `${selfUrl()}/emulator/paywelcome`,
      mid: paywelcome.mid,
      mkey: paywelcome.mkey,
      payType: paywelcome.payType,
      returnUrl: paywelcome.returnUrl,
      nextUrl: paywelcome.nextUrl,
      reserved: paywelcome.reserved,
      timeoutMs,
      now,
    }),
  };
}
