/**
 * What every adapter does with a gateway's answer, written once: read JSON
 * that may not be JSON, turn refusals into typed errors, and recognise the
 * refusal of a retry whose earlier try got through.
 */

import type { ProviderId } from '../../core/providers.js';
import { ProviderError } from './errors.js';

/** The text as JSON, or `undefined` when it is none. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Korean gateways word a repeated order number "중복" (duplicate) and publish
 * no code for it. After a retry such a refusal means an earlier try got
 * through: the link may exist, so its outcome is unknown.
 */
const DUPLICATE = /중복/;
/** How Korean gateways word their own unavailability: 점검 (maintenance), 장애 (outage), 일시적 (temporary). */
const UNAVAILABLE = /점검|장애|일시적|temporar|maintenance/i;

const duplicateAfterRetry = (text: string) => (DUPLICATE.test(text) ? 'DUPLICATE_AFTER_RETRY' : undefined);

export interface Refusal {
  code: string;
  message: string;
  /** Which try of the call this answers (1 for the first). */
  attempt: number;
}

/**
 * The error for a gateway's business refusal. `afterRetry` gives the code
 * for refusals that, on a retry, may be caused by an earlier try that got
 * through (`DUPLICATE_AFTER_RETRY` for a repeated order by default).
 */
export function refusal(provider: ProviderId, { code, message, attempt }: Refusal, afterRetry?: (text: string) => string | undefined): ProviderError {
  const unknownCode = attempt > 1 ? (afterRetry ?? duplicateAfterRetry)(message) : undefined;
  if (unknownCode) return new ProviderError(provider, 'connection_lost', unknownCode, `${code} ${message}`);
  return new ProviderError(provider, 'refused', code, message, UNAVAILABLE.test(message));
}

/** A refusal made here, before anything is sent: a field the gateway would refuse. */
export const localRefusal = (provider: ProviderId, code: 'LOCAL_LIMIT' | 'LOCAL_MISSING' | 'LOCAL_UNSUPPORTED', why: string) =>
  new ProviderError(provider, 'refused', code, why);

/** An answer we cannot read: the call may have done its work. */
export const badResponse = (provider: ProviderId, why: string) => new ProviderError(provider, 'bad_response', undefined, why);
