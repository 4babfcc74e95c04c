/**
 * Property-based fuzzing of every endpoint over real HTTP (loopback), with
 * random and hostile bodies, headers, content types and paths. Whatever
 * arrives: never a 5xx, never a provider call for a request that was refused,
 * never a secret, signature or token in an answer. The figures are printed.
 */

import fc from 'fast-check';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { mintWidgetToken } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const SECRETS = {
  KICC_SECRET_KEY: 'fuzz-kicc-secret-key-never-shown',
  PAYWELCOME_MKEY: 'fuzz-paywelcome-mkey-never-shown',
  PAYWELCOME_SIGN_KEY: 'fuzz-paywelcome-signkey-never-shown',
  WIDGET_TOKEN_SECRET: 'fuzz-widget-token-secret-never-shown',
};
const RUNS = 500;

let backend: TestBackend;
const tokens: Record<string, string> = {};
const links: PaymentLink[] = [];
const figures = { requests: 0, fiveXx: 0, refusedWithProviderCall: 0, providerCalls: 0, byStatus: {} as Record<string, Record<number, number>> };

beforeAll(async () => {
  backend = await startBackend({
    ...SECRETS,
    ALLOWED_ORIGINS: 'https://shop.example',
    RATE_LIMIT_LINKS_PER_IP: '100000/1m',
    RATE_LIMIT_SMS_PER_PHONE: '100000/1m',
    RATE_LIMIT_SMS_TOTAL: '100000/1d',
  });
  const exp = Math.floor(Date.now() / 1000) + 600;
  tokens.open = mintWidgetToken(SECRETS.WIDGET_TOKEN_SECRET, { exp, sub: 'fuzz' });
  tokens.fixed = mintWidgetToken(SECRETS.WIDGET_TOKEN_SECRET, { exp, amount: 15000, orderId: 'FUZZ-FIXED', provider: 'kicc' });
  tokens.expired = mintWidgetToken(SECRETS.WIDGET_TOKEN_SECRET, { exp: exp - 900 }, Date.now() - 600_000);
  for (const body of [
    { amount: 15000, goodsName: '아메리카노', delivery: 'provider-sms', customer: { phone: '010-1234-5678' } },
    { amount: 15000, goodsName: 'Tea', delivery: 'provider-sms', customer: { phone: '010-1234-5679' } },
    { provider: 'paywelcome', amount: 9000, goodsName: 'Tea' },
  ]) {
    const response = await backend.post('/api/links', body, { authorization: `Bearer ${tokens.open}` });
    links.push((await response.json()) as PaymentLink);
  }
}, 30_000);

afterAll(async () => {
  console.log(`fuzz figures: ${JSON.stringify(figures)}`);
  await backend.dispose();
});

const providerCalls = () => backend.emulators!.kicc.faults.calls + backend.emulators!.paywelcome.faults.calls;

/** Everything an answer must never contain. */
const forbidden = () => [...Object.values(SECRETS), ...Object.values(tokens)];

