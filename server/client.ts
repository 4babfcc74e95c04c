/**
 * A typed client of the pay-link API for merchants' servers and scripts,
 * on Hono's `hc`: paths, request bodies and answers are inferred from the
 * app's routes, so a renamed field is a compile error, not a runtime 400.
 *
 *   const payLink = createPayLinkClient('https://shop.example/pay-link', { token });
 *   const link = await unwrap(payLink.api.links.$post({ json: { amount: 15000, goodsName: '아메리카노' } }));
 */

import { hc, type ClientResponse } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody } from '../core/link.js';
import type { Locale } from '../core/messages/index.js';
import type { App } from './app.js';
import type { ErrorCode } from './error-messages.js';

export interface PayLinkClientOptions {
  /** A widget token (`mintWidgetToken`), sent as `Authorization: Bearer`; needed to change links when the server has WIDGET_TOKEN_SECRET. */
  token?: string;
  /** The language of error messages. */
  locale?: Locale;
  /** Another fetch: a test's, or one with a proxy agent. */
  fetch?: typeof fetch;
}

/** `baseUrl`: where the routes are served, with the prefix they are mounted under (`https://shop.example/pay-link`). */
export function createPayLinkClient(baseUrl: string, { token, locale, fetch }: PayLinkClientOptions = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (locale) headers['accept-language'] = locale;
  return hc<App>(baseUrl, { headers, ...(fetch ? { fetch } : {}) });
}

export type PayLinkClient = ReturnType<typeof createPayLinkClient>;

/** A refusal by the API: its status, its stable `code`, and the whole error (fields, `retryable`, `linkId`). */
export class PayLinkError extends Error {
  override name = 'PayLinkError';
  readonly code: ErrorCode;

  constructor(
    readonly status: number,
    readonly error: ApiErrorBody['error'],
  ) {
    super(`${status} ${error.code}: ${error.message}`);
    this.code = error.code as ErrorCode;
  }
}

/** The body of a route's success answer. */
type Success<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends SuccessStatusCode ? T : never) : never;

/** The answer's body when it succeeded; otherwise throws a `PayLinkError` (or a plain `Error` when the answer is not the API's). */
export async function unwrap<R extends ClientResponse<unknown, number, 'json'>>(pending: Promise<R> | R): Promise<Success<R>> {
  const response = await pending;
  if (response.ok) return (await response.json()) as Success<R>;
  const body = (await response.json().catch(() => undefined)) as Partial<ApiErrorBody> | undefined;
  if (!body?.error?.code) throw new Error(`pay-link answered ${response.status} without an API error`);
  throw new PayLinkError(response.status, body.error);
}
