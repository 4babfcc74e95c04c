/**
 * The few HTML pages the server shows customers itself (short-link states,
 * the after-payment page): one plain, mobile-first layout, Korean first. A
 * page about a link names the shop and the sale, so the customer knows whose
 * request it was; its icon is inline SVG, the same on every phone (an emoji
 * is drawn differently by each, or not at all).
 */

import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatGrouped } from '../../core/money.js';

const STYLE = `
  :root { color-scheme: light dark; --ok: #136c4f; --muted: #555d6b; font-family: system-ui, -apple-system, 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif; }
  @media (prefers-color-scheme: dark) { :root { --ok: #7fdcb4; --muted: #aab1bd; } }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: Canvas; color: CanvasText; word-break: keep-all; overflow-wrap: anywhere; }
  main { max-width: 26rem; padding: 2rem 1.5rem; text-align: center; }
  h1 { font-size: 1.4rem; margin: 0.5rem 0; }
  p { line-height: 1.6; }
  .icon { width: 4rem; height: 4rem; color: var(--muted); }
  .icon.ok { color: var(--ok); }
  .sale { margin: 1.25rem 0; padding: 1rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 12px; }
  .sale p { margin: 0; }
  .shop { font-weight: 600; }
  .amount { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .muted, .en { color: var(--muted); }
  .en { font-size: 0.9rem; }
`;

/** One drawing per kind of page, on a 48-unit square, in the page's text colour. */
const ICONS = {
  paid: '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/><path d="M14 25l7 7 13-15" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>',
  refunded: '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/><path d="M17 20h13a6 6 0 0 1 0 12h-9M17 20l5-5M17 20l5 5" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>',
  expired: '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/><path d="M24 12v13l8 5" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/>',
  cancelled: '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/><path d="M16 16l16 16M32 16L16 32" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round"/>',
  failed: '<path d="M24 5L45 42H3z" fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round"/><path d="M24 18v11" stroke="currentColor" stroke-width="3.5" stroke-linecap="round"/><circle cx="24" cy="35" r="2.2" fill="currentColor"/>',
  waiting: '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3" stroke-dasharray="6 5"/><path d="M24 14v11l7 4" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round"/>',
  missing: '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/><path d="M18 19a6 6 0 1 1 8 5.6c-1.3.5-2 1.6-2 3V29" fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round"/><circle cx="24" cy="35" r="2.2" fill="currentColor"/>',
} as const;

export type PageIcon = keyof typeof ICONS;

export interface PageContent {
  title: string;
  icon: PageIcon;
  heading: string;
  body: string;
  english: string;
}

/** The sale a page is about: whose it is, what, and how much. */
export interface PageSale {
  /** The shop's name; absent when the server has none. */
  shop?: string;
  goodsName: string;
  /** Integer won. */
  amount: number;
}

export function renderPage({ title, icon, heading, body, english }: PageContent, sale?: PageSale): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<!doctype html>
<html lang="ko">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${sale?.shop ? `${title} · ${sale.shop}` : title}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <main>
      <svg class="icon${icon === 'paid' ? ' ok' : ''}" viewBox="0 0 48 48" aria-hidden="true">${raw(ICONS[icon])}</svg>
      <h1>${heading}</h1>
      ${sale
        ? html`<div class="sale">
            ${sale.shop ? html`<p class="shop">${sale.shop}</p>` : ''}
            <p class="muted">${sale.goodsName}</p>
            <p class="amount">${formatGrouped(sale.amount)}원</p>
          </div>`
        : ''}
      <p>${body}</p>
      <p class="en" lang="en">${english}</p>
    </main>
  </body>
</html>`;
}
