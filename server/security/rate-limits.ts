/**
 * Abuse limits, counted in the store so they hold across processes:
 * link creations per client address, and texts the provider sends per
 * destination number and for the whole deployment. SMS pumping — a bot
 * making a "text me a link" form send to premium numbers on the merchant's
 * bill — is the attack the per-number and total caps stop (OWASP API4).
 * A number is counted under an HMAC of it, never in the clear: the key is a
 * random secret of the database, since a bare hash of a number among the
 * hundred million 010 numbers is reversed in seconds.
 */

import { createHmac } from 'node:crypto';
import { phoneDigits } from '../../core/phone.js';
import { ApiError } from '../errors.js';
import { rateKeyOf } from './addresses.js';
import type { RateDecision, RateLimitHit, RateLimitTake, Store } from '../store/store.js';

/** `count` hits per `windowMs`. */
export interface RateRule {
  count: number;
  windowMs: number;
}

export interface RateLimitConfig {
  linksPerIp: readonly RateRule[];
  smsPerPhone: readonly RateRule[];
  smsTotal: readonly RateRule[];
}

/** The name of the database secret that keys the hashes of phone numbers. */
const PHONE_KEY = 'rate-limit-phone-hmac';

export class RateLimits {
  private phoneKey: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Before a link is made: the caller's address, and the number when the provider is to text it. */
  async linkCreation(caller: { ip: string; smsTo?: string | null }) {
    const take = await this.linkCreationTake(caller);
    await this.take(take.hits, take.who);
  }

  /**
   * What `linkCreation` counts, for the store to take in the transaction that
   * records the link's intent (`Store.insertLink`): one commit, not two.
   */
  async linkCreationTake({ ip, smsTo }: { ip: string; smsTo?: string | null }): Promise<RateLimitTake & { who: Record<string, string | undefined> }> {
    const rules = hits('links-per-ip', rateKeyOf(ip), this.config.linksPerIp);
    if (smsTo) rules.push(...(await this.smsHits(smsTo)));
    return { hits: rules, now: this.now(), who: { ip, phone: smsTo ?? undefined } };
  }

  /** Before the provider texts a link again. */
  async resend(phone: string) {
    await this.take(await this.smsHits(phone), { phone });
  }

  private async smsHits(phone: string) {
    return [...hits('sms-per-phone', await this.hashed(phone), this.config.smsPerPhone), ...hits('sms-total', '*', this.config.smsTotal)];
  }

  private async hashed(phone: string) {
    // Read once per process; a failed read is tried again on the next request.
    this.phoneKey ??= this.store.secret(PHONE_KEY).catch((error: unknown) => {
      this.phoneKey = undefined;
      throw error;
    });
    return createHmac('sha256', await this.phoneKey).update(phoneDigits(phone)).digest('base64url');
  }

  private async take(rules: readonly RateLimitHit[], who: Record<string, string | undefined>) {
    const decision = await this.store.takeRateLimit(rules, this.now());
    if (!decision.allowed) throw this.refusal(decision, rules, who);
  }

  /** The 429 for a take the store refused. */
  refusal(decision: Extract<RateDecision, { allowed: false }>, rules: readonly RateLimitHit[], who: Record<string, string | undefined>): ApiError {
    const retryAfter = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    // Staff can act on a limit per number (wait, or hand the link over): it is named on the phone field.
    const rule = rules.find((hit) => hit.bucket === decision.bucket);
    const perNumber = rule && decision.bucket.startsWith('sms-per-phone/');
    const fields = perNumber
      ? [{ field: 'customer.phone', code: 'sms_rate_limited' as const, params: { count: rule.limit, windowSeconds: rule.windowMs / 1000, waitSeconds: retryAfter } }]
      : undefined;
    // The logs mask `phone` (log.ts); the client learns only how long to wait, and for a number what its limit is.
    return new ApiError(429, 'rate_limited', { retryable: true, retryAfter, fields, detail: { limit: decision.bucket, ...who } });
  }
}

/** One hit per rule; the window is part of the bucket's name so two rules of one kind never share a log. */
const hits = (name: string, key: string, rules: readonly RateRule[]): RateLimitHit[] =>
  rules.map(({ count, windowMs }) => ({ bucket: `${name}/${windowMs}`, key, limit: count, windowMs }));
