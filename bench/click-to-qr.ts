/**
 * From the click on "create" to the QR code painted, in headless Chromium on
 * the demo POS page, against a local server (its built-in emulator answering
 * for KICC), at full speed and with the CPU throttled 4× (a cheap POS
 * tablet). Each run loads the page afresh and makes two links: the first
 * (the result view and QR encoder are imported on the click, from the HTTP
 * cache once the warm-up runs have filled it) and the next (after "new
 * request"). Baselines, taken in the same page in each run: the emulator's
 * registration round trip from the page's `fetch`, and the same for our
 * `POST /api/links`.
 */

import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { KICC_CONTENT_TYPE, KICC_REGISTER_PATH, LINK_REQUEST, kiccRegistration, nextOrderNo } from './emulator-body.js';
import { SERVER_MAIN, serverEnv, spawnNode } from './procs.js';
import { spread, type Spread } from './stats.js';

export interface ClickToQrRun {
  cpuThrottling: number;
  emulatorFetch: Spread;
  apiFetch: Spread;
  firstQr: Spread;
  nextQr: Spread;
  /** The widget's own share: from the end of its `POST /api/links` answer (Resource Timing) to the QR painted. */
  firstAfterAnswer: Spread;
  nextAfterAnswer: Spread;
}

export interface ClickToQrResult {
  runs: number;
  rates: ClickToQrRun[];
}

type Measure = Exclude<keyof ClickToQrRun, 'cpuThrottling'>;
const MEASURES: Measure[] = ['emulatorFetch', 'apiFetch', 'firstQr', 'nextQr', 'firstAfterAnswer', 'nextAfterAnswer'];
const WARM_UP_RUNS = 2;

/** `dist`: the build to serve (see build.ts). */
export async function clickToQr(dir: string, dist: string, runs: number, rates = [1, 4]): Promise<ClickToQrResult & { chromium: string }> {
  const server = await spawnNode(SERVER_MAIN, serverEnv(join(dir, 'click.sqlite'), { DIST_DIR: dist }));
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const results: ClickToQrRun[] = [];
    for (const rate of rates) results.push(await measureAt(browser, server.url, rate, runs));
    return { runs, rates: results, chromium: browser.version() };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

async function measureAt(browser: Browser, url: string, rate: number, runs: number): Promise<ClickToQrRun> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const samples = Object.fromEntries(MEASURES.map((measure) => [measure, [] as number[]])) as Record<Measure, number[]>;
  try {
    // Every run is a first visit: the link the run before left on screen is not shown again (the element restores it per tab).
    await context.addInitScript(() => sessionStorage.clear());
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    for (let run = -WARM_UP_RUNS; run < runs; run++) {
      // The page loads at full speed; only what follows is throttled.
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await page.goto(`${url}/pos`);
      // The sale comes prefilled (as a POS system passes it), for this link and the next: only the click is timed.
      await page.evaluate(prefill, LINK_REQUEST);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      // Each baseline goes first in every other run, so neither always follows the page load.
      const { emulatorFetch, apiFetch } = await baselines(page, run % 2 === 0);
      const firstQr = await makeLink(page);
      // The first link can still be paid: "new request" asks, and cancelling it is the default answer.
      await page.locator('[part~="new"]').click();
      await page.locator('[part~="cancel-and-new"]').click();
      await formReady(page);
      const nextQr = await makeLink(page);
      if (run < 0) continue;
      const taken = { emulatorFetch, apiFetch, firstQr: firstQr.total, nextQr: nextQr.total, firstAfterAnswer: firstQr.afterAnswer, nextAfterAnswer: nextQr.afterAnswer };
      for (const measure of MEASURES) samples[measure].push(taken[measure]);
    }
  } finally {
    await context.close();
  }
  return { cpuThrottling: rate, ...(Object.fromEntries(MEASURES.map((measure) => [measure, spread(samples[measure])])) as Record<Measure, Spread>) };
}

