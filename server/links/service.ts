/**
 * Making, reading, resending and cancelling payment links. The intent is
 * written before a provider is called and the outcome after, so a crash or a
 * provider that never answers leaves a record (`creating` / `unknown`),
 * never a link that was lost.
 */

import { phoneDigits } from '../../core/phone.js';
import { PROVIDERS, type ProviderId } from '../../core/providers.js';
import { checkLinkRequest } from '../../core/validate.js';
import { ApiError, notFound, validationError } from '../errors.js';
import type { Logger } from '../log.js';
import { ProviderError } from '../providers/errors.js';
import type { PaymentProvider } from '../providers/provider.js';
import type { RateLimits } from '../security/rate-limits.js';
import { DuplicateOrderError, type LinkRecord, type Store } from '../store/store.js';
import { newLinkId, newOrderId, newShortToken } from './ids.js';
import type { CreateLinkBody } from './schema.js';

export interface LinkServiceDeps {
  store: Store;
  providers: Record<ProviderId, PaymentProvider>;
  defaultProvider: ProviderId;
  rateLimits: RateLimits;
  logger: Logger;
  now?: () => number;
}

export type CancelMode = 'provider' | 'local';

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

  /** The provider a request goes to. */
  providerOf(body: Pick<CreateLinkBody, 'provider'>): ProviderId {
    return body.provider ?? this.deps.defaultProvider;
  }

  /** Refuses a request that breaks a rule, before anything is stored or sent. */
  check(body: CreateLinkBody): ProviderId {
    const provider = this.providerOf(body);
    const problems = checkLinkRequest(body, { provider, now: this.now() });
    if (problems.some((problem) => problem.code === 'sms_not_supported')) {
      throw new ApiError(422, 'unsupported_delivery', { fields: problems });
    }
    if (problems.length) throw validationError(problems);
    return provider;
  }

  /**
   * Registers a link with its provider. Resolves with the link when the
   * provider answered; throws an `ApiError` otherwise, after recording what
   * is known (`failed` when the provider certainly holds nothing, `unknown`
   * when it may).
   */
  async create(body: CreateLinkBody, caller: Caller, options: { idempotencyKey?: string } = {}): Promise<LinkRecord> {
    const providerId = this.check(body);
    const provider = this.deps.providers[providerId];
    const phone = body.customer?.phone ? phoneDigits(body.customer.phone) : null;
    const delivery = body.delivery ?? 'none';
    // Counted only for requests that would reach the provider; a refusal leaves no link.
    await this.deps.rateLimits.linkCreation({ ip: caller.ip, smsTo: delivery === 'provider-sms' ? phone : null });
    const now = this.now();
    const expiresAt = body.expiresAt ? Date.parse(body.expiresAt) : now + PROVIDERS[providerId].defaultLifetimeMs;
    const intent: LinkRecord = {
      id: newLinkId(),
      provider: providerId,
      merchantId: provider.merchantId,
      orderId: body.orderId ?? newOrderId(now),
      amount: body.amount,
      goodsName: body.goodsName,
      customerName: body.customer?.name ?? null,
      customerPhone: phone,
      customerEmail: body.customer?.email ?? null,
      delivery,
      message: body.message ?? null,
      state: 'creating',
      url: null,
      providerRef: null,
      shortToken: newShortToken(),
      expiresAt,
      createdAt: now,
      updatedAt: now,
      openedAt: null,
      paidAt: null,
      cancelledAt: null,
      paymentRef: null,
      problem: null,
      owner: caller.owner,
      attentionAt: null,
      attention: null,
      customerErasedAt: null,
    };

    try {
      await this.deps.store.insertLink(intent, { type: 'create_requested', actor: caller.actor, detail: { ip: caller.ip } }, options);
    } catch (error) {
      if (error instanceof DuplicateOrderError) {
        throw new ApiError(409, 'duplicate_order_id', { fields: [{ field: 'orderId', code: 'duplicate_order_id' }] });
      }
      throw error;
    }

    try {
      const registration = await provider.register({
        orderId: intent.orderId,
        amount: intent.amount,
        goodsName: intent.goodsName,
        customer: { name: body.customer?.name, phone: phone ?? undefined, email: body.customer?.email },
        delivery: intent.delivery,
        message: body.message,
        expiresAt: new Date(expiresAt),
      });
      const link = await this.deps.store.updateLink(
        intent.id,
        {
          state: 'active',
          url: registration.url,
          providerRef: registration.providerRef,
          expiresAt: registration.expiresAt.getTime(),
          updatedAt: this.now(),
        },
        { type: 'registered', actor: `provider:${providerId}` },
        ['creating'],
      );
      return link!;
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      await this.recordFailure(intent, error);
      throw providerApiError(error, intent.id);
    }
  }

  private async recordFailure(link: LinkRecord, error: ProviderError) {
    const state = error.certainlyNotCreated ? 'failed' : 'unknown';
    const problem = `${error.kind}${error.providerCode ? ` ${error.providerCode}` : ''}`;
    this.deps.logger.warn(
      { linkId: link.id, provider: error.provider, kind: error.kind, providerCode: error.providerCode, providerMessage: error.providerMessage },
      `provider call failed; link ${state}`,
    );
    await this.deps.store.updateLink(
      link.id,
      { state, problem, updatedAt: this.now() },
      { type: state === 'failed' ? 'register_failed' : 'register_unknown', actor: `provider:${error.provider}`, detail: { kind: error.kind, providerCode: error.providerCode } },
      ['creating'],
    );
  }

  /** Links of `owner` whose outcome at the provider is unknown: what a person must look at. */
  needingAttention(owner: string): Promise<LinkRecord[]> {
    return this.deps.store.listLinks({ states: ['unknown'], owner });
  }

  async get(id: string): Promise<LinkRecord> {
    const link = await this.deps.store.getLink(id);
    if (!link) throw notFound();
    return link;
  }

  /** Asks the provider to text the link to the customer again. */
  async resend(id: string, actor: string): Promise<LinkRecord> {
    const link = await this.get(id);
    const provider = this.deps.providers[link.provider];
    if (!PROVIDERS[link.provider].resends || !provider.resend) throw new ApiError(409, 'resend_not_supported');
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
    const provider = this.deps.providers[link.provider];
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
