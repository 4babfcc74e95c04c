/**
 * custom-elements.json (built from the elements' `static properties` and JSDoc tags)
 * against the elements themselves in Chromium: what editors and Storybook are
 * told is what each element has. The demo POS page provides both, the form
 * with a link made, the list with rows in every state and its dialogs open.
 */

import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../support/backend.js';
import { launchChromium } from '../support/browser.js';

interface Named {
  name: string;
}
interface ElementDeclaration {
  tagName: string;
  attributes: Named[];
  events: Named[];
  cssParts: Named[];
  cssProperties: Named[];
}

/** Where `npm run build` writes it: in the element package. */
const MANIFEST = 'packages/element/dist/custom-elements.json';

let backend: TestBackend;
let browser: Browser;
let page: Page;
let element: ElementDeclaration;
let list: ElementDeclaration;

beforeAll(async () => {
  if (!existsSync(MANIFEST)) throw new Error('Run `npm run build` first (npm test does).');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const declarations: ElementDeclaration[] = manifest.modules.flatMap((module: { declarations: ElementDeclaration[] }) => module.declarations);
  element = declarations.find((declaration) => declaration.tagName === 'pay-link-request')!;
  list = declarations.find((declaration) => declaration.tagName === 'pay-link-list')!;
  backend = await startBackend({ DIST_DIR: 'dist' });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${backend.url}/pos`);
  await page.locator('#amount').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await backend?.dispose();
});

const names = (list: Named[]) => list.map(({ name }) => name).sort();

/** Every name in the `part` attributes of the element's shadow root as it is now. */
const partsShown = () =>
  page.locator('pay-link-request').evaluate((host) => [...host.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/)));

it('lists exactly the attributes the element observes', async () => {
  const observed = await page.evaluate(() => [...(customElements.get('pay-link-request') as unknown as { observedAttributes: string[] }).observedAttributes]);
  expect(names(element.attributes)).toEqual(observed.sort());
});

it('lists exactly the events widget/events.ts declares in HTMLElementEventMap', () => {
  const declared = [...readFileSync('widget/events.ts', 'utf8').matchAll(/^\s+'(pay-link-[a-z-]+)': PayLinkEvent</gm)].map(([, name]) => name!);
  expect(declared.length).toBeGreaterThan(0);
  expect(names(element.events)).toEqual(declared.sort());
});

it('lists exactly the --pay-link-* custom properties the styles read', async () => {
  const read = await page.evaluate(() => {
    const styles = (customElements.get('pay-link-request') as unknown as { elementStyles: { cssText: string }[] }).elementStyles;
    return [...new Set(styles.flatMap(({ cssText }) => [...cssText.matchAll(/var\((--pay-link-[\w-]+)/g)].map((match) => match[1]!)))];
  });
  expect(names(element.cssProperties)).toEqual(read.sort());
});

it('names every part the form and the result show', async () => {
  const documented = new Set(names(element.cssParts));
  const shown = new Set(await partsShown());
  await page.locator('#amount').pressSequentially('15000');
  await page.locator('#goods-name').pressSequentially('아메리카노 2잔');
  await page.locator('[part~="submit"]').click();
  await page.locator('svg[part="qr"]').waitFor();
  for (const part of await partsShown()) shown.add(part);
  expect(shown.size).toBeGreaterThan(20);
  expect([...shown].filter((part) => !documented.has(part))).toEqual([]);
});

describe('<pay-link-list>', () => {
  /** Every name in the `part` attributes of the list's shadow root as it is now. */
  const listParts = () =>
    page.locator('pay-link-list').evaluate((host) => [...host.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => node.getAttribute('part')!.split(/\s+/)));
  const inList = (selector: string) => page.locator(`pay-link-list ${selector}`);

  it('lists exactly the attributes the element observes', async () => {
    const observed = await page.evaluate(() => [...(customElements.get('pay-link-list') as unknown as { observedAttributes: string[] }).observedAttributes]);
    expect(names(list.attributes)).toEqual(observed.sort());
  });

  it('lists exactly the events widget/events.ts declares for it', () => {
    // The keys of PayLinkListEventDetails (pay-link-cancelled is declared once for both elements).
    const source = readFileSync('widget/events.ts', 'utf8');
    const block = /export interface PayLinkListEventDetails \{([\s\S]*?)\n\}/.exec(source)![1]!;
    const declared = [...block.matchAll(/^\s+'(pay-link-[a-z-]+)':/gm)].map(([, name]) => name!);
    expect(declared.length).toBeGreaterThan(0);
    expect(names(list.events)).toEqual(declared.sort());
  });

  it('lists exactly the --pay-link-* custom properties its styles read (adopted once its code is loaded)', async () => {
    await inList('section[aria-busy="false"]').waitFor();
    const read = await page.locator('pay-link-list').evaluate((host) => {
      const rules = host.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
      return [...new Set(rules.flatMap((text) => [...text.matchAll(/var\((--pay-link-[\w-]+)/g)].map((match) => match[1]!)))];
    });
    expect(names(list.cssProperties)).toEqual(read.sort());
  });

  it('names every part its rows and dialogs show', async () => {
    const post = (path: string, body: unknown) => backend.post(path, body).then((response) => response.json() as Promise<{ id: string; url: string }>);
    const texted = await post('/api/links', { amount: 3000, goodsName: 'Tea', delivery: 'provider-sms', customer: { phone: '010-1234-5678' } });
    const paid = await post('/api/links', { amount: 4000, goodsName: 'Cake' });
    await fetch(paid.url, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' });
    const cancelled = await post('/api/links', { amount: 5000, goodsName: 'Pie' });
    await post(`/api/links/${cancelled.id}/cancel`, {});
    await inList(`[data-id="${cancelled.id}"] [part~="request-again"]`).waitFor();
    await inList(`[data-id="${paid.id}"] [part~="refund"]`).waitFor();

    const shown = new Set(await listParts());
    const collect = async () => (await listParts()).forEach((part) => shown.add(part));
    await inList(`[data-id="${texted.id}"] [part~="qr"]`).click();
    await inList('svg[part="qr-code"]').waitFor();
    await collect();
    await inList('dialog [part~="close"]').click();
    await inList(`[data-id="${texted.id}"] [part~="cancel"]`).click();
    await inList('dialog [part~="confirm"]').waitFor();
    await collect();
    await inList('dialog [part~="close"]').click();
    await inList(`[data-id="${paid.id}"] [part~="refund"]`).click();
    await inList('dialog input[type="radio"] >> nth=1').check();
    await inList('#refund-amount').fill('999999');
    await inList('dialog [part~="next"]').click();
    await inList('dialog [part~="error"]').waitFor();
    await collect();
    await inList('#refund-amount').fill('1000');
    await inList('dialog [part~="next"]').click();
    await inList('dialog [part~="back"]').waitFor();
    await collect();
    // KICC down for the refund: the dialog shows the gateway's failure in its alert.
    backend.emulators!.kicc.faults.set({ mode: 'http500', times: 1 });
    await inList('dialog [part~="confirm"]').click();
    await inList('dialog [part~="alert"]').waitFor();
    await collect();

    const documented = new Set(names(list.cssParts));
    expect(shown.size).toBeGreaterThan(25);
    expect([...shown].filter((part) => !documented.has(part))).toEqual([]);
    // What a page of fewer links than a page, read without a failure, does not show.
    expect([...documented].filter((part) => !shown.has(part)).sort()).toEqual(['empty', 'more', 'retry']);
  });
});
