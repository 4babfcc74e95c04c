/**
 * What the form checks and says about what staff type, and what sends it:
 * the providers' rules (core/validate, core/bytes), the problems in Korean
 * words, the API client and what sends the form (sending.ts). Fetched with `import()` when staff first focus
 * or fill the form, or when the page prefilled it; the form shows without it.
 */

import type { CreateLinkRequest } from '../core/link.js';
import type { ProviderId } from '../core/providers.js';
import { checkLinkRequest, type FieldProblem } from '../core/validate.js';
import { profilesFor } from './draft.js';

export { countBytes } from '../core/bytes.js';
export { describeProblem } from '../core/messages/describe.js';
export { ko as koShared } from '../core/messages/ko.js';
export { charsetWarnings } from '../core/validate.js';
export { ApiFailure, LinkApi, newIdempotencyKey } from './api.js';
export { restore, send } from './sending.js';

/**
 * Problems for the chosen provider; with none chosen (the server picks, and
 * may fail over from one to another), for every built-in provider, one per
 * field, so the server never refuses what the form accepted.
 */
export function problemsOf(request: Partial<CreateLinkRequest>, provider: ProviderId | undefined, now = Date.now()): FieldProblem[] {
  const found = profilesFor(provider).flatMap((profile) => checkLinkRequest(request, { profile, now }));
  return found.filter((problem, index) => found.findIndex((other) => other.field === problem.field) === index);
}
