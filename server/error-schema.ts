/** The one error body every refusal has (errors.ts), as a zod schema for the OpenAPI document. */

import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from './error-messages.js';

const ERROR_CODES = Object.keys(ERROR_MESSAGES.en) as [ErrorCode, ...ErrorCode[]];

export const apiErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('Stable: what a program checks'),
      message: z.string().describe('For people, in the language of `Accept-Language` (ko or en)'),
      fields: z
        .array(z.object({ field: z.string().describe('Dotted path, e.g. `customer.phone`'), code: z.string(), message: z.string() }))
        .optional()
        .describe('Each problem with the request, by field'),
      retryable: z.boolean().optional().describe('Whether the same request may succeed later'),
      linkId: z.string().optional().describe('The link this error is about, when one was recorded: follow it with GET /api/links/{id}'),
    }),
  })
  .describe('An error');
