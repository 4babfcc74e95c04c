/**
 * Giving money back on a paid link, whole or in part. The refund is written
 * (`pending`, with its gateway key) before the gateway is called and settled
 * after, so a crash or a silent gateway leaves a record, never a second
 * refund: a pending one is only ever sent again with the same key, to a
 * gateway that recognises it, on the same Korea-time day; otherwise it waits
 * for the gateway's notification or a person.
 */

import { formatKst } from '../../core/kst.js';
import { ApiError, notFound } from '../errors.js';
import type { Logger } from '../log.js';
import type { PaymentProvider, RefundRequest } from '../providers/adapter.js';
import { ProviderError } from '../providers/errors.js';
import type { ProviderRouter } from '../providers/router.js';
import type { LinkRecord, Store } from '../store/store.js';
import { newRefundId, newRefundKey } from './ids.js';
import { encodeRefunds, refundableOf, refundedOf, refundsOf, type StoredRefund } from './refunds.js';
import { providerApiError } from './service.js';

export interface RefundServiceDeps {
  store: Store;
  router: ProviderRouter;
  logger: Logger;
  now?: () => number;
}

export interface RefundAsk {
  /** Integer won; all that remains when absent. */
  amount?: number;
  reason?: string;
  /** The request's `Idempotency-Key`, when it has one. */
  requestKey?: string;
}

/** Guarded writes that lost a race are tried again this often before the request gives up. */
const RACES = 5;

export class RefundService {
  private readonly now: () => number;

