/**
 * Taking a provider's payment notification: believe it only when it comes
 * from the provider's addresses, carries a valid signature where the
 * provider signs, and matches a link we issued in merchant, order and
 * amount. Record it, change the link, and only then acknowledge. A second
 * payment of a link already paid is recorded and flagged for a person, never
 * applied over the first nor dropped.
 */

import type { ProviderId } from '../../core/providers.js';
import type { Logger } from '../log.js';
import { addressSetOf } from '../security/client-ip.js';
import { refundDecision } from '../links/refund-notifications.js';
import type { NotificationCodec, NotificationReply, ProviderNotification } from '../providers/notification.js';
import { MalformedNotification } from '../providers/notification.js';
import type { LinkRecord, NotificationDecision, Store } from '../store/store.js';

export interface NotificationSource {
  codec: NotificationCodec;
  /** Addresses and CIDR ranges the provider sends from. */
  allowedIps: readonly string[];
}

export interface IncomingNotification {
  provider: ProviderId;
  body: string;
  contentType: string | undefined;
  sourceIp: string;
}

export class NotificationReceiver {
  constructor(
    private readonly deps: {
      store: Store;
      /** The providers this deployment offers; notifications for any other are not taken. */
      sources: Partial<Record<ProviderId, NotificationSource>>;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  /** Whether notifications of `provider` are taken here at all. */
  takes(provider: ProviderId): boolean {
    return this.deps.sources[provider] !== undefined;
  }

  async receive({ provider, body, contentType, sourceIp }: IncomingNotification): Promise<NotificationReply> {
    const source = this.deps.sources[provider];
    // The route answers 404 first (`takes`); reaching here without a source is a wiring bug.
    if (!source) throw new Error(`no notification source for ${provider}`);
    const { codec, allowedIps } = source;
    const log = this.deps.logger.child({ provider, sourceIp });
    if (!addressSetOf(allowedIps).has(sourceIp)) {
      log.warn('notification refused: source address not allowed');
      return { ...codec.reply(false, contentType), status: 403 };
    }

    let notification: ProviderNotification;
    try {
      notification = codec.parse(body, contentType);
    } catch (error) {
      if (!(error instanceof MalformedNotification)) throw error;
      log.warn({ reason: error.message }, 'notification refused: malformed');
      return { ...codec.reply(false, contentType), status: 400 };
    }
    if (!notification.authentic) {
      log.warn({ orderId: notification.orderId }, 'notification refused: bad signature');
      return { ...codec.reply(false, contentType), status: 400 };
    }

    const link = await this.deps.store.getLinkByOrder(provider, notification.orderId);
    const now = (this.deps.now ?? Date.now)();
    // Decided by the store on the link as it is when the notification is recorded, not as read here:
    // another payment may have been recorded in between.
    const result = await this.deps.store.recordNotification(
      {
        provider,
        transactionId: notification.transactionId,
        type: notification.type,
        linkId: link?.id ?? null,
        receivedAt: now,
        sourceIp,
        fields: notification.fields,
      },
      (current) => this.decide(notification, current, now),
    );
    const summary = { orderId: notification.orderId, type: notification.type, transactionId: notification.transactionId };
    if (result.duplicate) log.info(summary, 'notification repeated; nothing changed');
    else if (result.outcome === 'applied') log.info({ ...summary, outcome: result.outcome }, 'notification applied');
    else if (result.outcome === 'double_payment') {
      log.error(
        { ...summary, linkId: link?.id, outcome: result.outcome, paidTransactionId: result.link?.paymentRef, amount: notification.amount },
        'second payment for a link already paid: one of them is to be refunded',
      );
    } else log.warn({ ...summary, outcome: result.outcome, amount: notification.amount, linkAmount: link?.amount }, 'notification not applied');
    // Acknowledged even when not applied: it is on record, and a resend would not match any better.
    return codec.reply(true, contentType);
  }

  private decide(n: ProviderNotification, link: LinkRecord | undefined, now: number): NotificationDecision {
    if (!link) return { outcome: 'unknown_link' };
    const actor = `webhook:${n.provider}`;
    // A payment must be for the link's amount; a cancellation may give back part of it.
    const amountFits = n.kind === 'cancelled' ? (n.refund?.amount ?? n.amount) <= link.amount : n.amount === link.amount;
    if (n.merchantId !== link.merchantId || !amountFits) {
      return {
        outcome: 'mismatch',
        update: { patch: {}, event: { type: 'notification_mismatch', actor, detail: { merchantId: n.merchantId, amount: n.amount, transactionId: n.transactionId } } },
      };
    }
    if (n.kind === 'paid') {
      if (link.paymentRef === n.transactionId) return { outcome: 'ignored' };
      if (link.paymentRef !== null) {
        // The customer paid twice (two pages, two taps): the first payment stays the link's, and a person refunds one.
        return {
          outcome: 'double_payment',
          update: {
            patch: { attention: 'double_payment', attentionAt: now, updatedAt: now },
            event: { type: 'double_payment', actor, detail: { transactionId: n.transactionId, paidTransactionId: link.paymentRef, amount: n.amount } },
          },
        };
      }
      // Money taken wins over any state we hold: even a link we had cancelled
      // only here, or had given up on, can be paid at the provider's page.
      return {
        outcome: 'applied',
        update: {
          patch: {
            state: 'paid',
            paidAt: now,
            paymentRef: n.transactionId,
            paymentMethod: n.method ?? null,
            partialRefunds: n.partialRefunds === undefined ? null : n.partialRefunds ? 'Y' : 'N',
            paymentDetails: n.payment ? JSON.stringify(n.payment) : null,
          },
          event: { type: 'paid', actor, detail: { transactionId: n.transactionId } },
        },
      };
    }
    if (n.kind === 'cancelled' && link.state === 'paid') return refundDecision(link, { transactionId: n.transactionId, amount: n.refund?.amount ?? n.amount, actor, now });
    if (n.kind === 'cancelled' && link.state === 'active') {
      return { outcome: 'applied', update: { patch: { state: 'cancelled', cancelledAt: now }, event: { type: 'payment_cancelled', actor, detail: { transactionId: n.transactionId } } } };
    }
    return { outcome: 'ignored' };
  }
}
