/**
 * The few HTML pages the server shows customers itself (short-link states,
 * the after-payment page): one plain, mobile-first layout, Korean first.
 */

import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif; }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { max-width: 26rem; padding: 2rem 1.5rem; text-align: center; }
  h1 { font-size: 1.4rem; margin: 0.5rem 0; }
  p { line-height: 1.6; opacity: 0.85; }
  .icon { font-size: 3rem; }
  .en { font-size: 0.9rem; opacity: 0.7; }
`;

export interface PageContent {
  title: string;
  icon: string;
  heading: string;
  body: string;
  english: string;
}

export function renderPage({ title, icon, heading, body, english }: PageContent): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<!doctype html>
<html lang="ko">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <main>
      <div class="icon" aria-hidden="true">${icon}</div>
      <h1>${heading}</h1>
      <p>${body}</p>
      <p class="en" lang="en">${english}</p>
    </main>
  </body>
</html>`;
}
