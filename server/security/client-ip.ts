/**
 * The address a request came from. Behind a reverse proxy the socket's peer
 * is the proxy; its `X-Forwarded-For` is believed only when the peer is one
 * of `TRUSTED_PROXIES`, and then only up to the first address that is not.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same peer. */
export const normalizeIp = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export function clientIp(c: Context, trustedProxies: readonly string[]): string {
  let ip: string;
  try {
    ip = normalizeIp(getConnInfo(c).remote.address ?? '');
  } catch {
    // No socket: an in-process request (app.request in tests).
    return '';
  }
  if (!trustedProxies.includes(ip)) return ip;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => normalizeIp(part.trim())).filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  }
  return ip;
}
