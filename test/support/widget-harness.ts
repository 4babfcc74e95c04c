/**
 * The browser side of the widget tests: mounting `<pay-link-request>` against
 * the real backend, typing with real key presses, waiting for its events,
 * reading its QR code, checking accessibility with axe, and the commands of
 * widget-plugin.ts (the customer's phone, the network, the emulators).
 */

import axe from 'axe-core';
import jsQR from 'jsqr';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Fault } from '../../server/emulators/faults.js';
import '../../widget/define.js';
import type { CreateLinkRequest, PaymentLink } from '../../core/link.js';
import type { PayLinkEventDetails, PayLinkEventName, PayLinkListEventDetails, PayLinkListEventName } from '../../widget/events.js';
import type { PayLinkList } from '../../widget/pay-link-list.js';
import type { PayLinkRequest } from '../../widget/pay-link-request.js';
import type { BackendCounts, RecordedRequest } from './widget-plugin.js';

const BACKEND_MODULE = '/__backend.js';
const backends = (await import(/* @vite-ignore */ BACKEND_MODULE)) as { endpoint: string; tokenEndpoint: string };
/** The running backend's base URL (widget-plugin.ts serves it). */
export const endpoint: string = backends.endpoint;
/** Another backend, with WIDGET_TOKEN_SECRET set: every change needs a token (`server.token`). */
export const tokenEndpoint: string = backends.tokenEndpoint;

const mounted = new Set<HTMLElement>();
// An element shows again the link its tab last showed (remembered.ts): each test starts with none.
sessionStorage.clear();
/** The real timers, kept before a test may fake the clock. */
const { setTimeout, clearTimeout } = globalThis;

