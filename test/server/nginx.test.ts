/**
 * README "Deploy" as it stands: a real nginx with the README's own blocks in
 * front of two live instances (separate processes) on one PostgreSQL, served
 * under /pay-link/. The "gateway" is a third pay-link, emulated, reached at
 * its /emulator/kicc over HTTP as KICC would be; its notifications come from
 * 127.0.0.2, the one address the instances are told to believe.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { API_BODY_LIMIT_BYTES } from '../../server/body-limit.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { ERROR_MESSAGES } from '../../server/error-messages.js';
import { mintWidgetToken } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { eventually } from '../support/eventually.js';
import { readmeNginxBlock, startNginx, type Nginx } from '../support/nginx.js';
import { postFrom } from '../support/post-from.js';
import { freshSchema, type TestSchema } from '../support/postgres.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';

const SECRET = 'nginx-test-widget-secret-0123456789abcdef';
const { mallId, mallName, senderNo, secretKey } = EMULATOR_CREDENTIALS.kicc;

let gateway: TestBackend;
let schema: TestSchema;
let nginx: Nginx;
/** Instances A and B, always on the same two ports. */
let instances: ServerProcess[] = [];
let ports: number[];
/** Where clients reach pay-link: nginx, under the prefix. */
let base: string;

/** One live instance as README "Deploy" runs it; `trusted`: with TRUSTED_PROXIES naming nginx. */
const startInstance = (port: number, trusted: boolean) =>
  startServerProcess(
    {
      PUBLIC_BASE_URL: base,
      DATABASE_URL: schema.url,
      WIDGET_TOKEN_SECRET: SECRET,
      KICC_API_BASE: `${gateway.url}/emulator/kicc`,
      KICC_MALL_ID: mallId,
      KICC_MALL_NAME: mallName,
      KICC_SENDER_NO: senderNo,
      KICC_SECRET_KEY: secretKey,
      KICC_NOTIFY_IPS: '127.0.0.2',
      // A link takes at most 3 × 1 s + 5 s: an attempt cut off by a crash is taken over after 8 s.
      PROVIDER_TIMEOUT_MS: '1000',
      ...(trusted ? { TRUSTED_PROXIES: '127.0.0.1' } : {}),
    },
    port,
  );

beforeAll(async () => {
  gateway = await startBackend();
  schema = await freshSchema();
  ports = [await freePort(), await freePort()];
  nginx = await startNginx(ports);
  base = `${nginx.url}/pay-link`;
  instances = await Promise.all(ports.map((port) => startInstance(port, false)));
}, 40_000);
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await nginx?.stop();
  await gateway?.dispose();
  await schema?.drop();
});

const staff = { authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 3600, sub: 'till-1', role: 'staff' })}` };
const json = { 'content-type': 'application/json' };
let orders = 0;
const sale = () => ({ amount: 15000, goodsName: '아메리카노 2잔', orderId: `NGINX${Date.now()}${++orders}` });

function createThroughNginx(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/links`, { method: 'POST', headers: { ...json, ...staff, ...headers }, body: JSON.stringify(body) });
}
async function newLink(): Promise<PaymentLink> {
  const response = await createThroughNginx(sale());
  expect(response.status).toBe(201);
  return (await response.json()) as PaymentLink;
}
/** The instance nginx passed a request to last (its `X-Upstream` lists every one it tried). */
const answeredBy = (response: { headers: Headers }) => response.headers.get('x-upstream')!.split(', ').at(-1)!;
const addressOf = (instance: ServerProcess) => `127.0.0.1:${instance.port}`;
const statusOf = async (id: string) => ((await (await fetch(`${base}/api/links/${id}`)).json()) as PaymentLink).status;
const kiccNotification = (link: PaymentLink, pgCno: string) =>
  JSON.stringify({ resCd: '0000', resMsg: '정상처리', mallId, notiType: '10', pgCno, shopOrderNo: link.orderId, amount: String(link.amount), statusCode: 'TS03' });