interface Request {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends `request`, checks the three properties, and counts the figures. */
async function check(property: string, { method, path, headers, body }: Request) {
  const before = providerCalls();
  const response = await fetch(backend.url + path, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  let text: string;
  if (response.body && response.headers.get('content-type')?.startsWith('text/event-stream')) {
    // A live link's event stream stays open: its first event is enough.
    const reader = response.body!.getReader();
    text = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
  } else {
    text = await response.text();
  }
  const calls = providerCalls() - before;
  figures.requests++;
  figures.providerCalls += calls;
  const statuses = (figures.byStatus[property] ??= {});
  statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  if (response.status >= 500) figures.fiveXx++;
  if (response.status >= 400 && calls > 0) figures.refusedWithProviderCall++;

  const context = `${method} ${path} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  if (response.status >= 400) expect(calls, context).toBe(0);
  const answer = `${[...response.headers].join('\n')}\n${text}`;
  for (const secret of forbidden()) expect(answer.includes(secret), context).toBe(false);
}

// ---- Arbitraries ----

const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constantFrom('', ' ', '가'.repeat(30), '☕', "'; DROP TABLE links;--", '<script>alert(1)</script>', '\u0000', '\r\n'));
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'amount ', 'AMOUNT', '');
const amount = fc.oneof(fc.integer(), fc.integer({ min: 100, max: 10_000_000 }), fc.double(), fc.constantFrom(0, -1, 1e300, Number.MAX_SAFE_INTEGER + 2), anyText, fc.constant(null));
const phone = fc.oneof(fc.constantFrom('010-1234-5678', '01098765432', '+1 415 555 0100', '02-123-4567'), printable(20), anyText);

/** A request that passes validation, so the fuzzing reaches the provider and the store. */
const validBody = fc.record(
  {
    provider: fc.constantFrom('kicc', 'paywelcome'),
    amount: fc.integer({ min: 100, max: 5_000_000 }),
    goodsName: fc.oneof(fc.constantFrom('Tea', '아메리카노 2잔', '조각 케이크', 'Café (ICE)'), fc.string({ unit: fc.constantFrom(...'가나다라 abc123()-'), minLength: 1, maxLength: 19 })),
    customer: fc.record({ name: fc.constantFrom('김고객', 'Kim'), phone: fc.constantFrom('010-1234-5678', '01098765432', '011-123-4567') }, { requiredKeys: [] }),
    delivery: fc.constantFrom('none', 'provider-sms'),
    message: fc.constantFrom('감사합니다', 'Thank you'),
    expiresAt: fc.integer({ min: 10, max: 60 * 48 }).map((minutes) => new Date(Date.now() + minutes * 60_000).toISOString()),
  },
  { requiredKeys: ['amount', 'goodsName'] },
);

const hostileValue = fc.oneof(amount, anyText, fc.jsonValue(), phone);
const field = fc.constantFrom('provider', 'amount', 'goodsName', 'orderId', 'customer', 'delivery', 'message', 'expiresAt', 'tip');

/** A valid request with one or two fields made hostile, or a hostile key added. */
const mutatedBody = fc
  .tuple(validBody, fc.array(fc.tuple(field, hostileValue), { minLength: 1, maxLength: 2 }))
  .map(([value, changes]) => Object.assign({ ...value }, Object.fromEntries(changes)) as Record<string, unknown>);

const body = fc.oneof(
  { weight: 3, arbitrary: validBody.map((value) => JSON.stringify(value)) },
  { weight: 4, arbitrary: mutatedBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.tuple(validBody, hostileKey, fc.jsonValue()).map(([value, key, extra]) => `{"${key}":${JSON.stringify(extra)},${JSON.stringify(value).slice(1)}`) },
  { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"amount": 1e999}', '[]', 'null', '{"a":'.repeat(2000), JSON.stringify({ goodsName: 'x'.repeat(20_000), amount: 1000 })) },
);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/jsonx') },
  { weight: 1, arbitrary: printable(60) },
);

const authorization = fc.oneof(
  { weight: 20, arbitrary: fc.constant('open').map((name) => `Bearer ${tokens[name]}`) },
  { weight: 1, arbitrary: fc.constantFrom('fixed', 'expired').map((name) => `Bearer ${tokens[name]}`) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('open', 'fixed'), fc.nat(), fc.constantFrom('A', 'b', '-', '.')).map(([name, at, char]) => {
      const token = tokens[name]!;
      const i = at % token.length;
      return `Bearer ${token.slice(0, i)}${char}${token.slice(i + 1)}`;
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom(`Bearer ${SECRETS.WIDGET_TOKEN_SECRET}`, 'Bearer', 'Basic dXNlcjpwYXNz', 'bearer  x.y') },
  { weight: 1, arbitrary: printable(200) },
);

/** Mostly what a real widget sends, so requests get past the door; sometimes anything. */
const headers = fc
  .record({
    'content-type': contentType,
    authorization: fc.option(authorization, { freq: 12 }),
    'idempotency-key': fc.option(fc.oneof(fc.uuid(), printable(300), fc.constant('fuzz-shared-key')), { freq: 2 }),
    origin: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant('https://shop.example') }, { weight: 1, arbitrary: fc.constantFrom('https://evil.example', 'null') }),
    'accept-language': fc.option(printable(40), { freq: 2 }),
    'x-forwarded-for': fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), printable(40)), { freq: 3 }),
    'x-anything': fc.option(printable(100), { freq: 3 }),
  })
  // Header values cannot start or end with spaces on the wire.
  .map((values) =>
    Object.fromEntries(
      Object.entries(values)
        .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    ),
  );

const linkId = fc.oneof(
  fc.constantFrom(0, 1, 2).map((i) => links[i]!.id),
  fc.constantFrom('pl_missing', 'pl_', '', '%00', '..%2f..%2fetc%2fpasswd', '%ff%fe', 'a'.repeat(5000)),
  printable(60).map(encodeURIComponent),
);

const path = fc.oneof(
  fc.constant('/api/links'),
  fc.constantFrom('/api/links?status=unknown', '/api/links?status=active', '/api/links?status[]=unknown'),
  linkId.map((id) => `/api/links/${id}`),
  fc.tuple(linkId, fc.constantFrom('resend', 'cancel', 'events', 'x', '')).map(([id, action]) => `/api/links/${id}/${action}`),
  fc.constantFrom('kicc', 'paywelcome', 'stripe', '%2e%2e', '').map((provider) => `/webhooks/${provider}`),
  fc.oneof(fc.constantFrom(0, 2).map((i) => new URL(links[i]!.shortUrl!).pathname), printable(30).map((t) => `/p/${encodeURIComponent(t)}`)),
  fc.constantFrom('/healthz', '/healthz/', '/widget.js', '/widget..js', '/return/paywelcome', '/api', '/api/', '//api/links', '/api/links/../../healthz', '/%2e%2e/%2e%2e/etc/passwd'),
  printable(80).map((p) => `/${encodeURI(p)}`),
);

const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');

describe('fuzzing', () => {
  it(`POST /api/links with ${RUNS} random and hostile bodies and headers`, async () => {
    await fc.assert(
      fc.asyncProperty(body, headers, async (text, hdrs) => check('create', { method: 'POST', path: '/api/links', headers: hdrs, body: text })),
      { numRuns: RUNS },
    );
  });

  it(`every endpoint, ${RUNS} random methods, paths and headers`, async () => {
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, async (m, p, hdrs, text) => check('any endpoint', { method: m, path: p, headers: hdrs, body: text })),
      { numRuns: RUNS },
    );
  });

  it(`the webhooks with ${RUNS} forged and garbled notifications; none marks a link paid`, async () => {
    const orderId = fc.oneof(fc.constantFrom(...links.map((l) => l.orderId)), fc.constant('NOPE'), anyText);
    // Never the links' own amounts: KICC does not sign its notifications, so one from an allowed
    // address with the right mall, order and amount is genuine, and would rightly mark the link paid.
    const price = fc.oneof(fc.constantFrom('1', '15001', '8999', '-1', '1e3', ''), fc.integer().filter((n) => n !== 15000 && n !== 9000).map(String), anyText);
    const kicc = fc.record(
      {
        resCd: fc.constantFrom('0000', '9999'),
        resMsg: anyText,
        mallId: fc.constantFrom('T5102001', 'OTHER'),
        notiType: fc.constantFrom('10', '20', '99'),
        pgCno: fc.oneof(fc.stringMatching(/^\d{20}$/), anyText),
        shopOrderNo: orderId,
        amount: price,
      },
      { requiredKeys: ['resCd', 'mallId', 'notiType', 'pgCno', 'shopOrderNo'] },
    );
    const paywelcome = fc.record(
      {
        transType: fc.constantFrom('00', '01', '02'),
        mid: fc.constantFrom('welcometst', 'other'),
        tid: printable(40),
        oid: orderId,
        price,
        Signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), anyText),
      },
      { requiredKeys: ['transType', 'mid', 'tid', 'oid', 'price'] },
    );
    const notification = fc.oneof(kicc, paywelcome) as fc.Arbitrary<Record<string, string>>;
    const encoded = fc.oneof(
      notification.map((n) => ({ type: 'application/json', text: JSON.stringify(n) })),
      notification.map((n) => ({ type: 'application/x-www-form-urlencoded', text: new URLSearchParams(n as Record<string, string>).toString() })),
      body.map((text) => ({ type: 'application/json', text })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('kicc', 'paywelcome'), encoded, headers, async (provider, { type, text }, hdrs) =>
        check('webhooks', { method: 'POST', path: `/webhooks/${provider}`, headers: { ...hdrs, 'content-type': type }, body: text }),
      ),
      { numRuns: RUNS },
    );
    // Forged amounts never match; PayWelcome's random signatures never verify.
    for (const link of links) expect((await backend.store.getLink(link.id))!.paidAt).toBeNull();
  });

  it('raw HTTP garbage does not take the server down', async () => {
    const garbage = [
      'POST /api/links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"amount":',
      'POST /api/links HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZZ\r\n',
      `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      'GET / HTTP/1.1\r\n' + 'X: y\r\n'.repeat(5000) + '\r\n',
      '\u0000\u0001\u0002 nonsense \r\n\r\n',
    ];
    const { port } = new URL(backend.url);
    for (const raw of garbage) {
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.end(raw));
        socket.on('data', () => undefined);
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
        socket.setTimeout(2000, () => socket.destroy());
      });
    }
    expect((await backend.get('/healthz')).status).toBe(200);
  });

  it('printed its figures, with no 5xx and no refused request reaching a provider', () => {
    expect(figures.requests).toBeGreaterThanOrEqual(3 * RUNS);
    expect(figures.fiveXx).toBe(0);
    expect(figures.refusedWithProviderCall).toBe(0);
  });
});
