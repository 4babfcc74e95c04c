/**
 * Serves the whole backend (pay-link.ts) on a port. main.ts calls it with
 * the environment's configuration; tests call it with their own and port 0.
 */

import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from './app.js';
import type { Config } from './config.js';
import type { Reconciler } from './links/reconciler.js';
import type { Logger } from './log.js';
import { createPayLink, type PayLink, type PayLinkOptions } from './pay-link.js';
import type { Store } from './store/store.js';

export interface RunningServer {
  /** Where this process listens, on loopback. */
  url: string;
  /** The configuration in force, with the real port. */
  config: Config;
  app: App;
  store: Store;
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
  /** Routes served beside pay-link's own: the built-in emulators in emulated mode. */
  extensions?: PayLinkOptions['extensions'];
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

  let payLink: PayLink;
  try {
    payLink = await createPayLink(config, { ...overrides, selfUrl: () => selfUrl });
  } catch (error) {
    await stopListening();
    throw error;
  }
  app = payLink.app;
  const { store, logger, reconciler } = payLink;
  return {
    url: selfUrl,
    config,
    app,
    store,
    logger,
    reconciler,
    async close() {
      await stopListening();
      await payLink.close();
    },
  };
}

/** How this process reaches itself: loopback when it listens on every address. */
function loopbackHost(host: string): string {
  if (['0.0.0.0', '::', '', 'localhost'].includes(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
