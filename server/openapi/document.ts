/**
 * The OpenAPI 3.1 document of every public route, served at `/openapi.json`.
 * Bodies and answers are the zod schemas the routes use (components.ts); a
 * test holds the paths here to the routes the app really has.
 */

import { AUTO } from '../config.js';
import { PROVIDER_MODULES } from '../providers/registry.js';
import { components, errors, json } from './components.js';

const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const withToken = [{ widgetToken: [] }, {}];
/** Open to anyone: pages, files, and what the gateways call (their notifications are believed by address and signature, not by a token). */
const open: never[] = [];

const TOKEN_ERRORS = { 401: 'unauthorized, token_expired', 403: 'forbidden_origin, token_mismatch, forbidden (the token’s role does not allow it)' };
const PROVIDER_ERRORS = { 502: 'provider_refused, provider_unavailable, provider_bad_response', 504: 'provider_timeout' };

/**
 * @param providers The provider ids this deployment knows, when it registered
 *   others than the built-in ones: the documented enums list them.
 */
export function openApiDocument({ publicBaseUrl, providers }: { publicBaseUrl: string; providers?: readonly string[] }) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'pay-link',
      version: '1.0.0',
      description:
        'Payment links for Korean payment gateways (KICC EasyPay, PayWelcome). Amounts are integer won; times are ISO 8601. ' +
        'Every refusal is `{ error: { code, message } }` with a stable `code`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: publicBaseUrl }],
    tags: [
      { name: 'links', description: 'Payment links, for the widget and the merchant’s server' },
      { name: 'customer', description: 'Pages the customer’s browser visits' },
      { name: 'providers', description: 'Called by the payment gateways' },
      { name: 'operations', description: 'For those who run the server: health, and this document' },
    ],
    paths: {
      '/api/links': {
        parameters: [param('AcceptLanguage')],
        post: {
          operationId: 'createLink',
          tags: ['links'],
          summary: 'Register a payment link with the provider',
          description:
            'Writes the link, then registers it with the provider. When the provider’s answer cannot be known (504 `provider_timeout`, some 502s), ' +
            'the error carries `linkId`: the link is kept as `unknown` and settles when the provider notifies a payment.',
          security: withToken,
          parameters: [param('IdempotencyKey')],
          requestBody: { required: true, content: json('CreateLinkRequest') },
          responses: {
            201: {
              description: 'Registered',
              headers: {
                Location: { description: 'Where to read the link', schema: { type: 'string' } },
                'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the key', schema: { type: 'string', const: 'true' } },
              },
              content: json('PaymentLink'),
            },
            ...errors({
              400: 'validation_failed (see `error.fields`), invalid_json, invalid_idempotency_key',
              ...TOKEN_ERRORS,
              409: 'duplicate_order_id, idempotency_in_progress',
              413: 'payload_too_large',
              415: 'unsupported_media_type',
              422: 'unsupported_delivery, idempotency_mismatch, provider_not_configured',
              429: 'rate_limited',
              500: 'internal_error',
              ...PROVIDER_ERRORS,
            }),
          },
        },
        get: {
          operationId: 'listLinks',
          tags: ['links'],
          summary: 'The caller’s links, newest first: today’s (Korea time) unless `from` / `to` say otherwise',
          description:
            'Needs a `staff` token (lists the links of its `sub`) or a `merchant` token (every link); a `customer` token is refused 403 `forbidden`. ' +
            'Open mode lists every link with customer data masked. `?status=unknown&from=2026-01-01` is the list of links whose outcome at the provider is unknown. ' +
            'The cursor names the last link of a page, so pages neither repeat nor skip a link while new ones are made.',
          security: [{ widgetToken: [] }],
          parameters: ['from', 'to', 'status', 'limit', 'cursor'].map((name) => param(`ListQuery_${name}`)),
          responses: { 200: { description: 'A page of links', content: json('LinkPage') }, ...errors({ 400: 'validation_failed', ...TOKEN_ERRORS }) },
        },
      },
      '/api/links/events/ticket': {
        parameters: [param('AcceptLanguage')],
        post: {
          operationId: 'streamTicket',
          tags: ['links'],
          summary: 'Trade the widget token for a ticket to `GET /api/links/events`',
          description:
            '`EventSource` cannot send an `Authorization` header, and a widget token in a URL would sit in proxies’ logs for its whole life. ' +
            'A ticket lives 60 seconds, opens only that stream, and carries only the token’s role and `sub`; the stream it opens ends when the token expires. ' +
            'The same callers as `GET /api/links`.',
          security: withToken,
          responses: { 200: { description: 'The ticket', content: json('StreamTicket') }, ...errors(TOKEN_ERRORS) },
        },
      },
      '/api/links/events': {
        parameters: [param('AcceptLanguage')],
        get: {
          operationId: 'followLinks',
          tags: ['links'],
          summary: 'Follow every link the caller may see, on one stream of server-sent events',
          description:
            '`ready` once it listens (read `GET /api/links` then, and nothing is missed); `link`, its data a `PaymentLink` (customer data as `GET /api/links` shows it), ' +
            'whenever one of the caller’s links is made or changes; `resync` when changes may have been missed: read the list again. ' +
            'With widget tokens on, open it with `?ticket=` from `POST /api/links/events/ticket` (or send the token as `Authorization`, from a fetch-based client); ' +
            'it ends when the token expires. Counted against `STREAMS_PER_IP` and `STREAMS_PER_INSTANCE` with the links’ own streams.',
          security: withToken,
          parameters: [{ name: 'ticket', in: 'query', required: false, schema: { type: 'string' }, description: 'From `POST /api/links/events/ticket`; not needed in open mode' }],
          responses: {
            200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' }, 'x-event-data': { link: { $ref: '#/components/schemas/PaymentLink' } } } } },
            ...errors({ 401: 'unauthorized, token_expired (the ticket’s minute is over)', 403: 'forbidden', 429: 'too_many_streams' }),
          },
        },
      },
      '/api/summary': {
        parameters: [param('AcceptLanguage')],
        get: {
          operationId: 'summary',
          tags: ['links'],
          summary: 'A Korea-time day in numbers: links made, paid, refunded, and the net, per provider and in total',
          description:
            'Counts the links made that day (as `GET /api/links` lists them), with how many of them were paid and refunded; a link that never reached its provider (`failed`) is not counted. ' +
            'The same callers and scope as `GET /api/links`.',
          security: [{ widgetToken: [] }],
          parameters: [param('SummaryQuery_date')],
          responses: { 200: { description: 'The day’s totals', content: json('LinkSummary') }, ...errors({ 400: 'validation_failed', ...TOKEN_ERRORS }) },
        },
      },
      '/api/links/{id}': {
        parameters: [param('LinkId'), param('AcceptLanguage')],
        get: {
          operationId: 'getLink',
          tags: ['links'],
          summary: 'Read a link',
          description: 'Open to anyone with the id; the phone number is masked unless the token’s `sub` created the link.',
          security: withToken,
          responses: { 200: { description: 'The link', content: json('PaymentLink') }, ...errors({ 404: 'not_found' }) },
        },
      },
      '/api/links/{id}/events': {
        parameters: [param('LinkId')],
        get: {
          operationId: 'followLink',
          tags: ['links'],
          summary: 'Follow a link’s status as server-sent events',
          security: open,
          description:
            'One `link` event, its data a `PaymentLink` (JSON), now and on every change, until the link is paid, expired, cancelled or failed; then the stream ends. ' +
            'Changes made by another instance arrive within a second (PostgreSQL LISTEN/NOTIFY). ' +
            'Streams are capped per client address (`STREAMS_PER_IP`) and per instance (`STREAMS_PER_INSTANCE`); beyond, 429 — poll `GET /api/links/{id}` instead.',
          responses: {
            200: { description: 'The event stream', content: { 'text/event-stream': { schema: { type: 'string' }, 'x-event-data': { link: { $ref: '#/components/schemas/PaymentLink' } } } } },
            ...errors({ 404: 'not_found', 429: 'too_many_streams' }),
          },
        },
      },
      '/api/links/{id}/resend': {
        parameters: [param('LinkId'), param('AcceptLanguage')],
        post: {
          operationId: 'resendLink',
          tags: ['links'],
          summary: 'Ask the provider to text the link to the customer again',
          security: withToken,
          responses: {
            200: { description: 'Texted again', content: json('PaymentLink') },
            ...errors({ ...TOKEN_ERRORS, 404: 'not_found', 409: 'resend_not_supported, resend_needs_sms, link_not_active', 429: 'rate_limited', ...PROVIDER_ERRORS }),
          },
        },
      },
      '/api/links/{id}/cancel': {
        parameters: [param('LinkId'), param('AcceptLanguage')],
        post: {
          operationId: 'cancelLink',
          tags: ['links'],
          summary: 'Withdraw an unpaid link',
          security: withToken,
          responses: {
            200: { description: 'Cancelled', content: json('CancelledLink') },
            ...errors({ ...TOKEN_ERRORS, 404: 'not_found', 409: 'link_not_active', ...PROVIDER_ERRORS }),
          },
        },
      },
      '/api/links/{id}/refund': {
        parameters: [param('LinkId'), param('AcceptLanguage')],
        post: {
          operationId: 'refundLink',
          tags: ['links'],
          summary: 'Give back all or part of a paid link’s payment',
          description:
            'Staff (their own links) or the merchant. The refund is recorded `pending` before the gateway is called. When the gateway’s answer is lost ' +
            '(a timeout) it stays `pending` and is settled by asking again with the same gateway key — KICC’s `shopTransactionId` — never by a second refund; ' +
            'PayWelcome, which cannot recognise a repeat, is left to its notification or a person (`attention: refund_unknown`).',
          security: withToken,
          parameters: [param('IdempotencyKey')],
          requestBody: { required: true, content: json('RefundRequest') },
          responses: {
            200: { description: 'The link, with the refund in `refunds` and `refundedAmount`', content: json('PaymentLink') },
            ...errors({
              400: 'validation_failed, invalid_json, invalid_idempotency_key',
              ...TOKEN_ERRORS,
              404: 'not_found',
              409: 'link_not_paid, partial_refund_not_supported, refund_not_supported, idempotency_in_progress',
              415: 'unsupported_media_type',
              422: 'refund_exceeds_remaining, idempotency_mismatch, provider_not_configured',
              ...PROVIDER_ERRORS,
            }),
          },
        },
      },
      '/api/providers': {
        get: {
          operationId: 'listProviders',
          tags: ['links'],
          security: [],
          summary: 'The providers this deployment offers',
          description: 'In the order `auto` tries them, with what each can do and its byte limits. A provider left without credentials beside a live one is not listed.',
          responses: { 200: { description: 'The providers', content: json('ProviderList') } },
        },
      },
      '/webhooks/{provider}': {
        parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: providers ? [...providers] : PROVIDER_MODULES.map((module) => module.id) } }],
        post: {
          operationId: 'receiveNotification',
          tags: ['providers'],
          summary: 'A payment notification, in the provider’s own format',
          security: open,
          description:
            'Register `{PUBLIC_BASE_URL}/webhooks/kicc` and `/webhooks/paywelcome` with the providers. Taken only from the providers’ published addresses ' +
            '(KICC_NOTIFY_IPS, PAYWELCOME_NOTIFY_IPS), with PayWelcome’s signature checked; a repeat changes nothing.',
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
              'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } },
            },
          },
          responses: {
            200: { description: 'Acknowledged as the provider expects (KICC: `{"resCd":"0000",…}`; PayWelcome: `OK`)', content: { 'application/json': {}, 'text/plain': {} } },
            400: { description: 'Malformed, or a bad signature: the provider hears a failure and retries' },
            403: { description: 'Not from the provider’s addresses' },
            404: { description: 'No such provider', content: json('Error') },
            413: { description: 'Far larger than a notification' },
          },
        },
      },
      '/p/{token}': {
        parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          operationId: 'openShortLink',
          tags: ['customer'],
          summary: 'The short link the QR code holds',
          security: open,
          responses: {
            302: { description: 'To the provider’s payment page, while the link can be paid', headers: { Location: { schema: { type: 'string' } } } },
            200: html('The link was paid, cancelled or failed, or is still being prepared'),
            404: html('No such link'),
            410: html('The link expired'),
          },
        },
      },
      '/return/{provider}': {
        parameters: [{ name: 'provider', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'returnPage', tags: ['customer'], summary: 'Where the provider sends the customer after paying', security: open, responses: { 200: html('Done') } },
        post: { operationId: 'returnPagePost', tags: ['customer'], summary: 'The same, posted (PayWelcome’s `P_NEXT_URL`)', security: open, responses: { 200: html('Done') } },
      },
      '/widget.js': {
        get: {
          operationId: 'widgetScript',
          tags: ['customer'],
          summary: 'The `<pay-link-request>` element, one ES module that registers it',
          security: open,
          responses: { 200: { description: 'The script', content: { 'text/javascript': { schema: { type: 'string' } } } }, 404: { description: 'Not built' } },
        },
      },
      '/healthz': {
        get: { operationId: 'health', tags: ['operations'], summary: 'Up and serving', security: open, responses: { 200: { description: 'Up', content: json('Health') } } },
      },
      '/openapi.json': {
        get: {
          operationId: 'openApi',
          tags: ['operations'],
          summary: 'This document',
          security: open,
          responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: providers ? withProviders(components(), providers) : components(),
  };
}

/** The components with `provider` enums naming `providers` (and `auto` where a request may ask for failover). */
function withProviders(parts: ReturnType<typeof components>, providers: readonly string[]) {
  type Schema = { properties: Record<string, { enum?: string[]; items?: Schema }> };
  const schemas = parts.schemas as Record<string, Schema>;
  schemas.CreateLinkRequest!.properties.provider!.enum = [...providers, AUTO];
  for (const name of ['PaymentLink', 'CancelledLink']) {
    const link = schemas[name];
    if (!link) continue;
    link.properties.provider!.enum = [...providers];
    const attempt = link.properties.attempts?.items as Schema | undefined;
    if (attempt?.properties.provider) attempt.properties.provider.enum = [...providers];
  }
  return parts;
}
