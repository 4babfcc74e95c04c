import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const MINUTE = 60_000;

/** A backend on a clock the test moves. */
async function clocked(env: Record<string, string>) {
  const clock = { now: Date.now() };
  const backend = await startBackend(env, { now: () => clock.now });
  return { backend, clock };
}

async function create(backend: TestBackend, body: unknown, headers: Record<string, string> = {}) {
  const response = await backend.post('/api/links', body, headers);
  return { response, json: (await response.json()) as PaymentLink & ApiErrorBody };
}

function expectRateLimited(response: Response, json: ApiErrorBody, retryAfter: [number, number]) {
  expect(response.status).toBe(429);
  expect(json.error).toMatchObject({ code: 'rate_limited', retryable: true });
  const seconds = Number(response.headers.get('retry-after'));
  expect(seconds).toBeGreaterThanOrEqual(retryAfter[0]);
  expect(seconds).toBeLessThanOrEqual(retryAfter[1]);
}

const tea = { amount: 1000, goodsName: 'Tea' };
const textTo = (phone: string) => ({ ...tea, delivery: 'provider-sms', customer: { phone } });

describe('link creations per client address', () => {
  let backend: TestBackend;
  let clock: { now: number };
  beforeAll(async () => {
    ({ backend, clock } = await clocked({ RATE_LIMIT_LINKS_PER_IP: '3/1m' }));
  });
  afterAll(() => backend.dispose());

  it('answers 429 with Retry-After past the limit, before the provider and without storing a link', async () => {
    for (let i = 0; i < 3; i++) expect((await create(backend, tea)).response.status).toBe(201);
    const calls = backend.emulators!.kicc.faults.calls;
    const stored = (await backend.store.listLinks({ states: ['creating', 'active', 'failed', 'unknown'], limit: 1000 })).length;

    const { response, json } = await create(backend, tea);
    expectRateLimited(response, json, [59, 60]);
    // A client behind no trusted proxy cannot pose as another address.
    expect((await create(backend, tea, { 'x-forwarded-for': '203.0.113.9' })).response.status).toBe(429);
    expect(backend.emulators!.kicc.faults.calls).toBe(calls);
    expect((await backend.store.listLinks({ states: ['creating', 'active', 'failed', 'unknown'], limit: 1000 })).length).toBe(stored);
  });

  it('counts creations, not invalid requests or replays, and frees up as the window slides', async () => {
    clock.now += MINUTE;
    const first = await create(backend, tea, { 'idempotency-key': 'window-2' });
    expect(first.response.status).toBe(201);
    for (let i = 0; i < 5; i++) {
      expect((await create(backend, tea, { 'idempotency-key': 'window-2' })).response.status).toBe(201);
      expect((await create(backend, { amount: 1 })).response.status).toBe(400);
    }
    expect((await create(backend, tea)).response.status).toBe(201);
    expect((await create(backend, tea)).response.status).toBe(201);
    expect((await create(backend, tea)).response.status).toBe(429);
  });
});

describe('behind a trusted proxy', () => {
  it('counts each forwarded client address on its own', async () => {
    const backend = await startBackend({ RATE_LIMIT_LINKS_PER_IP: '1/1m', TRUSTED_PROXIES: '127.0.0.1' });
    try {
      expect((await create(backend, tea, { 'x-forwarded-for': '203.0.113.1' })).response.status).toBe(201);
      expect((await create(backend, tea, { 'x-forwarded-for': '203.0.113.2' })).response.status).toBe(201);
      expect((await create(backend, tea, { 'x-forwarded-for': '203.0.113.1' })).response.status).toBe(429);
    } finally {
      await backend.dispose();
    }
  });
});

