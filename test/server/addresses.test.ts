/** Address sets (TRUSTED_PROXIES, *_NOTIFY_IPS) and the key a per-address rate limit counts. */

import { describe, expect, it } from 'vitest';
import { addressSet, InvalidAddress, isLoopback, rateKeyOf } from '../../server/security/addresses.js';
import { RateLimits } from '../../server/security/rate-limits.js';
import { StreamSlots } from '../../server/security/stream-slots.js';
import { openSqliteStore } from '../../server/store/sqlite.js';

describe('an address set', () => {
  it('matches single addresses and CIDR ranges of both families', () => {
    const set = addressSet(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32']);
    expect(['203.0.113.7', '10.0.0.1', '10.255.255.254', '2001:db8::1', '2001:db8:ffff::9'].map((ip) => set.has(ip))).toEqual([true, true, true, true, true]);
    expect(['203.0.113.8', '11.0.0.1', '2001:db9::1', '', 'garbage', '::1'].map((ip) => set.has(ip))).toEqual([false, false, false, false, false, false]);
  });

  it('refuses what is not an address or a range', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'example.com', '1.2.3.4/', '1.2.3.4/8/8', '::/129', '10.0.0.0/-1']) {
      expect(() => addressSet([bad]), bad).toThrow(InvalidAddress);
    }
  });

  it('knows loopback, all of 127/8 and ::1', () => {
    expect(['127.0.0.1', '127.0.0.2', '::1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '::2', ''].some(isLoopback)).toBe(false);
  });
});

describe('the key of a per-address limit', () => {
  it('is the address for IPv4, and the /64 for IPv6, however the address is written', () => {
    expect(rateKeyOf('203.0.113.7')).toBe('203.0.113.7');
    const keys = ['2001:db8:1:2:aaaa::1', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::'].map(rateKeyOf);
    expect(new Set(keys)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(rateKeyOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(rateKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(rateKeyOf('')).toBe('');
  });
});

describe('link creations per address', () => {
  it('count an IPv6 client’s whole /64 as one', async () => {
    const store = openSqliteStore(':memory:');
    const limits = new RateLimits(store, { linksPerIp: [{ count: 2, windowMs: 60_000 }], smsPerPhone: [], smsTotal: [] }, () => 1_000_000);
    await limits.linkCreation({ ip: '2001:db8:1:2::1' });
    await limits.linkCreation({ ip: '2001:db8:1:2::2' });
    await expect(limits.linkCreation({ ip: '2001:db8:1:2:ffff::3' })).rejects.toMatchObject({ code: 'rate_limited' });
    await limits.linkCreation({ ip: '2001:db8:1:3::1' });
    await store.close();
  });
});

describe('event streams per address', () => {
  it('count an IPv6 client’s whole /64 against one cap', () => {
    const slots = new StreamSlots({ perIp: 2, perInstance: 100 });
    const taken = [slots.take('2001:db8:1:2::1'), slots.take('2001:db8:1:2::2')];
    expect(taken.every((slot) => 'release' in slot)).toBe(true);
    expect(slots.take('2001:db8:1:2:ffff::3')).toEqual({ full: 'per-ip' });
    expect('release' in slots.take('2001:db8:1:3::1')).toBe(true);
    for (const slot of taken) if ('release' in slot) slot.release();
    expect('release' in slots.take('2001:db8:1:2::9')).toBe(true);
  });
});
