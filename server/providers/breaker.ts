/**
 * A circuit breaker per provider, per instance. It opens after `failures`
 * consecutive calls that certainly reached no gateway (refused connection,
 * 5xx after the retries, a refusal naming the gateway unavailable); while
 * open, links skip the provider without calling it. After `cooldownMs` one
 * call goes through as a probe: its success closes the circuit, its failure
 * opens it for another cool-down. A call with no verdict (a timeout, a
 * refusal of the request itself) neither opens nor closes it.
 */

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failures: number;
  cooldownMs: number;
  now?: () => number;
}

export interface BreakerReport {
  state: BreakerState;
  /** Consecutive certain failures so far. */
  failures: number;
  /** ISO 8601: when a probe may go through; only while open. */
  probeAt?: string;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;
  private readonly now: () => number;

  constructor(private readonly options: BreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** Whether a call may go to the provider now; true for one probe at a time once the cool-down is over. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** Milliseconds until a probe may go through; 0 when calls go through now. */
  waitMs(): number {
    if (this.openedAt === undefined) return 0;
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.now());
  }

  succeeded() {
    this.failures = 0;
    this.openedAt = undefined;
    this.probing = false;
  }

  failed() {
    this.failures++;
    this.probing = false;
    if (this.openedAt !== undefined || this.failures >= this.options.failures) this.openedAt = this.now();
  }

  /** The call ended without telling whether the provider is up. */
  released() {
    this.probing = false;
  }

  report(): BreakerReport {
    const state = this.state;
    return { state, failures: this.failures, ...(state === 'open' && { probeAt: new Date(this.now() + this.waitMs()).toISOString() }) };
  }
}
