/**
 * One stream for all of a caller's links (`GET /api/links/events`), opened
 * with a minute-long ticket because EventSource cannot send a header: made,
 * opened and paid links of the caller arrive on it, nobody else's; tickets
 * are refused when forged, expired, or a widget token in disguise (and the
 * other way round); the stream ends with the token it came from; and on
 * PostgreSQL a link made and paid through one instance reaches a stream
 * held by another.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink, StreamTicket } from '../../core/link.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';
import { openEventStream, type EventStream, type SseEvent } from '../support/sse.js';

const SECRET = 'list-stream-widget-secret-0123456789abcdef';
/** How far the server's clock runs ahead of the real one (moved to reach a ticket's expiry). */
let ahead = 0;
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ WIDGET_TOKEN_SECRET: SECRET, STREAMS_PER_IP: '3' }, { now: () => Date.now() + ahead });
});
afterAll(() => backend?.dispose());

const as = (claims: Omit<WidgetClaims, 'exp'>, ttlSeconds = 600) => ({
  authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor((Date.now() + ahead) / 1000) + ttlSeconds, ...claims }, Date.now() + ahead)}`,
});
const till1 = as({ sub: 'till-1', role: 'staff' });
const till2 = as({ sub: 'till-2', role: 'staff' });

async function ticketFor(headers: Record<string, string>) {
  const response = await backend.post('/api/links/events/ticket', {}, headers);
  return { status: response.status, body: (await response.json()) as StreamTicket & ApiErrorBody };
}

async function follow(headers: Record<string, string>): Promise<EventStream> {
  const { status, body } = await ticketFor(headers);
  expect(status).toBe(200);
  const stream = await openEventStream(`${backend.url}/api/links/events?ticket=${body.ticket}`);
  expect(stream.status).toBe(200);
  await stream.until((events) => events.some((event) => event.event === 'ready'), 'ready');
  return stream;
}

async function make(headers: Record<string, string>, goodsName: string, instance: TestBackend = backend) {
  const response = await instance.post('/api/links', { amount: 7000, goodsName, customer: { phone: '010-5555-6666' } }, headers);
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

/** The customer pays on the emulated provider's page; its notification reaches the webhook. */
const pay = async (link: PaymentLink) => expect((await fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' })).status).toBeLessThan(400);

const versions = (events: SseEvent[], id: string) =>
  events.filter((event) => event.event === 'link').map((event) => JSON.parse(event.data) as PaymentLink).filter((link) => link.id === id);

describe('a stream ticket', () => {
  it('is given to staff and the merchant for a minute; a customer’s token gets none, and no token is 401', async () => {
    const { status, body } = await ticketFor(till1);
    expect(status).toBe(200);
    expect(Date.parse(body.expiresAt) - (Date.now() + ahead)).toBeGreaterThan(55_000);
    expect(Date.parse(body.expiresAt) - (Date.now() + ahead)).toBeLessThanOrEqual(60_000);
    expect((await ticketFor(as({ role: 'merchant' }))).status).toBe(200);
    for (const customer of [as({ sub: 'checkout-1' }), as({})]) {
      const refused = await ticketFor(customer);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await ticketFor({})).status).toBe(401);
  });

  it('opens nothing when forged, expired, or a widget token; and a ticket is no widget token', async () => {
    const { body } = await ticketFor(till1);
    const [payload] = body.ticket.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'merchant' })).toString('base64url')}.${body.ticket.split('.')[1]}`;
    const widgetToken = till1.authorization.slice('Bearer '.length);
    for (const ticket of [forged, widgetToken, 'nonsense', '']) {
      const refused = await openEventStream(`${backend.url}/api/links/events?ticket=${encodeURIComponent(ticket)}`);
      expect(refused.status, ticket).toBe(401);
      expect((JSON.parse(refused.body) as ApiErrorBody).error.code).toBe('unauthorized');
    }
    expect((await openEventStream(`${backend.url}/api/links/events`)).status).toBe(401);
    // The ticket as a widget token makes no link.
    expect((await backend.post('/api/links', { amount: 1000, goodsName: 'Tea' }, { authorization: `Bearer ${body.ticket}` })).status).toBe(401);

    ahead += 61_000;
    try {
      const late = await openEventStream(`${backend.url}/api/links/events?ticket=${body.ticket}`);
      expect(late.status).toBe(401);
      expect((JSON.parse(late.body) as ApiErrorBody).error.code).toBe('token_expired');
    } finally {
      ahead = 0;
    }
  });
});

