/**
 * The event streams' bounds, over real HTTP from chosen loopback addresses:
 * at most STREAMS_PER_IP per client address and STREAMS_PER_INSTANCE in all
 * (429 too_many_streams beyond), each released when its client goes or its
 * link ends; and one read of the store per poll for all of an instance's
 * streams, never one per stream.
 */

import { request, type IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { WATCH_POLL_MS } from '../../server/links/watcher.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';

const PER_IP = 3;
const PER_INSTANCE = 5;
const PROXY = '127.0.0.9';

interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  /** A refusal's body. */
  body: string;
  /** The statuses the stream has sent so far. */
  statuses: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `/api/links/{id}/events` from loopback address `from`. */
function openStream(base: string, id: string, from: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/links/${id}/events`, { localAddress: from, headers }, (res) => {
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => res.on('end', done).on('close', done));
      const stream: Stream = { status: res.statusCode!, headers: res.headers, body: '', statuses: [], ended, close: () => req.destroy() };
      if (stream.status !== 200) {
        res.on('data', (chunk: string) => (stream.body += chunk));
        res.on('end', () => resolve(stream));
        return;
      }
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (const match of buffer.matchAll(/event: link\ndata: (.*)\n/g)) stream.statuses.push((JSON.parse(match[1]!) as PaymentLink).status);
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      });
      resolve(stream);
    });
    req.on('error', reject).end();
  });
}

/** `count` streams opened one after another; whichever were refused, the statuses say. */
async function openMany(base: string, id: string, from: string, count: number, headers?: Record<string, string>) {
  const streams: Stream[] = [];
  for (let i = 0; i < count; i++) streams.push(await openStream(base, id, from, headers));
  return streams;
}

const statusesOf = (streams: Stream[]) => streams.map((stream) => stream.status);
const closeAll = (streams: Stream[]) => streams.forEach((stream) => stream.close());

/** Opens `count` streams from `from` once earlier ones are released (the server hears of a closed connection shortly after). */
async function openOnceFree(base: string, id: string, from: string, count: number, headers?: Record<string, string>) {
  let streams: Stream[] = [];
  await eventually(
    async () => {
      closeAll(streams);
      streams = await openMany(base, id, from, count, headers);
      return statusesOf(streams);
    },
    (statuses) => statuses.every((status) => status === 200),
    2000,
  );
  return streams;
}

async function createLink(backend: TestBackend): Promise<PaymentLink> {
  const response = await backend.post('/api/links', { amount: 5000, goodsName: '허브티' });
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}

/** KICC's payment notification for `link`, as the gateway posts it. */
const pay = (backend: TestBackend, link: PaymentLink) =>
  backend.post('/webhooks/kicc', {
    resCd: '0000',
    resMsg: '정상처리',
    mallId: EMULATOR_CREDENTIALS.kicc.mallId,
    notiType: '10',
    pgCno: `A${Date.now()}${Math.random()}`.slice(0, 20),
    shopOrderNo: link.orderId,
    amount: String(link.amount),
    statusCode: 'TS03',
  });

describe('stream caps', () => {
  let backend: TestBackend;
  let link: PaymentLink;
  beforeAll(async () => {
    backend = await startBackend({ STREAMS_PER_IP: String(PER_IP), STREAMS_PER_INSTANCE: String(PER_INSTANCE), TRUSTED_PROXIES: PROXY });
    link = await createLink(backend);
  });
  afterAll(() => backend.dispose());

  it(`refuses a client address its ${PER_IP + 1}th stream with 429 too_many_streams and a Retry-After, in its language; another address is not affected`, async () => {
    const held = await openMany(backend.url, link.id, '127.0.0.21', PER_IP);
    expect(statusesOf(held)).toEqual(Array(PER_IP).fill(200));
    expect(held.every((stream) => stream.statuses[0] === 'active')).toBe(true);

    const refused = await openStream(backend.url, link.id, '127.0.0.21', { 'accept-language': 'en' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'too_many_streams', message: 'Too many live status connections are open. Try again shortly.', retryable: true },
    });
    const inKorean = await openStream(backend.url, link.id, '127.0.0.21');
    expect((JSON.parse(inKorean.body) as ApiErrorBody).error.message).toContain('실시간 상태 연결');

    const elsewhere = await openStream(backend.url, link.id, '127.0.0.22');
    expect(elsewhere.status).toBe(200);
    closeAll([...held, elsewhere]);
  });

  it('frees a slot when its client goes away', async () => {
    const held = await openOnceFree(backend.url, link.id, '127.0.0.23', PER_IP);
    expect((await openStream(backend.url, link.id, '127.0.0.23')).status).toBe(429);
    held[0]!.close();
    const again = await openOnceFree(backend.url, link.id, '127.0.0.23', 1);
    closeAll([...held, ...again]);
  });

  it(`refuses the instance's ${PER_INSTANCE + 1}th stream, from any address`, async () => {
    const held = [...(await openOnceFree(backend.url, link.id, '127.0.0.31', PER_IP)), ...(await openOnceFree(backend.url, link.id, '127.0.0.32', PER_INSTANCE - PER_IP))];
    expect(statusesOf(held)).toEqual(Array(PER_INSTANCE).fill(200));
    const refused = await openStream(backend.url, link.id, '127.0.0.33');
    expect(refused.status).toBe(429);
    expect((JSON.parse(refused.body) as ApiErrorBody).error.code).toBe('too_many_streams');

    held[0]!.close();
    const freed = await openOnceFree(backend.url, link.id, '127.0.0.33', 1);
    closeAll([...held, ...freed]);
  });

  it('frees the slots of streams whose link was paid: they end, and the address may open as many again', async () => {
    const paid = await createLink(backend);
    const held = await openOnceFree(backend.url, paid.id, '127.0.0.41', PER_IP);
    expect((await pay(backend, paid)).status).toBe(200);
    await Promise.all(held.map((stream) => stream.ended));
    expect(held.map((stream) => stream.statuses)).toEqual(Array(PER_IP).fill(['active', 'paid']));

    const next = await openOnceFree(backend.url, link.id, '127.0.0.41', PER_IP);
    closeAll(next);
  });

  it('spends no slot on a link that does not exist', async () => {
    expect(statusesOf(await openMany(backend.url, 'pl_missing', '127.0.0.51', PER_IP + 1))).toEqual(Array(PER_IP + 1).fill(404));
    closeAll(await openOnceFree(backend.url, link.id, '127.0.0.51', PER_IP));
  });

  it('counts the client behind a trusted proxy by its forwarded address', async () => {
    const one = await openOnceFree(backend.url, link.id, PROXY, PER_IP, { 'x-forwarded-for': '203.0.113.1' });
    expect((await openStream(backend.url, link.id, PROXY, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429);
    const two = await openStream(backend.url, link.id, PROXY, { 'x-forwarded-for': '203.0.113.2' });
    expect(two.status).toBe(200);
    closeAll([...one, two]);
  });
});