describe('pay-link behind the README’s nginx, TRUSTED_PROXIES unset', () => {
  it('makes links through the prefix on both instances, and its Location and short link lead back through nginx', async () => {
    const answered = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await createThroughNginx(sale());
      expect(response.status).toBe(201);
      answered.add(answeredBy(response));
      const link = (await response.json()) as PaymentLink;

      const location = new URL(response.headers.get('location')!, response.url);
      expect(location.href).toBe(`${base}/api/links/${link.id}`);
      const read = await fetch(location);
      expect(read.status).toBe(200);
      expect(((await read.json()) as PaymentLink).id).toBe(link.id);

      expect(link.shortUrl).toMatch(new RegExp(`^${base}/p/`));
      const visit = await fetch(link.shortUrl!, { redirect: 'manual' });
      expect(visit.status).toBe(302);
      expect(visit.headers.get('location')).toBe(link.url);
      expect(link.url).toMatch(new RegExp(`^${gateway.config.publicBaseUrl}/emulator/kicc/pay/`));
    }
    // nginx took turns: one link was made by each instance.
    expect([...answered].sort()).toEqual(instances.map(addressOf).sort());
  });

  it('passes bodies up to the API’s limit on, and refuses a larger one itself in the API’s words', async () => {
    expect(readmeNginxBlock('server')).toContain(`client_max_body_size ${API_BODY_LIMIT_BYTES / 1024}k;`);
    const padded = (size: number) => {
      const body = JSON.stringify({ ...sale(), message: '' });
      return body.replace('"message":""', `"message":"${'a'.repeat(size - Buffer.byteLength(body))}"`);
    };

    expect(Buffer.byteLength(padded(API_BODY_LIMIT_BYTES))).toBe(API_BODY_LIMIT_BYTES);
    const atLimit = await fetch(`${base}/api/links`, { method: 'POST', headers: { ...json, ...staff }, body: padded(API_BODY_LIMIT_BYTES) });
    // The instance read it, and refused the message for its length, not the body for its size.
    expect(answeredBy(atLimit)).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(atLimit.status).toBe(400);
    expect(((await atLimit.json()) as ApiErrorBody).error.code).toBe('validation_failed');

    for (const locale of ['ko', 'en'] as const) {
      const over = await fetch(`${base}/api/links`, { method: 'POST', headers: { ...json, ...staff, 'accept-language': locale }, body: padded(API_BODY_LIMIT_BYTES + 1) });
      expect(over.status).toBe(413);
      // No instance saw it.
      expect(over.headers.get('x-upstream')).toBeNull();
      expect(over.headers.get('content-type')).toBe('application/json');
      expect(await over.json()).toEqual({ error: { code: 'payload_too_large', message: ERROR_MESSAGES[locale].payload_too_large } });
    }
  });

  it('refuses a forged notification through nginx — and the real gateway’s too, as nginx is not trusted', async () => {
    const link = await newLink();
    const forged = await postFrom('127.0.0.3', `${base}/webhooks/kicc`, kiccNotification(link, 'FORGED-1'), { ...json, 'x-forwarded-for': '203.233.72.150' });
    expect(forged.status).toBe(403);
    // The gateway's own address, through nginx, arrives as nginx's: refused until TRUSTED_PROXIES names nginx.
    const real = await postFrom('127.0.0.2', `${base}/webhooks/kicc`, kiccNotification(link, 'REAL-1'), json);
    expect(real.status).toBe(403);
    expect(await statusOf(link.id)).toBe('active');
  });

  it('shows a payment received by one instance on a stream held through nginx by the other', async () => {
    const link = await newLink();
    const stream = await fetch(`${base}/api/links/${link.id}/events`);
    expect(stream.status).toBe(200);
    const holder = answeredBy(stream);
    const other = instances.find((instance) => addressOf(instance) !== holder)!;
    expect(instances.map(addressOf)).toContain(holder);

    const seen = readStatuses(stream);
    const sent = Date.now();
    // Directly to the instance that does not hold the stream, from the gateway's address.
    const notified = await postFrom('127.0.0.2', `${other.url}/webhooks/kicc`, kiccNotification(link, 'PAID-1'), json);
    expect(notified.status).toBe(200);
    const statuses = await seen;
    const latency = statuses.find((status) => status.status === 'paid')!.at - sent;
    console.log(`nginx: paid on ${addressOf(other)}, seen on the stream held by ${holder} through nginx after ${latency} ms`);
    expect(statuses.map((status) => status.status)).toEqual(['active', 'paid']);
    // PostgreSQL LISTEN/NOTIFY carries it across instances (postgres-changes.ts): well inside a second.
    expect(latency).toBeLessThan(1000);
  }, 15_000);
});

