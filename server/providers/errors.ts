/**
 * What can go wrong when calling a provider, as a type. The kind decides
 * whether we know the link was not made (`refused`, `unreachable`) or cannot
 * know (`timeout`, `connection_lost`, `bad_response`).
 */

import type { ProviderId } from '../../core/providers.js';

export type ProviderFailure =
  /** The provider answered with a business error code. */
  | 'refused'
  /** The request never reached the provider (connection refused, unknown host). */
  | 'unreachable'
  /** The provider kept answering 5xx. */
  | 'server_error'
  /** No answer within the timeout; the request was sent. */
  | 'timeout'
  /** The connection broke after the request may have been sent. */
  | 'connection_lost'
  /** An answer we cannot read. */
  | 'bad_response';

export class ProviderError extends Error {
  override name = 'ProviderError';

  constructor(
    readonly provider: ProviderId,
    readonly kind: ProviderFailure,
    /** The provider's own code and message, for the logs only. */
    readonly providerCode?: string,
    readonly providerMessage?: string,
    /** A refusal that names the gateway itself as unavailable (maintenance, an outage), not the request. */
    readonly unavailable = false,
  ) {
    super(`${provider} ${kind}${providerCode ? ` ${providerCode}` : ''}${providerMessage ? `: ${providerMessage}` : ''}`);
  }

  /** True when the provider certainly holds no link from this call. */
  get certainlyNotCreated(): boolean {
    return this.kind === 'refused' || this.kind === 'unreachable' || this.kind === 'server_error';
  }

  /**
   * True when the call certainly made no link because the gateway is down:
   * what fails a link over to another provider and counts against its
   * circuit. A refusal of the request itself would be refused anywhere.
   */
  get gatewayDown(): boolean {
    return this.kind === 'unreachable' || this.kind === 'server_error' || (this.kind === 'refused' && this.unavailable);
  }
}
