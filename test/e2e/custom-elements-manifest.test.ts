/**
 * custom-elements.json (built from the element's decorators and JSDoc tags)
 * against the element itself in Chromium: what editors and Storybook are told
 * is what the element has. The demo POS page provides one, with a link made.
 */

import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

beforeAll(async () => {
  if (!existsSync(MANIFEST)) throw new Error('Run `npm run build` first (npm test does).');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  element = manifest.modules.flatMap((module: { declarations: ElementDeclaration[] }) => module.declarations).find((declaration: ElementDeclaration) => declaration.tagName === 'pay-link-request');
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