describe('pay-link behind the README’s nginx, TRUSTED_PROXIES=127.0.0.1', () => {
  beforeAll(async () => {
    for (const instance of instances) await instance.stop();
    instances = await Promise.all(ports.map((port) => startInstance(port, true)));
  }, 40_000);

  it('believes the gateway through nginx, and still refuses a client that names the gateway in its own X-Forwarded-For', async () => {
    const link = await newLink();
    // nginx appends the peer: "203.233.72.150, 127.0.0.3"; the rightmost address not a proxy is the client's own.
    const forged = await postFrom('127.0.0.3', `${base}/webhooks/kicc`, kiccNotification(link, 'FORGED-2'), { ...json, 'x-forwarded-for': '203.233.72.150' });
    expect(forged.status).toBe(403);
    expect(await statusOf(link.id)).toBe('active');

    const real = await postFrom('127.0.0.2', `${base}/webhooks/kicc`, kiccNotification(link, 'REAL-2'), json);
    expect(real.status).toBe(200);
    expect(await statusOf(link.id)).toBe('paid');
  });

  it('answers a request cut off by a dying instance as the API’s error, and its retry with the same key makes no second link', async () => {
    const kicc = gateway.emulators!.kicc;
    // The gateway holds the registration long enough for the instance to die during the call.
    kicc.faults.set({ mode: 'slow', delayMs: 800, times: 1 });
    const callsBefore = kicc.faults.calls;
    // nginx takes the instances in turn: the one after this probe's gets the request.
    const probe = await fetch(`${base}/healthz`);
    const victim = instances.find((instance) => addressOf(instance) !== answeredBy(probe))!;
    const survivor = instances.find((instance) => instance !== victim)!;

    const body = sale();
    const key = { 'idempotency-key': `nginx-kill-${body.orderId}` };
    const first = createThroughNginx(body, key);
    await eventually(async () => kicc.faults.calls, (calls) => calls > callsBefore, 5000);
    await victim.kill();
    const cut = await first;
    expect(cut.status).toBe(502);
    expect(cut.headers.get('content-type')).toBe('application/json');
    expect(answeredBy(cut)).toBe(addressOf(victim));
    expect(await cut.json()).toEqual({ error: { code: 'server_unavailable', message: ERROR_MESSAGES.ko.server_unavailable, retryable: true } });

    // The widget's retry: the same body and key. The survivor waits until the dead attempt is stale, then answers for it.
    const started = Date.now();
    const retry = await createThroughNginx(body, key);
    console.log(`nginx: retry after the crash answered ${retry.status} by ${answeredBy(retry)} in ${Date.now() - started} ms`);
    expect(answeredBy(retry)).toBe(addressOf(survivor));
    expect(retry.status).toBe(504);
    const { error } = (await retry.json()) as ApiErrorBody;
    expect(error.code).toBe('provider_timeout');
    const link = (await (await fetch(`${base}/api/links/${error.linkId}`)).json()) as PaymentLink;
    expect(link.orderId).toBe(body.orderId);

    const again = await createThroughNginx(body, key);
    expect(again.status).toBe(504);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as ApiErrorBody).error.linkId).toBe(error.linkId);
    // One call reached the gateway, one registration holds the order.
    expect(kicc.faults.calls - callsBefore).toBe(1);
    expect((await kicc.registrations.values()).filter((registration) => registration.shopOrderNo === body.orderId)).toHaveLength(1);
  }, 30_000);
});

/** The statuses a link's event stream sends until it ends, each with when it arrived. */
async function readStatuses(stream: Response): Promise<{ status: string; at: number }[]> {
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  const seen: { status: string; at: number }[] = [];
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return seen;
    buffer += value;
    for (const match of buffer.matchAll(/event: link\ndata: (.*)\n/g)) seen.push({ status: (JSON.parse(match[1]!) as PaymentLink).status, at: Date.now() });
    buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
  }
}
