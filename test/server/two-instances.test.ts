/**
 * Two instances on one PostgreSQL, behind no proxy, requests alternated:
 * instance A runs in this process with the built-in emulators; instance B is
 * `npm start`'s server in a child process, sharing nothing with A but the
 * database, and calling A's emulators as its payment gateways — so every
 * provider call is counted in one place. Both answer at one public address.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';

const LIMIT = 6;
const SHARED = { RATE_LIMIT_LINKS_PER_IP: `${LIMIT}/1m`, PROVIDER_TIMEOUT_MS: '3000' };

let schema: TestSchema;
let a: TestBackend;
let b: { url: string; process: ChildProcess };
beforeAll(async () => {
  schema = await freshSchema();
  a = await startBackend({ ...SHARED, DATABASE_URL: schema.url });
  b = await startInstanceB(a);
}, 30_000);
afterAll(async () => {
  if (b) await stop(b.process);
  await a?.dispose();
  await schema?.drop();
});

/** A request to one instance from a chosen loopback address: each test is its own client, with its own rate limit. */
function call(instance: string, from: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = request(`${instance}${path}`, { method, localAddress: from, headers: body ? { 'content-type': 'application/json', ...headers } : headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject).end(body ? JSON.stringify(body) : undefined);
  });
}

/** A, B, A, B… */
const alternate = (i: number) => (i % 2 ? b.url : a.url);

describe('two instances sharing one PostgreSQL', () => {
  it(`hold the rate limit together: of ${2 * LIMIT} creations alternated between them, the ${LIMIT + 1}th and later are 429`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i++) {
      const answer = await call(alternate(i), '127.0.0.11', 'POST', '/api/links', { amount: 1000 + i, goodsName: 'Tea' });
      statuses.push(answer.status);
      if (answer.status === 429) expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    console.log(`two instances, rate limit ${LIMIT}/1m per address: ${statuses.join(' ')}`);
    expect(statuses).toEqual([...Array(LIMIT).fill(201), ...Array(LIMIT).fill(429)]);
  });

  it('hold an Idempotency-Key together: twenty concurrent requests split between them make one provider call and get one answer', async () => {
    const kicc = a.emulators!.kicc;
    // A slow provider keeps the first request in flight while the others arrive at both instances.
    kicc.faults.set({ mode: 'slow', delayMs: 400 });
    const calls = kicc.faults.calls;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(alternate(i), '127.0.0.12', 'POST', '/api/links', { amount: 4500, goodsName: '동시 요청' }, { 'idempotency-key': 'two-instances-1' }),
      ),
    );
    kicc.faults.set(undefined);
    const other = await call(b.url, '127.0.0.12', 'POST', '/api/links', { amount: 9999, goodsName: '동시 요청' }, { 'idempotency-key': 'two-instances-1' });

    const figures = {
      providerCalls: kicc.faults.calls - calls,
      distinctAnswers: new Set(answers.map(({ status, text }) => `${status} ${text}`)).size,
      firstRuns: answers.filter((answer) => answer.headers['idempotent-replayed'] !== 'true').length,
    };
    console.log(`two instances, 20 concurrent requests with one key: ${JSON.stringify(figures)}`);
    expect(figures).toEqual({ providerCalls: 1, distinctAnswers: 1, firstRuns: 1 });
    expect(answers[0]!.status).toBe(201);
    expect(other.status).toBe(422);
  });

  it('serve one link: made on B, read and opened on A, paid through A, and B’s live stream sees it paid', async () => {
    const made = await call(b.url, '127.0.0.13', 'POST', '/api/links', { amount: 12000, goodsName: '조각 케이크' });
    expect(made.status).toBe(201);
    const link = JSON.parse(made.text) as PaymentLink;
    expect(link.url).toMatch(new RegExp(`^${a.config.publicBaseUrl}/emulator/kicc/pay/`));

    const read = await call(a.url, '127.0.0.13', 'GET', `/api/links/${link.id}`);
    expect({ ...(JSON.parse(read.text) as PaymentLink), customer: {} }).toEqual({ ...link, customer: {} });
    const opened = await call(a.url, '127.0.0.13', 'GET', new URL(link.shortUrl!).pathname);
    expect(opened).toMatchObject({ status: 302, headers: { location: link.url } });

    const stream = await fetch(`${b.url}/api/links/${link.id}/events`);
    const seen = readStatuses(stream);
    await fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }), redirect: 'manual' });
    // B hears of a change A commits through PostgreSQL's LISTEN/NOTIFY (links/watcher.ts).
    expect(await seen).toEqual(['active', 'paid']);

    const cancel = await call(b.url, '127.0.0.13', 'POST', `/api/links/${link.id}/cancel`, {});
    expect(cancel.status).toBe(409);
    expect((JSON.parse(cancel.text) as ApiErrorBody).error.code).toBe('link_not_active');
  }, 15_000);


  it('bring a payment received by one instance to a stream held by the other within a second, either way', async () => {
    const RUNS = 10;
    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Even runs: A takes the payment and B streams; odd runs the other way round.
      const [receiving, streaming] = i % 2 ? [b.url, a.url] : [a.url, b.url];
      const made = await call(receiving, `127.0.0.${100 + i}`, 'POST', '/api/links', { amount: 3000 + i, goodsName: '쿠키' });
      expect(made.status).toBe(201);
      const link = JSON.parse(made.text) as PaymentLink;
      const stream = timedStatuses(await fetch(`${streaming}/api/links/${link.id}/events`));
      await stream.until('active');

      const started = performance.now();
      const answer = await call(receiving, '127.0.0.1', 'POST', '/webhooks/kicc', kiccPayment(link));
      expect(JSON.parse(answer.text)).toEqual({ resCd: '0000', resMsg: '정상' });
      latencies.push((await stream.until('paid')) - started);
    }
    const sorted = [...latencies].sort((x, y) => x - y);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    console.log(
      `two instances, payment notification received by one → 'paid' on the other's stream, ${RUNS} runs: ` +
        `min ${ms(sorted[0]!)}, median ${ms((sorted[RUNS / 2 - 1]! + sorted[RUNS / 2]!) / 2)}, max ${ms(sorted.at(-1)!)}`,
    );
    expect(sorted.at(-1)!).toBeLessThan(1000);
  }, 30_000);
});

