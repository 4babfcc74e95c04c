/**
 * Starts the whole backend on a port: store, providers, emulators, the app.
 * main.ts calls it with the environment's configuration; tests call it with
 * their own and port 0.
 */

import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App } from './app.js';
import type { Config } from './config.js';
import { createEmulators, type Emulators } from './emulators/index.js';
import { LinkChanges, publishingStore } from './links/changes.js';
import { Reconciler } from './links/reconciler.js';
import { createLogger, type Logger } from './log.js';
import { createProviders } from './providers/registry.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';

export interface RunningServer {
  /** Where this process listens, on loopback. */
  url: string;
  /** The configuration in force, with the real port. */
  config: Config;
  app: App;
  store: Store;
  emulators: Emulators | undefined;
  logger: Logger;
  /** Runs every `RECONCILE_INTERVAL_MS`; tests call `runOnce()`. */
  reconciler: Reconciler;
  close(): Promise<void>;
}

export interface ServerOverrides {
  store?: Store;
  logger?: Logger;
  /** The clock of the app and the emulators (tests move it to reach expiry). */
  now?: () => number;
}

export async function startServer(requested: Config, overrides: ServerOverrides = {}): Promise<RunningServer> {
  // Listen first: with port 0 the addresses in the configuration are known only then.
  let app: App | undefined;
  const server = await new Promise<Server>((resolve) => {
    const listening = serve(
      { fetch: (request, env) => (app ? app.fetch(request, env) : new Response('starting', { status: 503 })), port: requested.port, hostname: requested.host },
      () => resolve(listening as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  const config = requested.port === 0 ? requested.withPort(port) : requested;
  const selfUrl = `http://${loopbackHost(config.host)}:${port}`;
  const stopListening = () =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });

  const logger = overrides.logger ?? createLogger(config.logLevel);
  let store: Store | undefined;
  let emulators: Emulators | undefined;
  const changes = new LinkChanges();
  let reconciler: Reconciler;
  try {
    const providers = createProviders(config, () => selfUrl, overrides.now);
    store = overrides.store ?? openSqliteStore(config.databasePath);
    emulators = config.emulatorsMounted ? createEmulators(config, () => selfUrl, overrides.now) : undefined;
    app = createApp({ config, store, providers, logger, emulators, changes, now: overrides.now });
    reconciler = new Reconciler({
      store: publishingStore(store, changes),
      logger: logger.child({ component: 'reconciler' }),
      providerTimeoutMs: config.providerTimeoutMs,
      phoneRetentionMs: config.phoneRetentionMs,
      now: overrides.now,
    });
  } catch (error) {
    await stopListening();
    await store?.close();
    throw error;
  }
  // A first pass now settles what a crash of the last process left behind.
  void reconciler.runOnce().catch((error: unknown) => logger.error({ err: error }, 'reconciler pass failed'));
  const stopReconciling = reconciler.start(config.reconcileIntervalMs);

  const opened = store;
  return {
    url: selfUrl,
    config,
    app,
    store: opened,
    emulators,
    logger,
    reconciler,
    async close() {
      stopReconciling();
      await stopListening();
      // A pass under way finishes before its store goes.
      await reconciler.idle();
      await opened.close();
    },
  };
}

/** How this process reaches itself: loopback when it listens on every address. */
function loopbackHost(host: string): string {
  if (['0.0.0.0', '::', '', 'localhost'].includes(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
