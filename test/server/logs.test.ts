/**
 * What the logs and the answers hold after a busy session — links made,
 * texted, resent, refused, paid, cancelled, providers failing: structured
 * lines with request ids, phone numbers masked, no customer's name or
 * email, and no secret, signature or token anywhere.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { createLogger } from '../../server/log.js';
import { notificationSignature } from '../../server/providers/paywelcome/signature.js';
import { mintWidgetToken } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const SECRETS = {
  KICC_SECRET_KEY: 'kicc-secret-key-that-must-never-leak',
  PAYWELCOME_MKEY: 'paywelcome-mkey-that-must-never-leak',
  PAYWELCOME_SIGN_KEY: 'paywelcome-signkey-that-must-never-leak',
  WIDGET_TOKEN_SECRET: 'widget-token-secret-that-must-never-leak',
};
const PHONE = '010-4321-8765';
const NAME = '김고객';
const EMAIL = 'kim.customer@example.com';

let backend: TestBackend;
const lines: string[] = [];
/** Every answer the session got: status line, headers and body. */
const answers: string[] = [];
const tokens: string[] = [];
/** The texted link, read without a token. */
let anonymousRead: PaymentLink;

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(backend.url + path, { redirect: 'manual', ...init });
  const text = await response.text();
  answers.push(`${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
  return { status: response.status, text };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function token(claims: { sub?: string; amount?: number; role?: 'staff' } = {}) {
  const minted = mintWidgetToken(SECRETS.WIDGET_TOKEN_SECRET, { exp: Math.floor(Date.now() / 1000) + 600, ...claims });
  tokens.push(minted);
  return { authorization: `Bearer ${minted}` };
}

async function pay(provider: 'kicc' | 'paywelcome', link: PaymentLink) {
  const page = new URL(link.url!).pathname;
  await call(page, { method: 'POST', body: new URLSearchParams({ action: 'pay' }) });
  await backend.emulators![provider].notifier.settled();
}

beforeAll(async () => {
  const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
  backend = await startBackend({ ...SECRETS, PROVIDER_TIMEOUT_MS: '300', RATE_LIMIT_SMS_PER_PHONE: '2/10m' }, { logger });
  const mine = token({ sub: 'till-1', role: 'staff' });

  const texted = JSON.parse((await post('/api/links', { amount: 15000, goodsName: '커피', delivery: 'provider-sms', customer: { name: NAME, phone: PHONE, email: EMAIL } }, mine)).text) as PaymentLink;
  await call(`/api/links/${texted.id}`, { headers: mine });
  anonymousRead = JSON.parse((await call(`/api/links/${texted.id}`)).text) as PaymentLink;
  await post(`/api/links/${texted.id}/resend`, {}, mine);
  // The third text to the number is refused, and logged.
  await post(`/api/links/${texted.id}/resend`, {}, mine);
  await pay('kicc', texted);

  const welcome = JSON.parse((await post('/api/links', { provider: 'paywelcome', amount: 9000, goodsName: 'Tea', customer: { phone: PHONE } }, token())).text) as PaymentLink;
  await pay('paywelcome', welcome);
  const cancelled = JSON.parse((await post('/api/links', { amount: 3000, goodsName: 'Tea' }, mine)).text) as PaymentLink;
  await post(`/api/links/${cancelled.id}/cancel`, {}, mine);
  await call(new URL(cancelled.shortUrl!).pathname);

  for (const fault of [{ mode: 'timeout', delayMs: 1000 }, { mode: 'garbage' }, { mode: 'http500' }] as const) {
    backend.emulators!.kicc.faults.set(fault);
    await post('/api/links', { amount: 1000, goodsName: 'Tea', customer: { phone: PHONE } }, token());
  }
  backend.emulators!.kicc.faults.set(undefined);

  await post('/api/links', { amount: 100, goodsName: 'Tea' }, token({ amount: 15000 }));
  await post('/api/links', { amount: 100, goodsName: 'Tea' }, { authorization: `Bearer ${tokens[0]!.slice(0, -3)}abc` });
  await post('/api/links', { amount: 100, goodsName: 'Tea' }, { authorization: `Bearer ${SECRETS.WIDGET_TOKEN_SECRET}` });
  await post('/webhooks/paywelcome', { mid: 'welcometst', oid: 'nope', price: '1', transType: '00', Signature: 'f'.repeat(64) });
  await backend.reconciler.runOnce();
}, 30_000);
afterAll(() => backend.dispose());

/** Every value that must stay secret, including the signatures the session produced. */
async function secretValues(): Promise<string[]> {
  const makeUrlSignatures = backend.emulators!.paywelcome.requests.map((request) => new URLSearchParams(request.body).get('signature')!);
  const notificationSignatures = (await backend.emulators!.paywelcome.links.values()).map((link) =>
    notificationSignature({ mid: link.mid, signKey: SECRETS.PAYWELCOME_SIGN_KEY, orderId: link.oid, amount: String(link.amount), transType: '00' }),
  );
  expect(makeUrlSignatures.length).toBeGreaterThan(0);
  return [...Object.values(SECRETS), ...tokens, ...makeUrlSignatures, ...notificationSignatures, 'Bearer'];
}

describe('the logs', () => {
  it('are JSON lines, each request line with its request id', () => {
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = parsed.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThan(20);
    for (const line of requests) expect(line).toMatchObject({ requestId: expect.any(String), method: expect.any(String), status: expect.any(Number) });
  });

  it('never hold a secret key, a signature, a widget token or an Authorization header', async () => {
    const all = lines.join('\n');
    for (const secret of await secretValues()) expect(all).not.toContain(secret);
  });

  it('show phone numbers masked, never whole', () => {
    const all = lines.join('\n');
    expect(all).not.toContain('01043218765');
    expect(all).not.toContain(PHONE);
    // The refused third text is logged with the number it was for, masked.
    const refused = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.code === 'rate_limited');
    expect(refused).toMatchObject({ phone: '010-****-8765', limit: expect.stringMatching(/^sms-per-phone/) });
  });

  it('never hold a customer’s name or email', () => {
    const all = lines.join('\n');
    expect(all).not.toContain(NAME);
    expect(all).not.toContain(EMAIL);
  });
});

describe('the answers', () => {
  it('show the customer’s details masked to anyone but the link’s creator', () => {
    expect(anonymousRead.customer).toEqual({ name: '김*객', phone: '010-****-8765', email: 'ki***@example.com' });
  });

  it('never hold a secret key, a signature or a widget token', async () => {
    expect(answers.length).toBeGreaterThan(15);
    const all = answers.join('\n');
    for (const secret of await secretValues()) expect(all).not.toContain(secret);
  });
});
