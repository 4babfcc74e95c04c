/**
 * Builds the HTTP app from its parts. It knows no transport: tests call
 * `app.request(...)`; server.ts serves it over HTTP.
 */

import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { pickLocale } from '../core/messages/index.js';
import { API_BODY_LIMIT_BYTES } from './body-limit.js';
import type { Config } from './config.js';
import type { AppEnv } from './env.js';
import { ApiError } from './errors.js';
import { LinkChanges, publishingStore } from './links/changes.js';
import { Idempotency } from './links/idempotency.js';
import { LinkListing } from './links/listing.js';
import { LinkService, longestCreateMs } from './links/service.js';
import { LinkWatcher } from './links/watcher.js';
import type { Logger } from './log.js';
import { NotificationReceiver } from './notifications/receive.js';
import type { ProviderRouter } from './providers/router.js';
import { RefundService } from './links/refund-service.js';
import { assetRoutes } from './routes/assets.js';
import { demoResetRoutes } from './routes/demo-reset.js';
import { healthRoutes } from './routes/health.js';
import { linkListRoutes } from './routes/link-list.js';
import { linkRoutes } from './routes/links.js';
import { openApiRoutes } from './routes/openapi.js';
import { providerRoutes } from './routes/providers.js';
import { returnRoutes } from './routes/returns.js';
import { apiCors, requireAllowedOrigin } from './security/origin.js';
import { RateLimits } from './security/rate-limits.js';
import { warnOnUntrustedLocalProxy } from './security/proxy-warning.js';
import { StreamSlots } from './security/stream-slots.js';
import { StreamTickets } from './security/stream-tickets.js';
import { WidgetAuth } from './security/widget-auth.js';
import { shortLinkRoutes } from './routes/short-links.js';
import { summaryRoutes } from './routes/summary.js';
import { webhookRoutes } from './routes/webhooks.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  config: Config;
  store: Store;
  /** The offered providers, their order and circuits (router.ts). */
  router: ProviderRouter;
  logger: Logger;
  /** Routes mounted beside pay-link's own, by path: the built-in emulators in emulated mode. */
  mounts?: Readonly<Record<string, Hono>>;
  /** Empties what those extensions keep, for the demo's reset. */
  resetExtensions?: () => Promise<void>;
  /** Where link changes are published; server.ts shares it with the reconciler. */
  changes?: LinkChanges;
  /** Reads the links this instance streams; pay-link.ts closes it with the store. */
  watcher?: LinkWatcher;
  now?: () => number;
}

