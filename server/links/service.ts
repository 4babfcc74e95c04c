/**
 * Making, reading, resending and cancelling payment links. The intent is
 * written before a provider is called and the outcome after, so a crash or a
 * provider that never answers leaves a record (`creating` / `unknown`),
 * never a link that was lost.
 */

import { phoneDigits } from '../../core/phone.js';
import type { ProviderId } from '../../core/providers.js';
import { checkLinkRequest, type FieldProblem } from '../../core/validate.js';
import { ApiError, notFound, validationError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PaymentProvider } from '../providers/adapter.js';
import { ProviderError } from '../providers/errors.js';
import type { Candidate, ProviderRouter } from '../providers/router.js';
import type { RateLimits } from '../security/rate-limits.js';
import { DuplicateOrderError, RateLimitedError, type LinkRecord, type RateLimitTake, type Store, type UpdateOptions } from '../store/store.js';
import { encodeAttempts, type ProviderAttempt } from './attempts.js';
import { newLinkId, newOrderId, newShortToken } from './ids.js';
import type { CreateLinkBody } from './schema.js';

export interface LinkServiceDeps {
  store: Store;
  /** The offered providers, their order and their circuits. */
  router: ProviderRouter;
  rateLimits: RateLimits;
  logger: Logger;
  now?: () => number;
}

export type CancelMode = 'provider' | 'local';

export interface CreateOptions {
  /** The claimed `Idempotency-Key` of the request: the link remembers it. */
  idempotencyKey?: string;
  /** The key's answer for a link that was registered, stored with it in the same commit (see Idempotency). */
  answer?: (link: LinkRecord) => { status: number; body: unknown };
}

/** Who asks: recorded in the audit trail, counted by the rate limits. */
export interface Caller {
  /** `api`, or `api:<token sub>`. */
  actor: string;
  ip: string;
  /** The widget token's `sub`, who alone sees the link's customer details in full later. */
  owner: string | null;
}

/**
 * The longest a live `create` can take: three tries at the provider (http.ts),
 * their backoff, and margin for the store. A `creating` link or an
 * idempotency key in progress for longer belongs to a process that died.
 */
export const longestCreateMs = (providerTimeoutMs: number) => 3 * providerTimeoutMs + 5_000;

export class LinkService {
  private readonly now: () => number;