/** A `<pay-link-request>` on the page, with `attributes`; `endpoint` is the test backend unless given. */
export async function mount(attributes: Record<string, string | boolean> = {}): Promise<PayLinkRequest> {
  const element = document.createElement('pay-link-request');
  const all: Record<string, string | boolean> = { endpoint, lang: 'ko', ...attributes };
  for (const [name, value] of Object.entries(all)) {
    if (value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  document.body.append(element);
  mounted.add(element);
  // English is fetched on first use: the element shows itself once it has its words.
  await until(() => element.shadowRoot!.querySelector('form, section'), 'the element to render');
  return element;
}

/** A `<pay-link-list>` in `parent`, once it has read its first page; `endpoint` is the test backend unless given. */
export async function mountList(attributes: Record<string, string | boolean> = {}, parent: HTMLElement = document.body): Promise<PayLinkList> {
  const element = document.createElement('pay-link-list');
  const all: Record<string, string | boolean> = { endpoint, lang: 'ko', ...attributes };
  for (const [name, value] of Object.entries(all)) {
    if (value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  parent.append(element);
  mounted.add(element);
  // Its code is fetched on first use, then its words and its first page.
  await until(() => element.shadowRoot!.querySelector('section[aria-busy="false"]'), 'the list to read its first page');
  return element;
}

/** The row of the link with `id` in `list`, once it is there. */
export const rowOf = (list: PayLinkList, id: string, ms?: number) => until(() => list.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`), `the row of ${id}`, ms);

/** A link made through the API, as another till or the merchant's server would. */
export async function makeLink(body: CreateLinkRequest, { base = endpoint, token }: { base?: string; token?: string } = {}): Promise<PaymentLink> {
  const response = await fetch(`${base}/api/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST /api/links answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as PaymentLink;
}

/** Removes what `mount` added (call in `afterEach`). */
export function unmountAll() {
  mounted.forEach((element) => element.remove());
  mounted.clear();
  sessionStorage.clear();
}

export function $<E extends Element = HTMLElement>(element: HTMLElement, selector: string): E {
  const found = element.shadowRoot!.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export const $$ = (element: HTMLElement, selector: string) => [...element.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const text = (element: HTMLElement, selector: string) => $(element, selector).textContent!.replace(/\s+/g, ' ').trim();

/** Types into an input with real key presses, as staff would. */
export async function type(element: HTMLElement & { updateComplete: Promise<unknown> }, selector: string, keys: string) {
  $(element, selector).focus();
  await sendKeys({ type: keys });
  await element.updateComplete;
}

export async function fill(element: PayLinkRequest, values: { amount?: string; goodsName?: string; phone?: string; orderId?: string }) {
  if (values.amount) await type(element, '#amount', values.amount);
  if (values.goodsName) await type(element, '#goods-name', values.goodsName);
  if (values.phone) await type(element, '#phone', values.phone);
  if (values.orderId) await type(element, '#order-id', values.orderId);
}

type AnyEventDetails = PayLinkEventDetails & PayLinkListEventDetails;

/** The next `type` event from `element`, or a failure after `ms`. */
export function nextEvent<K extends PayLinkEventName | PayLinkListEventName>(element: HTMLElement, type: K, ms = 15_000): Promise<CustomEvent<AnyEventDetails[K]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${ms} ms`)), ms);
    element.addEventListener(type, (event) => (clearTimeout(timer), resolve(event as CustomEvent<AnyEventDetails[K]>)), { once: true });
  });
}

/** Waits until `check` returns something truthy. */
export async function until<T>(check: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const giveUpAt = performance.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (performance.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fills the form, presses the submit button and waits for the link. */
export async function createLink(element: PayLinkRequest, values: Parameters<typeof fill>[1] = { amount: '12000', goodsName: '커피 원두 1kg' }) {
  const created = nextEvent(element, 'pay-link-created');
  await fill(element, values);
  $(element, '[part~="submit"]').click();
  return (await created).detail.link;
}

/** The text of the QR code the element draws, read from its pixels as a phone camera would. */
export async function decodeQr(svg: SVGSVGElement, size = 400): Promise<string | null> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('width', String(size));
  copy.setAttribute('height', String(size));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await image.decode();
  const canvas = Object.assign(document.createElement('canvas'), { width: size, height: size });
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0, size, size);
  return jsQR(context.getImageData(0, 0, size, size).data, size, size)?.data ?? null;
}

/** axe-core's violations inside the element (its shadow root included), as readable lines. */
export async function accessibilityViolations(element: HTMLElement): Promise<string[]> {
  const results = await axe.run(element);
  return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** What the backend and the world around it do, run by widget-plugin.ts. */
export const server = {
  counts: () => executeServerCommand<BackendCounts, undefined>('backend-counts'),
  fault: (provider: 'kicc' | 'paywelcome', fault: Fault | null) => executeServerCommand('provider-fault', { provider, fault }),
  /** The customer opens the link on their phone. */
  open: (url: string) => executeServerCommand<number, { url: string }>('customer-open', { url }),
  /** The customer pays on the provider's page (`link.url`). */
  pay: (url: string) => executeServerCommand<number, { url: string }>('customer-pay', { url }),
  offline: (offline: boolean) => executeServerCommand('set-offline', { offline }),
  loseNextResponse: (method: string, url: string) => executeServerCommand('lose-next-response', { method, url }),
  recordRequests: () => executeServerCommand('record-requests'),
  recordedRequests: () => executeServerCommand<RecordedRequest[], undefined>('recorded-requests'),
  grantClipboard: (write = true) => executeServerCommand('grant-clipboard', { write }),
  /** A widget token for `tokenEndpoint`. */
  token: (claims: { role?: 'customer' | 'staff' | 'merchant'; sub?: string }) => executeServerCommand<string, typeof claims>('mint-token', claims),
  /** Ctrl+V into the focused field. */
  paste: () => executeServerCommand('paste'),
  grantWakeLock: () => executeServerCommand('grant-wake-lock'),
  /** The server goes down, dropping every connection; `start` brings it back on the same address and data. */
  stop: () => executeServerCommand('backend-stop'),
  start: () => executeServerCommand('backend-start'),
  /** KICC tells the server the link was paid (as its retries do once the server is back). */
  kiccPaid: (link: { orderId: string; amount: number }) => executeServerCommand<number, { orderId: string; amount: number }>('kicc-paid', { orderId: link.orderId, amount: link.amount }),
  smsOutbox: () => executeServerCommand<{ to: string; text: string }[], undefined>('sms-outbox'),
  /** A finger taps the middle of `target`. */
  tap: (target: Element) => {
    const box = target.getBoundingClientRect();
    return executeServerCommand('tap', { x: box.left + box.width / 2, y: box.top + box.height / 2 });
  },
};
