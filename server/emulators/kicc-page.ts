/**
 * The emulated KICC payment page a link leads to. A placeholder: it shows
 * what the customer is asked to pay; paying through it comes later.
 */

import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatWon } from '../../core/money.js';
import type { KiccRegistration } from './kicc.js';

const CLOSED: Record<Exclude<KiccRegistration['state'], 'active'>, string> = {
  paid: '이미 결제된 요청입니다.',
  cancelled: '판매자가 취소한 결제 요청입니다.',
};

export function renderPaymentPage(registration: KiccRegistration, now: number): HtmlEscapedString | Promise<HtmlEscapedString> {
  const closed = registration.state !== 'active' ? CLOSED[registration.state] : registration.expiresAt <= now ? '결제 기한이 지났습니다.' : undefined;
  return html`<!doctype html>
<html lang="ko">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>KICC EasyPay (에뮬레이터)</title>
  </head>
  <body>
    <main>
      <p>${registration.mallName ?? registration.mallId}</p>
      <h1>${registration.goodsName}</h1>
      <p><strong>${formatWon(registration.amount)}</strong></p>
      ${registration.dispMsg ? html`<p>${registration.dispMsg}</p>` : ''}
      ${closed ? html`<p role="status">${closed}</p>` : html`<button type="button">결제하기</button>`}
    </main>
  </body>
</html>`;
}

export function renderMissingPage(): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<!doctype html>
<html lang="ko">
  <head><meta charset="utf-8" /><title>KICC EasyPay (에뮬레이터)</title></head>
  <body><main><p>결제 요청을 찾을 수 없습니다.</p></main></body>
</html>`;
}