/** The emulator's registration, and our `POST /api/links` as the widget sends it, each from the page's `fetch`. */
async function baselines(page: Page, emulatorFirst: boolean) {
  const emulator = () =>
    page.evaluate(timedPost, {
      path: KICC_REGISTER_PATH,
      headers: { 'content-type': KICC_CONTENT_TYPE },
      body: JSON.stringify(kiccRegistration(nextOrderNo())),
    });
  const api = () =>
    page.evaluate(timedPost, {
      path: '/api/links',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': 'ko', 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify(LINK_REQUEST),
    });
  if (emulatorFirst) {
    const emulatorFetch = await emulator();
    return { emulatorFetch, apiFetch: await api() };
  }
  const apiFetch = await api();
  return { emulatorFetch: await emulator(), apiFetch };
}

interface QrTiming {
  /** Click event → QR painted. */
  total: number;
  /** End of the widget's `POST /api/links` answer → QR painted. */
  afterAnswer: number;
}

/** The form is on screen with the sale filled in. */
async function formReady(page: Page) {
  await page.waitForFunction(() => document.querySelector('pay-link-request')?.shadowRoot?.querySelector<HTMLInputElement>('input#amount')?.value);
}

/** Staff click create on the prefilled form. */
async function makeLink(page: Page): Promise<QrTiming> {
  await page.evaluate(armQrTimer);
  await page.locator('[part~="submit"]').click();
  return page.evaluate(readQrTimer);
}

// The functions below run in the page. tsx keeps function names with a
// `__name` helper the page lacks: no functions assigned to variables in them.

/**
 * Starts at the click event's time stamp; stops when the QR svg is in the
 * element's shadow root and a frame has been painted with it (a message
 * posted from that frame's requestAnimationFrame arrives after its paint).
 */
function armQrTimer() {
  const root = document.querySelector('pay-link-request')!.shadowRoot!;
  (window as unknown as { qrTimer: Promise<{ clickedAt: number; paintedAt: number }> }).qrTimer = new Promise((resolve, reject) => {
    let clickedAt: number | undefined;
    document.addEventListener('click', (event) => (clickedAt ??= event.timeStamp), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!root.querySelector('svg[part="qr"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ clickedAt: clickedAt!, paintedAt: performance.now() });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(root, { childList: true, subtree: true });
    setTimeout(() => reject(new Error('no QR code within 20 s of the click')), 20_000);
  });
}

/** Sets the sale on the element and waits for the form to show it. */
async function prefill({ amount, goodsName }: { amount: number; goodsName: string }) {
  await customElements.whenDefined('pay-link-request');
  const element = document.querySelector('pay-link-request')!;
  element.setAttribute('amount', String(amount));
  element.setAttribute('goods-name', goodsName);
  await element.updateComplete;
  // POS mode draws its form from a chunk of its own: up to 10 s for it to arrive and show the sale.
  for (let waited = 0; !element.shadowRoot!.querySelector<HTMLInputElement>('input#amount')?.value; waited += 20) {
    if (waited > 10_000) throw new Error('the form did not take the prefilled sale');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function readQrTimer() {
  const { clickedAt, paintedAt } = await (window as unknown as { qrTimer: Promise<{ clickedAt: number; paintedAt: number }> }).qrTimer;
  const answer = performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith('/api/links') && entry.startTime >= clickedAt)
    .at(-1) as PerformanceResourceTiming | undefined;
  if (!answer) throw new Error('no POST /api/links after the click');
  return { total: paintedAt - clickedAt, afterAnswer: paintedAt - answer.responseEnd };
}

/** In the page: one POST with `fetch`, milliseconds to the parsed JSON answer. */
async function timedPost({ path, headers, body }: { path: string; headers: Record<string, string>; body: string }) {
  const started = performance.now();
  const response = await fetch(path, { method: 'POST', headers, body, credentials: 'omit' });
  const json = (await response.json()) as { resCd?: string };
  const elapsed = performance.now() - started;
  if (!response.ok || (json.resCd !== undefined && json.resCd !== '0000')) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return elapsed;
}
