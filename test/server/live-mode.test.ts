/**
 * A live deployment can never be paid by a fake. The "gateway" here is a
 * second pay-link process in emulated mode, reached over real HTTP at its
 * /emulator/kicc, exactly as a merchant's server reaches KICC; the server
 * under test is configured as a merchant with only a KICC contract would
 * deploy it (README "Deploy", PAYWELCOME_* unset).
 */

import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { ConfigError, parseConfig } from '../../server/config.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { createLogger } from '../../server/log.js';
import { mintWidgetToken } from '../../server/tokens.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { postFrom } from '../support/post-from.js';

const SECRET = 'live-mode-widget-secret-0123456789abcdef';
const { mallId, mallName, senderNo, secretKey } = EMULATOR_CREDENTIALS.kicc;
const kiccContract = (apiBase: string) => ({
  KICC_API_BASE: apiBase,
  KICC_MALL_ID: mallId,
  KICC_MALL_NAME: mallName,
  KICC_SENDER_NO: senderNo,
  KICC_SECRET_KEY: secretKey,
  WIDGET_TOKEN_SECRET: SECRET,
});

describe('the configuration of a live deployment', () => {
  const live = kiccContract('https://testpgapi.easypay.co.kr');

  it('offers only the live provider, as the default, with no emulator or demo', () => {
    const config = parseConfig(live);
    expect(config).toMatchObject({ mode: 'live', defaultProvider: 'kicc', emulatorsMounted: false, demoEnabled: false });
    expect(config.providers.map((provider) => provider.id)).toEqual(['kicc']);
  });

  it('stays emulated, offering both, when nothing is live', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ mode: 'emulated', defaultProvider: 'kicc', emulatorsMounted: true, demoEnabled: true });
    expect(config.providers.map((provider) => provider.id)).toEqual(['kicc', 'paywelcome']);
  });

  it('stops, naming the variable, when asked for the emulators or the demo beside a live gateway', () => {
    for (const name of ['EMULATOR_ENABLED', 'DEMO_ENABLED']) {
      expect(() => parseConfig({ ...live, [name]: 'true' })).toThrow(ConfigError);
      expect(() => parseConfig({ ...live, [name]: 'true' })).toThrow(new RegExp(`Refusing to start: ${name}=true, but KICC_API_BASE`));
      // Saying no is always fine.
      expect(parseConfig({ ...live, [name]: 'false' }).emulatorsMounted).toBe(false);
    }
  });

  it('refuses a DEFAULT_PROVIDER that is not live', () => {
    expect(() => parseConfig({ ...live, DEFAULT_PROVIDER: 'paywelcome' })).toThrow(/DEFAULT_PROVIDER: paywelcome is not configured/);
    expect(parseConfig({ ...live, DEFAULT_PROVIDER: 'kicc' }).defaultProvider).toBe('kicc');
  });

  it('never trusts loopback or private addresses for a live provider’s notifications unless told to', () => {
    const [kicc] = parseConfig(live).providers;
    expect(kicc!.notifyIps).toEqual(['203.233.72.150', '203.233.72.151', '61.33.211.180', '61.33.205.151']);
    expect(kicc!.notifyIps.some((ip) => /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)|^::1$|^f[cde]/i.test(ip))).toBe(false);
    expect(parseConfig({ ...live, KICC_NOTIFY_IPS: '127.0.0.2' }).providers[0]!.notifyIps).toEqual(['127.0.0.2']);
    // Emulated providers keep trusting loopback, where the built-in emulators send from.
    expect(parseConfig({}).providers.map((provider) => provider.notifyIps.includes('127.0.0.1'))).toEqual([true, true]);
  });

  it('takes CIDR ranges for proxies and notification sources, and names a bad one', () => {
    expect(parseConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 2001:db8::/32,127.0.0.1' }).trustedProxies).toEqual(['10.0.0.0/8', '2001:db8::/32', '127.0.0.1']);
    for (const bad of ['10.0.0.0/33', 'localhost', '10.0.0.0/8/1', '2001:db8::/129']) {
      expect(() => parseConfig({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES: .* is not an IP address or a CIDR range/);
    }
    expect(() => parseConfig({ ...live, KICC_NOTIFY_IPS: '203.233.72.0/24,nope' })).toThrow(/KICC_NOTIFY_IPS/);
  });
});

describe('a live KICC deployment under attack', () => {
  let gateway: TestBackend;
  let server: TestBackend;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    gateway = await startBackend();
    const logger = createLogger(
      'warn',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );
    // The gateway's own notifications come from 127.0.0.2 in this test, and only that address is listed.
    server = await startBackend({ ...kiccContract(`${gateway.url}/emulator/kicc`), KICC_NOTIFY_IPS: '127.0.0.2' }, { logger });
  });
  afterAll(async () => {
    await server?.dispose();
    await gateway?.dispose();
  });

  const staff = () => ({ authorization: `Bearer ${mintWidgetToken(SECRET, { exp: Math.floor(Date.now() / 1000) + 600, sub: 'till-1', role: 'staff' })}` });
  const createLink = async (body: Record<string, unknown> = {}) => {
    const response = await server.post('/api/links', { amount: 15000, goodsName: 'x', ...body }, staff());
    return { status: response.status, json: (await response.json()) as PaymentLink & ApiErrorBody };
  };
  const kiccNotification = (link: PaymentLink, pgCno: string) =>
    JSON.stringify({ resCd: '0000', resMsg: '정상처리', mallId, notiType: '10', pgCno, shopOrderNo: link.orderId, amount: String(link.amount), statusCode: 'TS03' });
  const statusOf = async (id: string) => ((await (await server.get(`/api/links/${id}`)).json()) as PaymentLink).status;

  it('mounts no emulator route and no demo page', async () => {
    for (const path of ['/emulator/kicc/_sms', '/emulator/kicc/_faults', '/emulator/paywelcome/_faults', '/shop', '/pos', '/phone', '/demo', '/']) {
      expect((await server.get(path)).status, path).toBe(404);
    }
    const posted = await server.post('/emulator/paywelcome/smsShortUrl', 'P_MID=welcometst');
    expect(posted.status).toBe(404);
    // The demo's reset deletes every link: a live deployment has none to offer.
    const { json: link } = await createLink();
    expect((await server.post('/demo/reset', '', staff())).status).toBe(404);
    expect(await statusOf(link.id)).toBe('active');
    // The widget itself is still served.
    expect((await server.get('/widget.js')).status).toBe(200);
  });

  it('makes links on the live gateway only: the provider it has no contract with is not offered', async () => {
    const made = await createLink();
    expect(made.status).toBe(201);
    expect(made.json.provider).toBe('kicc');
    expect(made.json.url).toMatch(new RegExp(`^${gateway.config.publicBaseUrl}/emulator/kicc/`));

    const before = gateway.emulators!.paywelcome.faults.calls;
    const refused = await createLink({ provider: 'paywelcome' });
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: 'provider_not_configured', fields: [{ field: 'provider', code: 'provider_not_configured' }] });
    expect(gateway.emulators!.paywelcome.faults.calls).toBe(before);
    // Nor are its notifications taken.
    expect((await postFrom('127.0.0.1', `${server.url}/webhooks/paywelcome`, 'oid=x', { 'content-type': 'text/plain' })).status).toBe(404);
  });

  it('believes no KICC notification from loopback, so a link paid at a look-alike emulator stays unpaid', async () => {
    const { json: link } = await createLink();
    // Someone registers the real order at an emulator with the real mall id, pays it, and forwards the notification from this host.
    const forged = await postFrom('127.0.0.1', `${server.url}/webhooks/kicc`, kiccNotification(link, 'FORGED-1'), { 'content-type': 'application/json' });
    expect(forged.status).toBe(403);
    expect(await statusOf(link.id)).toBe('active');
    // Through a proxy on this host that the server was not told about: the forwarded address is not believed either.
    const proxied = await postFrom('127.0.0.1', `${server.url}/webhooks/kicc`, kiccNotification(link, 'FORGED-2'), {
      'content-type': 'application/json',
      'x-forwarded-for': '203.233.72.150',
    });
    expect(proxied.status).toBe(403);
    expect(await statusOf(link.id)).toBe('active');

    // The address the operator listed is believed.
    const real = await postFrom('127.0.0.2', `${server.url}/webhooks/kicc`, kiccNotification(link, 'REAL-1'), { 'content-type': 'application/json' });
    expect(real.status).toBe(200);
    expect(await statusOf(link.id)).toBe('paid');
  });

  it('warns once that loopback requests with no TRUSTED_PROXIES look like one client', async () => {
    await server.get('/healthz');
    await server.get('/healthz');
    const warnings = logLines.filter((line) => line.variable === 'TRUSTED_PROXIES');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/TRUSTED_PROXIES is empty.*rate limits count all clients as one/);
  });
});

