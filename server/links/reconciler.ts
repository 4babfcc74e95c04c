/**
 * Settles, on an interval, what a crash or a silent provider left open, so
 * nothing is dropped without a trace:
 * - a link still `creating` after the longest a live call can take was cut
 *   off mid-call by a dying process: it becomes `unknown`;
 * - an `unknown` link is flagged once for a person (an audit event, a warn
 *   log, and `GET /api/links?status=unknown`). Neither provider can be asked:
 *   KICC's status query is keyed by a `shopTransactionId` that SMS links never
 *   have (and reaches back two days only), PayWelcome publishes none. A
 *   payment notification still settles it: receive.ts takes `unknown` → `paid`;
 * - a customer's details are erased `piiRetentionMs` after the link ended,
 *   paid or not (store/customer-data.ts says what that takes away and keeps).
 * Every change is guarded by the state it expects, so two processes
 * reconciling one store change each link once.
 */

import type { Logger } from '../log.js';
import type { LinkRecord, Store } from '../store/store.js';
import type { RefundService } from './refund-service.js';
import { longestCreateMs } from './service.js';

export interface ReconcilerDeps {
  store: Store;
  logger: Logger;
  providerTimeoutMs: number;
  piiRetentionMs: number;
  /** Settles refunds whose outcome is unknown (refund-service.ts). */
  refunds?: RefundService;
  now?: () => number;
}

/** What one pass changed. */
export interface ReconcileReport {
  interrupted: number;
  flagged: number;
  erased: number;
  /** Pending refunds looked at again. */
  refundsChecked: number;
}

/** Links per query; a pass goes on while pages come back full, up to `MAX_PAGES`. */
const PAGE = 100;
const MAX_PAGES = 20;
const ACTOR = 'reconciler';

export class Reconciler {
  private pass: Promise<ReconcileReport> | undefined;

  constructor(private readonly deps: ReconcilerDeps) {}

  /** One pass; a call while one runs shares it. */
  runOnce(): Promise<ReconcileReport> {
    this.pass ??= this.reconcile().finally(() => (this.pass = undefined));
    return this.pass;
  }

  /** Resolves when no pass is under way. */
  async idle(): Promise<void> {
    await this.pass?.catch(() => undefined);
  }

  /** Passes every `intervalMs` until the returned function is called. */
  start(intervalMs: number): () => void {
    const timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.deps.logger.error({ err: error }, 'reconciler pass failed'));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async reconcile(): Promise<ReconcileReport> {
    const now = (this.deps.now ?? Date.now)();
    return {
      interrupted: await this.settleInterrupted(now),
      flagged: await this.flagUnknown(now),
      erased: await this.eraseCustomerData(now),
      refundsChecked: await this.settleRefunds(now),
    };
  }

  /**
   * A refund left pending (a timeout, a crash) is asked again with its own
   * gateway key once the call that made it is certainly over; the refund
   * service flags it for a person where the gateway cannot be asked again.
   */
  private async settleRefunds(now: number) {
    const { refunds } = this.deps;
    if (!refunds) return 0;
    const links = await this.deps.store.listLinks({
      states: ['paid'],
      pendingRefunds: true,
      updatedBefore: now - this.deps.providerTimeoutMs,
      limit: PAGE,
    });
    for (const link of links) await refunds.settlePending(link);
    return links.length;
  }

  private settleInterrupted(now: number) {
    const cutoff = now - longestCreateMs(this.deps.providerTimeoutMs);
    return this.each(
      () => this.deps.store.listLinks({ states: ['creating'], updatedBefore: cutoff, limit: PAGE }),
      (link) =>
        this.deps.store.updateLink(
          link.id,
          { state: 'unknown', problem: 'interrupted', updatedAt: now },
          { type: 'interrupted', actor: ACTOR, detail: { creatingSince: new Date(link.createdAt).toISOString() } },
          ['creating'],
        ),
    );
  }

  private flagUnknown(now: number) {
    return this.each(
      () => this.deps.store.listLinks({ states: ['unknown'], unflagged: true, limit: PAGE }),
      async (link) => {
        const flagged = await this.deps.store.updateLink(
          link.id,
          { attentionAt: now, updatedAt: now },
          { type: 'needs_attention', actor: ACTOR, detail: { problem: link.problem } },
          { states: ['unknown'], unchanged: { attentionAt: null } },
        );
        if (flagged) {
          const { id: linkId, provider, orderId, amount, problem } = link;
          this.deps.logger.warn({ linkId, provider, orderId, amount, problem }, 'link needs attention: its outcome at the provider is unknown');
        }
        return flagged;
      },
    );
  }

  private eraseCustomerData(now: number) {
    const endedBefore = now - this.deps.piiRetentionMs;
    return this.each(
      () => this.deps.store.listCustomerDataToErase(endedBefore, PAGE),
      (link) => this.deps.store.eraseCustomerData(link.id, { endedBefore, at: now }, { type: 'customer_data_erased', actor: ACTOR }),
    );
  }

  /** Applies `change` to every link `page` finds, page after page; counts the links changed. */
  private async each(page: () => Promise<LinkRecord[]>, change: (link: LinkRecord) => Promise<LinkRecord | undefined>): Promise<number> {
    let changed = 0;
    for (let round = 0; round < MAX_PAGES; round++) {
      const links = await page();
      for (const link of links) if (await change(link)) changed++;
      if (links.length < PAGE) break;
    }
    return changed;
  }
}
