/**
 * The providers pay-link knows, in their default order. Everything else —
 * configuration, routes, the OpenAPI document, the token script — is derived
 * from this list; README.md beside it says how to add one.
 */

import type { Config } from '../config.js';
import type { PaymentProvider } from './adapter.js';
import { kicc } from './kicc/index.js';
import type { AnyProviderModule } from './module.js';
import { paywelcome } from './paywelcome/index.js';

export const PROVIDER_MODULES: readonly AnyProviderModule[] = [kicc, paywelcome];

/** The adapters of the providers a deployment offers, by id. */
export type Providers = Readonly<Record<string, PaymentProvider>>;

/**
 * One adapter per offered provider; each checks its settings now, not on the
 * first payment.
 * @param selfUrl This server's own address, for providers that use the
 *   built-in emulator (known only once the server listens).
 */
export function createProviders(config: Config, selfUrl: () => string, now: () => number = Date.now): Providers {
  return Object.fromEntries(
    config.providers.map(({ id, module, apiBase, settings }) => [
      id,
      module.createAdapter(settings, {
        apiBase: () => apiBase ?? `${selfUrl()}/emulator/${id}`,
        timeoutMs: config.providerTimeoutMs,
        publicBaseUrl: config.publicBaseUrl,
        now,
      }),
    ]),
  );
}
