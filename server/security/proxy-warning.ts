/**
 * A live deployment behind a reverse proxy on the same host, with
 * `TRUSTED_PROXIES` unset, sees every request come from loopback: rate
 * limits then count the whole internet as one client, and the notification
 * allowlist can only be judged by the proxy's address. Said once, in the
 * log, the first time it happens.
 */

import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { isLoopback } from './addresses.js';
import { peerIp } from './client-ip.js';

export function warnOnUntrustedLocalProxy(): MiddlewareHandler<AppEnv> {
  let warned = false;
  return async (c, next) => {
    if (!warned && isLoopback(peerIp(c))) {
      warned = true;
      c.get('log').warn(
        { peer: peerIp(c), variable: 'TRUSTED_PROXIES' },
        'requests arrive from loopback, but TRUSTED_PROXIES is empty: if a reverse proxy on this host forwards them, every client looks like the proxy — ' +
          'per-address rate limits count all clients as one, and client addresses in the logs are the proxy\'s. Set TRUSTED_PROXIES to the proxy\'s address (127.0.0.1).',
      );
    }
    await next();
  };
}
