/**
 * The shapes the links API accepts, strict: unknown fields are refused. The
 * rules beyond shape (bytes, phone, amount range) live in core/validate.ts
 * so the widget applies them too; the descriptions name them for the
 * OpenAPI document, from the same constants.
 */

import { z } from 'zod';
import type { Delivery } from '../../core/link.js';
import { MAX_AMOUNT, MIN_AMOUNT } from '../../core/money.js';
import type { LimitedField } from '../../core/providers.js';
import type { FieldCode, FieldProblem } from '../../core/validate.js';
import { AUTO } from '../config.js';
import { PROVIDER_MODULES } from '../providers/registry.js';

export const DELIVERIES = ['provider-sms', 'none'] as const satisfies readonly Delivery[];

/** A text field; blank means absent. */
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

/** "at most 50 (kicc) or 40 (paywelcome) bytes…": the limits core/validate.ts enforces, in words. */
function byteLimits(field: LimitedField) {
  const limits = PROVIDER_MODULES.map((module) => module.profile.limits[field]);
  const named = new Set(limits).size === 1 ? `${limits[0]}` : PROVIDER_MODULES.map((module, i) => `${limits[i]} (${module.id})`).join(' or ');
  return `at most ${named} bytes in CP949: a Hangul syllable is 2`;
}
const texting = PROVIDER_MODULES.filter((module) => module.profile.sendsSms).map((module) => module.id).join(', ');

/**
 * A provider's id. Any id is read here; whether this deployment offers it is
 * the link service's to say. The document lists the registry's.
 */
export const providerIdSchema = z
  .string()
  .regex(/^[a-z0-9_-]{1,32}$/)
  .meta({ enum: PROVIDER_MODULES.map((module) => module.id) });

export const createLinkSchema = z.strictObject({
  provider: z
    .string()
    .regex(/^[a-z0-9_-]{1,32}$/)
    .meta({ enum: [...PROVIDER_MODULES.map((module) => module.id), AUTO] })
    .optional()
    .describe(`DEFAULT_PROVIDER when absent; \`${AUTO}\`: the first provider in PROVIDER_ORDER that is up (failover)`),
  amount: z.number().describe(`Integer won, ${MIN_AMOUNT} to ${MAX_AMOUNT}`),
  goodsName: z.string().trim().describe(`Product name, ${byteLimits('goodsName')}`),
  orderId: optionalText.describe(`Your order number: letters, digits, _ and -, ${byteLimits('orderId')}; made up when absent`),
  customer: z
    .strictObject({
      name: optionalText.describe(byteLimits('customer.name')),
      phone: optionalText.describe('A Korean mobile number, e.g. 010-1234-5678'),
      email: optionalText,
    })
    .optional(),
  delivery: z.enum(DELIVERIES).optional().describe(`\`provider-sms\`: the provider texts the link to \`customer.phone\` (${texting} only); \`none\` by default`),
  message: optionalText.describe(`Shown with the link, ${byteLimits('message')}`),
  expiresAt: z
    .string()
    .optional()
    .describe(`ISO 8601; at most ${PROVIDER_MODULES.map((module) => `${module.profile.maxLifetimeMs / 3_600_000} h (${module.id})`).join(' or ')} ahead; the provider's default when absent`),
});

export type CreateLinkBody = z.output<typeof createLinkSchema>;

/** `POST /api/links/:id/refund`. */
export const refundSchema = z.strictObject({
  amount: z.int().positive().max(MAX_AMOUNT).optional().describe('Integer won to give back; all that remains when absent'),
  reason: optionalText.pipe(z.string().max(100).optional()).describe('Why, for the records (and KICC’s `reviseMessage`)'),
});

export type RefundBody = z.output<typeof refundSchema>;

/** Stripe's rule: 1 to 255 visible ASCII characters. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/)
  .describe('Any unique string per operation, e.g. a UUID; a repeat within 24 hours gets the first answer, never a second link');

/** zod's findings as our field problems, named by dotted path (`customer.phone`). */
export function zodProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: path ? `${path}.${key}` : key, code: 'unknown_field' }));
    }
    let code: FieldCode = 'invalid_type';
    if (issue.code === 'custom' && typeof issue.params?.code === 'string') code = issue.params.code as FieldCode;
    else if (issue.code === 'invalid_type' && issue.input === undefined) code = 'required';
    else if (path === 'provider') code = 'invalid_provider';
    return [{ field: path || 'body', code }];
  });
}
