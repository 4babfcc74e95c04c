/**
 * The one interface every payment provider adapter implements. Routes and
 * services talk to this, never to a provider's wire format.
 */

import type { Delivery } from '../../core/link.js';
import type { ProviderId } from '../../core/providers.js';
import type { LinkRecord } from '../links/record.js';

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

export interface RefundRequest {
  /** The paid link: `paymentRef` is the payment's transaction id, `paymentMethod` how it was paid. */
  link: LinkRecord;
  /** Integer won to give back now. */
  amount: number;
  /** Integer won that will remain paid after it. */
  remainingAfter: number;
  /** The whole payment at once, never partly refunded before: the gateway's full cancel. */
  whole: boolean;
  /** Our key for this refund at the gateway, the same on every retry of it. */
  gatewayKey: string;
  reason?: string;
  /** Sent before, with this key, without a known outcome: a refusal as a duplicate means the first one arrived. */
  retry: boolean;
}

export interface RefundOutcome {
  /** The gateway's id for the refund (KICC `cancelPgCno`, PayWelcome `Tid` / `C_Tid`). */
  gatewayRef: string | null;
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
  /**
   * Gives back part or all of a payment. Throws `ProviderError`: a timeout or
   * a broken answer leaves the refund's outcome unknown.
   */
  refund?(request: RefundRequest): Promise<RefundOutcome>;
  /** Whether a refund may be less than what remains, for how this link was paid. */
  refundsPartly?(link: LinkRecord): boolean;
  /**
   * Whether a refund whose outcome is unknown may be sent again with the same
   * `gatewayKey` (the gateway recognises the key). Where not, it waits for the
   * gateway's notification or a person.
   */
  readonly refundRetrySafe?: boolean;
}
