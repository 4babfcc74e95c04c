/**
 * Stripe's `Idempotency-Key` semantics: the first request with a key runs;
 * a repeat with the same body gets the stored answer; a repeat with another
 * body is refused; a repeat while the first still runs waits for it (or gets
 * a 409), and never reaches the provider a second time. Keys last 24 hours.
 */

import { createHash } from 'node:crypto';
import { ApiError } from '../errors.js';
import type { Store } from '../store/store.js';

export interface Answer {
  status: number;
  body: unknown;
}

export interface Outcome extends Answer {
  /** Whether a later request with the key gets this answer again. */
  keep: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export class Idempotency {
  /** Requests with a key running in this process, so repeats here wait without polling. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly options: { ttlMs?: number; waitMs?: number; pollMs?: number; /** The clock keys age by. */ now?: () => number } = {},
  ) {}

  static assertKey(key: string) {
    if (!KEY_PATTERN.test(key)) throw new ApiError(400, 'invalid_idempotency_key');
  }

  /** The request's fingerprint: its route and its body with keys in a stable order. */
  static fingerprint(route: string, body: unknown): string {
    return createHash('sha256').update(route).update('\n').update(stableJson(body)).digest('hex');
  }

  async run(key: string, fingerprint: string, execute: () => Promise<Outcome>): Promise<Answer & { replayed: boolean }> {
    const { ttlMs = 24 * 60 * 60 * 1000, waitMs = 30_000, pollMs = 100, now = Date.now } = this.options;
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const claim = await this.store.claimIdempotencyKey(key, fingerprint, now(), ttlMs);
      if (claim.kind === 'mismatch') throw new ApiError(422, 'idempotency_mismatch');
      if (claim.kind === 'replay') return { status: claim.status, body: claim.body, replayed: true };
      if (claim.kind === 'claimed') {
        const work = this.execute(key, execute);
        this.running.set(key, work);
        try {
          return { ...(await work), replayed: false };
        } finally {
          this.running.delete(key);
        }
      }
      if (Date.now() >= giveUpAt) throw new ApiError(409, 'idempotency_in_progress', { retryable: true, retryAfter: 1 });
      const here = this.running.get(key);
      if (here) await here.catch(() => undefined);
      else await sleep(pollMs);
    }
  }

  private async execute(key: string, execute: () => Promise<Outcome>): Promise<Answer> {
    let outcome: Outcome;
    try {
      outcome = await execute();
    } catch (error) {
      await this.store.releaseIdempotencyKey(key);
      throw error;
    }
    if (outcome.keep) await this.store.completeIdempotencyKey(key, outcome.status, outcome.body);
    else await this.store.releaseIdempotencyKey(key);
    return { status: outcome.status, body: outcome.body };
  }
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