describe('texts per destination number (3 per 10 minutes, 10 a day by default)', () => {
  let backend: TestBackend;
  let clock: { now: number };
  beforeAll(async () => {
    ({ backend, clock } = await clocked({ RATE_LIMIT_LINKS_PER_IP: '1000/1m' }));
  });
  afterAll(() => backend.dispose());

  const outbox = (to: string) => backend.emulators!.kicc.sms.filter((sms) => sms.to === to).length;

  it('stops the fourth text to one number in ten minutes, by a new link or a resend; other numbers go on', async () => {
    const links: PaymentLink[] = [];
    for (let i = 0; i < 3; i++) links.push((await create(backend, textTo('010-1111-0001'))).json);
    expect(outbox('01011110001')).toBe(3);

    const again = await create(backend, textTo('01011110001'));
    expectRateLimited(again.response, again.json, [599, 600]);
    // Staff are told it is this number's limit, and how long to wait: a retry now would fail again.
    expect(again.json.error.fields).toEqual([
      { field: 'customer.phone', code: 'sms_rate_limited', message: '이 번호로는 10분에 3건까지만 문자를 보낼 수 있습니다. 10분 뒤에 다시 보내거나 링크를 직접 전달해 주세요.' },
    ]);
    const resend = await backend.post(`/api/links/${links[0]!.id}/resend`, {});
    expectRateLimited(resend, (await resend.json()) as ApiErrorBody, [599, 600]);
    expect(outbox('01011110001')).toBe(3);

    expect((await create(backend, textTo('010-1111-0002'))).response.status).toBe(201);
    // A link the customer gets some other way is no text.
    expect((await create(backend, { ...tea, customer: { phone: '010-1111-0001' } })).response.status).toBe(201);
  });

  it('stops the eleventh in a day, however the texts are spread', async () => {
    const phone = '010-1111-0003';
    for (const batch of [3, 3, 3, 1]) {
      for (let i = 0; i < batch; i++) expect((await create(backend, textTo(phone))).response.status).toBe(201);
      clock.now += 10 * MINUTE + 1000;
    }
    const eleventh = await create(backend, textTo(phone));
    expectRateLimited(eleventh.response, eleventh.json, [23 * 3600, 24 * 3600]);
    expect(outbox('01011110003')).toBe(10);
  });

  it('are counted under a keyed hash of the number, never the number itself, the same in every process on the database', async () => {
    const phone = '010-1111-0004';
    for (let i = 0; i < 3; i++) expect((await create(backend, textTo(phone))).response.status).toBe(201);
    const db = new Database(join(backend.dir, 'pay-link.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT bucket, key FROM rate_hits').all() as { bucket: string; key: string }[];
    const secrets = db.prepare('SELECT value FROM secrets').all() as { value: string }[];
    db.close();
    for (const { key } of rows) expect(key).not.toMatch(/01[016789]\d{7,8}/);
    const perPhone = rows.filter((row) => row.bucket.startsWith('sms-per-phone/'));
    for (const { key } of perPhone) expect(key).toMatch(/^[\w-]{43}$/);
    // The database's one secret keys the hash: without it the key says nothing about the number.
    expect(secrets).toHaveLength(1);
    const hashed = createHmac('sha256', secrets[0]!.value).update('01011110004').digest('base64url');
    expect(perPhone.filter((row) => row.key === hashed)).toHaveLength(3 * 2);

    // Another process on the database hashes the number with the same key, so the fourth text is refused there too.
    const other = await startBackend({ RATE_LIMIT_LINKS_PER_IP: '1000/1m' }, { dir: backend.dir, now: () => clock.now });
    try {
      const fourth = await other.post('/api/links', textTo(phone));
      expect(fourth.status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('texts only Korean mobile numbers: foreign and landline numbers are refused before the provider', async () => {
    const calls = backend.emulators!.kicc.faults.calls;
    for (const phone of ['+1 415 555 0100', '+44 7700 900123', '02-123-4567', '070-1234-5678', '0101234567890', '+82 10-1234-5678']) {
      const { response, json } = await create(backend, textTo(phone));
      expect(response.status).toBe(400);
      expect(json.error.fields).toEqual([expect.objectContaining({ field: 'customer.phone', code: 'invalid_phone' })]);
    }
    expect(backend.emulators!.kicc.faults.calls).toBe(calls);
  });
});

describe('texts for the whole deployment', () => {
  it('stop at the daily cap, whatever the numbers; links without a text go on', async () => {
    const backend = await startBackend({ RATE_LIMIT_SMS_TOTAL: '2/1d' });
    try {
      expect((await create(backend, textTo('010-3000-0001'))).response.status).toBe(201);
      expect((await create(backend, textTo('010-3000-0002'))).response.status).toBe(201);
      const third = await create(backend, textTo('010-3000-0003'));
      expectRateLimited(third.response, third.json, [86_399, 86_400]);
      // Not this number's limit: nothing for staff to change on the phone field.
      expect(third.json.error.fields).toBeUndefined();
      expect((await create(backend, tea)).response.status).toBe(201);
    } finally {
      await backend.dispose();
    }
  });
});

describe('the counters in the SQLite store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pay-link-rate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hold across processes sharing the database: three processes racing for 50 hits get exactly 50', async () => {
    const path = join(dir, 'shared.sqlite');
    const go = join(dir, 'go');
    await openSqliteStore(path).close();
    // Each process says when it is ready and starts taking once all are, so their takes interleave.
    const racer = `
      import { existsSync } from 'node:fs';
      import { openSqliteStore } from ${JSON.stringify(new URL('../../server/store/sqlite.js', import.meta.url).pathname)};
      const store = openSqliteStore(${JSON.stringify(path)});
      console.log('ready');
      while (!existsSync(${JSON.stringify(go)})) await new Promise((resolve) => setTimeout(resolve, 2));
      let allowed = 0;
      const first = Date.now();
      for (let i = 0; i < 40; i++) {
        const decision = await store.takeRateLimit([{ bucket: 'race', key: 'k', limit: 50, windowMs: 60000 }], Date.now());
        if (decision.allowed) allowed++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      console.log(JSON.stringify({ allowed, first, last: Date.now() }));`;
    const racers = Array.from({ length: 3 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', racer], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      const ready = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          if (out.startsWith('ready')) resolve();
        });
      });
      const done = new Promise<{ allowed: number; first: number; last: number }>((resolve) => {
        child.on('close', () => resolve(JSON.parse(out.slice('ready'.length))));
      });
      return { ready, done };
    });
    await Promise.all(racers.map((racer) => racer.ready));
    writeFileSync(go, '');
    const results = await Promise.all(racers.map((racer) => racer.done));
    expect(Math.max(...results.map((r) => r.first))).toBeLessThan(Math.min(...results.map((r) => r.last)));
    expect(results.reduce((sum, r) => sum + r.allowed, 0)).toBe(50);
  });
});
