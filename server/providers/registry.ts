/**
 * One adapter per provider the configuration offers (every one when
 * emulated, only the live ones otherwise), configured from the environment;
 * each checks its options now, not on the first payment.
 */

import type { ProviderId } from '../../core/providers.js';
import type { Config } from '../config.js';
import { createKiccProvider } from './kicc.js';
import { createPaywelcomeProvider } from './paywelcome.js';
import type { PaymentProvider } from './provider.js';

/**
 * @param selfUrl This server's own address, for providers that use the
 *   built-in emulator (known only once the server listens).
 */
export type Providers = Partial<Record<ProviderId, PaymentProvider>>;

export function createProviders(config: Config, selfUrl: () => string, now?: () => number): Providers {
  const { kicc, paywelcome, providerTimeoutMs: timeoutMs } = config;
  const create: Record<ProviderId, () => PaymentProvider> = {
    kicc: () => createKiccProvider({
      apiBase: () => kicc.apiBase ?? `${selfUrl()}/emulator/kicc`,
      mallId: kicc.mallId,
      mallName: kicc.mallName,
      senderNo: kicc.senderNo,
      secretKey: kicc.secretKey,
      clientId: kicc.clientId,
      timeoutMs,
    }),
    paywelcome: () => createPaywelcomeProvider({
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
  return Object.fromEntries(config.providers.map((id) => [id, create[id]()]));
}
