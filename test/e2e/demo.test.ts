/**
 * /demo in real Chromium, on one page only, as a salesperson shows it: the
 * counter (the real /pos, in a frame) makes a request; the phone beside it
 * shows by itself what the customer gets — the camera on the QR code, or the
 * gateway's text; the emulated checkout runs inside the phone; the counter
 * turns to "Paid" live; the list refunds it; the guided tour's captions move
 * on with each real event; "Start over" clears it all for the next pitch.
 * KICC with a QR and with a text, PayWelcome with a QR. Then axe in light
 * and dark, and 390 pixels without sideways scrolling.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { decodeQr, launchChromium } from '../support/browser.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
let browser: Browser;
/** The demo at the server's public address, where the links it makes point. */
let demoUrl: string;

beforeAll(async () => {
  if (!existsSync('dist/demo/demo.html')) throw new Error('The end-to-end tests need the built demo: run `npm run build:web` first (npm test does).');
  backend = await startBackend({ DIST_DIR: 'dist' });
  browser = await launchChromium();
  demoUrl = `${backend.config.publicBaseUrl}/demo`;
});
afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
});

/**
 * The counter's form and list, by the ids and parts they keep however the
 * POS screen is drawn: the one place to follow its changes.
 */
const counterOf = (page: Page) => {
  const counter: FrameLocator = page.frameLocator('#counter-frame');
  return {
    amount: counter.locator('#amount'),
    goodsName: counter.locator('#goods-name'),
    submit: counter.locator('[part~="submit"]'),
    resultTitle: counter.locator('#result-title'),
    status: counter.locator('[part="status"]'),
    rows: counter.locator('pay-link-list [part="row"]'),
    row: (link: PaymentLink) => counter.locator(`pay-link-list [part="row"][data-id="${link.id}"]`),
    stateOf: (link: PaymentLink) => counter.locator(`pay-link-list [part="row"][data-id="${link.id}"] [part="state"]`).textContent(),
    dialog: counter.locator('pay-link-list [part="dialog"]'),
  };
};

/** Staff make the request at the counter; resolves with the link its element announced. */
async function makeRequest(page: Page, amount: string, goodsName: string): Promise<PaymentLink> {
  const counter = counterOf(page);
  await counter.amount.pressSequentially(amount);
  await counter.goodsName.pressSequentially(goodsName);
  const frame = page.frame({ url: /\/pos$/ })!;
  const created = frame.evaluate(
    () => new Promise<PaymentLink>((resolve) => document.addEventListener('pay-link-created', (event) => resolve((event as CustomEvent<{ link: PaymentLink }>).detail.link), { once: true })),
  );
  await counter.submit.click();
  return created;
}

const tourStep = (page: Page) => page.locator('#tour').getAttribute('data-step');
const caption = (page: Page) => page.locator('#tour .caption').textContent();
const phoneScreen = (page: Page) => page.locator('#phone .handset').getAttribute('data-screen');
const checkout = (page: Page) => page.frameLocator('#phone-browser');

interface Story {
  gateway: string;
  provider: 'kicc' | 'paywelcome';
  byText: boolean;
  amount: number;
  goodsName: string;
}

const STORIES: Story[] = [
  { gateway: 'KICC · QR', provider: 'kicc', byText: false, amount: 15_000, goodsName: '아메리카노 2잔' },
  { gateway: 'KICC · 문자', provider: 'kicc', byText: true, amount: 32_000, goodsName: '원두 1kg' },
  { gateway: 'PayWelcome · QR', provider: 'paywelcome', byText: false, amount: 4_500, goodsName: '카페라떼(ICE)' },
];

