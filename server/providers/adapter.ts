/**
 * The one interface every payment provider adapter implements. Routes and
 * services talk to this, never to a provider's wire format.
 */

import type { Delivery } from '../../core/link.js';
import type { ProviderId } from '../../core/providers.js';
import type { LinkRecord } from '../store/store.js';

export interface RegisterRequest {
  orderId: string;
  /** Integer won. */
  amount: number;
  goodsName: string;
  customer: { name?: string; phone?: string; email?: string };
  delivery: Delivery;
  message?: string;
  expiresAt: Date;
}

export interface Registration {
  /** The provider's payment page. */
  url: string;
  /** The provider's id for this registration (KICC `pgCno`), when it gives one. */
  providerRef: string | null;
  /** When the provider stops taking payment on `url`. */
  expiresAt: Date;
}

/** How a cancel was carried out: at the provider, or only in our records. */
export type CancelOutcome = 'provider' | 'local';

export interface PaymentProvider {
  readonly id: ProviderId;
  /** The merchant id this adapter speaks for (KICC `mallId`, PayWelcome `mid`). */
  readonly merchantId: string;
  /** Registers a payment link. Throws `ProviderError`. */
  register(request: RegisterRequest): Promise<Registration>;
  /** Asks the provider to text the link again. Only for providers whose profile says `resends`. */
  resend?(link: LinkRecord): Promise<void>;
  /** Withdraws an unpaid link at the provider; absent when the provider has no such call. */
  cancel?(link: LinkRecord): Promise<void>;
}
