/**
 * Stripe's `Idempotency-Key` semantics: the first request with a key runs;
 * a repeat with the same body gets the stored answer; a repeat with another
 * body is refused; a repeat while the first still runs waits for it (or gets
 * a 409), and never reaches the provider a second time. Keys last 24 hours.
 * A key left in progress by a process that died is taken over once it is
 * older than any live request can be, and answered from the link it recorded.
 */

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../errors.js';
import type { Store } from '../store/store.js';
import { idempotencyKeySchema } from './schema.js';

export interface Answer {
  status: number;
  body: unknown;
}

export interface Outcome extends Answer {
  /** Whether a later request with the key gets this answer again. */
  keep: boolean;
  /** The store holds it for the key already: it was completed in the commit that recorded the outcome. */
  stored?: boolean;
}

export interface IdempotencyOptions {
  ttlMs?: number;
  /** How long a repeat polls for a first request running in another process before it gets a 409. */
  waitMs?: number;
  pollMs?: number;
  /** After this long in progress a key's request is taken to have died with its process (see `longestCreateMs`). */
  staleMs?: number;
  /** The clock keys age by. */
  now?: () => number;
}

export class Idempotency {
  /**
   * Requests with a key running in this process. A repeat here shares the
   * first one's answer, whatever it is — even one not kept for later — so
   * concurrent repeats never reach the provider.
   */
  private readonly running = new Map<string, { fingerprint: string; work: Promise<Answer> }>();

  constructor(
    private readonly store: Store,
    private readonly options: IdempotencyOptions = {},
  ) {}

  static assertKey(key: string) {
    if (!idempotencyKeySchema.safeParse(key).success) throw new ApiError(400, 'invalid_idempotency_key');
  }

  /** The request's fingerprint: its route, who asks, and its body with keys in a stable order. */
  static fingerprint(route: string, body: unknown): string {
    return createHash('sha256').update(route).update('\n').update(stableJson(body)).digest('hex');
  }

  /**
   * Runs `execute` once per key. `recover` answers for a key whose first
   * request died after recording link `linkId`: the link is there, so it is
   * reported, never made again.
   */
  async run(
    key: string,
    fingerprint: string,
    execute: () => Promise<Outcome>,
    recover: (linkId: string) => Promise<Outcome>,
  ): Promise<Answer & { replayed: boolean }> {
    const { ttlMs = 24 * 60 * 60 * 1000, waitMs = 30_000, pollMs = 100, staleMs = 95_000, now = Date.now } = this.options;
    const giveUpAt = Date.now() + waitMs;
    for (;;) {
      const here = this.running.get(key);
      if (here && here.fingerprint !== fingerprint) throw new ApiError(422, 'idempotency_mismatch');
      if (here) return { ...(await here.work), replayed: true };
      const claim = await this.store.claimIdempotencyKey(key, fingerprint, now(), ttlMs, staleMs);
      switch (claim.kind) {
        case 'mismatch':
          throw new ApiError(422, 'idempotency_mismatch');
        case 'replay':
          return { status: claim.status, body: claim.body, replayed: true };
        case 'claimed':
          return { ...(await this.runClaimed(key, fingerprint, execute)), replayed: false };
        case 'abandoned':
          return { ...(await this.runClaimed(key, fingerprint, () => recover(claim.linkId))), replayed: true };
        case 'in_progress':
          // Claimed by another process (or by this one a moment ago): poll its outcome.
          if (Date.now() >= giveUpAt) throw new ApiError(409, 'idempotency_in_progress', { retryable: true, retryAfter: 1 });
          if (!this.running.has(key)) await sleep(pollMs);
      }
    }
  }

  private async runClaimed(key: string, fingerprint: string, execute: () => Promise<Outcome>): Promise<Answer> {
    const work = this.settle(key, execute);
    this.running.set(key, { fingerprint, work });
    try {
      return await work;
    } finally {
      this.running.delete(key);
    }
  }

  private async settle(key: string, execute: () => Promise<Outcome>): Promise<Answer> {
    let outcome: Outcome;
    try {
      outcome = await execute();
    } catch (error) {
      // A refusal (ApiError) changed nothing at the provider: the key is free again. Anything
      // else may have struck after a link was recorded, so the key stays until it is stale
      // and is then answered from that link rather than run a second time.
      if (error instanceof ApiError) await this.store.releaseIdempotencyKey(key);
      throw error;
    }
    if (!outcome.keep) await this.store.releaseIdempotencyKey(key);
    else if (!outcome.stored) await this.store.completeIdempotencyKey(key, outcome.status, outcome.body);
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