describe('the sales story on /demo, one page, three pitches', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    await page.goto(`${demoUrl}?tour`);
  });
  afterAll(() => page?.close());

  for (const story of STORIES) {
    it(`${story.gateway}: request, the customer opens and pays on the phone, "Paid" by itself, refund from the list, start over`, async () => {
      const counter = counterOf(page);
      const won = `₩${story.amount.toLocaleString('en-US')}`;
      await page.getByRole('radio', { name: story.gateway }).check();
      expect(await tourStep(page)).toBe('make');
      expect(await caption(page)).toContain('금액과 상품');

      const link = await makeRequest(page, String(story.amount), story.goodsName);
      expect(link).toMatchObject({ provider: story.provider, amount: story.amount, delivery: story.byText ? 'provider-sms' : 'none' });
      await expect.poll(() => tourStep(page)).toBe('open');

      if (story.byText) {
        // The gateway's text arrives on the phone by itself; the customer taps its link.
        await expect.poll(() => phoneScreen(page)).toBe('messages');
        expect(await caption(page)).toContain('문자의 링크');
        const text = page.locator('#texts li', { hasText: link.url! });
        await expect.poll(() => text.textContent(), { timeout: 10_000 }).toContain(`${story.goodsName} ${won} 결제 요청`);
        expect(backend.emulators!.kicc.sms.at(-1)).toMatchObject({ to: '01012345678' });
        await text.getByRole('link').click();
      } else {
        // The phone's camera sees the counter's QR code: the very short link the counter shows.
        await expect.poll(() => phoneScreen(page)).toBe('camera');
        expect(await caption(page)).toContain('스캔');
        expect(decodeQr(await page.locator('#phone .handset').screenshot())).toBe(link.shortUrl);
        await page.getByRole('button', { name: /스캔/ }).click();
      }

      // The gateway's checkout, inside the phone.
      await expect.poll(() => phoneScreen(page)).toBe('browser');
      await expect.poll(() => checkout(page).locator('.amount').textContent()).toBe(won);
      await expect.poll(() => tourStep(page)).toBe('pay');
      // Through the short link, staff see the customer is paying.
      if (!story.byText) await expect.poll(() => counter.status.textContent()).toBe('고객이 링크를 열었습니다');
      if (story.gateway === 'KICC · QR') {
        mkdirSync('docs', { recursive: true });
        await page.screenshot({ path: 'docs/demo.png' });
      }

      await checkout(page).getByRole('button', { name: /결제하기/ }).click();
      await expect.poll(() => counter.resultTitle.textContent(), { timeout: 10_000 }).toBe('결제 완료');
      await expect.poll(() => tourStep(page)).toBe('paid');
      expect(await caption(page)).toContain('스스로 ‘결제 완료’');
      await expect.poll(() => counter.stateOf(link)).toBe('결제 완료');

      // Refund from today's list: the tour follows the button and the refund itself.
      await counter.row(link).locator('[part~="refund"]').click();
      await expect.poll(() => tourStep(page)).toBe('refund');
      await counter.dialog.locator('[part~="next"]').click();
      await expect.poll(() => counter.dialog.textContent()).toContain(`${story.amount.toLocaleString('ko-KR')}원`);
      await counter.dialog.locator('[part~="confirm"]').click();
      await expect.poll(() => counter.stateOf(link)).toBe('환불');
      await expect.poll(() => tourStep(page)).toBe('done');
      expect(await backend.store.getLink(link.id)).toMatchObject({ state: 'paid', refundedAmount: story.amount });

      // The next pitch starts clean: no link, no text, an empty list, the tour at its start.
      await page.getByRole('button', { name: '처음부터' }).click();
      await expect.poll(() => page.locator('#notice').textContent()).toBe('데모의 결제 요청을 모두 지웠습니다.');
      expect(await tourStep(page)).toBe('make');
      expect(await phoneScreen(page)).toBe('idle');
      expect(await backend.store.getLink(link.id)).toBeUndefined();
      expect(backend.emulators!.kicc.sms).toEqual([]);
      await counter.amount.waitFor();
      expect(await counter.rows.count()).toBe(0);
      expect(await counter.amount.inputValue()).toBe('');
    });
  }
});

/** axe-core's serious and critical findings on the page and every frame in it (axe-core is injected into each). */
async function seriousViolations(page: Page): Promise<string[]> {
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  for (const frame of page.frames()) await frame.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { iframes: true });
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(({ id, help, nodes }) => ({ id, help, targets: nodes.map((node) => node.target.map(String)) }));
  });
  return violations.map(({ id, help, targets }) => `${id}: ${help} (${targets.map((target) => target.join(' ')).join(', ')})`);
}

describe('/demo for everyone', () => {
  it('has nothing serious for axe, with the tour and a QR on the phone, in light and dark', async () => {
    // axe-core goes in as an inline script, which the page's policy rightly refuses.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${demoUrl}?tour`);
    await makeRequest(page, '9900', '원두 200g');
    await expect.poll(() => phoneScreen(page)).toBe('camera');
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
    await context.close();
  });

  it('fits 390 pixels without sideways scrolling, one device at a time, following the story', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ko-KR' });
    await page.goto(`${demoUrl}?tour`);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const shown = () => page.locator('body').getAttribute('data-view');
    expect(await shown()).toBe('counter');
    expect(await page.locator('#phone').isVisible()).toBe(false);
    expect(await sideways()).toBe(0);

    // The request is made at the counter; the phone comes up by itself.
    await makeRequest(page, '3000', '조각 케이크');
    await expect.poll(shown).toBe('phone');
    expect(await page.locator('#counter').isVisible()).toBe(false);
    expect(await sideways()).toBe(0);
    expect(decodeQr(await page.locator('#phone .handset').screenshot())).toMatch(/\/p\//);

    await page.getByRole('button', { name: '카운터', exact: true }).click();
    expect(await shown()).toBe('counter');
    expect(await sideways()).toBe(0);
    await page.close();
  });
});
