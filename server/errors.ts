/**
 * One error type for everything the API refuses. Thrown anywhere, turned
 * into `{ error: { code, message, fields? } }` by `onError` in app.ts, worded
 * in the caller's language. Nothing else — no provider body, no stack — is
 * ever sent to a client.
 */

import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { describeProblem, MESSAGES, type Locale } from '../core/messages/index.js';
import { ERROR_MESSAGES, type ErrorCode } from './error-messages.js';
import type { ApiErrorBody } from '../core/link.js';
import type { FieldProblem } from '../core/validate.js';

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly options: {
      fields?: FieldProblem[];
      /** Whether the same request may succeed later (shown to clients). */
      retryable?: boolean;
      /** Seconds, sent as `Retry-After`. */
      retryAfter?: number;
      /** The link this error is about, when one was recorded (the caller can follow it). */
      linkId?: string;
      /** For the logs only. */
      detail?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
  }

  toBody(locale: Locale): ApiErrorBody {
    const { fields, retryable, linkId } = this.options;
    return {
      error: {
        code: this.code,
        message: ERROR_MESSAGES[locale][this.code],
        ...(fields?.length ? { fields: fields.map((problem) => ({ field: problem.field, code: problem.code, message: describeProblem(problem, MESSAGES[locale]) })) } : {}),
        ...(retryable !== undefined ? { retryable } : {}),
        ...(linkId ? { linkId } : {}),
      },
    };
  }
}

export const validationError = (fields: FieldProblem[]) => new ApiError(400, 'validation_failed', { fields });
export const notFound = () => new ApiError(404, 'not_found');