export function createApp(deps: AppDeps) {
  const { config, logger } = deps;
  const changes = deps.changes ?? new LinkChanges();
  const store = publishingStore(deps.store, changes);
  const watcher = deps.watcher ?? new LinkWatcher({ store: deps.store, changes, logger, now: deps.now });
  const streamSlots = new StreamSlots({ perIp: config.streamsPerIp, perInstance: config.streamsPerInstance });
  const rateLimits = new RateLimits(store, config.rateLimits, deps.now);
  const { router } = deps;
  const links = new LinkService({ ...deps, store, rateLimits, router });
  const refunds = new RefundService({ store, router, logger, now: deps.now });
  const idempotency = new Idempotency(store, { now: deps.now, staleMs: longestCreateMs(config.providerTimeoutMs) });
  const auth = new WidgetAuth(config.widgetTokenSecret, deps.now);
  const listing = new LinkListing({ store, now: deps.now });
  const tickets = new StreamTickets(() => store.secret('stream-tickets'), deps.now);
  const receiver = new NotificationReceiver({
    store,
    logger,
    now: deps.now,
    sources: Object.fromEntries(
      config.providers.map(({ id, module, settings, notifyIps }) => [id, { codec: module.notifications(settings), allowedIps: notifyIps }]),
    ),
  });

  const app = new Hono<AppEnv>();
  app.use(secureHeaders(securityHeaders(config.publicBaseUrl)));
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('locale', pickLocale(c.req.header('accept-language')));
    c.set('log', logger.child({ requestId: c.get('requestId') }));
    await next();
    c.get('log').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  if (config.mode === 'live' && config.trustedProxies.length === 0) app.use(warnOnUntrustedLocalProxy());

  app.onError((error, c) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500 && !(error instanceof ApiError)) c.get('log').error({ err: error }, 'unhandled error');
    else if (apiError.options.detail) c.get('log').warn({ code: apiError.code, ...apiError.options.detail }, 'request refused');
    const headers: Record<string, string> = {};
    if (apiError.options.retryAfter) headers['retry-after'] = String(apiError.options.retryAfter);
    return c.json(apiError.toBody(c.get('locale') ?? 'ko'), apiError.status, headers);
  });
  app.notFound((c) => c.json(new ApiError(404, 'not_found').toBody(c.get('locale') ?? 'ko'), 404));

  app.use(
    '/api/*',
    apiCors(config.allowedOrigins),
    requireAllowedOrigin(config.allowedOrigins),
    bodyLimit({
      maxSize: API_BODY_LIMIT_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large');
      },
    }),
  );

  const routes = app
    .route('/healthz', healthRoutes({ providers: () => router.report() }))
    // Before linkRoutes: `/api/links/events` is the caller's stream, not a link's id.
    .route(
      '/api/links',
      linkListRoutes({
        listing,
        watcher,
        changes,
        streamSlots,
        tickets,
        auth,
        publicBaseUrl: config.publicBaseUrl,
        trustedProxies: config.trustedProxies,
        now: deps.now,
      }),
    )
    .route(
      '/api/links',
      linkRoutes({
        links,
        refunds,
        watcher,
        streamSlots,
        idempotency,
        auth,
        publicBaseUrl: config.publicBaseUrl,
        merchantName: config.merchantName,
        trustedProxies: config.trustedProxies,
        now: deps.now,
      }),
    )
    .route('/api/providers', providerRoutes({ providers: config.providers, defaultProvider: config.defaultProvider }))
    .route('/api/summary', summaryRoutes({ listing, auth, now: deps.now }))
    .route('/webhooks', webhookRoutes({ receiver, trustedProxies: config.trustedProxies }))
    .route('/p', shortLinkRoutes({ store, merchantName: config.merchantName, now: deps.now }))
    .route('/return', returnRoutes())
    .route('/openapi.json', openApiRoutes({ publicBaseUrl: config.publicBaseUrl, providers: config.knownProviders }))
    .route('/', assetRoutes({ distDir: config.distDir, demo: config.demoEnabled }));

  for (const [path, mounted] of Object.entries(deps.mounts ?? {})) app.route(path, mounted);
  // Deletes every link: never where a link may have moved money.
  const clearDemoData = deps.store.clearDemoData?.bind(deps.store);
  if (config.demoEnabled && config.mode === 'emulated' && clearDemoData) {
    app.route('/demo/reset', demoResetRoutes({ clearDemoData, changes, resetExtensions: deps.resetExtensions, allowedOrigins: config.allowedOrigins }));
  }
  return routes;
}

export type App = ReturnType<typeof createApp>;

/**
 * Headers for every answer. The policy lets our own pages work — inline
 * `<style>` in the server's and the emulators' pages, the emulators' form
 * posts and their redirect to the return page at the public address — and
 * nothing else: no inline or foreign script, no framing by other sites.
 * `/widget.js` keeps the `Cross-Origin-Resource-Policy: cross-origin` it sets
 * itself (`overwrite: false`), so merchants' pages can load it.
 */
function securityHeaders(publicBaseUrl: string): Parameters<typeof secureHeaders>[0] {
  return {
    overwrite: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'", new URL(publicBaseUrl).origin],
      frameAncestors: ["'self'"],
    },
  };
}

/** Anything thrown, as the one error type clients see. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new ApiError(413, 'payload_too_large');
    if (error.status === 400) return new ApiError(400, 'invalid_json');
  }
  return new ApiError(500, 'internal_error');
}
