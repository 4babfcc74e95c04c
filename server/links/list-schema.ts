/**
 * The queries of the day's list and summary (`GET /api/links`,
 * `GET /api/summary`). Days are Korea time whatever the server's zone: a
 * counter in Seoul closes its day at midnight in Seoul.
 */

import { z } from 'zod';
import { kstDay } from '../../core/kst.js';
import { LINK_STATUSES } from '../../core/link.js';
import type { FieldCode } from '../../core/validate.js';
import { decodeCursor } from './cursor.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
// An instant with its offset: a bare local time would mean the server's zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A refusal that names its field problem's code (zodProblems reads it). */
const refuse = (ctx: z.core.$RefinementCtx, code: FieldCode) => {
  ctx.addIssue({ code: 'custom', message: code, params: { code } });
  return z.NEVER;
};

/** One end of a range, as epoch ms: an instant, or a Korea-time day — its first moment as `from`, the next day's as `to`. */
const bound = (end: 'start' | 'end') =>
  z.string().transform((value, ctx) => {
      if (DAY.test(value)) {
        const day = kstDay(value);
        return day ? day[end] : refuse(ctx, 'invalid_date');
      }
      const instant = INSTANT.test(value) ? Date.parse(value) : NaN;
      return Number.isNaN(instant) ? refuse(ctx, 'invalid_date') : instant;
    });

export const listLinksQuerySchema = z
  .object({
    from: bound('start')
      .optional()
      .describe('Links made at or after this ISO 8601 instant (with its offset), or from the start of this Korea-time day `YYYY-MM-DD`; the start of today in Korea time by default'),
    to: bound('end').optional().describe('Links made before this instant, or through the end of this Korea-time day; no bound by default'),
    status: z
      .string()
      .describe(`Only links with one of these statuses, comma-separated: ${LINK_STATUSES.join(', ')}`)
      .transform((value) => value.split(',').map((status) => status.trim()))
      .pipe(z.array(z.enum(LINK_STATUSES)).min(1))
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.int().min(1).max(MAX_PAGE_SIZE))
      .optional()
      .describe(`Links per page, 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} by default`),
    cursor: z
      .string()
      .transform((value, ctx) => decodeCursor(value) ?? refuse(ctx, 'invalid_type'))
      .optional()
      .describe('The `nextCursor` of the page before'),
  })
  .superRefine((query, ctx) => {
    if (query.from !== undefined && query.to !== undefined && query.to <= query.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'invalid_date', params: { code: 'invalid_date' } });
    }
  });

export type ListLinksQuery = z.output<typeof listLinksQuerySchema>;

export const summaryQuerySchema = z.object({
  date: z
    .string()
    .transform((value, ctx) => (DAY.test(value) ? kstDay(value) : null) ?? refuse(ctx, 'invalid_date'))
    .optional()
    .describe('A Korea-time day, `YYYY-MM-DD`; today by default'),
});
