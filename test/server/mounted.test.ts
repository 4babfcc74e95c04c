/**
 * A merchant mounts pay-link in their own Hono app under a prefix
 * (server/index.ts): every address pay-link hands out — Location, short
 * links, the provider's page, the notification it receives — carries the
 * prefix, and the merchant's own routes are left as they were.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { createPayLink, createPayLinkClient, unwrap, type PayLink } from '../../server/index.js';
import { createEmulators, type Emulators } from '../../server/emulators/index.js';
import { serveApp, type Served } from '../support/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'pay-link-mounted-'));
let served: Served;
let payLink: PayLink;
let emulators: Emulators;
let base: string;
beforeAll(async () => {
  const shop = new Hono();
  served = await serveApp(shop);
  base = `${served.url}/pay-link`;
  payLink = await createPayLink(
    {
      PUBLIC_BASE_URL: base,
      DATABASE_PATH: join(dir, 'pay-link.sqlite'),
      LOG_LEVEL: 'silent',
      DEMO_ENABLED: 'false',
      EMULATOR_NOTIFY_INTERVAL_MS: '50',
    },
    // The emulators come from their own entry (`@pay-link/server/emulators`), as a merchant's staging server would mount them.
    { extensions: [(context) => (emulators = createEmulators(context))] },
  );
  shop.get('/', (c) => c.text('the shop'));
  shop.route('/pay-link', payLink.app);
});
afterAll(async () => {
  await served.close();
  await payLink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('pay-link mounted at /pay-link in a merchant’s Hono app', () => {
  it('hands out addresses under the prefix, and a link made there is paid through it', async () => {
    const created = await fetch(`${base}/api/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 12000, goodsName: 'Tea' }) });
    expect(created.status).toBe(201);
    const link = (await created.json()) as PaymentLink;
    expect(new URL(created.headers.get('location')!, created.url).href).toBe(`${base}/api/links/${link.id}`);
    expect(link.shortUrl).toMatch(new RegExp(`^${base}/p/`));
    expect(link.url).toMatch(new RegExp(`^${base}/emulator/kicc/pay/`));

    const read = await fetch(new URL(created.headers.get('location')!, created.url));
    expect(((await read.json()) as PaymentLink).id).toBe(link.id);
    const short = await fetch(link.shortUrl!, { redirect: 'manual' });
    expect(short.headers.get('location')).toBe(link.url);

    // The emulator notifies {PUBLIC_BASE_URL}/webhooks/kicc, the address a merchant registers with KICC.
    await fetch(link.url!, { method: 'POST', body: new URLSearchParams({ action: 'pay', method: 'card' }) });
    await emulators.kicc.notifier.settled();
    expect(emulators.kicc.notifier.log.at(-1)).toMatchObject({ accepted: true });
    expect((await payLink.store.getLink(link.id))!.state).toBe('paid');
  });

  it('answers its errors as JSON, describes itself at its prefix, and serves the typed client there', async () => {
    const missing = await fetch(`${base}/api/links/pl_missing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ApiErrorBody).error.code).toBe('not_found');

    const document = (await (await fetch(`${base}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(document.servers).toEqual([{ url: base }]);

    const client = createPayLinkClient(base);
    expect((await unwrap(client.api.links.$post({ json: { amount: 1000, goodsName: 'Tea' } }))).status).toBe('active');
  });

  it('refuses to mount the emulators beside a live gateway', async () => {
    const live = {
      DATABASE_PATH: join(dir, 'live.sqlite'),
      LOG_LEVEL: 'silent',
      ALLOW_OPEN_API: 'true',
      KICC_API_BASE: 'https://testpgapi.easypay.co.kr',
      KICC_MALL_ID: 'T5102001',
      KICC_MALL_NAME: '커피상점',
      KICC_SENDER_NO: '0212345678',
      KICC_SECRET_KEY: 'secret',
    };
    await expect(createPayLink(live, { extensions: [createEmulators] })).rejects.toThrow(/never run beside a live payment gateway/);
  });

  it('leaves the merchant’s own routes alone: no pay-link security headers on them', async () => {
    const home = await fetch(served.url);
    expect(await home.text()).toBe('the shop');
    expect(home.headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${base}/healthz`)).headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
