/**
 * How many event streams this instance holds open, per client address and in
 * all. Each open stream costs a socket and some memory for as long as its
 * link is live (days), so both are capped; a client refused a stream polls
 * `GET /api/links/:id` instead (the widget falls back to that by itself).
 * Counted in memory: a stream lives on one instance, and so does its count.
 */

import { ApiError } from '../errors.js';
import { rateKeyOf } from './addresses.js';

/** Streams end only as links do, so there is no exact time to give; the widget polls meanwhile. */
const RETRY_AFTER_S = 30;

export interface StreamLimits {
  perIp: number;
  perInstance: number;
}

export type StreamSlot = { release: () => void } | { full: 'per-ip' | 'per-instance' };

export class StreamSlots {
  private readonly byIp = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: StreamLimits) {}

  /** Streams open now. */
  get open() {
    return this.total;
  }

  /** A slot for one stream from `address`, or `429 too_many_streams` naming the cap that is reached. */
  require(address: string): { release: () => void } {
    const slot = this.take(address);
    if ('full' in slot) throw new ApiError(429, 'too_many_streams', { retryable: true, retryAfter: RETRY_AFTER_S, detail: { ip: address, cap: slot.full } });
    return slot;
  }

  /** A slot for one stream from `ip`, or which cap is reached. `release` may be called more than once. */
  take(address: string): StreamSlot {
    // An IPv6 client is counted by its /64, as the rate limits count it.
    const ip = rateKeyOf(address);
    const held = this.byIp.get(ip) ?? 0;
    if (held >= this.limits.perIp) return { full: 'per-ip' };
    if (this.total >= this.limits.perInstance) return { full: 'per-instance' };
    this.byIp.set(ip, held + 1);
    this.total++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = this.byIp.get(ip)! - 1;
        // An address with no stream open is forgotten, so the map holds only current clients.
        if (left === 0) this.byIp.delete(ip);
        else this.byIp.set(ip, left);
      },
    };
  }
}
