import { describe, expect, it } from 'vitest';
import reference from '../fixtures/reference-values.json' with { type: 'json' };
import { formatKst, parseKst } from '../../core/kst.js';

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
