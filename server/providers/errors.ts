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
  ) {
    super(`${provider} ${kind}${providerCode ? ` ${providerCode}` : ''}${providerMessage ? `: ${providerMessage}` : ''}`);
  }

  /** True when the provider certainly holds no link from this call. */
  get certainlyNotCreated(): boolean {
    return this.kind === 'refused' || this.kind === 'unreachable' || this.kind === 'server_error';
  }
}
