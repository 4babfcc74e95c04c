import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { ConfigError, parseConfig } from '../../server/config.js';
import { startBackend, type TestBackend } from '../support/backend.js';

const SHOP = 'https://shop.example';
const EVIL = 'https://evil.example';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend({ ALLOWED_ORIGINS: `${SHOP},https://pos.example` });
});
afterAll(() => backend.dispose());

const tea = { amount: 1000, goodsName: 'Tea' };
const providerCalls = () => backend.emulators!.kicc.faults.calls;

describe('ALLOWED_ORIGINS', () => {
  it('lets an allowed page create a link and read the answer (CORS)', async () => {
    const preflight = await fetch(`${backend.url}/api/links`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);

    const response = await backend.post('/api/links', tea, { origin: SHOP });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
  });

  it('gives another site no CORS grant, so its scripts cannot read links', async () => {
    const preflight = await fetch(`${backend.url}/api/links`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const { id } = (await (await backend.post('/api/links', tea)).json()) as PaymentLink;
    const read = await backend.get(`/api/links/${id}`, { origin: EVIL });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a state-changing request from another site whatever its content type, before any provider call', async () => {
    const { id } = (await (await backend.post('/api/links', tea)).json()) as PaymentLink;
    const before = providerCalls();
    const attempts = [
      // A "simple" cross-site POST, which a browser sends without a preflight.
      () => backend.post('/api/links', JSON.stringify(tea), { origin: EVIL, 'content-type': 'text/plain' }),
      () => backend.post('/api/links', 'amount=1000&goodsName=Tea', { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }),
      () => backend.post('/api/links', tea, { origin: EVIL }),
      () => backend.post('/api/links', tea, { origin: 'null' }),
      () => backend.post(`/api/links/${id}/cancel`, {}, { origin: EVIL }),
      () => backend.post(`/api/links/${id}/resend`, {}, { origin: EVIL }),
    ];
    for (const attempt of attempts) {
      const response = await attempt();
      expect(response.status).toBe(403);
      expect(((await response.json()) as ApiErrorBody).error.code).toBe('forbidden_origin');
    }
    expect(providerCalls()).toBe(before);
    expect(((await (await backend.get(`/api/links/${id}`)).json()) as PaymentLink).status).toBe('active');
  });

  it('lets servers without an Origin header through', async () => {
    expect((await backend.post('/api/links', tea)).status).toBe(201);
  });

  it('is this server’s own origin by default, and never "*"', () => {
    expect(parseConfig({ PUBLIC_BASE_URL: 'https://pay.example.com/' }).allowedOrigins).toEqual(['https://pay.example.com']);
    expect(() => parseConfig({ ALLOWED_ORIGINS: '*' })).toThrow(ConfigError);
  });
});
