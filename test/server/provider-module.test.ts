/**
 * A provider is one module. "Acme Pay" is defined here and nowhere else: its
 * variables, settings, adapter, notifications and a gateway of its own (a
 * small HTTP server in this file that checks what it is sent). Registered
 * through the registry list, it creates links, takes notifications and shows
 * on /healthz and /openapi.json with no edit anywhere in the server.
 */

import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { ProviderError } from '../../server/providers/errors.js';
import { postToProvider } from '../../server/providers/http.js';
import { defineProvider } from '../../server/providers/module.js';
import { readAmount, readFields, required } from '../../server/providers/notification.js';
import { PROVIDER_MODULES } from '../../server/providers/registry.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { postFrom } from '../support/post-from.js';

const ACME_KEY = 'acme-signing-key';
const sign = (text: string) => createHmac('sha256', ACME_KEY).update(text).digest('hex');

const acme = defineProvider<{ merchantId: string; key: string }>({
  id: 'acme',
  name: 'Acme Pay',
  profile: {
    sendsSms: false,
    resends: false,
    cancels: false,
    refunds: false,
    partialRefunds: false,
    maxLifetimeMs: 86_400_000,
    defaultLifetimeMs: 3_600_000,
    limits: { goodsName: 30, orderId: 32, 'customer.name': 20, 'customer.email': 50, message: 100 },
    forbiddenChars: '\n',
  },
  env: z.object({ ACME_API_BASE: z.url().optional(), ACME_SHOP: z.string().optional(), ACME_KEY: z.string().optional() }),
  apiBaseVariable: 'ACME_API_BASE',
  requiredWhenLive: ['ACME_SHOP', 'ACME_KEY'],
  notifyIpsVariable: 'ACME_NOTIFY_IPS',
  publishedNotifyIps: ['127.0.0.9'],
  settings: (env) => ({ merchantId: String(env.ACME_SHOP ?? 'demo'), key: String(env.ACME_KEY ?? ACME_KEY) }),
  createAdapter: (settings, context) => ({
    id: 'acme',
    merchantId: settings.merchantId,
    async register(request) {
      const body = JSON.stringify({ shop: settings.merchantId, order: request.orderId, amount: request.amount, item: request.goodsName });
      const response = await postToProvider({
        provider: 'acme',
        url: `${context.apiBase()}/links`,
        contentType: 'application/json',
        body: JSON.stringify({ body, mac: createHmac('sha256', settings.key).update(body).digest('hex') }),
        timeoutMs: context.timeoutMs,
      });
      const reply = JSON.parse(response.text) as { ok: boolean; url?: string; error?: string };
      if (!reply.ok) throw new ProviderError('acme', 'refused', reply.error);
      return { url: reply.url!, providerRef: null, expiresAt: request.expiresAt };
    },
  }),
  notifications: (settings) => ({
    parse(body, contentType) {
      const fields = readFields(body, contentType);
      const { mac, ...signed } = fields;
      return {
        provider: 'acme',
        kind: fields.event === 'paid' ? 'paid' : 'other',
        type: required(fields, 'event'),
        merchantId: required(fields, 'shop'),
        orderId: required(fields, 'order'),
        transactionId: required(fields, 'payment'),
        amount: readAmount(fields.amount),
        authentic: mac === createHmac('sha256', settings.key).update(JSON.stringify(signed)).digest('hex'),
        fields: signed,
      };
    },
    reply: (accepted) => ({ status: 200, contentType: 'text/plain', body: accepted ? 'thanks' : 'again' }),
  }),
});

/** Acme's gateway: checks the MAC and the fields, and hands out payment pages. */
let gateway: Server;
let gatewayUrl: string;
const registered: { order: string; amount: number }[] = [];
beforeAll(async () => {
  gateway = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk));
    req.on('end', () => {
      const { body, mac } = JSON.parse(text) as { body: string; mac: string };
      const fields = z.object({ shop: z.literal('shop-7'), order: z.string(), amount: z.int().positive(), item: z.string() }).safeParse(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      if (mac !== sign(body)) return res.end(JSON.stringify({ ok: false, error: 'BAD_MAC' }));
      if (!fields.success) return res.end(JSON.stringify({ ok: false, error: 'BAD_FIELDS' }));
      registered.push(fields.data);
      res.end(JSON.stringify({ ok: true, url: `${gatewayUrl}/pay/${fields.data.order}` }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

describe('a provider defined in one module', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend(
      { ACME_API_BASE: gatewayUrl, ACME_SHOP: 'shop-7', ACME_KEY, ALLOW_OPEN_API: 'true' },
      { modules: [...PROVIDER_MODULES, acme] },
    );
  });
  afterAll(() => backend?.dispose());

  it('creates links at its gateway, checked against its own profile', async () => {
    const response = await backend.post('/api/links', { amount: 7700, goodsName: 'Anvil' });
    expect(response.status).toBe(201);
    const link = (await response.json()) as PaymentLink;
    expect(link).toMatchObject({ provider: 'acme', status: 'active', attempts: [{ provider: 'acme', outcome: 'registered' }] });
    expect(link.url).toBe(`${gatewayUrl}/pay/${link.orderId}`);
    expect(registered.at(-1)).toEqual({ shop: 'shop-7', order: link.orderId, amount: 7700, item: 'Anvil' });

    // 31 bytes: over Acme's own 30.
    const tooLong = await backend.post('/api/links', { amount: 7700, goodsName: 'A'.repeat(31) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as ApiErrorBody).error.fields?.[0]).toMatchObject({ field: 'goodsName', code: 'too_long' });
  });

  it('takes its notifications at /webhooks/acme, from its published address, signed its way', async () => {
    const link = (await (await backend.post('/api/links', { amount: 9900, goodsName: 'Rocket' })).json()) as PaymentLink;
    const fields = { event: 'paid', shop: 'shop-7', order: link.orderId, payment: 'ACME-PAY-1', amount: '9900' };
    const notification = JSON.stringify({ ...fields, mac: sign(JSON.stringify(fields)) });
    const forged = await postFrom('127.0.0.1', `${backend.url}/webhooks/acme`, notification, { 'content-type': 'application/json' });
    expect(forged).toEqual({ status: 403, body: 'again' });
    const real = await postFrom('127.0.0.9', `${backend.url}/webhooks/acme`, notification, { 'content-type': 'application/json' });
    expect(real).toEqual({ status: 200, body: 'thanks' });
    expect(((await (await backend.get(`/api/links/${link.id}`)).json()) as PaymentLink).status).toBe('paid');
  });

  it('is the only provider offered when it alone is live, and shows on /healthz and in the OpenAPI document', async () => {
    const refused = await backend.post('/api/links', { provider: 'kicc', amount: 1000, goodsName: 'x' });
    expect(refused.status).toBe(422);
    const health = (await (await backend.get('/healthz')).json()) as { providers: Record<string, unknown> };
    expect(Object.keys(health.providers)).toEqual(['acme']);
    const document = JSON.stringify(await (await backend.get('/openapi.json')).json());
    expect(document).toContain('"enum":["kicc","paywelcome","acme","auto"]');
  });
});
