/**
 * The backend's HTTP API as the widget calls it: JSON in and out, the
 * caller's language for error texts, a timeout on every request, and every
 * failure as one `ApiFailure` that says whether the same request may be
 * tried again.
 */

import type { ApiErrorBody, CreateLinkRequest, FieldError, PaymentLink } from '../core/link.js';
import type { Locale } from '../core/messages/index.js';

/** Long enough for a slow provider (the server gives up on one first), short enough not to hang a counter. */
const TIMEOUT_MS = 40_000;

export class ApiFailure extends Error {
  override name = 'ApiFailure';

  constructor(
    /** The API's `error.code`, or `network_error` / `offline` / `timeout` / `bad_response` from the browser. */
    readonly code: string,
    /** The server's text in the caller's language; empty when no server answered. */
    override readonly message: string,
    readonly options: { status?: number; fields?: FieldError[]; retryable?: boolean; linkId?: string; retryAfter?: number } = {},
  ) {
    super(message);
  }

  /** Anything a call threw, as a failure; what no server answered may be retried. */
  static from(error: unknown): ApiFailure {
    return error instanceof ApiFailure ? error : new ApiFailure('network_error', '', { retryable: true });
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }

  /** The server's words, or the widget's own (`local`, by code) for what no server worded. */
  describe(local: Partial<Record<string, string>>): string {
    return this.message || local[this.code] || this.code;
  }
}

export interface ApiOptions {
  endpoint: string;
  locale: Locale;
  /** Sent as `Authorization: Bearer …` when present. */
  token?: string;
}

export class LinkApi {
  constructor(protected readonly options: ApiOptions) {}

  /** `POST /api/links`; the same `idempotencyKey` makes a retry return the first answer. */
  create(request: CreateLinkRequest, idempotencyKey: string): Promise<PaymentLink> {
    return this.call('POST', '/api/links', request, { 'idempotency-key': idempotencyKey });
  }

  get(id: string): Promise<PaymentLink> {
    return this.call('GET', `/api/links/${encodeURIComponent(id)}`);
  }

  /** Where `GET /api/links/:id/events` streams the link's changes. */
  eventsUrl(id: string): string {
    return `${this.options.endpoint.replace(/\/+$/, '')}/api/links/${encodeURIComponent(id)}/events`;
  }

  resend(id: string): Promise<PaymentLink> {
    return this.call('POST', `/api/links/${encodeURIComponent(id)}/resend`, {});
  }

  /** Withdraws an unpaid link: at the provider (`provider`) or, where it cannot, only the short link (`local`). */
  cancel(id: string): Promise<PaymentLink & { cancellation: { mode: 'provider' | 'local' } }> {
    return this.call('POST', `/api/links/${encodeURIComponent(id)}/cancel`, {});
  }

  protected async call<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
    const { endpoint, locale, token } = this.options;
    if (!endpoint) throw new ApiFailure('missing_endpoint', '');
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale, ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;

    let response: Response;
    try {
      response = await fetch(endpoint.replace(/\/+$/, '') + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        credentials: 'omit',
      });
    } catch (error) {
      // The request may or may not have reached the server: only a retry with the same key is safe.
      const code = (error as Error).name === 'TimeoutError' ? 'timeout' : navigator.onLine ? 'network_error' : 'offline';
      throw new ApiFailure(code, '', { retryable: true });
    }

    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok && json) return json as T;
    const error = (json as Partial<ApiErrorBody> | undefined)?.error;
    if (!error?.code) throw new ApiFailure('bad_response', '', { status: response.status, retryable: response.status >= 500 });
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    throw new ApiFailure(error.code, error.message, {
      status: response.status,
      fields: error.fields,
      retryable: error.retryable ?? response.status === 429,
      linkId: error.linkId,
      retryAfter,
    });
  }
}

/** A fresh `Idempotency-Key`; `randomUUID` needs a secure context, `getRandomValues` does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
