/**
 * What the links API answers, as zod schemas: the OpenAPI document is
 * generated from them, and a type test holds them to `PaymentLink` in
 * core/link.ts, the type the server builds its answers as.
 */

import { z } from 'zod';
import { LINK_STATUSES } from '../../core/link.js';
import { MAX_AMOUNT, MIN_AMOUNT } from '../../core/money.js';
import { DELIVERIES, providerIdSchema } from './schema.js';

const instant = z.iso.datetime().describe('ISO 8601, UTC');

export const paymentLinkSchema = z
  .object({
    id: z.string().regex(/^pl_[0-9A-Za-z]{20}$/),
    provider: providerIdSchema.describe('The provider that holds the link; with `auto`, the one failover chose'),
    status: z.enum(LINK_STATUSES).describe('`expired` follows from `expiresAt`; `unknown` while the provider’s answer is not known'),
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
      .describe('The phone number is shown in full only to the widget token `sub` that created the link; masked to others'),
    message: z.string().optional(),
    createdAt: instant,
    openedAt: instant.nullable().describe('First time the customer opened the short link'),
    paidAt: instant.nullable(),
    cancelledAt: instant.nullable(),
  })
  .describe('A payment link');

export const cancelledLinkSchema = paymentLinkSchema
  .extend({
    cancellation: z.object({
      mode: z.enum(['provider', 'local']).describe('`local`: the provider has no cancel call, so only our short link stops working'),
    }),
  })
  .describe('The link, cancelled');

export const linkListSchema = z.object({ links: z.array(paymentLinkSchema) }).describe('Links whose outcome at the provider is unknown');