describe('the stream of a caller’s links', () => {
  it('carries the caller’s links as they are made, opened and paid, with its customers in full, and no other till’s', async () => {
    const stream = await follow(till1);
    try {
      const coffee = await make(till1, '아메리카노');
      const cake = await make(till1, '조각 케이크');
      const elsewhere = await make(till2, '다른 계산대');
      expect((await backend.get(new URL(cake.shortUrl!).pathname)).status).toBe(302);
      await pay(coffee);
      await stream.until((events) => versions(events, coffee.id).at(-1)?.status === 'paid', 'the coffee paid');
      await stream.until((events) => versions(events, cake.id).some((link) => link.openedAt !== null), 'the cake opened');

      expect(versions(stream.events, coffee.id)[0]).toMatchObject({ status: 'active', goodsName: '아메리카노', customer: { phone: '01055556666' } });
      expect(versions(stream.events, cake.id).at(-1)).toMatchObject({ status: 'active', openedAt: expect.any(String) });
      expect(versions(stream.events, elsewhere.id)).toEqual([]);
      // Everything on one connection: the first event said it listens, and nothing before a link was made is a link.
      expect(stream.events[0]).toEqual({ event: 'ready', data: '{}' });
    } finally {
      stream.close();
    }
  });

  it('shows a merchant every till’s links; opened with the token itself by a client that can send headers', async () => {
    const merchant = await openEventStream(`${backend.url}/api/links/events`, as({ role: 'merchant' }));
    expect(merchant.status).toBe(200);
    try {
      await merchant.until((events) => events.some((event) => event.event === 'ready'), 'ready');
      const other = await make(till2, '매장 주문');
      await merchant.until((events) => versions(events, other.id).length > 0, 'another till’s link');
      expect(versions(merchant.events, other.id)[0]!.customer.phone).toBe('01055556666');
    } finally {
      merchant.close();
    }
  });

  it('ends when the token it was traded for expires', async () => {
    const stream = await follow(as({ sub: 'till-1', role: 'staff' }, 2));
    const started = Date.now();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('counts against the streams an address may hold, with the links’ own', async () => {
    const held = [await follow(till1), await follow(till1), await follow(till1)];
    try {
      const { body } = await ticketFor(till1);
      const refused = await openEventStream(`${backend.url}/api/links/events?ticket=${body.ticket}`);
      expect(refused.status).toBe(429);
      expect((JSON.parse(refused.body) as ApiErrorBody).error.code).toBe('too_many_streams');
    } finally {
      held.forEach((stream) => stream.close());
    }
  });
});

describe('in open mode', () => {
  it('needs no ticket, and masks customers', async () => {
    const open = await startBackend();
    try {
      const stream = await openEventStream(`${open.url}/api/links/events`);
      expect(stream.status).toBe(200);
      await stream.until((events) => events.some((event) => event.event === 'ready'), 'ready');
      const link = await make({}, '오픈 모드', open);
      await stream.until((events) => versions(events, link.id).length > 0, 'the link');
      expect(versions(stream.events, link.id)[0]!.customer.phone).toBe('010-****-6666');
      stream.close();
    } finally {
      await open.dispose();
    }
  });
});

describe('two instances on one PostgreSQL', () => {
  let schema: TestSchema;
  let a: TestBackend;
  let b: TestBackend;
  beforeAll(async () => {
    schema = await freshSchema();
    a = await startBackend({ DATABASE_URL: schema.url, WIDGET_TOKEN_SECRET: SECRET });
    b = await startBackend({ DATABASE_URL: schema.url, WIDGET_TOKEN_SECRET: SECRET });
  }, 30_000);
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await schema?.drop();
  });

  it('a link made and paid through one reaches a list streamed by the other, on a ticket the first one gave', async () => {
    const ticket = ((await (await a.post('/api/links/events/ticket', {}, till1)).json()) as StreamTicket).ticket;
    const stream = await openEventStream(`${b.url}/api/links/events?ticket=${ticket}`);
    expect(stream.status).toBe(200);
    try {
      await stream.until((events) => events.some((event) => event.event === 'ready'), 'ready');
      const link = await make(till1, '두 인스턴스', a);
      await stream.until((events) => versions(events, link.id).some((version) => version.status === 'active'), 'the link made on A', 3000);
      await pay(link);
      await stream.until((events) => versions(events, link.id).at(-1)?.status === 'paid', 'its payment, taken by A', 3000);
    } finally {
      stream.close();
    }
  });
});