/** KICC's approval notification for `link`, as the gateway posts it. */
const kiccPayment = (link: PaymentLink) => ({
  resCd: '0000',
  resMsg: '정상처리',
  mallId: EMULATOR_CREDENTIALS.kicc.mallId,
  notiType: '10',
  pgCno: `A${Date.now()}`.padEnd(20, '0'),
  shopOrderNo: link.orderId,
  amount: String(link.amount),
  statusCode: 'TS03',
});

/** A link's event stream, each status with the moment it arrived (performance.now()). */
function timedStatuses(stream: Response) {
  const seen: { status: string; at: number }[] = [];
  void (async () => {
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += value;
      for (const match of buffer.matchAll(/event: link\ndata: (.*)\n/g)) seen.push({ status: (JSON.parse(match[1]!) as PaymentLink).status, at });
      buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
    }
  })();
  return {
    /** When `status` arrived; fails after 3 s. */
    async until(status: string): Promise<number> {
      const found = await eventually(async () => seen.find((event) => event.status === status), Boolean, 3000);
      if (!found) throw new Error(`no '${status}' within 3 s; seen ${seen.map((event) => event.status).join(', ')}`);
      return found.at;
    },
  };
}

/** The statuses a link's event stream sends, until it ends. */
async function readStatuses(stream: Response): Promise<string[]> {
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: string[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return seen;
    buffer += value;
    for (const match of buffer.matchAll(/event: link\ndata: (.*)\n/g)) seen.push((JSON.parse(match[1]!) as PaymentLink).status);
    buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
  }
}

/** Instance B: `server/main.ts` in its own process, with A's emulators as its gateways and A's public address. */
async function startInstanceB(a: TestBackend) {
  const port = await freePort();
  const { kicc, paywelcome } = EMULATOR_CREDENTIALS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      ...SHARED,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: a.config.publicBaseUrl,
      DATABASE_URL: schema.url,
      LOG_LEVEL: 'error',
      // The gateways are A's emulators, reached over HTTP like real ones.
      ALLOW_OPEN_API: 'true',
      KICC_API_BASE: `${a.url}/emulator/kicc`,
      KICC_MALL_ID: kicc.mallId,
      KICC_MALL_NAME: kicc.mallName,
      KICC_SENDER_NO: kicc.senderNo,
      KICC_SECRET_KEY: kicc.secretKey,
      PAYWELCOME_API_BASE: `${a.url}/emulator/paywelcome`,
      PAYWELCOME_MID: paywelcome.mid,
      PAYWELCOME_MKEY: paywelcome.mkey,
      PAYWELCOME_SIGN_KEY: paywelcome.signKey,
      // With its *_API_BASE set B is live, and believes loopback only when told to: the gateways here are on it.
      // The same shop as A, which is emulated and names the demo's shop by default.
      MERCHANT_NAME: '페이링크 데모',
      KICC_NOTIFY_IPS: '127.0.0.1',
      PAYWELCOME_NOTIFY_IPS: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`instance B exited with ${child.exitCode}`);
    if (await fetch(`${url}/healthz`).then((response) => response.ok, () => false)) return { url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('instance B did not start');
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
