/** Body size, and the security headers on every answer the server gives. */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody, PaymentLink } from '../../core/link.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
let distDir: string;
let link: PaymentLink;
beforeAll(async () => {
  // A stand-in build, so /widget.js is served as in production.
  distDir = mkdtempSync(join(tmpdir(), 'pay-link-dist-'));
  mkdirSync(join(distDir, 'widget'));
  writeFileSync(join(distDir, 'widget', 'widget.js'), 'export {};\n');
  backend = await startBackend({ DIST_DIR: distDir });
  link = (await (await backend.post('/api/links', { amount: 1000, goodsName: 'Tea' })).json()) as PaymentLink;
});
afterAll(async () => {
  await backend.dispose();
  rmSync(distDir, { recursive: true, force: true });
});

describe('the body size limit on /api', () => {
  const big = { amount: 1000, goodsName: 'Tea', message: 'x'.repeat(20_000) };

  it('answers 413 payload_too_large to a body over 16 KB, before any provider call', async () => {
    const calls = backend.emulators!.kicc.faults.calls;
    const response = await backend.post('/api/links', big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('payload_too_large');
    expect(backend.emulators!.kicc.faults.calls).toBe(calls);
  });

  it('counts the bytes of a chunked body that declares no length', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(big));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.slice(i, i + 4096));
        controller.close();
      },
    });
    const response = await fetch(`${backend.url}/api/links`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ApiErrorBody).error.code).toBe('payload_too_large');
  });
});

describe('security headers', () => {
  /** Every kind of answer: JSON, errors, HTML pages, the emulators, webhooks, the widget script, a preflight. */
  const answers = (): [string, () => Promise<Response>][] => [
    ['a link', () => backend.get(`/api/links/${link.id}`)],
    ['a created link', () => backend.post('/api/links', { amount: 1000, goodsName: 'Tea' })],
    ['a validation error', () => backend.post('/api/links', {})],
    ['an unknown link', () => backend.get('/api/links/pl_missing')],
    ['an unknown path', () => backend.get('/no/such/page')],
    ['a body too large', () => backend.post('/api/links', { goodsName: 'x'.repeat(20_000) })],
    ['the health check', () => backend.get('/healthz')],
    ['a short link page', () => backend.get('/p/nothing123')],
    ['a short link redirect', () => backend.get(new URL(link.shortUrl!).pathname)],
    ['an emulator checkout page', () => fetch(link.url!)],
    ['a webhook answer', () => backend.post('/webhooks/kicc', {})],
    ['the return page', () => backend.get('/return/paywelcome')],
    ['the widget script', () => backend.get('/widget.js')],
    ['a CORS preflight', () => fetch(`${backend.url}/api/links`, { method: 'OPTIONS', headers: { origin: backend.config.publicBaseUrl, 'access-control-request-method': 'POST' } })],
  ];

  it.each(answers())('are on %s', async (_, request) => {
    const response = await request();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('let merchants’ pages load /widget.js from another origin, and nothing else of ours', async () => {
    const widget = await backend.get('/widget.js');
    expect(widget.status).toBe(200);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect((await backend.get('/healthz')).headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('allow what our own pages need: inline styles, and the checkout form’s post and its redirect to the public address', async () => {
    const page = await fetch(link.url!);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain(`form-action 'self' ${backend.config.publicBaseUrl}`);
    // The pages need nothing the policy blocks: no inline script, no handler attributes, forms posting to themselves.
    for (const html of [await page.text(), await (await backend.get('/p/nothing123')).text()]) {
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/i);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      // Relative (`./<code>`), so they hold under a proxy's path prefix.
      for (const [, action] of html.matchAll(/<form[^>]*action="([^"]*)"/g)) expect(new URL(action!, page.url).href).toBe(page.url);
    }
  });

  it('leave the short link’s own no-store in place', async () => {
    const visit = await backend.get(new URL(link.shortUrl!).pathname);
    expect(visit.headers.get('cache-control')).toBe('no-store');
  });
});