describe('an emulated deployment', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend?.dispose());

  it('says nothing about proxies: nothing is live', async () => {
    expect(backend.config.mode).toBe('emulated');
    expect((await backend.get('/pos')).status).toBe(200);
    expect((await backend.get('/emulator/kicc/_sms')).status).toBe(200);
  });
});

describe('GET /api/providers', () => {
  it('lists what a deployment offers: both providers emulated, or only the live one', async () => {
    const emulated = await startBackend();
    // The emulated one is the live one's gateway too.
    const live = await startBackend(kiccContract(`${emulated.url}/emulator/kicc`));
    try {
      const listed = async (backend: TestBackend) => (await (await backend.get('/api/providers')).json()) as { defaultProvider: string; providers: { id: string; live: boolean; sendsSms: boolean }[] };
      expect(await listed(emulated)).toMatchObject({
        defaultProvider: 'kicc',
        providers: [
          { id: 'kicc', live: false, sendsSms: true },
          { id: 'paywelcome', live: false, sendsSms: false },
        ],
      });
      const kiccOnly = await listed(live);
      expect(kiccOnly.defaultProvider).toBe('kicc');
      expect(kiccOnly.providers.map((provider) => [provider.id, provider.live])).toEqual([['kicc', true]]);
    } finally {
      await live.dispose();
      await emulated.dispose();
    }
  });
});
