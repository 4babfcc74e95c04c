/**
 * The address a request came from. Behind a reverse proxy the socket's peer
 * is the proxy; its `X-Forwarded-For` is believed only when the peer is one
 * of `TRUSTED_PROXIES` (addresses or CIDR ranges), and then only up to the
 * first address that is not.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { addressSet, normalizeIp, type AddressSet } from './addresses.js';

export { normalizeIp } from './addresses.js';

/** Each configured list is parsed once; the configuration holds the same array for the life of the process. */
const parsed = new WeakMap<readonly string[], AddressSet>();
export function addressSetOf(entries: readonly string[]): AddressSet {
  let set = parsed.get(entries);
  if (!set) parsed.set(entries, (set = addressSet(entries)));
  return set;
}

/** The socket's peer, or `''` for an in-process request (app.request in tests). */
export function peerIp(c: Context): string {
  try {
    return normalizeIp(getConnInfo(c).remote.address ?? '');
  } catch {
    return '';
  }
}

export function clientIp(c: Context, trustedProxies: readonly string[]): string {
  const ip = peerIp(c);
  const trusted = addressSetOf(trustedProxies);
  if (!ip || !trusted.has(ip)) return ip;
  const forwarded = (c.req.header('x-forwarded-for') ?? '').split(',').map((part) => normalizeIp(part.trim())).filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trusted.has(forwarded[i]!)) return forwarded[i]!;
  }
  return ip;
}