  constructor(private readonly deps: LinkServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The provider a request names: one of the offered, or `auto`. */
  providerOf(body: Pick<CreateLinkBody, 'provider'>): ProviderId {
    return this.deps.router.requested(body.provider);
  }

  /**
   * The providers a request may go to, after refusing one that breaks a rule
   * of any of them — before anything is stored or sent. A request that may
   * fail over is checked against every provider it may reach.
   */
  check(body: CreateLinkBody): Candidate[] {
    const texts = body.delivery === 'provider-sms';
    const candidates = this.deps.router.candidatesFor(body.provider, { texts: false });
    if (!candidates && !this.deps.router.knows(this.providerOf(body))) throw validationError([{ field: 'provider', code: 'invalid_provider' }]);
    if (!candidates) throw new ApiError(422, 'provider_not_configured', { fields: [{ field: 'provider', code: 'provider_not_configured' }] });
    const able = texts ? candidates.filter((candidate) => candidate.profile.sendsSms) : candidates;
    const problems = uniqueByField((able.length ? able : candidates).flatMap(({ profile }) => checkLinkRequest(body, { profile, now: this.now() })));
    if (!able.length || problems.some((problem) => problem.code === 'sms_not_supported')) {
      throw new ApiError(422, 'unsupported_delivery', { fields: problems.length ? problems : [{ field: 'delivery', code: 'sms_not_supported' }] });
    }
    if (problems.length) throw validationError(problems);
    return able;
  }

  /**
   * Registers a link with its provider, failing over to the next one when
   * it is `auto` and a provider is certainly down. Resolves with the link
   * when a provider answered; throws an `ApiError` otherwise, after recording
   * what is known (`failed` when no provider holds anything, `unknown` when
   * one may). A provider that may hold the link is never followed by another:
   * the customer must never get two payable links for one request.
   */
  async create(body: CreateLinkBody, caller: Caller, options: CreateOptions = {}): Promise<LinkRecord> {
    const candidates = this.check(body);
    const phone = body.customer?.phone ? phoneDigits(body.customer.phone) : null;
    const delivery = body.delivery ?? 'none';
    // Counted only for requests that would reach a provider, with the intent: a refusal leaves no link.
    const rateLimit = await this.deps.rateLimits.linkCreationTake({ ip: caller.ip, smsTo: delivery === 'provider-sms' ? phone : null });
    // The key's answer is stored with the link's outcome, in one commit.
    const completesKey: UpdateOptions['completesKey'] =
      options.idempotencyKey !== undefined && options.answer ? { key: options.idempotencyKey, answer: options.answer } : undefined;
    const now = this.now();
    const attempts: ProviderAttempt[] = [];
    const expiresAtFor = (candidate: Candidate) => (body.expiresAt ? Date.parse(body.expiresAt) : now + candidate.profile.defaultLifetimeMs);
    let intent: LinkRecord | undefined;
    let lastFailure: ProviderError | undefined;

    for (const candidate of candidates) {
      if (!candidate.breaker.tryAcquire()) {
        attempts.push({ provider: candidate.id, outcome: 'skipped' });
        continue;
      }
      const { adapter } = candidate;
      const assigned = { provider: candidate.id, merchantId: adapter.merchantId, expiresAt: expiresAtFor(candidate), attempts: encodeAttempts(attempts) };
      try {
        if (!intent) {
          intent = this.intentOf(body, caller, { ...assigned, phone, delivery, now });
          await this.insert(intent, caller, options.idempotencyKey, rateLimit);
        } else {
          // Still `creating`: the link moves to the next provider before it is called.
          intent = (await this.deps.store.updateLink(intent.id, { ...assigned, updatedAt: this.now() }, { type: 'failed_over', actor: 'api', detail: { to: candidate.id } }, ['creating']))!;
        }
      } catch (error) {
        candidate.breaker.released();
        throw error;
      }

      try {
        const registration = await adapter.register({
          orderId: intent.orderId,
          amount: intent.amount,
          goodsName: intent.goodsName,
          customer: { name: body.customer?.name, phone: phone ?? undefined, email: body.customer?.email },
          delivery: intent.delivery,
          message: body.message,
          expiresAt: new Date(intent.expiresAt!),
        });
        candidate.breaker.succeeded();
        attempts.push({ provider: candidate.id, outcome: 'registered' });
        const link = await this.deps.store.updateLink(
          intent.id,
          {
            state: 'active',
            url: registration.url,
            providerRef: registration.providerRef,
            expiresAt: registration.expiresAt.getTime(),
            attempts: encodeAttempts(attempts),
            updatedAt: this.now(),
          },
          { type: 'registered', actor: `provider:${candidate.id}` },
          ['creating'],
          { completesKey },
        );
        return link!;
      } catch (error) {
        if (!(error instanceof ProviderError)) {
          candidate.breaker.released();
          throw error;
        }
        lastFailure = error;
        if (error.gatewayDown) {
          candidate.breaker.failed();
          attempts.push({ provider: candidate.id, outcome: 'unavailable' });
          this.deps.logger.warn({ linkId: intent.id, provider: candidate.id, kind: error.kind, providerCode: error.providerCode }, 'provider down; trying the next');
          continue;
        }
        // The gateway answered (a refusal of the request) or may hold the link: no verdict on its health, and no failover.
        candidate.breaker.released();
        attempts.push({ provider: candidate.id, outcome: error.certainlyNotCreated ? 'refused' : 'unknown' });
        await this.recordFailure(intent, error, attempts);
        throw providerApiError(error, intent.id);
      }
    }

    // Every provider was down or skipped: nothing holds a link.
    const retryAfter = Math.ceil(Math.min(...candidates.map((candidate) => candidate.breaker.waitMs())) / 1000);
    if (intent && lastFailure) {
      await this.recordFailure(intent, lastFailure, attempts);
      throw providerApiError(lastFailure, intent.id);
    }
    throw new ApiError(503, 'provider_unavailable', {
      retryable: true,
      retryAfter: Math.max(1, retryAfter),
      detail: { reason: 'every circuit open', attempts: encodeAttempts(attempts) },
    });
  }

  private intentOf(
    body: CreateLinkBody,
    caller: Caller,
    at: { provider: string; merchantId: string; expiresAt: number; attempts: string; phone: string | null; delivery: LinkRecord['delivery']; now: number },
  ): LinkRecord {
    return {
      id: newLinkId(),
      provider: at.provider,
      merchantId: at.merchantId,
      orderId: body.orderId ?? newOrderId(at.now),
      amount: body.amount,
      goodsName: body.goodsName,
      customerName: body.customer?.name ?? null,
      customerPhone: at.phone,
      customerEmail: body.customer?.email ?? null,
      delivery: at.delivery,
      message: body.message ?? null,
      state: 'creating',
      url: null,
      providerRef: null,
      shortToken: newShortToken(),
      expiresAt: at.expiresAt,
      createdAt: at.now,
      updatedAt: at.now,
      openedAt: null,
      paidAt: null,
      cancelledAt: null,
      paymentRef: null,
      problem: null,
      owner: caller.owner,
      attentionAt: null,
      attempts: at.attempts || null,
      attention: null,
      customerErasedAt: null,
      refundedAmount: 0,
      refunds: null,
      paymentMethod: null,
      partialRefunds: null,
      paymentDetails: null,
    };
  }

  private async insert(intent: LinkRecord, caller: Caller, idempotencyKey: string | undefined, rateLimit: RateLimitTake & { who: Record<string, string | undefined> }) {
    try {
      await this.deps.store.insertLink(intent, { type: 'create_requested', actor: caller.actor, detail: { ip: caller.ip } }, { idempotencyKey, rateLimit });
    } catch (error) {
      if (error instanceof RateLimitedError) throw this.deps.rateLimits.refusal(error.decision, rateLimit.hits, rateLimit.who);
      if (error instanceof DuplicateOrderError) {
        throw new ApiError(409, 'duplicate_order_id', { fields: [{ field: 'orderId', code: 'duplicate_order_id' }] });
      }
      throw error;
    }
  }

  private async recordFailure(link: LinkRecord, error: ProviderError, attempts: readonly ProviderAttempt[]) {
    const state = error.certainlyNotCreated ? 'failed' : 'unknown';
    const problem = `${error.kind}${error.providerCode ? ` ${error.providerCode}` : ''}`;
    this.deps.logger.warn(
      { linkId: link.id, provider: error.provider, kind: error.kind, providerCode: error.providerCode, providerMessage: error.providerMessage },
      `provider call failed; link ${state}`,
    );
    await this.deps.store.updateLink(
      link.id,
      { state, problem, attempts: encodeAttempts(attempts), updatedAt: this.now() },
      { type: state === 'failed' ? 'register_failed' : 'register_unknown', actor: `provider:${error.provider}`, detail: { kind: error.kind, providerCode: error.providerCode } },
      ['creating'],
    );
  }

  async get(id: string): Promise<LinkRecord> {
    const link = await this.deps.store.getLink(id);
    if (!link) throw notFound();
    return link;
  }

  /** Asks the provider to text the link to the customer again. */
  async resend(id: string, actor: string): Promise<LinkRecord> {
    const link = await this.get(id);
    const { adapter: provider, profile } = this.candidate(link.provider);
    if (!profile.resends || !provider.resend) throw new ApiError(409, 'resend_not_supported');
    if (link.delivery !== 'provider-sms') throw new ApiError(409, 'resend_needs_sms');
    this.requireActive(link);
    if (link.customerPhone) await this.deps.rateLimits.resend(link.customerPhone);
    try {
      await provider.resend(link);
    } catch (error) {
      if (error instanceof ProviderError) throw providerApiError(error);
      throw error;
    }
    return (await this.deps.store.updateLink(link.id, { updatedAt: this.now() }, { type: 'resent', actor }))!;
  }

  /**
   * Withdraws an unpaid link: at the provider where it has a cancel call,
   * otherwise only here (our short link stops working, the provider's own
   * URL does not — the answer says which).
   */
  async cancel(id: string, actor: string): Promise<{ link: LinkRecord; mode: CancelMode }> {
    const link = await this.get(id);
    this.requireActive(link);
    const provider: PaymentProvider = this.candidate(link.provider).adapter;
    const mode: CancelMode = provider.cancel ? 'provider' : 'local';
    if (provider.cancel) {
      try {
        await provider.cancel(link);
      } catch (error) {
        if (error instanceof ProviderError) throw providerApiError(error);
        throw error;
      }
    }
    const cancelled = await this.deps.store.updateLink(
      link.id,
      { state: 'cancelled', cancelledAt: this.now(), updatedAt: this.now() },
      { type: 'cancelled', actor, detail: { mode } },
      ['active'],
    );
    // A payment notification won the race: report the link as it now is.
    if (!cancelled) throw new ApiError(409, 'link_not_active');
    return { link: cancelled, mode };
  }

  /** A provider this deployment offers; a live deployment offers no emulated one. */
  private candidate(id: ProviderId): Candidate {
    const candidate = this.deps.router.get(id);
    if (!candidate) throw new ApiError(422, 'provider_not_configured', { fields: [{ field: 'provider', code: 'provider_not_configured' }] });
    return candidate;
  }

  private requireActive(link: LinkRecord) {
    const expired = link.expiresAt !== null && link.expiresAt <= this.now();
    if (link.state !== 'active' || expired) throw new ApiError(409, 'link_not_active');
  }
}

/** A provider failure as the client sees it: the kind decides status and code, never the provider's words. */
export function providerApiError(error: ProviderError, linkId?: string): ApiError {
  const detail = { provider: error.provider, kind: error.kind, providerCode: error.providerCode };
  switch (error.kind) {
    case 'refused':
      // "시스템 점검 중": the gateway is down, not the request wrong; the same request may go through later.
      if (error.unavailable) return new ApiError(502, 'provider_unavailable', { retryable: true, detail });
      return new ApiError(502, 'provider_refused', { retryable: false, detail });
    case 'unreachable':
    case 'server_error':
      return new ApiError(502, 'provider_unavailable', { retryable: true, detail });
    case 'timeout':
      return new ApiError(504, 'provider_timeout', { retryable: false, linkId, detail });
    case 'connection_lost':
      return new ApiError(502, 'provider_unavailable', { retryable: false, linkId, detail });
    case 'bad_response':
      return new ApiError(502, 'provider_bad_response', { retryable: false, linkId, detail });
  }
}

/** One problem per field: the first found, as the widget shows them. */
function uniqueByField(problems: FieldProblem[]): FieldProblem[] {
  return problems.filter((problem, index) => problems.findIndex((other) => other.field === problem.field) === index);
}
