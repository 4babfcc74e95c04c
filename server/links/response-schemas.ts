/**
 * What the links API answers, as zod schemas: the OpenAPI document is
 * generated from them, and a type test holds them to `PaymentLink` in
 * core/link.ts, the type the server builds its answers as.
 */

import { z } from 'zod';
import { ATTEMPT_OUTCOMES, LINK_ATTENTIONS, LINK_STATUSES, PAYMENT_METHODS, REFUND_STATUSES } from '../../core/link.js';
import { MAX_AMOUNT, MIN_AMOUNT } from '../../core/money.js';
import { DELIVERIES, providerIdSchema } from './schema.js';

const instant = z.iso.datetime().describe('ISO 8601, UTC');

export const paymentLinkSchema = z
  .object({
    id: z.string().regex(/^pl_[0-9A-Za-z]{20}$/),
    provider: providerIdSchema.describe('The provider that holds the link; with `auto`, the one failover chose'),
    status: z.enum(LINK_STATUSES).describe('`expired` follows from `expiresAt`; `unknown` while the provider’s answer is not known'),
    attention: z
      .enum(LINK_ATTENTIONS)
      .optional()
      .describe('Present while a person must look at the link: `double_payment` when it was paid again by another transaction (the first payment stays the link’s; one is to be refunded), `unknown_outcome` when the provider’s answer is still not known'),
    amount: z.int().min(MIN_AMOUNT).max(MAX_AMOUNT).describe('Integer won'),
    currency: z.literal('KRW'),
    goodsName: z.string(),
    orderId: z.string(),
    url: z.url().nullable().describe('The provider’s payment page; null while the provider’s answer is not known'),
    shortUrl: z.url().nullable().describe('Our own short link to `url`, what the QR code holds'),
    expiresAt: instant.nullable(),
    delivery: z.enum(DELIVERIES),
    customer: z
      .object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
      .describe('Shown in full only to the widget token `sub` that created the link; masked to others (`김*수`, `010-****-5678`, `ab***@example.com`); erased some days after the link ends'),
    message: z.string().optional(),
    createdAt: instant,
    openedAt: instant.nullable().describe('First time the customer opened the short link'),
    paidAt: instant.nullable(),
    cancelledAt: instant.nullable(),
    attempts: z
      .array(z.object({ provider: providerIdSchema, outcome: z.enum(ATTEMPT_OUTCOMES) }))
      .describe('The providers it was tried with, in order: more than one when `auto` failed over from a provider that was down'),
    refundedAmount: z.int().nonnegative().describe('Integer won given back so far (succeeded refunds)'),
    refunds: z
      .array(
        z.object({
          id: z.string(),
          amount: z.int().positive().describe('Integer won'),
          status: z.enum(REFUND_STATUSES).describe('`pending` while the gateway’s answer is not known: settled by asking again with the same gateway key, never by a second refund'),
          reason: z.string().nullable(),
          createdAt: instant,
        }),
      )
      .describe('Every refund asked for, oldest first, including those made in the gateway’s own admin'),
    payment: z
      .object({
        method: z.enum(PAYMENT_METHODS).describe('How the customer paid, from the gateway’s own code; `other` when it named none we know'),
        cardIssuer: z.string().optional().describe('The card’s issuer, e.g. KB국민카드, when the gateway names it'),
        approvalNo: z.string().optional().describe('The gateway’s approval number (승인번호)'),
        paidAt: instant.describe('The gateway’s approval time, or when its notification arrived'),
      })
      .optional()
      .describe('Present once the link is paid: the payment as the gateway’s notification reported it'),
    merchantName: z.string().optional().describe('The shop’s name as customers know it (`MERCHANT_NAME`), when the server has one'),
  })
  .describe('A payment link');

export const cancelledLinkSchema = paymentLinkSchema
  .extend({
    cancellation: z.object({
      mode: z.enum(['provider', 'local']).describe('`local`: the provider has no cancel call, so only our short link stops working'),
    }),
  })
  .describe('The link, cancelled');

export const linkPageSchema = z
  .object({
    data: z.array(paymentLinkSchema),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last'),
  })
  .describe('A page of links, newest first');

const tallySchema = z.object({ count: z.int().min(0), amount: z.int().min(0).describe('Integer won') });

export const dayTotalsSchema = z
  .object({
    made: tallySchema.describe('Links made that day, but for those that certainly never reached their provider (`failed`)'),
    paid: tallySchema.describe('Of those, the links paid (a refund later does not unpay them)'),
    refunded: tallySchema.describe('Of those, the links refunded in whole or in part, and the won refunded'),
    net: z.int().describe('Won: paid − refunded'),
  })
  .describe('What a day’s links came to');

export const linkSummarySchema = z
  .object({
    date: z.iso.date().describe('The Korea-time day'),
    from: instant.describe('Its first instant'),
    to: instant.describe('The next day’s first instant'),
    currency: z.literal('KRW'),
    total: dayTotalsSchema,
    providers: z.record(z.string(), dayTotalsSchema).describe('By provider id, for the providers with links that day'),
  })
  .describe('A Korea-time day’s links in numbers: those made that day, as the list of that day shows them');

export const streamTicketSchema = z
  .object({
    ticket: z.string().describe('Opens `GET /api/links/events?ticket=…` once, within the minute'),
    expiresAt: instant,
  })
  .describe('A stream ticket: what EventSource, which cannot send a header, shows instead of the widget token');
