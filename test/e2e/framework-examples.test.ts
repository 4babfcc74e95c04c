/**
 * examples/react and examples/vue as a merchant builds them: Vite bundles
 * each against the element package (`@pay-link/element`, the workspace's, resolves
 * through its package.json's exports to the built packages/element/dist/lib), and
 * each type-checks with the React or Vue types that package generates from its
 * custom-elements.json, with no declaration of its own. A static server gives the pages their own
 * origin, and the backend on another allows it. In Chromium the framework's
 * props reach the element, and the element's events reach the framework.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { startBackend, type TestBackend } from '../support/backend.js';
import { launchChromium } from '../support/browser.js';
import { serveApp, type Served } from '../support/serve.js';

const FRAMEWORKS = ['react', 'vue'] as const;

let out: string;
let site: Served;
let backend: TestBackend;
let browser: Browser;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'pay-link-examples-'));
  site = await serveApp(new Hono().use('*', serveStatic({ root: out })));
  backend = await startBackend({ ALLOWED_ORIGINS: site.url });
  for (const framework of FRAMEWORKS) {
    // NODE_ENV is vitest's "test" here; a merchant's build runs without it, in production mode.
    const { NODE_ENV: _test, ...env } = process.env;
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', `examples/${framework}`, '--outDir', join(out, framework), '--emptyOutDir', '--base', './', '--logLevel', 'warn'], {
      env: { ...env, VITE_PAY_LINK_ENDPOINT: backend.url },
    });
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
  await site?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

it("the React example type-checks with @pay-link/element/react: the element's props and event details are typed", () => {
  expect(existsSync('examples/react/pay-link-jsx.d.ts')).toBe(false);
  expect(() => execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'examples/react'], { encoding: 'utf8' })).not.toThrow();
});

it("the Vue example type-checks with @pay-link/element/vue (vue-tsc): the template's props and event details are typed", () => {
  expect(() => execFileSync(process.execPath, ['node_modules/vue-tsc/bin/vue-tsc.js', '-p', 'examples/vue'], { encoding: 'utf8' })).not.toThrow();
});

for (const framework of FRAMEWORKS) {
  describe(`the ${framework} example`, () => {
    it('prefills the element from the props it passes, and hears pay-link-created and pay-link-paid', async () => {
      const page = await browser.newPage();
      await page.goto(`${site.url}/${framework}/index.html`);
      const status = page.locator('#order-status');
      await expect.poll(() => page.locator('#amount').inputValue()).toBe('15,000');
      expect(await page.locator('#goods-name').inputValue()).toBe('아메리카노 2잔');
      expect(await status.textContent()).toBe('No link yet');

      await page.locator('[part~="submit"]').click();
      await expect.poll(() => status.textContent()).toMatch(/^Waiting for pl_/);
      const id = (await status.textContent())!.replace('Waiting for ', '');
      const link = (await (await backend.get(`/api/links/${id}`)).json()) as PaymentLink;
      expect(link).toMatchObject({ amount: 15000, goodsName: '아메리카노 2잔', status: 'active' });

      const phone = await browser.newPage();
      await phone.goto(link.url!);
      await phone.getByRole('button', { name: /결제하기/ }).click();
      await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe(`Paid: ${id}`);
      await Promise.all([page.close(), phone.close()]);
    });
  });
}
