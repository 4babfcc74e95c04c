/**
 * `GET /api/summary`: a Korea-time day's links in numbers, per provider and
 * in total — tested in Los Angeles with the server's clock at 01:30 in
 * Seoul, when "today" here is still the day before; and the totalling
 * itself with refunds, which the store records once refunds exist.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, LinkSummary } from '../../core/link.js';
import { summarize, type Summarised } from '../../server/links/summary.js';
import type { LinkRecord } from '../../server/store/store.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { created, link as fixture } from './store-contract/fixtures.js';

const SECRET = 'summary-widget-secret-0123456789abcdef012';
/** 01:30 on 11 March in Seoul. */
const NOW = Date.parse('2026-03-10T16:30:00Z');
const MIDNIGHT = Date.parse('2026-03-10T15:00:00Z');
const MINUTE = 60_000;

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET }, { now: () => NOW });
  const link = (change: Partial<LinkRecord>) => fixture({ state: 'active', url: 'https://pay.example/x', expiresAt: NOW + 7 * 24 * 60 * MINUTE, ...change });
  const at = (minutes: number) => MIDNIGHT + minutes * MINUTE;
  for (const record of [
    // 11 March in Seoul.
    link({ createdAt: at(0), amount: 15_000, state: 'paid', paidAt: at(2), owner: 'till-1' }),
    link({ createdAt: at(5), amount: 5_000, owner: 'till-1' }),
    link({ createdAt: at(6), amount: 3_000, state: 'cancelled', cancelledAt: at(7), owner: 'till-2' }),
    link({ createdAt: at(8), amount: 9_999, state: 'failed', url: null, owner: 'till-1' }),
    link({ createdAt: at(9), amount: 4_000, state: 'unknown', url: null, owner: 'till-2' }),
    link({ createdAt: at(10), amount: 20_000, provider: 'paywelcome', state: 'paid', paidAt: at(11), owner: 'till-2' }),
    link({ createdAt: at(12), amount: 1_000, provider: 'paywelcome', expiresAt: at(20), owner: 'till-1' }),
    // 10 March in Seoul, its last millisecond; and 12 March's first.
    link({ createdAt: MIDNIGHT - 1, amount: 7_000, state: 'paid', paidAt: MIDNIGHT + 1, owner: 'till-1' }),
    link({ createdAt: MIDNIGHT + 24 * 60 * MINUTE, amount: 8_000, owner: 'till-1' }),
  ]) {
    await backend.store.insertLink(record, created);
  }
});
afterAll(() => backend?.dispose());

const as = (claims: Omit<WidgetClaims, 'exp'>) => ({
  authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor(NOW / 1000) + 600, ...claims }, NOW)}`,
});
const merchant = as({ role: 'merchant' });

async function summary(query: string, headers: Record<string, string> = merchant) {
  const response = await backend.get(`/api/summary${query}`, headers);
  return { status: response.status, body: (await response.json()) as LinkSummary & ApiErrorBody };
}

const totals = (made: [number, number], paid: [number, number], refunded: [number, number] = [0, 0]) => ({
  made: { count: made[0], amount: made[1] },
  paid: { count: paid[0], amount: paid[1] },
  refunded: { count: refunded[0], amount: refunded[1] },
  net: paid[1] - refunded[1],
});

describe('GET /api/summary', () => {
  it('counts today’s links in Korea time by default — made, paid, refunded, net — per provider and in total; failed links were never made', async () => {
    const { status, body } = await summary('');
    expect(status).toBe(200);
    expect(body).toEqual({
      date: '2026-03-11',
      from: '2026-03-10T15:00:00.000Z',
      to: '2026-03-11T15:00:00.000Z',
      currency: 'KRW',
      total: totals([6, 48_000], [2, 35_000]),
      providers: { kicc: totals([4, 27_000], [1, 15_000]), paywelcome: totals([2, 21_000], [1, 20_000]) },
    });
  });

  it('counts another day when asked, by the day the links were made (paid after midnight or not)', async () => {
    const { body } = await summary('?date=2026-03-10');
    expect(body).toMatchObject({ date: '2026-03-10', from: '2026-03-09T15:00:00.000Z', total: totals([1, 7_000], [1, 7_000]), providers: { kicc: totals([1, 7_000], [1, 7_000]) } });
    expect((await summary('?date=2026-03-12')).body.total).toEqual(totals([1, 8_000], [0, 0]));
    expect((await summary('?date=2026-03-13')).body).toMatchObject({ total: totals([0, 0], [0, 0]), providers: {} });
  });

  it('counts only a till’s own links for its staff token; refuses a customer’s', async () => {
    expect((await summary('', as({ sub: 'till-1', role: 'staff' }))).body.total).toEqual(totals([3, 21_000], [1, 15_000]));
    expect((await summary('', as({ sub: 'till-2', role: 'staff' }))).body.providers).toEqual({ kicc: totals([2, 7_000], [0, 0]), paywelcome: totals([1, 20_000], [1, 20_000]) });
    const refused = await summary('', as({ sub: 'till-1' }));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await summary('', {})).status).toBe(401);
  });

  it('refuses a date that names no Korea-time day', async () => {
    for (const date of ['2026-02-30', '2026-03-10T00:00:00Z', 'today']) {
      const { status, body } = await summary(`?date=${date}`);
      expect(status, date).toBe(400);
      expect(body.error.fields?.[0]).toMatchObject({ field: 'date', code: 'invalid_date' });
    }
  });
});

describe('the totals', () => {
  const sold = (change: Partial<Summarised>): Summarised => ({ provider: 'kicc', amount: 10_000, state: 'paid', paidAt: 1, ...change });

  it('count refunds from the won refunded, once per link, and keep a refunded link paid', () => {
    const { total, providers } = summarize([
      sold({ refundedAmount: 10_000 }),
      sold({ refundedAmount: 2_500 }),
      sold({}),
      sold({ refundedAmount: null, provider: 'paywelcome' }),
      sold({ state: 'active', paidAt: null, refundedAmount: 0 }),
    ]);
    expect(total).toEqual(totals([5, 50_000], [4, 40_000], [2, 12_500]));
    expect(total.net).toBe(27_500);
    expect(providers.paywelcome).toEqual(totals([1, 10_000], [1, 10_000]));
  });
});
