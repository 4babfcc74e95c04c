/**
 * Sets of client addresses — single addresses and CIDR ranges, IPv4 and
 * IPv6 — for the proxies we believe and the gateways' notification sources.
 * Node's own `BlockList` does the matching, so ranges such as a cloud load
 * balancer's `10.0.0.0/8` need no hand-written bit arithmetic.
 */

import { BlockList, isIP } from 'node:net';

/** What the built-in emulators send from, trusted only while every provider is emulated. */
export const LOOPBACK = ['127.0.0.1', '::1'] as const;

export class InvalidAddress extends Error {
  override name = 'InvalidAddress';
}

export interface AddressSet {
  has(ip: string): boolean;
  readonly size: number;
}

/** `entries`: addresses or `address/prefix` ranges; throws `InvalidAddress` naming a bad one. */
export function addressSet(entries: readonly string[]): AddressSet {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = familyOf(address);
    const bits = family === 'ipv4' ? 32 : 128;
    if (!family || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) || Number(prefix) > bits) {
      throw new InvalidAddress(`"${entry}" is not an IP address or a CIDR range such as 10.0.0.0/8`);
    }
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return {
    size: entries.length,
    has(ip: string) {
      const family = familyOf(ip);
      return family !== undefined && list.check(ip, family);
    },
  };
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are the same peer. */
export const normalizeIp = (ip: string) => ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** Loopback (127/8, ::1): a peer on this very host, such as a reverse proxy. */
export const isLoopback = (ip: string) => LOOPBACK_SET.has(ip);
const LOOPBACK_SET = addressSet(['127.0.0.0/8', '::1/128']);

/**
 * Who a per-address limit counts: an IPv4 address, or an IPv6 client's /64.
 * One IPv6 subscriber is routinely handed a whole /64, so counting single
 * addresses would let one client take 2^64 turns.
 */
export function rateKeyOf(ip: string): string {
  if (familyOf(ip) !== 'ipv6') return ip;
  const groups = expandIpv6(ip);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : ip;
}

function familyOf(ip: string): 'ipv4' | 'ipv6' | undefined {
  const version = isIP(ip);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/** The eight 16-bit groups of an IPv6 address, in lower-case hex without leading zeros. */
function expandIpv6(ip: string): string[] | undefined {
  const [head = '', tail] = ip.split('::');
  const parse = (part: string) => (part ? part.split(':') : []);
  let left = parse(head);
  let right = parse(tail ?? '');
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) is two groups.
  const last = (tail === undefined ? left : right).at(-1);
  if (last?.includes('.')) {
    const octets = last.split('.').map(Number);
    const groups = [((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16)];
    if (tail === undefined) left = [...left.slice(0, -1), ...groups];
    else right = [...right.slice(0, -1), ...groups];
  }
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => parseInt(group, 16).toString(16));
}
