/**
 * The counter's day in real Chromium, on the demo's /pos page: three
 * requests, two paid on the emulated checkout, one refunded in part and one
 * in full from today's list, the third cancelled there; a second tab on the
 * same page follows every change without a reload, and the totals add up.
 */

import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentLink } from '../../core/link.js';
import { launchChromium } from '../support/browser.js';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
let browser: Browser;
beforeAll(async () => {
  backend = await startBackend({ DIST_DIR: 'dist', RATE_LIMIT_LINKS_PER_IP: '1000/1m' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
});

async function openPos(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${backend.url}/pos`);
  await page.locator('pay-link-list [part="title"]').waitFor();
  return page;
}

/** A request made the way the counter's page makes it: the API at the page's own origin. */
async function request(page: Page, amount: number, goodsName: string): Promise<PaymentLink> {
  return page.evaluate(
    async ({ amount, goodsName }) => {
      const response = await fetch('api/links', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount, goodsName }) });
      return (await response.json()) as PaymentLink;
    },
    { amount, goodsName },
  );
}

/** The customer pays on the emulated checkout the short link leads to. */
async function pay(link: PaymentLink) {
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.goto(link.shortUrl!);
  await phone.getByRole('button', { name: /결제하기/ }).click();
  await phone.waitForLoadState();
  await phone.close();
}

const row = (page: Page, link: PaymentLink) => page.locator(`pay-link-list [part="row"][data-id="${link.id}"]`);
const stateOf = (page: Page, link: PaymentLink) => row(page, link).locator('[part="state"]').textContent();
const total = (page: Page, name: 'paid-total' | 'refunded-total' | 'net-total') => page.locator(`pay-link-list [part~="${name}"] dd`).textContent();

describe("the counter's day on /pos", () => {
  it('makes, pays, refunds and cancels from today’s list, and a second tab follows it all live', async () => {
    const counter = await openPos();
    const other = await openPos();

    const latte = await request(counter, 15_000, '카페 라떼');
    const cake = await request(counter, 32_000, '딸기 케이크');
    const mistake = await request(counter, 5_000, '잘못 입력');
    for (const page of [counter, other]) {
      for (const link of [latte, cake, mistake]) await expect.poll(() => stateOf(page, link)).toBe('결제 대기');
    }

    await pay(latte);
    await pay(cake);
    for (const page of [counter, other]) {
      await expect.poll(() => stateOf(page, latte)).toBe('결제 완료');
      await expect.poll(() => stateOf(page, cake)).toBe('결제 완료');
    }

    // Part of the cake: 12,000 of 32,000, behind a confirmation that states the amount.
    await row(counter, cake).locator('[part~="refund"]').click();
    const dialog = counter.locator('pay-link-list [part="dialog"]');
    await dialog.getByText('일부 금액').click();
    await dialog.locator('#refund-amount').fill('12000');
    await dialog.locator('[part~="next"]').click();
    await expect.poll(() => dialog.textContent()).toMatch(/12,000/);
    await dialog.locator('[part~="confirm"]').click();

    // All of the latte.
    await row(counter, latte).locator('[part~="refund"]').click();
    await dialog.locator('[part~="next"]').click();
    await expect.poll(() => dialog.textContent()).toMatch(/15,000/);
    await dialog.locator('[part~="confirm"]').click();

    // The mistyped request is withdrawn.
    await row(counter, mistake).locator('[part~="cancel"]').click();
    await dialog.locator('[part~="confirm"]').click();

    for (const page of [counter, other]) {
      await expect.poll(() => stateOf(page, cake)).toBe('부분 환불');
      await expect.poll(() => stateOf(page, latte)).toBe('환불');
      await expect.poll(() => stateOf(page, mistake)).toBe('취소');
      // Paid 47,000; refunded 27,000; 20,000 kept.
      await expect.poll(() => total(page, 'paid-total')).toMatch(/47,000/);
      await expect.poll(() => total(page, 'refunded-total')).toMatch(/27,000/);
      await expect.poll(() => total(page, 'net-total')).toMatch(/20,000/);
    }

    // What the server holds agrees with both screens.
    const held = await backend.store.getLink(cake.id);
    expect(held).toMatchObject({ refundedAmount: 12_000, state: 'paid' });
    expect((await backend.store.getLink(mistake.id))!.state).toBe('cancelled');

    mkdirSync('docs', { recursive: true });
    await counter.screenshot({ path: 'docs/pos-list.png' });
    await Promise.all([counter.close(), other.close()]);
  });
});
