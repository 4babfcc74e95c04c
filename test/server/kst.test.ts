import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference-values.json' with { type: 'json' };
import { formatKst, kstDate, kstDay, parseKst } from '../../core/kst.js';

describe('Korea time on the wire', () => {
  it('runs in a time zone far from Korea, so the tests below mean something', () => {
    expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).toBe(420);
  });

  it.each(reference.kstTimestamp.cases)('formats $utc as $kst', ({ utc, kst }) => {
    expect(formatKst(new Date(utc))).toBe(kst);
  });

  it.each(reference.kstTimestamp.cases)('reads $kst back as $utc', ({ utc, kst }) => {
    expect(parseKst(kst)?.toISOString()).toBe(new Date(utc).toISOString());
  });

  it('refuses timestamps that name no instant', () => {
    expect(parseKst('20261131120000')).toBeNull();
    expect(parseKst('2026113012000')).toBeNull();
    expect(parseKst('20261130246000')).toBeNull();
  });
});

describe('Korea-time days', () => {
  it('names the day an instant falls on in Korea, not here', () => {
    // 23:59:59.999 and 00:00 in Seoul; the previous afternoon in Los Angeles either way.
    expect(kstDate(Date.parse('2026-03-10T14:59:59.999Z'))).toBe('2026-03-10');
    expect(kstDate(Date.parse('2026-03-10T15:00:00.000Z'))).toBe('2026-03-11');
  });

  it('spans a day from Korea’s midnight to the next, whatever daylight saving does here', () => {
    // 8 March 2026: Los Angeles moves its clocks; Korea does not.
    expect(kstDay('2026-03-08')).toEqual({ start: Date.parse('2026-03-07T15:00:00Z'), end: Date.parse('2026-03-08T15:00:00Z') });
    expect(kstDay('2026-12-31')!.end).toBe(kstDay('2027-01-01')!.start);
  });

  it('refuses what names no day', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-3-1', '20260301', '']) expect(kstDay(text)).toBeNull();
  });
});
