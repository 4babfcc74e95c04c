/**
 * The whole backend without a transport: store, providers, the app and its
 * reconciler, and any extensions (the built-in emulators, from the separate
 * `@pay-link/server/emulators` entry). server.ts serves it on a port; a
 * merchant mounts `app` in their own Hono or Node server (see index.ts).
 */

import type { Hono } from 'hono';
import { createApp, type App } from './app.js';
import { parseConfig, type Config } from './config.js';
import { LinkChanges, publishingStore } from './links/changes.js';
import { Reconciler } from './links/reconciler.js';
import { LinkWatcher } from './links/watcher.js';
import { createLogger, type Logger } from './log.js';
import { createProviders } from './providers/registry.js';
import { ProviderRouter } from './providers/router.js';
import { RefundService } from './links/refund-service.js';
import { openStore } from './store/open.js';
import type { Store } from './store/store.js';

/** What an extension is given: the backend it is mounted in. */
export interface ExtensionContext {
  config: Config;
  store: Store;
  logger: Logger;
  /** How this process reaches its own routes. */
  selfUrl: () => string;
  now?: () => number;
}

/** Routes served beside pay-link's own, such as the built-in emulators. */
export interface PayLinkExtension {
  /** Hono apps by the path they are mounted at (`/emulator/kicc`). */
  routes: Readonly<Record<string, Hono>>;
  /** Forgets what it keeps: the demo's reset (`POST /demo/reset`, emulated mode only). */
  reset?(): Promise<void>;
  close?(): Promise<void>;
}

export interface PayLinkOptions {
  /** Made once the store is open; their routes are mounted with pay-link's. */
  extensions?: readonly ((context: ExtensionContext) => PayLinkExtension)[];
  /**
   * How this process reaches its own routes: the built-in emulators are
   * called and send their notifications there. `PUBLIC_BASE_URL` by default.
   */
  selfUrl?: () => string;
  /** A store of your own instead of the one the configuration names; closed by `close()`. */
  store?: Store;
  /** Where logs go; JSON lines on stdout at `LOG_LEVEL` by default. */
  logger?: Logger;
  /** The clock of the app and the emulators (tests move it). */
  now?: () => number;
}

export interface PayLink {
  /** The routes, ready for `serve()` or a parent app's `route(prefix, app)`. */
  app: App;
  config: Config;
  store: Store;
  logger: Logger;
  /** Settles interrupted creations and erases customers' details past retention every `RECONCILE_INTERVAL_MS`. */
  reconciler: Reconciler;
  /** Stops the reconciler and the link watcher, waits for work under way, and closes the store. */
  close(): Promise<void>;
}

/** `config`: a parsed `Config`, or environment variables to parse (`process.env` or a record of your own). */
export async function createPayLink(config: Config | Record<string, string | undefined>, options: PayLinkOptions = {}): Promise<PayLink> {
  const parsed = isConfig(config) ? config : parseConfig(config);
  const selfUrl = options.selfUrl ?? (() => parsed.publicBaseUrl);
  const logger = options.logger ?? createLogger(parsed.logLevel);
  const store = options.store ?? (await openStore(parsed, logger));
  const changes = new LinkChanges();
  const watcher = new LinkWatcher({ store, changes, logger: logger.child({ component: 'link-watcher' }), now: options.now });
  let app: App;
  let extensions: PayLinkExtension[] = [];
  let reconciler: Reconciler;
  try {
    const router = new ProviderRouter(
      parsed.providers,
      createProviders(parsed, selfUrl, options.now),
      parsed.defaultProvider,
      { ...parsed.breaker, now: options.now },
      parsed.knownProviders,
    );
    extensions = (options.extensions ?? []).map((extend) => extend({ config: parsed, store, logger, selfUrl, now: options.now }));
    const mounts = Object.assign({}, ...extensions.map((extension) => extension.routes)) as Record<string, Hono>;
    const resetExtensions = async () => {
      for (const extension of extensions) await extension.reset?.();
    };
    app = createApp({ config: parsed, store, router, logger, mounts, resetExtensions, changes, watcher, now: options.now });
    reconciler = new Reconciler({
      store: publishingStore(store, changes),
      logger: logger.child({ component: 'reconciler' }),
      providerTimeoutMs: parsed.providerTimeoutMs,
      piiRetentionMs: parsed.piiRetentionMs,
      refunds: new RefundService({ store: publishingStore(store, changes), router, logger: logger.child({ component: 'refunds' }), now: options.now }),
      now: options.now,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  // A first pass now settles what a crash of the last process left behind.
  void reconciler.runOnce().catch((error: unknown) => logger.error({ err: error }, 'reconciler pass failed'));
  const stopReconciling = reconciler.start(parsed.reconcileIntervalMs);

  return {
    app,
    config: parsed,
    store,
    logger,
    reconciler,
    async close() {
      stopReconciling();
      // A pass or a read under way finishes before its store goes.
      await Promise.all([reconciler.idle(), watcher.close()]);
      for (const extension of extensions) await extension.close?.();
      await store.close();
    },
  };
}

const isConfig = (config: Config | Record<string, unknown>): config is Config => typeof config.withPort === 'function';
