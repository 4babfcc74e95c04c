/**
 * A staging copy behind the README's nginx: nothing live, so the demo and the
 * emulators run, served under /pay-link/ by an instance that knows nothing of
 * the prefix but its PUBLIC_BASE_URL. In real Chromium every page, asset,
 * API call and form post stays under the prefix, and a sale is paid through it.
 */

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { launchChromium } from '../support/browser.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { startNginx, type Nginx } from '../support/nginx.js';
import { freePort } from '../support/server-process.js';

let nginx: Nginx;
let backend: TestBackend;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync('dist/widget/widget.js') || !existsSync('dist/demo/pos.html')) {
    throw new Error('The end-to-end tests need the built widget and demo: run `npm run build` first (npm test does).');
  }
  const port = await freePort();
  // One emulated instance, listed for both of README's upstream servers: the emulators keep their state in memory.
  nginx = await startNginx([port, port]);
  base = `${nginx.url}/pay-link`;
  backend = await startBackend({ PORT: String(port), DIST_DIR: 'dist', PUBLIC_BASE_URL: base });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
  await nginx?.stop();
});

/** A page that records every request it makes and how each ended. */
async function openRecorded(url: string, options: Parameters<Browser['newPage']>[0] = {}) {
  const page = await browser.newPage(options);
  const requests: { url: string; status: number | string }[] = [];
  page.on('response', (response) => requests.push({ url: response.url(), status: response.status() }));
  // A request that got an answer and was closed later (the event stream, once the link is paid) did not fail.
  page.on('requestfailed', (request) => {
    void request.response().then((response) => response ?? requests.push({ url: request.url(), status: request.failure()?.errorText ?? 'failed' }));
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  return { page, requests };
}

/** Every request stayed under the prefix and succeeded (a redirect to the provider's page included). */
function expectAllUnderPrefix(requests: { url: string; status: number | string }[]) {
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(request.url, 'under the prefix').toMatch(new RegExp(`^${base}/`));
    expect([200, 201, 302, 303, 304], `${request.url} answered`).toContain(request.status);
  }
}

describe('a staging copy under nginx’s /pay-link/ prefix', () => {
  it('serves the demo pages with their assets, and links between them, under the prefix', async () => {
    for (const path of ['/', '/demo', '/shop', '/pos', '/phone']) {
      const { page, requests } = await openRecorded(`${base}${path}`);
      expectAllUnderPrefix(requests);
      expect(requests.some((request) => request.url.includes('/assets/'))).toBe(true);
      for (const href of await page.locator('a[href]').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href))) {
        expect(href).toMatch(new RegExp(`^${base}/`));
      }
      if (path === '/phone') expect(requests.map((request) => request.url)).toContain(`${base}/emulator/kicc/_sms`);
      await page.close();
    }
  });

  it('makes a link on the POS page, and the customer pays it on the emulator’s page, all through the prefix', async () => {
    const { page: pos, requests: posRequests } = await openRecorded(`${base}/pos`, { viewport: { width: 1024, height: 768 } });
    await pos.locator('#amount').pressSequentially('15000');
    await pos.locator('#goods-name').pressSequentially('아메리카노 2잔');
    const created = pos.evaluate(
      () => new Promise<PaymentLink>((resolve) => document.addEventListener('pay-link-created', (event) => resolve((event as CustomEvent<{ link: PaymentLink }>).detail.link), { once: true })),
    );
    await pos.locator('[part~="submit"]').click();
    const link = await created;
    await pos.locator('svg[part="qr"]').waitFor();
    expect(link.shortUrl).toMatch(new RegExp(`^${base}/p/`));
    expect(link.url).toMatch(new RegExp(`^${base}/emulator/kicc/pay/`));

    const { page: phone, requests: phoneRequests } = await openRecorded(link.shortUrl!, { viewport: { width: 390, height: 844 }, isMobile: true });
    expect(phone.url()).toBe(link.url);
    // The payment form posts back to its own page, under the prefix.
    // (`form.action` would be its buttons, named `action`: the attribute is read instead.)
    expect(await phone.locator('form').evaluate((form) => new URL(form.getAttribute('action')!, document.baseURI).href)).toBe(link.url);
    await phone.getByRole('button', { name: /결제하기/ }).click();
    await expect.poll(() => phone.locator('h1').textContent()).toBe('결제가 완료되었습니다');
    await expect.poll(() => pos.locator('#result-title').textContent(), { timeout: 10_000 }).toBe('결제 완료');

    expectAllUnderPrefix([...posRequests, ...phoneRequests]);
    expect(posRequests.map((request) => request.url)).toContain(`${base}/api/links`);
    await Promise.all([pos.close(), phone.close()]);
  });

  it('starts the one-screen demo over through the prefix', async () => {
    const { page, requests } = await openRecorded(`${base}/demo`, { viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
    await page.getByRole('button', { name: '처음부터' }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toBe('데모의 결제 요청을 모두 지웠습니다.');
    expect(requests).toContainEqual({ url: `${base}/demo/reset`, status: 204 });
    await page.close();
  });
});
