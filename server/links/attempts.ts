/**
 * The providers a link was tried with, in order, kept on the link for the
 * audit trail: `kicc:unavailable,paywelcome:registered`. A plain text column,
 * so both stores keep it without a JSON type.
 */

export type AttemptOutcome =
  /** The provider made the link. */
  | 'registered'
  /** The provider was down (certainly no link): the next one was tried. */
  | 'unavailable'
  /** Its circuit was open: not called. */
  | 'skipped'
  /** It refused the request. */
  | 'refused'
  /** It may hold the link (timeout, a broken answer): nothing else was tried. */
  | 'unknown';

export interface ProviderAttempt {
  provider: string;
  outcome: AttemptOutcome;
}

export const encodeAttempts = (attempts: readonly ProviderAttempt[]): string => attempts.map(({ provider, outcome }) => `${provider}:${outcome}`).join(',');

export function decodeAttempts(text: string | null): ProviderAttempt[] {
  if (!text) return [];
  return text.split(',').map((entry) => {
    const [provider = '', outcome = 'unknown'] = entry.split(':');
    return { provider, outcome: outcome as AttemptOutcome };
  });
}
