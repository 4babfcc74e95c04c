/**
 * The whole backend for a test: real HTTP on a random loopback port, a fresh
 * SQLite file (or the PostgreSQL of `DATABASE_URL`), the built-in emulators.
 * Options are environment variables, as an operator would set them.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../server/config.js';
import { createEmulators, type Emulators } from '../../server/emulators/index.js';
import type { ExtensionContext } from '../../server/pay-link.js';
import type { AnyProviderModule } from '../../server/providers/module.js';
import { openStore } from '../../server/store/open.js';
import type { Store } from '../../server/store/store.js';
import { startServer, type RunningServer, type ServerOverrides } from '../../server/server.js';

export interface TestBackend extends RunningServer {
  /** The built-in emulators, in emulated mode. */
  emulators: Emulators | undefined;
  /** The folder holding the database; kept across `restart()`. */
  dir: string;
  env: Record<string, string>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Stops this server and starts another on the same database, as after a crash or a deploy. */
  restart(): Promise<TestBackend>;
  /** Stops the server and deletes its database. */
  dispose(): Promise<void>;
}

export interface BackendOptions {
  /** Keeps the database of an earlier backend. */
  dir?: string;
  /** The clock of the app and the emulators. */
  now?: () => number;
  /** Where logs go (a test reads them); silent by default. */
  logger?: ServerOverrides['logger'];
  /** Wraps the store the server opens (a test can make it fail or stall). */
  wrapStore?: (store: Store) => Store;
  /** The provider modules it knows: the registry's by default. */
  modules?: readonly AnyProviderModule[];
}

export async function startBackend(env: Record<string, string> = {}, options: BackendOptions = {}): Promise<TestBackend> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pay-link-'));
  const fullEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'pay-link.sqlite'),
    LOG_LEVEL: 'silent',
    PROVIDER_TIMEOUT_MS: '3000',
    EMULATOR_NOTIFY_INTERVAL_MS: '50',
    ...env,
  };
  const config = parseConfig(fullEnv, options.modules);
  const store = options.wrapStore?.(await openStore(config));
  let emulators: Emulators | undefined;
  const extensions = config.emulatorsMounted ? [(context: ExtensionContext) => (emulators = createEmulators(context))] : [];
  const server = await startServer(config, { now: options.now, logger: options.logger, store, extensions });
  const backend: TestBackend = {
    ...server,
    emulators,
    dir,
    env,
    post: (path, body, headers = {}) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(server.url + path, { headers, redirect: 'manual' }),
    async restart() {
      await server.close();
      // Let fetch's connection pool see the closed sockets before reusing the port.
      await new Promise((resolve) => setTimeout(resolve, 20));
      // The same address too: links carry it in their short URLs.
      return startBackend({ ...env, PORT: String(server.config.port) }, { ...options, dir });
    },
    async dispose() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return backend;
}
