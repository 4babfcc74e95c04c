/**
 * The whole loop as a salesperson shows it, in real Chromium: the POS tablet
 * makes a link, the customer's phone scans the QR from the screen, pays on
 * the provider's page, and the tablet turns to "Paid" without a reload; a
 * reload shows the waiting link again; the demo pages pass axe in light and
 * dark; and the README's screenshots.
 */

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { decodeQr, launchChromium } from '../support/browser.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
let browser: Browser;
/** How far the backend's clock runs ahead of the real one (moved to reach expiry). */
let ahead = 0;

beforeAll(async () => {
  if (!existsSync('dist/widget/widget.js') || !existsSync('dist/demo/pos.html')) {
    throw new Error('The end-to-end tests need the built widget and demo: run `npm run build` first (npm test does).');
  }
  backend = await startBackend({ DIST_DIR: 'dist' }, { now: () => Date.now() + ahead });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
});

/** A POS tablet at the counter with the demo page open. */
async function openPos(provider: 'kicc' | 'paywelcome'): Promise<Page> {
  const pos = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  await pos.goto(`${backend.url}/pos`);
  // The demo POS is set up for KICC; a counter on PayWelcome only changes the attribute.
  await pos.locator('pay-link-request').evaluate((element, id) => element.setAttribute('provider', id), provider);
  return pos;
}

/** Staff type the sale and make the link; resolves with the link the element announced. */
async function makeLink(pos: Page, amount: string, goodsName: string): Promise<PaymentLink> {
  await pos.locator('#amount').pressSequentially(amount);
  await pos.locator('#goods-name').pressSequentially(goodsName);
  const created = pos.evaluate(
    () => new Promise<PaymentLink>((resolve) => document.addEventListener('pay-link-created', (event) => resolve((event as CustomEvent<{ link: PaymentLink }>).detail.link), { once: true })),
  );
  await pos.locator('[part~="submit"]').click();
  const link = await created;
  await pos.locator('svg[part="qr"]').waitFor();
  return link;
}

/** The customer's phone reads the QR code off the tablet's screen. */
async function scan(pos: Page): Promise<string> {
  const text = decodeQr(await pos.screenshot());
  expect(text, 'a QR code on the POS screen').not.toBeNull();
  return text!;
}

async function phoneOpening(url: string): Promise<Page> {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(url);
  return phone;
}

const resultTitle = (pos: Page) => pos.locator('#result-title');
const status = (pos: Page) => pos.locator('[part="status"]');
/** The POS screen's heading while the link can be paid: it faces the customer. */
const SCAN = 'QR을 찍어 결제해 주세요';

for (const provider of ['kicc', 'paywelcome'] as const) {
  describe(`a sale at the counter with ${provider}`, () => {
    it('is scanned from the screen, paid on the phone, and shown as paid without a reload', async () => {
      const pos = await openPos(provider);
      const link = await makeLink(pos, '15000', '아메리카노 2잔');
      await expect.poll(() => resultTitle(pos).textContent()).toBe(SCAN);

      const scanned = await scan(pos);
      expect(scanned).toBe(link.shortUrl);
      expect(scanned).toMatch(new RegExp(`^${backend.config.publicBaseUrl}/p/`));

      const phone = await phoneOpening(scanned);
      expect(phone.url()).toBe(link.url);
      await expect.poll(() => phone.locator('.amount').textContent()).toBe('₩15,000');
      // Staff see that the customer is paying, not lost.
      await expect.poll(() => status(pos).textContent()).toBe('고객이 링크를 열었습니다');

      await phone.getByRole('button', { name: /결제하기/ }).click();
      await phone.waitForLoadState();
      await expect.poll(() => resultTitle(pos).textContent(), { timeout: 10_000 }).toBe('결제 완료');
      await Promise.all([pos.close(), phone.close()]);
    });
  });
}

describe('the customer', () => {
  it('declines: the tablet keeps waiting, and the same link can still be paid', async () => {
    const pos = await openPos('kicc');
    await makeLink(pos, '3000', '조각 케이크');
    const phone = await phoneOpening(await scan(pos));
    await phone.getByRole('button', { name: '결제 안 함' }).click();
    await expect.poll(() => phone.locator('h1').textContent()).toBe('결제를 하지 않았습니다');
    await expect.poll(() => status(pos).textContent()).toBe('고객이 링크를 열었습니다');

    await phone.goBack();
    await phone.getByRole('button', { name: /결제하기/ }).click();
    await expect.poll(() => resultTitle(pos).textContent(), { timeout: 10_000 }).toBe('결제 완료');
    await Promise.all([pos.close(), phone.close()]);
  });

  it('comes too late: at expiry the tablet dims the QR and offers a new link, and the link says it expired', async () => {
    const pos = await openPos('paywelcome');
    await pos.clock.install();
    const link = await makeLink(pos, '4500', '카페라떼(ICE)');
    const lifetime = Date.parse(link.expiresAt!) - Date.now();
    ahead += lifetime + 60_000;
    await pos.clock.fastForward(lifetime + 60_000);
    await expect.poll(() => resultTitle(pos).textContent()).toBe('링크가 만료되었습니다');
    expect(await pos.locator('svg[part="qr"]').getAttribute('class')).toContain('dimmed');
    await expect.poll(() => pos.locator('[part~="make-new"]').isVisible()).toBe(true);

    const phone = await phoneOpening(link.shortUrl!);
    await expect.poll(() => phone.locator('h1').textContent()).toBe('결제 기간이 지난 링크입니다');
    ahead = 0;
    await Promise.all([pos.close(), phone.close()]);
  });
});

