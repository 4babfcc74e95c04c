/**
 * The API on PostgreSQL (`DATABASE_URL`): the same requests as on SQLite,
 * a representative set — create, idempotent replay, a payment's notification,
 * a rate limit — answered the same way.
 */

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

let schema: TestSchema;
let backend: TestBackend;
beforeAll(async () => {
  schema = await freshSchema();
  backend = await startBackend({ DATABASE_URL: schema.url, RATE_LIMIT_LINKS_PER_IP: '1000/1m', RATE_LIMIT_SMS_PER_PHONE: '2/10m' });
});
afterAll(async () => {
  await backend?.dispose();
  await schema?.drop();
});

async function create(body: unknown, headers?: Record<string, string>) {
  const response = await backend.post('/api/links', body, headers);
  return { response, json: (await response.json()) as PaymentLink & ApiErrorBody };
}

describe('on PostgreSQL', () => {
  it('keeps its links there: made with each provider and read back the same', async () => {
    for (const provider of ['kicc', 'paywelcome']) {
      const { response, json } = await create({ provider, amount: 15000, goodsName: '아메리카노 2잔', customer: { phone: '010-1234-5678' } });
      expect(response.status).toBe(201);
      expect(json).toMatchObject({ provider, status: 'active', amount: 15000 });
      const stored = await backend.store.getLink(json.id);
      expect(stored).toMatchObject({ id: json.id, state: 'active', customerPhone: '01012345678' });
      const read = (await (await backend.get(`/api/links/${json.id}`)).json()) as PaymentLink;
      expect({ ...read, customer: {} }).toEqual({ ...json, customer: {} });
    }
  });

  it('answers twenty requests with one Idempotency-Key from one provider call, identically, and replays the answer later', async () => {
    const kicc = backend.emulators!.kicc;
    kicc.faults.set({ mode: 'slow', delayMs: 200 });
    const calls = kicc.faults.calls;
    const answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await backend.post('/api/links', { amount: 4500, goodsName: '동시 요청' }, { 'idempotency-key': 'pg-burst' });
        return `${response.status} ${await response.text()}`;
      }),
    );
    kicc.faults.set(undefined);
    expect(kicc.faults.calls - calls).toBe(1);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^201 /);

    const later = await backend.post('/api/links', { amount: 4500, goodsName: '동시 요청' }, { 'idempotency-key': 'pg-burst' });
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(`${later.status} ${await later.text()}`).toBe(answers[0]);
  });

  it('marks a link paid when the customer pays and the notification arrives, once', async () => {
    const { json: link } = await create({ amount: 12000, goodsName: '조각 케이크' });
    const short = await backend.get(new URL(link.shortUrl!).pathname);
    expect(short.status).toBe(302);
    await fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }), redirect: 'manual' });
    const read = await eventually(
      async () => (await (await backend.get(`/api/links/${link.id}`)).json()) as PaymentLink,
      (current) => current.status === 'paid',
    );
    expect(read).toMatchObject({ status: 'paid', openedAt: expect.any(String), paidAt: expect.any(String) });
    await backend.emulators!.kicc.notifier.settled();
    expect((await backend.store.events(link.id)).map((event) => event.type)).toEqual(['create_requested', 'registered', 'opened', 'paid']);
  });

  it('refuses a third text to one number with 429 and Retry-After, and a used order id with 409', async () => {
    const textTo = { amount: 1000, goodsName: 'Tea', delivery: 'provider-sms', customer: { phone: '010-5555-0001' } };
    expect((await create(textTo)).response.status).toBe(201);
    expect((await create(textTo)).response.status).toBe(201);
    const third = await create(textTo);
    expect(third.response.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
    expect(Number(third.response.headers.get('retry-after'))).toBeGreaterThan(590);
    // Counted under a keyed hash of the number: the table never holds the number itself.
    const db = new pg.Client({ connectionString: schema.url });
    await db.connect();
    const { rows } = await db.query<{ key: string }>(`SELECT key FROM rate_hits WHERE bucket LIKE 'sms-per-phone/%'`).finally(() => db.end());
    expect(rows).toHaveLength(2);
    for (const { key } of rows) expect(key).toMatch(/^[\w-]{43}$/);

    expect((await create({ amount: 1000, goodsName: 'Tea', orderId: 'PG-ORDER-1' })).response.status).toBe(201);
    const again = await create({ amount: 1000, goodsName: 'Tea', orderId: 'PG-ORDER-1' });
    expect(again.response.status).toBe(409);
    expect(again.json.error.code).toBe('duplicate_order_id');
  });
});
