/**
 * Which provider a link goes to. A request naming a provider gets that one;
 * `auto` gets the offered providers in `PROVIDER_ORDER` that can do what the
 * request asks (texting it, say), and the link service tries them in turn,
 * skipping those whose circuit is open (breaker.ts).
 */

import type { ProviderProfile } from '../../core/providers.js';
import type { ConfiguredProvider } from '../config.js';
import { AUTO } from '../config.js';
import type { PaymentProvider } from './adapter.js';
import { CircuitBreaker, type BreakerOptions, type BreakerReport } from './breaker.js';
import type { Providers } from './registry.js';

export interface Candidate {
  id: string;
  adapter: PaymentProvider;
  profile: ProviderProfile;
  breaker: CircuitBreaker;
}

export class ProviderRouter {
  private readonly candidates: Candidate[];

  constructor(
    offered: readonly ConfiguredProvider[],
    adapters: Providers,
    private readonly defaultProvider: string,
    breaker: BreakerOptions,
    /** Every provider the build knows, offered or not. */
    private readonly known: readonly string[] = offered.map(({ id }) => id),
  ) {
    this.candidates = offered
      .filter(({ id }) => adapters[id])
      .map(({ id, module }) => ({ id, adapter: adapters[id]!, profile: module.profile, breaker: new CircuitBreaker(breaker) }));
  }

  /** The provider a request names, or the default (which may be `auto`). */
  requested(provider: string | undefined): string {
    return provider ?? this.defaultProvider;
  }

  /**
   * The providers a request may go to, in order: the one it names, or for
   * `auto` every offered one that can text when the request asks it to.
   * `undefined` when it names a provider this deployment does not offer.
   */
  candidatesFor(provider: string | undefined, { texts }: { texts: boolean }): Candidate[] | undefined {
    const requested = this.requested(provider);
    if (requested !== AUTO) {
      const named = this.get(requested);
      return named && [named];
    }
    return this.candidates.filter((candidate) => !texts || candidate.profile.sendsSms);
  }

  /** Whether `id` names a provider at all (offered here or not). */
  knows(id: string): boolean {
    return id === AUTO || this.known.includes(id);
  }

  get(id: string): Candidate | undefined {
    return this.candidates.find((candidate) => candidate.id === id);
  }

  /** Each provider's circuit, for `/healthz`. */
  report(): Record<string, BreakerReport> {
    return Object.fromEntries(this.candidates.map(({ id, breaker }) => [id, breaker.report()]));
  }
}