describe('notifications that must not turn the tablet to "Paid"', () => {
  /** A KICC notification for `link`, sent from `from` on loopback. */
  function notify(link: PaymentLink, from: string, amount = String(link.amount)) {
    const body = JSON.stringify({
      resCd: '0000',
      resMsg: '정상처리',
      mallId: EMULATOR_CREDENTIALS.kicc.mallId,
      notiType: '10',
      pgCno: `E2E${Date.now()}`,
      shopOrderNo: link.orderId,
      amount,
    });
    return new Promise<number>((resolve, reject) => {
      const req = request(`${backend.url}/webhooks/kicc`, { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume().on('end', () => resolve(res.statusCode!));
      });
      req.on('error', reject).end(body);
    });
  }

  it('one from an address outside the allowlist, or with another amount, changes nothing on screen; the real payment lands once', async () => {
    const pos = await openPos('kicc');
    const link = await makeLink(pos, '9900', '원두 200g');
    expect(await notify(link, '127.0.0.2')).toBe(403);
    expect(await notify(link, '127.0.0.1', '990')).toBe(200);
    // Give live push a moment to (wrongly) deliver anything.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await resultTitle(pos).textContent()).toBe(SCAN);
    expect(((await (await backend.get(`/api/links/${link.id}`)).json()) as PaymentLink).status).toBe('active');

    const phone = await phoneOpening(link.url!);
    await phone.getByRole('button', { name: /결제하기/ }).click();
    await expect.poll(() => resultTitle(pos).textContent(), { timeout: 10_000 }).toBe('결제 완료');
    await backend.emulators!.kicc.notifier.settled();
    const events = await backend.store.events(link.id);
    expect(events.filter((event) => event.type === 'paid')).toHaveLength(1);
    expect(events.filter((event) => event.type === 'notification_mismatch')).toHaveLength(1);
    await Promise.all([pos.close(), phone.close()]);
  });
});

describe('a reload', () => {
  it('shows the link the tablet was showing again, and follows it live to "Paid"', async () => {
    const pos = await openPos('kicc');
    const link = await makeLink(pos, '8800', '케이크 한 조각');
    await pos.reload();
    await pos.locator('svg[part="qr"]').waitFor();
    expect(await scan(pos)).toBe(link.shortUrl);
    await expect.poll(() => resultTitle(pos).textContent()).toBe(SCAN);
    await expect.poll(() => status(pos).textContent()).toBe('결제를 기다리는 중');
    const phone = await phoneOpening(link.url!);
    await phone.getByRole('button', { name: /결제하기/ }).click();
    await expect.poll(() => resultTitle(pos).textContent(), { timeout: 10_000 }).toBe('결제 완료');
    // Back to the form once the sale is over: a reload then shows the form.
    await pos.locator('[part="next"] [part~="new"]').click();
    await pos.locator('#amount').waitFor();
    await pos.reload();
    await pos.locator('#amount').waitFor();
    expect(await pos.locator('svg[part="qr"]').count()).toBe(0);
    await Promise.all([pos.close(), phone.close()]);
  });
});

describe('the POS code', () => {
  it('is a chunk of its own, fetched by the counter page only', async () => {
    const fetched = async (path: string) => {
      const page = await browser.newPage();
      const scripts: string[] = [];
      page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
      await page.goto(`${backend.url}${path}`);
      await page.locator('#amount').waitFor();
      await page.waitForLoadState('networkidle');
      await page.close();
      return scripts.filter((name) => name.startsWith('/widget'));
    };
    const shop = await fetched('/shop');
    expect(shop.some((name) => name.startsWith('/widget-pos-'))).toBe(false);
    expect(shop).toContain('/widget.js');
    expect((await fetched('/pos')).some((name) => name.startsWith('/widget-pos-'))).toBe(true);
  });
});

