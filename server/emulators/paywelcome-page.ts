/**
 * The pages behind the emulator's short URLs, standing in for PayWelcome's
 * mobile payment screen. The payment page is a placeholder: it shows what
 * would be paid, and paying or declining comes with the emulated payment flow.
 */

import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatWon } from '../../core/money.js';

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageLink {
  mid: string;
  goods: string;
  amount: number;
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif; }
  body { margin: 0; min-height: 100dvh; display: grid; place-items: center; }
  main { width: min(24rem, 100% - 3rem); text-align: center; }
  dl { display: grid; grid-template-columns: auto 1fr; gap: 0.5rem 1rem; text-align: left; }
  dd { margin: 0; font-weight: 600; }
  button { width: 100%; padding: 0.9rem; font-size: 1.1rem; border-radius: 0.5rem; }
`;

function layout(title: string, content: Page): Page {
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
    <main>${content}</main>
  </body>
</html>`;
}

export function paymentPage(link: PageLink): Page {
  return layout(
    'PayWelcome 결제',
    html`<h1>결제 요청</h1>
      <dl>
        <dt>가맹점</dt>
        <dd>${link.mid}</dd>
        <dt>상품</dt>
        <dd>${link.goods}</dd>
        <dt>금액</dt>
        <dd>${formatWon(link.amount)}</dd>
      </dl>
      <button type="button" disabled aria-describedby="note">결제하기</button>
      <p id="note">PayWelcome 에뮬레이터: 결제 화면은 준비 중입니다.</p>`,
  );
}

export function expiredPage(): Page {
  return layout('결제 기간 만료', html`<h1>결제 기간이 지났습니다</h1><p>이 결제 URL은 만든 지 72시간이 지나 더는 결제할 수 없습니다.</p>`);
}

export function unknownLinkPage(): Page {
  return layout('없는 결제 URL', html`<h1>결제 URL을 찾을 수 없습니다</h1><p>주소를 다시 확인해 주세요.</p>`);
}
