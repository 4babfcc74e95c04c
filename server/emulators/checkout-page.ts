/**
 * The emulated customer side: a provider's mobile checkout for one link
 * (amount, product, merchant; Pay and Decline), and the pages that follow.
 * Korean first, in each provider's colours, plain enough for any phone.
 */

import { html, raw } from 'hono/html';
import { formatWon } from '../../core/money.js';

export interface CheckoutBrand {
  name: string;
  accent: string;
}

export const BRANDS = {
  kicc: { name: 'EasyPay', accent: '#0a4da2' },
  paywelcome: { name: 'Welcome Payments', accent: '#00a37a' },
} satisfies Record<string, CheckoutBrand>;

const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, 'Apple SD Gothic Neo', 'Noto Sans KR', sans-serif; background: #f2f4f7; color: #1a1d21; }
  header { background: var(--accent); color: #fff; padding: 14px 20px; font-weight: 700; letter-spacing: .02em; }
  header small { font-weight: 400; opacity: .85; margin-left: 6px; }
  main { max-width: 440px; margin: 0 auto; padding: 20px; }
  .card { background: #fff; border-radius: 14px; padding: 20px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
  dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 10px 16px; }
  dt { color: #5b6470; } dd { margin: 0; text-align: right; font-weight: 600; word-break: keep-all; }
  .message { background: #f6f8fa; border-radius: 10px; padding: 12px; margin: 0; line-height: 1.5; }
  .amount { font-size: 1.8rem; font-weight: 800; text-align: right; margin: 8px 0 18px; color: var(--accent); }
  fieldset { border: 0; padding: 0; margin: 18px 0 0; }
  legend { color: #5b6470; margin-bottom: 8px; }
  label.method { display: flex; gap: 10px; align-items: center; padding: 12px; border: 1px solid #d5dae1; border-radius: 10px; margin-bottom: 8px; }
  button { width: 100%; padding: 16px; border-radius: 12px; border: 0; font-size: 1.05rem; font-weight: 700; margin-top: 12px; cursor: pointer; }
  .pay { background: var(--accent); color: #fff; }
  .decline { background: transparent; color: #5b6470; border: 1px solid #d5dae1; }
  .notice { text-align: center; padding: 32px 8px; }
  .notice .icon { font-size: 3rem; }
  footer { text-align: center; color: #8a93a0; font-size: .8rem; margin-top: 18px; }
`;

function layout(brand: CheckoutBrand, title: string, body: unknown) {
  return html`<!doctype html>
<html lang="ko">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title} · ${brand.name}</title>
    <style>${raw(STYLE)} :root { --accent: ${raw(brand.accent)}; }</style>
  </head>
  <body>
    <header>${brand.name}<small>테스트 결제 (에뮬레이터)</small></header>
    <main>${body}</main>
  </body>
</html>`;
}

export interface CheckoutDetails {
  merchantName: string;
  goodsName: string;
  amount: number;
  orderId: string;
  /** The merchant's note to the customer, when there is one. */
  message?: string;
  /** The page's own path; the form posts `action=pay` or `action=decline` back to it, with the `method` chosen. */
  action: string;
  expiresAt: number;
  /** The payment methods offered, the first one chosen. */
  methods: readonly PaymentMethodChoice[];
}

export interface PaymentMethodChoice {
  /** What the form posts as `method`. */
  value: string;
  label: string;
}

/**
 * The page's own address relative to itself (`./<code>`): behind a proxy that
 * serves this server under a path prefix, an absolute path would miss it.
 */
const toItself = (path: string) => `./${path.slice(path.lastIndexOf('/') + 1)}`;

export function checkoutPage(brand: CheckoutBrand, d: CheckoutDetails) {
  const expires = new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' }).format(d.expiresAt);
  return layout(
    brand,
    '결제하기',
    html`<form class="card" method="post" action="${toItself(d.action)}">
        <dl>
          <dt>가맹점</dt><dd>${d.merchantName}</dd>
          <dt>상품명</dt><dd>${d.goodsName}</dd>
          <dt>주문번호</dt><dd>${d.orderId}</dd>
          <dt>결제 기한</dt><dd>${expires}</dd>
        </dl>
        <div class="amount" aria-label="결제 금액">${formatWon(d.amount)}</div>
        ${d.message ? html`<p class="message">${d.message}</p>` : ''}
        <fieldset>
          <legend>결제 수단</legend>
          ${d.methods.map(
            (method, index) =>
              html`<label class="method"><input type="radio" name="method" value="${method.value}"${index === 0 ? raw(' checked') : ''} /> ${method.label}</label>`,
          )}
        </fieldset>
        <button class="pay" name="action" value="pay" type="submit">${formatWon(d.amount)} 결제하기</button>
        <button class="decline" name="action" value="decline" type="submit">결제 안 함</button>
      </form>
      <footer>실제 돈이 나가지 않는 테스트 결제창입니다.</footer>`,
  );
}

export type NoticeKind = 'paid' | 'declined' | 'expired' | 'cancelled' | 'already_paid' | 'missing';

const NOTICES: Record<NoticeKind, { icon: string; title: string; text: string }> = {
  paid: { icon: '✅', title: '결제가 완료되었습니다', text: '가맹점에 결제 결과를 알렸습니다. 이 창을 닫으셔도 됩니다.' },
  declined: { icon: '↩️', title: '결제를 하지 않았습니다', text: '링크가 유효한 동안 다시 열어 결제할 수 있습니다.' },
  expired: { icon: '⌛', title: '결제 기한이 지났습니다', text: '가맹점에 새 결제 요청을 부탁해 주세요.' },
  cancelled: { icon: '🚫', title: '취소된 결제 요청입니다', text: '가맹점이 결제 요청을 취소했습니다.' },
  already_paid: { icon: '✅', title: '이미 결제된 요청입니다', text: '같은 요청으로 두 번 결제되지 않습니다.' },
  missing: { icon: '❓', title: '결제 요청을 찾을 수 없습니다', text: '주소를 다시 확인해 주세요.' },
};

export function noticePage(brand: CheckoutBrand, kind: NoticeKind) {
  const notice = NOTICES[kind];
  return layout(
    brand,
    notice.title,
    html`<div class="card notice" data-notice="${kind}">
      <div class="icon" aria-hidden="true">${notice.icon}</div>
      <h1>${notice.title}</h1>
      <p>${notice.text}</p>
    </div>`,
  );
}