describe('the demo pages', () => {
  const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
  /** axe's serious and critical findings on the page, its element's shadow root included. */
  async function serious(page: Page): Promise<string[]> {
    await page.evaluate(axeSource);
    return page.evaluate(async () => {
      const results = await (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document);
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`pass axe with no serious finding, ${colorScheme}`, async () => {
      const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, colorScheme });
      const found: Record<string, string[]> = {};
      for (const path of ['/', '/shop', '/pos', '/phone']) {
        await page.goto(`${backend.url}${path}`);
        if (path === '/shop' || path === '/pos') await page.locator('#amount').waitFor();
        found[path] = await serious(page);
      }
      // With a link on screen, and the question before leaving it payable.
      await page.goto(`${backend.url}/pos`);
      await makeLink(page, '4500', '아메리카노');
      found['/pos with a link'] = await serious(page);
      await page.locator('[part~="new"]').click();
      await page.locator('[part~="cancel-and-new"]').waitFor();
      found['/pos asking'] = await serious(page);
      expect(found).toEqual({ '/': [], '/shop': [], '/pos': [], '/phone': [], '/pos with a link': [], '/pos asking': [] });
      await page.close();
    });
  }

  it('keep Korean words whole at 320 px, with nothing to scroll sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ['/', '/phone', '/shop', '/pos']) {
      await page.goto(`${backend.url}${path}`);
      const layout = await page.evaluate(() => ({ wordBreak: getComputedStyle(document.body).wordBreak, overflow: document.documentElement.scrollWidth - innerWidth }));
      expect(layout, path).toEqual({ wordBreak: 'keep-all', overflow: 0 });
    }
    await page.close();
  });

  it('have a favicon and a description', async () => {
    const page = await browser.newPage();
    for (const path of ['/', '/shop', '/pos', '/phone']) {
      await page.goto(`${backend.url}${path}`);
      const head = await page.evaluate(() => ({
        description: document.querySelector<HTMLMetaElement>('meta[name="description"]')?.content ?? '',
        icon: document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '',
      }));
      expect(head.description.length, path).toBeGreaterThan(20);
      expect((await fetch(head.icon)).headers.get('content-type'), path).toBe('image/svg+xml');
    }
    await page.close();
  });
});

describe('screenshots for the README', () => {
  /** A sale on the counter page at one size: the form with the amount typed, the view facing the customer, "Paid". */
  async function counterShots(width: number, height: number) {
    const pos = await browser.newPage({ viewport: { width, height } });
    await pos.goto(`${backend.url}/pos`);
    for (const key of ['1', '2', '000']) await pos.locator(`[part~="key"][data-key="${key}"]`).click();
    await pos.locator('#goods-name').pressSequentially('아이스 아메리카노');
    await pos.screenshot({ path: `docs/pos-form-${width}x${height}.png` });
    const created = pos.evaluate(
      () => new Promise<PaymentLink>((resolve) => document.addEventListener('pay-link-created', (event) => resolve((event as CustomEvent<{ link: PaymentLink }>).detail.link), { once: true })),
    );
    await pos.locator('[part~="submit"]').click();
    const link = await created;
    await pos.locator('svg[part="qr"]').waitFor();
    await pos.screenshot({ path: `docs/pos-customer-${width}x${height}.png` });
    expect(await scan(pos)).toBe(link.shortUrl);
    const phone = await phoneOpening(link.url!);
    await phone.getByRole('button', { name: /결제하기/ }).click();
    await expect.poll(() => resultTitle(pos).textContent(), { timeout: 10_000 }).toBe('결제 완료');
    await pos.locator('[part="payment"]').waitFor();
    await pos.screenshot({ path: `docs/pos-paid-${width}x${height}.png` });
    await Promise.all([pos.close(), phone.close()]);
  }

  it('of /pos at 1024×768 and 768×1024: the form, the customer view, "Paid"', async () => {
    mkdirSync('docs', { recursive: true });
    await counterShots(1024, 768);
    await counterShots(768, 1024);
  });

  it('of /shop, light at 1024 px and dark at 390 px', async () => {
    const shop = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    await shop.goto(`${backend.url}/shop`);
    await shop.locator('#amount').pressSequentially('32000');
    await shop.locator('#goods-name').pressSequentially('원두 1kg 정기배송');
    await shop.locator('#phone').pressSequentially('01012345678');
    await shop.screenshot({ path: 'docs/shop.png' });
    await shop.close();

    const dark = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await dark.goto(`${backend.url}/shop`);
    await dark.locator('#amount').pressSequentially('32000');
    await dark.locator('#goods-name').pressSequentially('원두 1kg 정기배송');
    await dark.locator('#phone').pressSequentially('01012345678');
    await dark.locator('[part~="submit"]').click();
    await dark.locator('svg[part="qr"]').waitFor();
    await dark.locator('pay-link-request').scrollIntoViewIfNeeded();
    await dark.screenshot({ path: 'docs/shop-390-dark.png', fullPage: true });
    await dark.close();
  });
});