describe('the store reads behind the streams', () => {
  let backend: TestBackend;
  /** Ids asked for by each read of links. */
  const reads: { one: string[]; many: string[][] } = { one: [], many: [] };
  /** How far the server's clock is ahead of the real one. */
  let ahead = 0;
  beforeAll(async () => {
    backend = await startBackend(
      {},
      {
        now: () => Date.now() + ahead,
        wrapStore: (store) => ({
          ...store,
          getLink: (id) => (reads.one.push(id), store.getLink(id)),
          getLinks: (ids) => (reads.many.push([...ids]), store.getLinks(ids)),
        }),
      },
    );
  });
  afterAll(() => backend.dispose());

  it(`are one query per ${WATCH_POLL_MS / 1000} s for all of an instance's streams, not one per stream`, async () => {
    const links = [await createLink(backend), await createLink(backend), await createLink(backend), await createLink(backend)];
    // Two streams on each link, from two addresses.
    const streams = await Promise.all(links.flatMap((link) => ['127.0.0.71', '127.0.0.72'].map((from) => openStream(backend.url, link.id, from))));
    await eventually(async () => streams.every((stream) => stream.statuses.length > 0), Boolean);
    await sleep(20);
    reads.one = [];
    reads.many = [];

    await sleep(WATCH_POLL_MS + 600);
    console.log(`${streams.length} streams on ${links.length} links, reads in ${WATCH_POLL_MS + 600} ms: ${reads.many.map((ids) => `getLinks(${ids.length} ids)`).join(', ')}; getLink ×${reads.one.length}`);
    expect(reads.one).toEqual([]);
    expect(reads.many.map((ids) => new Set(ids))).toEqual([new Set(links.map((link) => link.id))]);
    closeAll(streams);
  }, WATCH_POLL_MS + 5000);

  it('end a stream when its link expires, though nothing in the store changed', async () => {
    const made = await backend.post('/api/links', { amount: 5000, goodsName: '허브티', expiresAt: new Date(Date.now() + ahead + 6 * 60_000).toISOString() });
    expect(made.status).toBe(201);
    const link = (await made.json()) as PaymentLink;
    const stream = await openStream(backend.url, link.id, '127.0.0.73');
    await eventually(async () => stream.statuses.length, (count) => count > 0);
    ahead += 7 * 60_000;
    await stream.ended;
    expect(stream.statuses).toEqual(['active', 'expired']);
  }, WATCH_POLL_MS + 5000);
});
