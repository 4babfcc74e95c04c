/**
 * @pay-link/server for merchants: the routes to mount in your own Hono or
 * Node server, widget tokens (and a route that mints them per session), and
 * a typed client of the API.
 *
 *   import { Hono } from 'hono';
 *   import { createPayLink } from '@pay-link/server';
 *
 *   const payLink = await createPayLink(process.env);   // PUBLIC_BASE_URL=https://shop.example/pay-link
 *   const app = new Hono().route('/pay-link', payLink.app);
 *   // on shutdown: await payLink.close();
 *
 * Under a prefix, PUBLIC_BASE_URL must end with it: short links, the
 * emulators' pages, PayWelcome's return page and the OpenAPI `servers` are
 * built from it, and the notification URLs to register with the providers are
 * `{PUBLIC_BASE_URL}/webhooks/kicc` and `/webhooks/paywelcome`. The widget's
 * `endpoint` is the same address. Paths under the prefix that pay-link does
 * not serve get your app's 404, not pay-link's JSON one. A plain Node
 * server serves `payLink.app.fetch` through `getRequestListener` from
 * `@hono/node-server`.
 */

export type { ApiErrorBody, CreateLinkRequest, LinkStatus, PaymentLink } from '../core/link.js';
export type { App } from './app.js';
export { createPayLinkClient, PayLinkError, unwrap, type PayLinkClient, type PayLinkClientOptions } from './client.js';
export { ConfigError, parseConfig, type Config, type Env } from './config.js';
export type { ErrorCode } from './error-messages.js';
export { openApiDocument } from './openapi/document.js';
export { createPayLink, type ExtensionContext, type PayLink, type PayLinkExtension, type PayLinkOptions } from './pay-link.js';
export type { Store } from './store/store.js';
export { mintWidgetToken, verifyWidgetToken, type WidgetClaims } from './tokens.js';
export { mintTokenFor, widgetTokenHandler, widgetTokenRoute, type MintedToken, type TokenGrant, type WidgetTokenOptions } from './widget-token-route.js';
