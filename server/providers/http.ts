/**
 * Posting to a provider: a timeout that really aborts the request, and
 * retries with backoff and jitter only where a repeat cannot make a second
 * link — the adapter sends the same order id, which the provider refuses to
 * register twice.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { ProviderId } from '../../core/providers.js';
import { ProviderError } from './errors.js';

export interface ProviderRequest {
  provider: ProviderId;
  url: string;
  contentType: string;
  body: string;
  timeoutMs: number;
  /** Tries in all, the first included. */
  attempts?: number;
  /** Milliseconds before the first retry; doubled each time, plus up to half again of jitter. */
  backoffMs?: number;
}

export interface ProviderResponse {
  status: number;
  text: string;
  /** 1 for the first try. Above 1, an earlier try may have reached the provider. */
  attempt: number;
}

/** Error codes meaning the request never left this machine. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export async function postToProvider(request: ProviderRequest): Promise<ProviderResponse> {
  const { provider, attempts = 3, backoffMs = 200 } = request;
  let failure: ProviderError | undefined;
  /** An earlier try whose connection broke may have registered the link. */
  let maybeReached = false;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2) * (1 + Math.random() / 2));
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': request.contentType, accept: 'application/json' },
        body: request.body,
        signal: AbortSignal.timeout(request.timeoutMs),
        redirect: 'error',
      });
      const text = await response.text();
      if (response.status < 500) return { status: response.status, text, attempt };
      failure = new ProviderError(provider, 'server_error', `HTTP ${response.status}`);
    } catch (error) {
      failure = classify(provider, error);
      if (failure.kind === 'timeout') throw failure;
      if (failure.kind === 'connection_lost') maybeReached = true;
    }
  }
  if (maybeReached && failure!.certainlyNotCreated) throw new ProviderError(provider, 'connection_lost', failure!.providerCode);
  throw failure!;
}

function classify(provider: ProviderId, error: unknown): ProviderError {
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new ProviderError(provider, 'timeout');
  const code = errorCode(error);
  if (code && NOT_SENT.has(code)) return new ProviderError(provider, 'unreachable', code);
  return new ProviderError(provider, 'connection_lost', code);
}

/** undici hides the system error code one or two `cause`s deep. */
function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}
