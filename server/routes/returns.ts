/**
 * Where the provider sends the customer's browser after paying
 * (PayWelcome's `P_RETURN_URL` / `P_NEXT_URL` by default). The payment itself
 * is confirmed by the provider's notification, never by this visit.
 */

import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { renderPage } from '../pages/page.js';

const done = renderPage({
  title: '결제 완료',
  icon: 'paid',
  heading: '결제 요청을 마쳤습니다',
  body: '결과는 판매자에게 바로 전달됩니다. 이 창을 닫으셔도 됩니다.',
  english: 'Your payment has been sent to the seller. You can close this window.',
});

export const returnRoutes = () =>
  new Hono<AppEnv>().all('/:provider', (c) => c.html(done));
