/**
 * Payment notifications (webhooks) as one shape, whatever the provider's
 * wire format. Each provider has a codec that reads its notifications and
 * writes the exact answer it expects.
 */

import type { PaymentMethod } from '../../core/link.js';
import type { ProviderId } from '../../core/providers.js';

export interface ProviderNotification {
  provider: ProviderId;
  /** What happened: a payment, the cancellation of one, or something we do not act on. */
  kind: 'paid' | 'cancelled' | 'other';
  /** The provider's own event code (KICC `notiType`, PayWelcome `transType`). */
  type: string;
  merchantId: string;
  orderId: string;
  /** The provider's transaction id for this event; with `type`, what makes it unique. */
  transactionId: string;
  /** Integer won: the payment's. */
  amount: number;
  /** How the customer paid, in the provider's words (KICC `payMethodTypeCode`, PayWelcome `payMethod`), on a payment. */
  method?: string;
  /** Whether the payment may be refunded in part, when the notification says (KICC `partCancelUsed`, PayWelcome `P_CARD_PRTC_CODE`). */
  partialRefunds?: boolean;
  /** On a payment: what staff read back to the customer (links/present.ts shows it as `payment`). */
  payment?: PaymentReport;
  /** On a cancellation: what it gave back (integer won), and what the provider says remains paid. */
  refund?: { amount: number; remaining?: number };
  /** False when the provider signs its notifications and this signature does not verify. */
  authentic: boolean;
  /** The fields worth keeping for the record, without signatures. */
  fields: Record<string, string>;
}

export interface PaymentReport {
  method: PaymentMethod;
  cardIssuer?: string;
  approvalNo?: string;
  /** Epoch ms of the gateway's approval, when it says. */
  approvedAt?: number;
}

export interface NotificationReply {
  status: 200 | 400 | 403 | 500;
  contentType: string;
  body: string;
}

export interface NotificationCodec {
  /** Reads a notification; throws `MalformedNotification` when it is not one. */
  parse(body: string, contentType: string | undefined): ProviderNotification;
  /** The answer that tells the provider we took it (`accepted`), or that it should send it again. */
  reply(accepted: boolean, contentType: string | undefined): NotificationReply;
}

export class MalformedNotification extends Error {
  override name = 'MalformedNotification';
}

/** A body as flat string fields, from JSON or `key=value&…`, whichever it is. */
export function readFields(body: string, contentType: string | undefined): Record<string, string> {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(body));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedNotification('body is neither JSON nor a form');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MalformedNotification('body is not an object');
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => typeof value === 'string' || typeof value === 'number').map(([key, value]) => [key, String(value)]),
  );
}

/** A decimal amount of won as an integer, or a malformed notification. */
export function readAmount(text: string | undefined): number {
  if (!text || !/^\d{1,12}$/.test(text)) throw new MalformedNotification('amount is not whole won');
  return Number(text);
}

export function required(fields: Record<string, string>, name: string): string {
  const value = fields[name];
  if (value === undefined || value === '') throw new MalformedNotification(`${name} is missing`);
  return value;
}
