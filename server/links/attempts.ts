/**
 * The providers a link was tried with, in order, kept on the link for the
 * audit trail: `kicc:unavailable,paywelcome:registered`. A plain text column,
 * so both stores keep it without a JSON type.
 */

import type { AttemptOutcome, ProviderAttempt } from '../../core/link.js';

export type { AttemptOutcome, ProviderAttempt } from '../../core/link.js';

export const encodeAttempts = (attempts: readonly ProviderAttempt[]): string => attempts.map(({ provider, outcome }) => `${provider}:${outcome}`).join(',');

export function decodeAttempts(text: string | null): ProviderAttempt[] {
  if (!text) return [];
  return text.split(',').map((entry) => {
    const [provider = '', outcome = 'unknown'] = entry.split(':');
    return { provider, outcome: outcome as AttemptOutcome };
  });
}