  constructor(private readonly deps: RefundServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async refund(id: string, ask: RefundAsk, actor: string): Promise<LinkRecord> {
    let link = await this.get(id);
    const adapter = this.adapterOf(link);
    // What an earlier refund left unknown is settled first: its money may already be back.
    link = await this.settlePending(link);
    // The same request again after a crash cut it off: its refund is already on the link. One that
    // failed gave nothing back, and its refusal freed the key (idempotency.ts): a retry may try again.
    if (ask.requestKey && refundsOf(link).some((refund) => refund.requestKey === ask.requestKey && refund.status !== 'failed')) return link;

    const { refund, link: recorded } = await this.record(link, ask, adapter, actor);
    try {
      const outcome = await adapter.refund!(requestOf(recorded, refund, false));
      return await this.settle(recorded.id, refund.id, { status: 'succeeded', gatewayRef: outcome.gatewayRef }, `provider:${recorded.provider}`);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      if (error.certainlyNotCreated) {
        await this.settle(recorded.id, refund.id, { status: 'failed', problem: problemOf(error) }, `provider:${recorded.provider}`);
        throw providerApiError(error);
      }
      // The gateway may have given the money back: pending, to be settled with the same key (or by its notification).
      this.deps.logger.warn({ linkId: recorded.id, refundId: refund.id, provider: recorded.provider, kind: error.kind }, 'refund outcome unknown; it stays pending');
      return (await this.mutate(recorded.id, (refunds) => refunds.map((r) => (r.id === refund.id ? { ...r, problem: problemOf(error) } : r)))) ?? recorded;
    }
  }

  /**
   * Sends each pending refund of `link` again with its own gateway key, where
   * the gateway recognises the key and the key is still today's; flags the
   * link for a person otherwise. Returns the link as it now is.
   */
  async settlePending(link: LinkRecord): Promise<LinkRecord> {
    const pending = refundsOf(link).filter((refund) => refund.status === 'pending' && refund.source === 'api' && refund.gatewayKey);
    if (!pending.length) return link;
    const adapter = this.deps.router.get(link.provider)?.adapter;
    let current = link;
    for (const refund of pending) {
      const sameDay = formatKst(refund.createdAt).slice(0, 8) === formatKst(this.now()).slice(0, 8);
      if (!adapter?.refund || !adapter.refundRetrySafe || !sameDay) {
        if (current.attention !== 'refund_unknown') {
          current =
            (await this.deps.store.updateLink(
              current.id,
              { attention: 'refund_unknown', attentionAt: this.now(), updatedAt: this.now() },
              { type: 'needs_attention', actor: 'reconciler', detail: { refundId: refund.id, why: 'refund outcome unknown; the gateway cannot be asked again' } },
              { unchanged: { refunds: current.refunds } },
            )) ?? current;
          this.deps.logger.warn({ linkId: link.id, refundId: refund.id, amount: refund.amount }, 'refund needs attention: its outcome at the gateway is unknown');
        }
        continue;
      }
      try {
        const outcome = await adapter.refund(requestOf(current, refund, true));
        current = await this.settle(current.id, refund.id, { status: 'succeeded', gatewayRef: outcome.gatewayRef }, `provider:${current.provider}`);
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        if (error.certainlyNotCreated) current = await this.settle(current.id, refund.id, { status: 'failed', problem: problemOf(error) }, `provider:${current.provider}`);
        // Still unknown: the next pass asks again.
      }
    }
    return current;
  }

  private async get(id: string): Promise<LinkRecord> {
    const link = await this.deps.store.getLink(id);
    if (!link) throw notFound();
    return link;
  }

  private adapterOf(link: LinkRecord): PaymentProvider {
    const candidate = this.deps.router.get(link.provider);
    if (!candidate) throw new ApiError(422, 'provider_not_configured', { fields: [{ field: 'provider', code: 'provider_not_configured' }] });
    if (!candidate.profile.refunds || !candidate.adapter.refund) throw new ApiError(409, 'refund_not_supported');
    return candidate.adapter;
  }

  /** Checks the ask against the link and writes the refund as `pending`, guarded against a refund racing it. */
  private async record(link: LinkRecord, ask: RefundAsk, adapter: PaymentProvider, actor: string): Promise<{ refund: StoredRefund & { gatewayKey: string }; link: LinkRecord }> {
    let current = link;
    for (let race = 0; race < RACES; race++) {
      if (current.state !== 'paid') throw new ApiError(409, 'link_not_paid');
      const refunds = refundsOf(current);
      const remaining = refundableOf(current);
      const amount = ask.amount ?? remaining;
      if (amount < 1 || amount > remaining) {
        throw new ApiError(422, 'refund_exceeds_remaining', { fields: [{ field: 'amount', code: 'refund_exceeds_remaining', params: { remaining } }] });
      }
      const whole = amount === current.amount && refunds.every((refund) => refund.status === 'failed');
      const candidate = this.deps.router.get(current.provider)!;
      if (!whole && (!candidate.profile.partialRefunds || !adapter.refundsPartly?.(current))) throw new ApiError(409, 'partial_refund_not_supported');

      const now = this.now();
      const refund = {
        id: newRefundId(),
        amount,
        status: 'pending' as const,
        reason: ask.reason ?? null,
        createdAt: now,
        source: 'api' as const,
        gatewayKey: newRefundKey(now),
        gatewayRef: null,
        remainingAfter: remaining - amount,
        whole,
        ...(ask.requestKey && { requestKey: ask.requestKey }),
      };
      const written = await this.deps.store.updateLink(
        current.id,
        { refunds: encodeRefunds([...refunds, refund]), updatedAt: now },
        { type: 'refund_requested', actor, detail: { refundId: refund.id, amount, gatewayKey: refund.gatewayKey } },
        { states: ['paid'], unchanged: { refunds: current.refunds } },
      );
      if (written) return { refund, link: written };
      current = await this.get(current.id);
    }
    throw new ApiError(409, 'idempotency_in_progress', { retryable: true, retryAfter: 1 });
  }

  /** Sets refund `refundId` to its outcome, with the link's `refundedAmount`; a refund already settled (by a notification) stays as it is. */
  private async settle(linkId: string, refundId: string, outcome: Partial<StoredRefund> & Pick<StoredRefund, 'status'>, actor: string): Promise<LinkRecord> {
    const link = await this.mutate(
      linkId,
      (refunds) => refunds.map((refund) => (refund.id === refundId && refund.status === 'pending' ? { ...refund, ...outcome } : refund)),
      { type: outcome.status === 'succeeded' ? 'refunded' : 'refund_failed', actor, detail: { refundId, gatewayRef: outcome.gatewayRef, problem: outcome.problem } },
    );
    return link ?? this.get(linkId);
  }

  /** Applies `change` to the link's refunds with a compare-and-set, again on a lost race. */
  private async mutate(
    linkId: string,
    change: (refunds: StoredRefund[]) => StoredRefund[],
    event = { type: 'refund_noted', actor: 'api' } as { type: string; actor: string; detail?: Record<string, unknown> },
  ): Promise<LinkRecord | undefined> {
    for (let race = 0; race < RACES; race++) {
      const link = await this.get(linkId);
      const refunds = change(refundsOf(link));
      const written = await this.deps.store.updateLink(
        linkId,
        { refunds: encodeRefunds(refunds), refundedAmount: refundedOf(refunds), updatedAt: this.now() },
        event,
        { unchanged: { refunds: link.refunds } },
      );
      if (written) return written;
    }
    return undefined;
  }
}

/** What the adapter is asked, the same fields on the first call and on every retry. */
const requestOf = (link: LinkRecord, refund: StoredRefund, retry: boolean): RefundRequest => ({
  link,
  amount: refund.amount,
  remainingAfter: refund.remainingAfter,
  whole: refund.whole ?? false,
  gatewayKey: refund.gatewayKey!,
  reason: refund.reason ?? undefined,
  retry,
});

const problemOf = (error: ProviderError) => `${error.kind}${error.providerCode ? ` ${error.providerCode}` : ''}`;
