/**
 * The shape of `POST /api/links`, strict: unknown fields are refused. The
 * rules beyond shape (bytes, phone, amount range) live in core/validate.ts
 * so the widget applies them too.
 */

import { z } from 'zod';
import { PROVIDER_IDS } from '../../core/providers.js';
import type { FieldCode, FieldProblem } from '../../core/validate.js';

/** A text field; blank means absent. */
const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

export const createLinkSchema = z.strictObject({
  provider: z.enum(PROVIDER_IDS).optional(),
  amount: z.number().describe('Integer won'),
  goodsName: z.string().trim(),
  orderId: optionalText,
  customer: z
    .strictObject({ name: optionalText, phone: optionalText, email: optionalText })
    .optional(),
  delivery: z.enum(['provider-sms', 'none']).optional(),
  message: optionalText,
  expiresAt: z.string().optional().describe('ISO 8601'),
});

export type CreateLinkBody = z.output<typeof createLinkSchema>;

/** zod's findings as our field problems, named by dotted path (`customer.phone`). */
export function zodProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: path ? `${path}.${key}` : key, code: 'unknown_field' }));
    }
    let code: FieldCode = 'invalid_type';
    if (issue.code === 'invalid_type' && issue.input === undefined) code = 'required';
    else if (path === 'provider') code = 'invalid_provider';
    return [{ field: path || 'body', code }];
  });
}
